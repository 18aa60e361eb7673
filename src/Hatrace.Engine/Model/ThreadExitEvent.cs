namespace Hatrace.Engine.Model;

/// <summary>A traced thread other than its process's first one ended; the process goes on while other threads
/// do. Its status is the thread's own: the code it passed to exit(2), or the group's when the process exited.</summary>
public sealed class ThreadExitEvent : ExitEvent
{
    internal ThreadExitEvent(int processId, int threadId, long ticks, int? exitCode, int? signal, bool coreDumped)
        : base(processId, threadId, ticks, exitCode, signal, coreDumped)
    {
    }
}
