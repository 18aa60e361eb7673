using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>The tracer's state for one traced thread.</summary>
internal sealed class Tracee(int threadId, int processId)
{
    /// <summary>The thread's id; changes when a thread other than the leader calls execve.</summary>
    internal int ThreadId { get; set; } = threadId;

    /// <summary>The thread group (process) it belongs to.</summary>
    internal int ProcessId { get; } = processId;

    /// <summary>Set for the root until its first execve succeeds: the spawn helper's own calls are not the user's.</summary>
    internal bool Hidden { get; set; }

    /// <summary>The call the thread is inside, when it is one we emit; completed at the exit stop.</summary>
    internal SyscallEvent? Pending { get; set; }

    /// <summary>Whether <see cref="Pending"/> becomes an event; a call stopped for a fault rule alone does not.</summary>
    internal bool PendingEmitted { get; set; }

    /// <summary>Whether <see cref="Pending"/> is emitted only if what it gives the program matches the session's
    /// <see cref="CallFilter.Contains"/>, known at its exit.</summary>
    internal bool PendingAwaitsOutput { get; set; }

    /// <summary>A signal for the kernel to send as the thread resumes from its syscall stop; 0 for none.</summary>
    internal int ResumeSignal { get; set; }

    /// <summary>What fault rules and hooks changed in <see cref="Pending"/> at its entry, for its exit to finish.</summary>
    internal Tampering.SyscallChanges? Changes { get; set; }
}
