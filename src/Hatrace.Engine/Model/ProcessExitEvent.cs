namespace Hatrace.Engine.Model;

/// <summary>A traced process ended: it exited, or a signal killed it.</summary>
public sealed class ProcessExitEvent : ExitEvent
{
    internal ProcessExitEvent(int processId, long ticks, int? exitCode, int? signal, bool coreDumped)
        : base(processId, processId, ticks, exitCode, signal, coreDumped)
    {
    }
}
