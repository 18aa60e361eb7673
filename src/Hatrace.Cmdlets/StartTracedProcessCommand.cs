using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Runs a program under the tracer and writes each syscall it makes to the pipeline as it completes.</summary>
[Cmdlet(VerbsLifecycle.Start, "TracedProcess")]
[OutputType(typeof(SyscallEvent), typeof(ProcessStartEvent), typeof(ProcessExecEvent), typeof(ProcessExitEvent), typeof(ThreadExitEvent),
    typeof(SignalEvent), typeof(GroupStopEvent))]
public sealed class StartTracedProcessCommand : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private TraceSession? _session;

    /// <summary>The program to run: a path, or a name found through PATH as a shell would.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string FilePath { get; set; } = "";

    /// <summary>The program's arguments.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [AllowEmptyString]
    public string[] ArgumentList { get; set; } = [];

    /// <summary>The directory the program starts in; the current location when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables to set for the program, on top of this session's; a $null value removes one.</summary>
    [Parameter]
    public Hashtable? Environment { get; set; }

    /// <summary>Only syscalls with these names (wildcards allowed) are written; the others are neither decoded nor written.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>How many bytes of each string or buffer to show, as strace's -s; paths are always shown whole.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int StringLength { get; set; } = TraceSessionOptions.DefaultStringLength;

    /// <summary>What file descriptors print with in each call's text, and whether each descriptor argument's
    /// <c>FdPath</c> (and the call's) is filled in: <c>Path</c> as strace's -y (<c>3&lt;/etc/passwd&gt;</c>), <c>All</c>
    /// as -yy (sockets' addresses, devices' numbers too). None by default: each descriptor costs a readlink in /proc.</summary>
    [Parameter(HelpMessage = "What file descriptors print with: None, Path (strace -y), Socket, Device, All (strace -yy).")]
    public Hatrace.Engine.Decoding.DescriptorDetail DescriptorDetail { get; set; }

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

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Name is not null && SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
            ThrowTerminatingError(SyscallNamePattern.UnknownError(unknown));

        try
        {
            _session = TraceSession.Start(CreateStartInfo(), CreateOptions());
        }
        catch (TraceStartException error)
        {
            WriteError(ToErrorRecord(error));
            return;
        }

        // Select-Object -First ends the pipeline by throwing out of WriteObject, Ctrl+C by cancelling the read:
        // either way the finally kills and reaps whatever still runs.
        try
        {
            foreach (TraceEvent e in _session.ReadEvents(_cancel.Token))
            {
                if (e is SyscallStop stop)
                    RunHook(stop);
                else if (e is SyscallEvent || IncludeProcessEvents)
                    WriteObject(e);
            }
            if (_session.RootExit is { } exit)
                SessionState.PSVariable.Set("global:LASTEXITCODE", exit.ExitStatus);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException failure)
        {
            ThrowTerminatingError(new ErrorRecord(failure, ErrorIds.TraceFailed, ErrorCategory.OperationStopped, FilePath));
        }
        finally
        {
            _session.Dispose();
        }
    }

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

    /// <inheritdoc/>
    protected override void StopProcessing()
    {
        _session?.Stop();
        _cancel.Cancel();
    }

    /// <summary>Releases the cancellation source; the session itself ends with ProcessRecord.</summary>
    public void Dispose() => _cancel.Dispose();

    private TraceStartInfo CreateStartInfo()
    {
        string location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment ?? [])
            environment[entry.Key.ToString()!] = entry.Value?.ToString();
        return new TraceStartInfo
        {
            // A path is relative to the current location, as for any other cmdlet; a bare name goes through PATH.
            FileName = FilePath.Contains('/') ? GetUnresolvedProviderPathFromPSPath(FilePath) : FilePath,
            Arguments = ArgumentList,
            WorkingDirectory = WorkingDirectory is null ? location : GetUnresolvedProviderPathFromPSPath(WorkingDirectory),
            Environment = environment,
        };
    }

    private TraceSessionOptions CreateOptions()
    {
        var names = Name is null ? null : new SyscallNamePattern(Name);
        return new TraceSessionOptions
        {
            StringLength = StringLength,
            DescriptorDetail = DescriptorDetail,
            Syscalls = names is null ? null : names.IsMatch,
            Faults = Fault,
            HookEntry = OnEnter is null ? null : names is null ? _ => true : names.IsMatch,
            HookExit = OnSyscall is null ? null : names is null ? _ => true : names.IsMatch,
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
            _ => (ErrorIds.TraceStartFailed, ErrorCategory.OperationStopped),
        };
        return new ErrorRecord(error, id, category, error.Program);
    }
}
