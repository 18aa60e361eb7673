using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tracing;

/// <summary>How a session traces.</summary>
public sealed class TraceSessionOptions
{
    /// <summary>strace's default for <c>-s</c>.</summary>
    public const int DefaultStringLength = 32;

    /// <summary>How many bytes of a string or buffer to show (strace's <c>-s</c>); paths are always shown whole.</summary>
    public int StringLength { get; init; } = DefaultStringLength;

    /// <summary>How strings and buffers print: octal escapes, or hex as strace's <c>-x</c> and <c>-xx</c>.</summary>
    public Decoding.StringEscape StringEscape { get; init; } = Decoding.StringEscape.Octal;

    /// <summary>Which syscalls become events; all when null. Calls that are not chosen are neither decoded nor emitted.</summary>
    public Func<SyscallDefinition, bool>? Syscalls { get; init; }

    /// <summary>Whether to set SA_NOCLDSTOP on this process's SIGCHLD handler while tracing, so that ptrace stops
    /// do not wake it. .NET installs a handler once a process has run any child (pwsh has); without the flag every
    /// stop runs it, which measured 2.2 times the CPU time. Exits are still reported to the handler.</summary>
    public bool QuietChildStops { get; init; } = true;

    /// <summary>Whether to trace the threads and processes the program starts (strace's <c>-f</c>); only the
    /// program's first thread otherwise.</summary>
    public bool FollowChildren { get; init; } = true;

    /// <summary>How many events may wait for the reader before the tracees are held stopped.</summary>
    public int EventBufferSize { get; init; } = 4096;
}
