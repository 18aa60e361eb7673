using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>The eBPF backend (<see cref="Tracing.TraceBackend.Ebpf"/>) could not keep records of a process: its ring
/// buffer was full, or the trace was stopped before they were decoded. The counts are those lost since the process's
/// previous such event; the trace is missing <see cref="Calls"/> calls of the process. Never emitted by the ptrace
/// backend, which holds a program instead.</summary>
public sealed class RecordsLostEvent : TraceEvent
{
    internal RecordsLostEvent(int processId, long ticks, long calls, long otherRecords)
        : base(processId, processId, ticks)
    {
        Calls = calls;
        OtherRecords = otherRecords;
    }

    /// <summary>Calls missing from the trace.</summary>
    public long Calls { get; }

    /// <summary>Other records lost: a call's entry (the call is in the trace, without the memory read at its entry), a
    /// process start, an exec or a thread's exit.</summary>
    public long OtherRecords { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
