using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Attaches to running processes and writes each syscall they make to the pipeline, until they end, the
/// -Duration or -Count is reached, or Ctrl+C; then detaches, and they run on as they were.</summary>
[Cmdlet(VerbsDiagnostic.Trace, "Process")]
[OutputType(typeof(SyscallEvent), typeof(ProcessStartEvent), typeof(ProcessExecEvent), typeof(ProcessExitEvent), typeof(ThreadStartEvent),
    typeof(ThreadExitEvent), typeof(SignalEvent), typeof(GroupStopEvent), typeof(RecordsLostEvent), typeof(DetachEvent))]
public sealed class TraceProcessCommand : TraceCommand
{
    /// <summary>The processes to attach to, with all their threads.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, int.MaxValue)]
    public int[] Id { get; set; } = [];

    /// <summary>Also trace the processes and threads they start from now on (strace's -f).</summary>
    [Parameter]
    public SwitchParameter FollowChildren { get; set; }

    /// <summary>Detach after this long.</summary>
    [Parameter]
    public TimeSpan? Duration { get; set; }

    /// <summary>Detach after this many calls have been written.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Count { get; set; }

    private protected override TimeSpan? StopAfter => Duration;

    private protected override int? MaxCalls => Count;

    private protected override TraceSession OpenSession() => TraceSession.Attach(Id, CreateOptions(FollowChildren));
}
