using System.Management.Automation;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Makes a fault rule for Start-TracedProcess -Fault: which calls fail (or return a made-up value, get a
/// signal, are delayed, or kill their process), which of them by count, path and chance. The tracer applies the
/// rule itself, with no scriptblock to run per call.</summary>
[Cmdlet(VerbsCommon.New, "SyscallFault")]
[OutputType(typeof(SyscallFault))]
public sealed class NewSyscallFaultCommand : PSCmdlet
{
    /// <summary>The syscalls the rule applies to; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SyscallNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The errno the calls fail with: a name such as ENOSPC, or a number. The call does not run.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ErrnoNameCompleter))]
    public string? Errno { get; set; }

    /// <summary>The value the calls return instead of running.</summary>
    [Parameter]
    public long? ReturnValue { get; set; }

    /// <summary>A signal sent to the thread when the call returns: a name or a number. With -Errno or -ReturnValue
    /// both happen.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignalNameCompleter))]
    public string? Signal { get; set; }

    /// <summary>Kills the process as it enters the call, which does not run.</summary>
    [Parameter]
    public SwitchParameter Kill { get; set; }

    /// <summary>Which matching calls are hit, counted from 1: <c>3</c>, <c>3+</c> (from the third on), <c>2+2</c>
    /// (every second from the second), <c>1..5</c>. Every call when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? When { get; set; }

    /// <summary>Only calls whose path, or the path of whose file descriptor, matches this wildcard (<c>*.o</c>).</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The chance, from 0 to 1, that a scheduled call is hit.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Probability { get; set; } = 1;

    /// <summary>The seed of -Probability's dice, so that a run can be repeated.</summary>
    [Parameter]
    public int? Seed { get; set; }

    /// <summary>Holds the thread this long before the call runs.</summary>
    [Parameter]
    public TimeSpan DelayEnter { get; set; }

    /// <summary>Holds the thread this long after the call returns.</summary>
    [Parameter]
    public TimeSpan DelayExit { get; set; }

    /// <summary>Lets the call run and replaces its result afterwards, instead of skipping it.</summary>
    [Parameter]
    public SwitchParameter AfterCall { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
        {
            ThrowTerminatingError(SyscallNamePattern.UnknownError(unknown));
            return;
        }
        bool results = Errno is not null || ReturnValue is not null;
        bool delays = DelayEnter > TimeSpan.Zero || DelayExit > TimeSpan.Zero;
        if ((Errno is not null && ReturnValue is not null) || (Kill && (results || Signal is not null || delays)) || !(results || Kill || Signal is not null || delays))
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(
                "A fault does one thing to a call: -Errno or -ReturnValue (with -Signal and delays if wanted), -Signal, -DelayEnter/-DelayExit, or -Kill alone."),
                ErrorIds.NoFaultAction, ErrorCategory.InvalidArgument, Name));
            return;
        }
        int errno = 0, signal = 0;
        if (Errno is not null)
        {
            if (Hatrace.Engine.Model.Errno.Parse(Errno) is not int e)
            {
                ThrowTerminatingError(Names.UnknownErrno(Errno));
                return;
            }
            errno = e;
        }
        if (Signal is not null)
        {
            if (Hatrace.Engine.Model.Signals.Parse(Signal) is not int s)
            {
                ThrowTerminatingError(Names.UnknownSignal(Signal));
                return;
            }
            signal = s;
        }
        FaultSchedule when = FaultSchedule.Always;
        if (When is not null)
        {
            try
            {
                when = FaultSchedule.Parse(When);
            }
            catch (FormatException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, ErrorIds.InvalidSchedule, ErrorCategory.InvalidArgument, When));
                return;
            }
        }
        if (DelayEnter < TimeSpan.Zero || DelayExit < TimeSpan.Zero)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(DelayEnter), "A delay cannot be negative."),
                ErrorIds.InvalidSchedule, ErrorCategory.InvalidArgument, DelayEnter < TimeSpan.Zero ? DelayEnter : DelayExit));
            return;
        }
        var names = new SyscallNamePattern(Name);
        WriteObject(new SyscallFault
        {
            Syscalls = names.IsMatch,
            Description = string.Join(',', Name),
            Errno = errno,
            ReturnValue = ReturnValue,
            Signal = signal,
            Kill = Kill,
            When = when,
            PathPattern = Path,
            Probability = Probability,
            Seed = Seed,
            DelayEnter = DelayEnter,
            DelayExit = DelayExit,
            AfterCall = AfterCall,
        });
    }
}
