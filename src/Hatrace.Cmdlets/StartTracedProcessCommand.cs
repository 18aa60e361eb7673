using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Runs a program under the tracer and writes each syscall it makes to the pipeline as it completes.</summary>
[Cmdlet(VerbsLifecycle.Start, "TracedProcess")]
[OutputType(typeof(SyscallEvent), typeof(ProcessStartEvent), typeof(ProcessExecEvent), typeof(ProcessExitEvent), typeof(SignalEvent),
    typeof(GroupStopEvent))]
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

    /// <summary>Also write process starts, execs, exits, signal deliveries and group-stops.</summary>
    [Parameter]
    public SwitchParameter IncludeProcessEvents { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Name is not null && SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"Unknown syscall name: {string.Join(", ", unknown)}. Get-Syscall lists the names."),
                ErrorIds.UnknownSyscall, ErrorCategory.InvalidArgument, unknown));
        }

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
                if (e is SyscallEvent || IncludeProcessEvents)
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
            Syscalls = names is null ? null : names.IsMatch,
        };
    }

    private static ErrorRecord ToErrorRecord(TraceStartException error)
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
