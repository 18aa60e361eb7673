using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A session that attached (<see cref="Tracing.TraceSession.Attach"/>) stopped and let a traced thread go: it
/// runs on untraced, as it would have without the tracer. One for each thread still traced then, whether or not it made
/// a call the session chose; a thread that ended before has a <see cref="ThreadExitEvent"/> or a
/// <see cref="ProcessExitEvent"/> instead. strace says <c>Process N detached</c> of each.</summary>
public sealed class DetachEvent : TraceEvent
{
    internal DetachEvent(int processId, int threadId, long ticks, bool atExecve = false)
        : base(processId, threadId, ticks) => AtExecve = atExecve;

    /// <summary>Whether the thread was let go as its execve succeeded (<see cref="Tracing.TraceSessionOptions.DetachOnExecve"/>,
    /// strace's <c>-b execve</c>) rather than because the session stopped.</summary>
    public bool AtExecve { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
