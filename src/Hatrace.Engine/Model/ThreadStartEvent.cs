using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced process started a thread, which the trace follows from its first instruction on: emitted at the
/// thread's first stop, where strace says <c>Process N attached</c> of it. Its end is a <see cref="ThreadExitEvent"/>.</summary>
public sealed class ThreadStartEvent : TraceEvent
{
    internal ThreadStartEvent(int processId, int threadId, long ticks)
        : base(processId, threadId, ticks)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
