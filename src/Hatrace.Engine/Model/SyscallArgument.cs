using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Model;

/// <summary>One decoded argument of a syscall.</summary>
public sealed class SyscallArgument
{
    // The session's renderer, which makes Text; null for an argument read back from a file, whose text is final.
    private readonly Decoding.StraceRenderer? _render;
    private readonly string? _template;
    private readonly Decoding.TextForm _form;
    private readonly Func<Decoding.StraceRenderer, string>? _print;
    private string? _text;

    /// <summary>An argument whose text is <paramref name="text"/>, final (read back from a file) or, with
    /// <paramref name="render"/>, written by a decoder with <see cref="Decoding.StraceRenderer.Template"/>'s pieces.</summary>
    internal SyscallArgument(string name, long raw, ArgumentKind kind, object? value, string text, Decoding.StraceRenderer? render = null)
        : this(name, raw, kind, value, render) => _template = text;

    // An argument whose text the renderer makes from its value, the first time it is asked for: most records in a
    // pipeline are filtered on their values and never printed.
    internal SyscallArgument(string name, long raw, ArgumentKind kind, object value, Decoding.StraceRenderer render, Decoding.TextForm form)
        : this(name, raw, kind, value, render) => _form = form;

    // An argument whose text its printer makes from the decoded value with the renderer that prints it (a structure).
    internal SyscallArgument(string name, long raw, ArgumentKind kind, object? value, Decoding.StraceRenderer render, Func<Decoding.StraceRenderer, string> print)
        : this(name, raw, kind, value, render) => _print = print;

    private SyscallArgument(string name, long raw, ArgumentKind kind, object? value, Decoding.StraceRenderer? render)
    {
        Name = name;
        Raw = raw;
        Kind = kind;
        Value = value;
        _render = render;
    }

    /// <summary>The parameter's name as the call's man page gives it (<c>pathname</c>, <c>flags</c>); see
    /// <see cref="SyscallParameter.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The register value the call was made with.</summary>
    public long Raw { get; }

    /// <summary>How the argument was decoded.</summary>
    public ArgumentKind Kind { get; }

    /// <summary>The decoded value, one of a closed set of types: a <see cref="long"/> for numbers, a
    /// <see cref="ProcessIdValue"/> for a pid, a <see cref="DescriptorValue"/> for a file descriptor, a
    /// <see cref="FlagsValue"/> for a bit mask, a <see cref="ConstantValue"/> for a value from a table of names, a
    /// <see cref="StringValue"/> for paths, strings and buffers, an <see cref="int"/> array for descriptor pairs and
    /// sets, a <see cref="StructValue"/> for a structure (its fields values of these types in turn, times as
    /// <see cref="DateTimeOffset"/>), an <see cref="ArrayValue"/> for an array of structures or of strings (argv), a
    /// <see cref="SocketAddressValue"/> for a socket address, a <see cref="SignalSetValue"/> for a signal mask; the number
    /// a pointer points to for <c>[0]</c>; a <see cref="PointerValue"/> (the address and why it was not followed) where
    /// memory was not decoded; null where nothing was read. Strings (<see cref="StringValue.Text"/>) are the
    /// tracee's bytes made safe to show and export: printable UTF-8 as the program passed it; control characters (C0,
    /// DEL, C1) and bytes that are not UTF-8 escaped as strace escapes them (<c>\n</c>, <c>\33</c>, <c>\302\233</c>,
    /// <c>\377</c>); a backslash doubled (<c>\\</c>) only where it would otherwise read as the start of an escape.</summary>
    public object? Value { get; }

    /// <summary>The argument as strace prints it (<c>"/etc/passwd"</c>, <c>O_RDONLY|O_CLOEXEC</c>).</summary>
    public string Text => _text ??= _render is null ? _template! : Render(_render);

    /// <summary>The text as <paramref name="render"/> prints it: the session's, or another's (other <c>-X</c>, <c>-x</c>,
    /// renumbered pids).</summary>
    internal string Render(Decoding.StraceRenderer render) =>
        _print is not null ? Print(render)
        : _template is not null ? (_render is null ? _template : render.Resolve(_template))
        : render.Render(Value!, _form);

    /// <summary>Appends the text as <paramref name="render"/> prints it (the session's when null): a number or a string
    /// straight into the line, not kept, for a writer that prints each argument once.</summary>
    internal void AppendTo(System.Text.StringBuilder text, Decoding.StraceRenderer? render)
    {
        Decoding.StraceRenderer? rules = render ?? _render;
        if (_text is null && rules is not null && _print is null && _template is null && rules.TryAppend(text, Value!, _form))
            return;
        text.Append(render is null ? Text : Render(render));
    }

    // A decoder's printer runs when the text is asked for, after the decoder's own guard: one that fails on data it did
    // not expect must not end a trace either, so the argument prints as its address.
    private string Print(Decoding.StraceRenderer render)
    {
        try
        {
            return _print!(render);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Decoding.DecodeContext.FormatAddress(Raw);
        }
    }

    /// <summary>For a file descriptor, what it referred to when the call was decoded (<see cref="DescriptorValue.Path"/>
    /// of the <see cref="Value"/>); null for other arguments, and where the session does not resolve descriptors.</summary>
    public string? FdPath => (Value as DescriptorValue)?.Path;

    /// <inheritdoc/>
    public override string ToString() => Text;
}
