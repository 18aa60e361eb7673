using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>Takes a session's events as they happen (<see cref="TraceSession.WriteEventsTo"/>), one call at a time: on the
/// session's own thread; those that came before the sink took over on the thread that handed over; captured output
/// (<see cref="TraceStartInfo.CaptureOutput"/>) on the thread that reads it.
/// For a front end that only writes the events out, as hatrace writes text: no event crosses from one thread to
/// another, which cost more than the text itself (each crossing wakes a thread). A call's thread goes on before its
/// event is written, but the trace's next stop waits while the sink works, as strace's waits while it prints. The
/// session's thread may run as SCHED_IDLE while it writes to the sink (where a CPU is spare, it shares its own with
/// the traced thread it resumed): a thread or process started from there would keep that policy, so a sink starts
/// none (no tasks either: the first may start a thread-pool thread).</summary>
public interface ITraceEventSink
{
    /// <summary>One event, in the session's order. A <see cref="Tampering.SyscallStop"/> goes on when this returns. An
    /// exception, on whichever thread, ends the trace (what the session started is killed, what it attached let go)
    /// and comes out of <see cref="TraceSession.WriteEventsTo"/>; nothing more is written to the sink.</summary>
    /// <param name="e">The event.</param>
    void Write(TraceEvent e);

    /// <summary>Events were written since the last flush: what the sink holds back should go out now. Called every few
    /// milliseconds while the session runs (from the thread in <see cref="TraceSession.WriteEventsTo"/>, never while
    /// <see cref="Write"/> runs), so that a program that waits shows its last lines, and once more at the end.</summary>
    void Flush();
}
