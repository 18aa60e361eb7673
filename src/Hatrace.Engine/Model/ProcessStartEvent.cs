using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced process started: the root of the trace, or a child a traced process forked.</summary>
public sealed class ProcessStartEvent : TraceEvent
{
    internal ProcessStartEvent(int processId, long ticks, int parentProcessId)
        : base(processId, processId, ticks) => ParentProcessId = parentProcessId;

    /// <summary>The process that started it (0 for the root of the trace).</summary>
    public int ParentProcessId { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
