using Hatrace.Engine.Decoding;

namespace Hatrace.Engine.Formatting;

/// <summary>How to make strace's text of a record again, with other choices than the session's
/// (<see cref="StraceFormatter.Format(Model.SyscallEvent, StraceTextOptions)"/>): its names, numbers, strings and
/// process ids are printed from what was decoded, by these rules.</summary>
public sealed class StraceTextOptions
{
    private StraceRenderer? _renderer;

    /// <summary>How named values and flags print (strace's <c>-X</c>).</summary>
    public ConstantStyle ConstantStyle { get; init; }

    /// <summary>How strings and buffers are escaped (strace's <c>-x</c>, <c>-xx</c>).</summary>
    public StringEscape StringEscape { get; init; }

    /// <summary>How many bytes of a string or buffer print at most (strace's <c>-s</c>), paths and names excepted as
    /// strace excepts them; null for as many as the session read. A record holds as many as its session's <c>-s</c>
    /// allowed: a larger one shows no more.</summary>
    public int? StringLength { get; init; }

    /// <summary>Whether structures and arrays print whole (strace's <c>-v</c>), also those the session abbreviated.</summary>
    public bool Verbose { get; init; }

    /// <summary>How a process or thread id prints, given its number (a process group's without its minus): another
    /// number or name (<c>--remap-pids</c>, <c>Compare-SyscallTrace</c>), or null to print it as it is. Null prints every
    /// id as it is.</summary>
    public Func<int, string?>? ProcessId { get; init; }

    /// <summary>What a quoted string becomes, given its text with the quotes (colour around it); null leaves it.</summary>
    public Func<string, string>? QuotedString { get; init; }

    internal StraceRenderer Renderer => _renderer ??= new(ConstantStyle, StringEscape, StringLength, Verbose, ProcessId, QuotedString);
}
