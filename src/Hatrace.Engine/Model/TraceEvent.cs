namespace Hatrace.Engine.Model;

/// <summary>Something a traced process did: a syscall, a process starting, exec'ing or exiting, a signal.</summary>
public abstract class TraceEvent
{
    // Kept in 8 bytes each, as there is an event for every call: no call's number is negative, no code runs at 0.
    private long _lastSyscallNumber = -1;
    private ulong _instructionPointer;

    private protected TraceEvent(int processId, int threadId, long timestampTicks)
    {
        ProcessId = processId;
        ThreadId = threadId;
        TimestampTicks = timestampTicks;
    }

    /// <summary>The process (thread group) the event belongs to.</summary>
    public int ProcessId { get; }

    /// <summary>The thread that caused the event.</summary>
    public int ThreadId { get; }

    /// <summary>When the event happened (for a syscall, when it was entered), in local time.</summary>
    public DateTime Timestamp => TraceClock.ToDateTime(TimestampTicks);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> reading when the event happened.</summary>
    internal long TimestampTicks { get; }

    /// <summary>The number of the last call the thread entered, as of the event (a call's own number): what strace -n
    /// prints. The tracer sees every call only where no seccomp pre-filter hides some; null before the thread's first
    /// call, and where the backend does not stop at calls (eBPF).</summary>
    public long? LastSyscallNumber
    {
        get => _lastSyscallNumber < 0 ? null : _lastSyscallNumber;
        internal set => _lastSyscallNumber = value ?? -1;
    }

    /// <summary>The thread's instruction pointer at the event (a call's: at its entry, after the syscall instruction):
    /// what strace -i prints. Null where the thread is gone (its exit), and where the backend does not read it (eBPF).</summary>
    public ulong? InstructionPointer
    {
        get => _instructionPointer == 0 ? null : _instructionPointer;
        internal set => _instructionPointer = value ?? 0;
    }

    /// <summary>The event as strace prints it.</summary>
    public string Text => ToString();

    /// <summary>The event as strace prints it.</summary>
    public abstract override string ToString();
}
