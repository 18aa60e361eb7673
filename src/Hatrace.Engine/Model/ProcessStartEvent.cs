using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced process started: the root of the trace, or a child a traced process forked.</summary>
public sealed class ProcessStartEvent : TraceEvent
{
    internal ProcessStartEvent(int processId, long ticks, int parentProcessId, string commandName)
        : base(processId, processId, ticks)
    {
        ParentProcessId = parentProcessId;
        CommandName = commandName;
    }

    /// <summary>The threads the tracer attached to, the process's first among them, when the session attached to a
    /// running process (<see cref="Tracing.TraceSession.Attach"/>); empty for a process the trace saw start.</summary>
    public IReadOnlyList<int> AttachedThreadIds { get; internal init; } = [];

    /// <summary>The process that started it (0 for the root of the trace).</summary>
    public int ParentProcessId { get; }

    /// <summary>The process's command name when it started, as /proc/PID/comm gives it: a forked child starts with its
    /// parent's (<c>sh</c>), and takes its program's at <see cref="ProcessExecEvent"/>. Escaped as
    /// <see cref="SyscallArgument.Value"/>'s strings are; empty where the session does not read it
    /// (<see cref="Tracing.TraceSessionOptions.ReadProcessDetails"/>).</summary>
    public string CommandName { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
