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

    /// <summary>Never returned: exit_group, or the thread died (or a session that started its program stopped) inside it.</summary>
    Unfinished = 4,

    /// <summary>Returned, but its result could not be read (strace's <c>unavailable</c>). The engine reads every
    /// result, so no call ends so; the value lets front ends take strace's <c>-e status=</c> whole.</summary>
    Unavailable = 8,

    /// <summary>Still running when a session that attached stopped and let its thread go
    /// (<see cref="Model.SyscallEvent.IsDetached"/>, strace's <c>&lt;detached ...&gt;</c>).</summary>
    Detached = 16,

    /// <summary>Every call.</summary>
    All = Successful | Failed | Unfinished | Unavailable | Detached,
}
