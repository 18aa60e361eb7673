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

    /// <summary>Seized while it ran, or started by a process that was: the session detaches it when it stops, where it
    /// kills a process it started.</summary>
    internal bool Attached { get; init; }

    /// <summary>Seized before it runs its program (strace -D): <see cref="Hidden"/> until the entry of its first execve,
    /// which is shown even when it fails.</summary>
    internal bool ShownFromExecve { get; set; }

    /// <summary>The call the thread is inside, and what the tracer keeps of it until its exit.</summary>
    internal PendingCall Pending { get; } = new();

    /// <summary>The thread ran longer between its last two calls than the tracer polls for its next stop
    /// (<see cref="StopWaiter"/>).</summary>
    internal bool SlowBetweenCalls { get; set; }

    /// <summary>A thread seen starting and not stopped yet: its <see cref="Model.ThreadStartEvent"/> goes out at its first
    /// stop, where strace says it attached, after the call that started it has returned.</summary>
    internal bool Unannounced { get; set; }

    /// <summary>The number of the last call the thread entered that the tracer stopped at; null before the first.</summary>
    internal long? LastSyscallNumber { get; set; }

    /// <summary>The call an attached thread was in when the session seized it, which its restart_syscall resumes; null
    /// where it was in none, and for a thread the session saw start.</summary>
    internal long? CallAtAttach { get; set; }

    /// <summary>The system CPU time of the thread's process at its last call's entry, in microseconds, where the session
    /// measures it (<see cref="TraceSessionOptions.SystemTimes"/>).</summary>
    internal long EntrySystemTime { get; set; }

    /// <summary>Set at the entry of an execve the session lets the thread go at when it succeeds
    /// (<see cref="TraceSessionOptions.DetachOnExecve"/>).</summary>
    internal bool LetGoAtExecve { get; set; }

    /// <summary>A signal for the kernel to send as the thread resumes from its syscall stop; 0 for none.</summary>
    internal int ResumeSignal { get; set; }
}
