using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Model;

/// <summary>One decoded argument of a syscall.</summary>
public sealed class SyscallArgument
{
    internal SyscallArgument(string name, long raw, ArgumentKind kind, object? value, string text)
    {
        Name = name;
        Raw = raw;
        Kind = kind;
        Value = value;
        Text = text;
    }

    /// <summary>The parameter's name in the kernel's prototype (<c>filename</c>, <c>flags</c>).</summary>
    public string Name { get; }

    /// <summary>The register value the call was made with.</summary>
    public long Raw { get; }

    /// <summary>How the argument was decoded.</summary>
    public ArgumentKind Kind { get; }

    /// <summary>The decoded value: a <see cref="long"/> for numbers and flags, a <see cref="string"/> for
    /// paths and strings, a <see cref="byte"/> array for buffers, a <see cref="string"/> array for argv;
    /// null where memory could not be read.</summary>
    public object? Value { get; }

    /// <summary>The argument as strace prints it (<c>"/etc/passwd"</c>, <c>O_RDONLY|O_CLOEXEC</c>).</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
