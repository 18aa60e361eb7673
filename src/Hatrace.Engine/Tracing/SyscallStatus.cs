namespace Hatrace.Engine.Tracing;

/// <summary>How a call ended, for <see cref="CallFilter.Status"/> (strace's <c>-e status=</c>, <c>-z</c>, <c>-Z</c>).</summary>
[Flags]
public enum SyscallStatus
{
    /// <summary>No call.</summary>
    None = 0,

    /// <summary>Returned without an error.</summary>
    Successful = 1,

    /// <summary>Returned an error (a fault rule's made-up error included).</summary>
    Failed = 2,

    /// <summary>Never returned: exit_group, or the thread died (or the trace ended) inside it.</summary>
    Unfinished = 4,

    /// <summary>Every call.</summary>
    All = Successful | Failed | Unfinished,
}
