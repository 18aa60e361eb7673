using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>What Start-TracedProcess and Trace-Process share: which calls become objects and how they decode, hooks
/// and fault rules, and the loop that writes the events to the pipeline.</summary>
public abstract class TraceCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private TraceSession? _session;

    /// <summary>Only syscalls with these names (wildcards allowed) are written; the others are neither decoded nor written.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SyscallNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Leaves out what language runtimes do on their own (futex, sched_yield, signal masks, timer re-arming:
    /// <see cref="Hatrace.Engine.Syscalls.SyscallClass.RuntimeNoise"/>); like -Name, before any decoding.</summary>
    [Parameter]
    public SwitchParameter ExcludeRuntimeNoise { get; set; }

    /// <summary>How many bytes of each string or buffer to show, as strace's -s; paths are always shown whole.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int StringLength { get; set; } = TraceSessionOptions.DefaultStringLength;

    /// <summary>What file descriptors print with in each call's text, and whether each descriptor argument's
    /// <c>FdPath</c> (and the call's) is filled in: <c>Path</c> as strace's -y (<c>3&lt;/etc/passwd&gt;</c>), <c>All</c>
    /// as -yy (sockets' addresses, devices' numbers, pidfds' processes too). None by default: each descriptor costs a
    /// readlink in /proc.</summary>
    [Parameter(HelpMessage = "What file descriptors print with: None, Path (strace -y), Socket, Device, Pidfd, All (strace -yy).")]
    public Hatrace.Engine.Decoding.DescriptorDetail DescriptorDetail { get; set; }

    /// <summary>Only calls that take one of these paths are written (strace's -P): as a path argument, or through a file
    /// descriptor argument open on it when the call is entered. <c>*</c> and <c>?</c> are wildcards; a path without them
    /// also matches the file it names once symbolic links are resolved. Paths are compared as the program gives them.</summary>
    [Parameter(HelpMessage = "Only calls that take one of these paths, as an argument or through a descriptor open on it (strace -P); * and ? are wildcards.")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Only calls with one of these file descriptors as an argument are written (as given at entry; the
    /// descriptor a call returns does not count).</summary>
    [Parameter(HelpMessage = "Only calls with one of these file descriptors as an argument.")]
    [ValidateNotNullOrEmpty]
    public int[]? Descriptor { get; set; }

    /// <summary>Only calls that ended so are written (strace's -e status=, -z, -Z): Successful, Failed, Unfinished (never
    /// returned), Detached (still running when Trace-Process let the process go), or several (<c>-Status Failed,
    /// Unfinished</c>). Unavailable is strace's too; no call ends so.</summary>
    [Parameter(HelpMessage = "Only calls that ended so: Successful, Failed, Unfinished, Detached, or several (strace -e status=).")]
    public SyscallStatus Status { get; set; } = SyscallStatus.All;

    /// <summary>Only calls one of whose strings or buffers contains this text are written, searched whole whatever
    /// -StringLength shows: paths, argv and envp, the data a call reads from the program (write's buffer) and the data
    /// it gives the program (read's buffer, as much as it returned).</summary>
    [Parameter(HelpMessage = "Only calls whose strings or buffers (paths, argv, data written or read) contain this text.")]
    [ValidateNotNullOrEmpty]
    public string? DataContains { get; set; }

    /// <summary>Writes a warning, once, for each call that has been in progress (entered and not returned) longer than
    /// this: a program blocked in read, wait4 or futex shows where it hangs while the trace runs. At Ctrl+C the calls in
    /// progress are written as warnings whether or not this is given.</summary>
    [Parameter(HelpMessage = "Warns once about each call in progress for longer than this (where the program hangs).")]
    public TimeSpan? ReportInProgressAfter { get; set; }

    /// <summary>Also write process starts, execs, exits, signal deliveries and group-stops.</summary>
    [Parameter]
    public SwitchParameter IncludeProcessEvents { get; set; }

    /// <summary>Runs when each call returns, while its thread is stopped, with <c>$_</c> the call: Set-SyscallResult,
    /// Set-SyscallArgument, Write-TraceeMemory and Send-TraceeSignal change what the program gets. What the
    /// scriptblock outputs is written to the pipeline before the call. With -Name, only those calls are hooked.</summary>
    [Parameter]
    public ScriptBlock? OnSyscall { get; set; }

    /// <summary>Runs as each call is entered, before it runs, with <c>$_</c> the call (its outputs and result not known
    /// yet): Set-SyscallResult skips the call, Set-SyscallArgument changes what it receives. With -Name, only those
    /// calls are hooked.</summary>
    [Parameter]
    public ScriptBlock? OnEnter { get; set; }

    /// <summary>Fault rules made by New-SyscallFault, applied by the tracer to every call they match, written or not.</summary>
    [Parameter]
    [ValidateNotNull]
    public SyscallFault[] Fault { get; set; } = [];

    /// <summary>How the calls are seen: Ptrace (the default) stops the program at each call and can change it; Ebpf has
    /// the kernel record each call into a ring buffer without stopping the program (much faster; only observes: no
    /// -OnSyscall, -OnEnter, -Fault or -ReportInProgressAfter; needs root or CAP_BPF with CAP_PERFMON; calls it had no
    /// room for are counted in a warning).</summary>
    [Parameter(HelpMessage = "How calls are seen: Ptrace (default; can change calls) or Ebpf (kernel records them without stopping the program; observe only).")]
    public TraceBackend Backend { get; set; }

    /// <summary>The size in bytes of the eBPF backend's ring buffer in the kernel (16MB by default; rounded up to a power
    /// of two): records wait there until they are read, and when the program outruns the reader by this much, calls are
    /// lost and counted. Only with -Backend Ebpf.</summary>
    [Parameter(HelpMessage = "The eBPF ring buffer's size in bytes (16MB by default), 4KB to 1GB; only with -Backend Ebpf.")]
    [ValidateRange(4096, 1 << 30)]
    public int BufferSize { get; set; } = TraceSessionOptions.DefaultEbpfBufferSize;

    /// <summary>Adds to each call the user stack it was made from (strace's -k): StackTrace, frames innermost first, each
    /// with Module, Function, Offset, Address, and File and Line where the module has debug information. Unwound with
    /// elfutils' libdw while the thread is stopped; costs a stop-time walk per call (the symbols of each return address
    /// are looked up once). Only with the ptrace backend.</summary>
    [Parameter(HelpMessage = "Adds to each call the user stack it was made from (strace -k): frames with Module, Function, Offset, Address, File, Line.")]
    public SwitchParameter StackTrace { get; set; }

    /// <summary>Adds to each call its SystemTime: the system CPU time its process used from the call's entry to its exit,
    /// as the kernel reports it at the tracer's stops, what strace -c sums (Measure-Syscall -SystemTime sums it too). It
    /// holds the process's other threads' time and the children it reaps meanwhile, as strace's does. Costs the kernel a
    /// count of the process's threads at every stop. Only with the ptrace backend.</summary>
    [Parameter(HelpMessage = "Adds to each call the system CPU time its process used while in it (what strace -c sums).")]
    public SwitchParameter SystemTime { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Name is not null && SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
            ThrowTerminatingError(SyscallNamePattern.UnknownError(unknown));
        if (BackendConflict() is { } conflict)
            ThrowTerminatingError(conflict);

        try
        {
            _session = OpenSession();
        }
        catch (TraceStartException error)
        {
            WriteError(ToErrorRecord(error));
            return;
        }

        // Select-Object -First ends the pipeline by throwing out of WriteObject, Ctrl+C by cancelling the read:
        // either way the finally kills (or detaches) whatever is still traced.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        if (StopAfter is { } duration)
            limit.CancelAfter(duration);
        int written = 0;
        try
        {
            foreach (TraceEvent e in ReadEvents(_session, limit.Token))
            {
                if (e is SyscallStop stop)
                    RunHook(stop);
                else if (e is ProgramOutputEvent output)
                    WriteProgramOutput(output);
                else if (e is RecordsLostEvent lost)
                    WarnAboutLoss(lost);
                else if (e is SyscallEvent || IncludeProcessEvents)
                    WriteObject(e);
                if (e is SyscallEvent or SyscallStop { AtEntry: false } && ++written == MaxCalls)
                    break;
            }
            OnTraceEnded(_session);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException failure)
        {
            ThrowTerminatingError(new ErrorRecord(failure, ErrorIds.TraceFailed, ErrorCategory.OperationStopped, null));
        }
        finally
        {
            _session.Dispose();
        }
    }

    /// <summary>Starts or attaches the session.</summary>
    /// <exception cref="TraceStartException">Nothing could be traced.</exception>
    private protected abstract TraceSession OpenSession();

    /// <summary>After every traced process is gone by itself.</summary>
    private protected virtual void OnTraceEnded(TraceSession session)
    {
    }

    /// <summary>How long to trace before stopping; until the processes end when null.</summary>
    private protected virtual TimeSpan? StopAfter => null;

    /// <summary>How many calls to write before stopping; all when null.</summary>
    private protected virtual int? MaxCalls => null;

    // Runs the hook while the call's thread waits, lets the call go on with what the hook changed, and writes the
    // call as the program got it. A hook that throws ends the trace with its error; the finally cleans up.
    private void RunHook(SyscallStop stop)
    {
        try
        {
            foreach (PSObject output in HookContext.Run(stop.AtEntry ? OnEnter! : OnSyscall!, stop))
                WriteObject(output);
        }
        catch (RuntimeException failure)
        {
            ThrowTerminatingError(new ErrorRecord(failure.ErrorRecord, failure));
        }
        stop.Resume();
        if (!stop.AtEntry)
            WriteObject(stop.Call);
    }

    // Loss is never silent: always a warning; the record itself too with the process events, where it sits in the
    // trace at the point of the loss (Export-SyscallTrace keeps it).
    private void WarnAboutLoss(RecordsLostEvent lost)
    {
        WriteWarning($"Process {lost.ProcessId}: {lost.Calls} call{(lost.Calls == 1 ? "" : "s")} and {lost.OtherRecords} other record{(lost.OtherRecords == 1 ? "" : "s")} " +
            "lost: the eBPF ring buffer was full, or the trace stopped before they were read; a larger -BufferSize keeps more.");
        if (IncludeProcessEvents)
            WriteObject(lost);
    }

    // What the backend cannot do is refused before anything starts, not ignored: the user asked for it. InvalidArgument,
    // as for any other pair of parameters that do not go together: the same request with -Backend Ptrace works.
    private ErrorRecord? BackendConflict()
    {
        string? refused = Backend switch
        {
            TraceBackend.Ebpf when OnSyscall is not null => "-OnSyscall holds each call at its return to run a scriptblock that may change it",
            TraceBackend.Ebpf when OnEnter is not null => "-OnEnter holds each call at its entry to run a scriptblock that may change it",
            TraceBackend.Ebpf when Fault.Length > 0 => "-Fault changes what calls do",
            TraceBackend.Ebpf when StackTrace => "-StackTrace unwinds the stack of the stopped program",
            TraceBackend.Ebpf when SystemTime => "-SystemTime reads each call's system time at the stops of its entry and exit",
            TraceBackend.Ebpf when ReportInProgressAfter is not null =>
                "-ReportInProgressAfter watches calls in progress, which the eBPF backend records only once they return",
            TraceBackend.Ptrace when MyInvocation.BoundParameters.ContainsKey(nameof(BufferSize)) =>
                "-BufferSize sizes the eBPF backend's ring buffer, which -Backend Ptrace has none of: give -Backend Ebpf",
            _ => null,
        };
        if (refused is null)
            return null;
        string message = Backend == TraceBackend.Ebpf ? $"{refused}: the eBPF backend only observes; use -Backend Ptrace." : $"{refused}.";
        return new ErrorRecord(new ArgumentException(message), ErrorIds.BackendConflict, ErrorCategory.InvalidArgument, Backend);
    }

    // As Write-Host writes (the PSHOST tag shows it on the host, also when a job's records are received), so that the
    // pipeline carries only the trace; the stream's name tags it for -InformationVariable and 6>&1.
    private void WriteProgramOutput(ProgramOutputEvent output) =>
        WriteInformation(new HostInformationMessage { Message = output.Line }, ["PSHOST", output.Stream.ToString()]);

    // The session's events; with -ReportInProgressAfter, warnings about calls in progress too long in between.
    private IEnumerable<TraceEvent> ReadEvents(TraceSession session, CancellationToken cancellationToken)
    {
        if (ReportInProgressAfter is not { } after)
            return session.ReadEvents(cancellationToken);
        var reported = new List<CallInProgress>();
        void WarnAboutLongCalls()
        {
            IReadOnlyList<CallInProgress> calls = session.CallsInProgress;
            reported.RemoveAll(old => !calls.Any(old.IsSameCall)); // returned: forget them
            foreach (CallInProgress call in calls)
            {
                if (call.Elapsed >= after && !reported.Any(call.IsSameCall))
                {
                    reported.Add(call);
                    WriteWarning(call.ToString());
                }
            }
        }
        // Often enough that a call is reported soon after it has taken too long, rarely enough to cost nothing.
        TimeSpan interval = TimeSpan.FromTicks(Math.Clamp(after.Ticks / 4, TimeSpan.TicksPerMillisecond * 20, TimeSpan.TicksPerSecond));
        return session.ReadEvents(interval, WarnAboutLongCalls, cancellationToken);
    }

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        // Where the program was when the user gave up on it: what is in progress now, before it is killed or let go.
        if (_session is { } session)
        {
            foreach (CallInProgress call in session.CallsInProgress)
                Host.UI.WriteWarningLine(call.ToString());
        }
        _session?.Stop();
        _cancel.Cancel();
    }

    /// <summary>Releases the cancellation source; the session itself ends with ProcessRecord.</summary>
    public void Dispose() => _cancel.Dispose();

    private protected TraceSessionOptions CreateOptions(bool followChildren = true, bool useSeccompFilter = true, bool stopWhenRootExits = false)
    {
        var names = Name is null ? null : new SyscallNamePattern(Name);
        return new TraceSessionOptions
        {
            Backend = Backend,
            EbpfBufferSize = BufferSize,
            SystemTimes = SystemTime,
            StringLength = StringLength,
            FollowChildren = followChildren,
            UseSeccompFilter = useSeccompFilter,
            StopWhenRootExits = stopWhenRootExits,
            DescriptorDetail = DescriptorDetail,
            Syscalls = ExcludeRuntimeNoise ? SyscallClasses.ExceptRuntimeNoise(names is null ? null : names.IsMatch) : names is null ? null : names.IsMatch,
            Faults = Fault,
            // The engine passes every call without a look when no condition is set.
            Filter = new CallFilter
            {
                Paths = Path ?? [],
                Descriptors = Descriptor ?? [],
                Status = Status,
                Contains = DataContains,
            },
            HookEntry = OnEnter is null ? null : names is null ? _ => true : names.IsMatch,
            HookExit = OnSyscall is null ? null : names is null ? _ => true : names.IsMatch,
            StackTraces = StackTrace,
        };
    }


    internal static ErrorRecord ToErrorRecord(TraceStartException error)
    {
        (string id, ErrorCategory category) = error.Error switch
        {
            TraceStartError.ProgramNotFound => (ErrorIds.ProgramNotFound, ErrorCategory.ObjectNotFound),
            TraceStartError.IsDirectory or TraceStartError.NotExecutable => (ErrorIds.ProgramNotExecutable, ErrorCategory.InvalidArgument),
            TraceStartError.WorkingDirectoryNotFound => (ErrorIds.WorkingDirectoryNotFound, ErrorCategory.ObjectNotFound),
            TraceStartError.PermissionDenied => (ErrorIds.TracePermissionDenied, ErrorCategory.PermissionDenied),
            TraceStartError.ProcessNotFound => (ErrorIds.ProcessNotFound, ErrorCategory.ObjectNotFound),
            TraceStartError.UserNotFound => (ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound),
            _ => (ErrorIds.TraceStartFailed, ErrorCategory.OperationStopped),
        };
        return new ErrorRecord(error, id, category, error.Program);
    }
}
