using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced thread entered a group-stop (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU): the process is stopped, as it
/// would be untraced, until SIGCONT (strace's <c>--- stopped by SIGSTOP ---</c> line).</summary>
public sealed class GroupStopEvent : TraceEvent
{
    internal GroupStopEvent(int processId, int threadId, long ticks, int signal)
        : base(processId, threadId, ticks) => Signal = signal;

    /// <summary>The stop signal's number.</summary>
    public int Signal { get; }

    /// <summary>The stop signal's name (<c>SIGSTOP</c>).</summary>
    public string SignalName => Signals.GetName(Signal);

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
