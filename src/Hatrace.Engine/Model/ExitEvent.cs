using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced task ended: it exited, or a signal killed it (strace's <c>+++ exited with 0 +++</c> line).</summary>
public abstract class ExitEvent : TraceEvent
{
    private protected ExitEvent(int processId, int threadId, long ticks, int? exitCode, int? signal, bool coreDumped)
        : base(processId, threadId, ticks)
    {
        ExitCode = exitCode;
        Signal = signal;
        CoreDumped = coreDumped;
    }

    /// <summary>The exit code, when the task exited.</summary>
    public int? ExitCode { get; }

    /// <summary>The signal that killed the task, when one did.</summary>
    public int? Signal { get; }

    /// <summary>The name of <see cref="Signal"/> (<c>SIGKILL</c>), or null.</summary>
    public string? SignalName => Signal is int s ? Signals.GetName(s) : null;

    /// <summary>Whether the kernel wrote a core dump.</summary>
    public bool CoreDumped { get; }

    /// <summary>The status a shell reports: the exit code, or 128 plus the signal's number.</summary>
    public int ExitStatus => ExitCode ?? 128 + Signal.GetValueOrDefault();

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
