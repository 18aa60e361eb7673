using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Runs a program under the tracer and writes each syscall it makes to the pipeline as it completes.</summary>
[Cmdlet(VerbsLifecycle.Start, "TracedProcess")]
[OutputType(typeof(SyscallEvent), typeof(ProcessStartEvent), typeof(ProcessExecEvent), typeof(ProcessExitEvent), typeof(ThreadStartEvent),
    typeof(ThreadExitEvent), typeof(SignalEvent), typeof(GroupStopEvent), typeof(RecordsLostEvent))]
public sealed class StartTracedProcessCommand : TraceCommand
{
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

    /// <summary>Stops at every call the program makes, as strace does without --seccomp-bpf. By default, when -Name
    /// chooses the calls, a seccomp filter lets the kernel run the others without stopping; the objects are the same.
    /// No effect with -Backend Ebpf, which never stops the program.</summary>
    [Parameter]
    public SwitchParameter NoSeccompFilter { get; set; }

    /// <summary>Ends the trace when the program itself exits, killing what it left running (a daemon it started). By
    /// default the trace, like strace -f, goes on until every process the program started is gone.</summary>
    [Parameter(HelpMessage = "End the trace when the program exits, killing the processes it left running; by default the trace follows them until they end.")]
    public SwitchParameter StopWhenRootExits { get; set; }

    /// <summary>A file the program reads as its standard input. By default it shares this PowerShell's in a console, and
    /// reads /dev/null in any other host (a job, a remote session), whose standard input is PowerShell's own channel.</summary>
    [Parameter(HelpMessage = "A file the program reads as its standard input.")]
    [ValidateNotNullOrEmpty]
    public string? RedirectStandardInput { get; set; }

    /// <summary>A file, created or truncated, that receives the program's standard output. By default the program writes
    /// where this PowerShell writes in a console; in any other host (a job, a remote session, whose standard output is
    /// PowerShell's own channel) each line comes back as an information record tagged <c>StandardOutput</c>, shown as
    /// Write-Host output is.</summary>
    [Parameter(HelpMessage = "A file, created or truncated, that receives the program's standard output.")]
    [ValidateNotNullOrEmpty]
    public string? RedirectStandardOutput { get; set; }

    /// <summary>A file, created or truncated, that receives the program's standard error; the same file as
    /// -RedirectStandardOutput receives both. By default as standard output, with the tag <c>StandardError</c>.</summary>
    [Parameter(HelpMessage = "A file, created or truncated, that receives the program's standard error.")]
    [ValidateNotNullOrEmpty]
    public string? RedirectStandardError { get; set; }

    /// <summary>A seccomp profile file (the OCI JSON of Docker and Podman, as ConvertTo-SeccompProfile writes it) that
    /// the program runs under, as a container runtime would run it: the calls the profile denies fail (with EPERM, or the
    /// profile's errno) and come out with DeniedByProfile set, so that a profile can be tried before it is deployed.
    /// Every call is then stopped at: a seccomp filter cannot pre-filter calls the profile fails.</summary>
    [Parameter(HelpMessage = "A seccomp profile (OCI JSON) the program runs under; the calls it denies come out with DeniedByProfile set.")]
    [ValidateNotNullOrEmpty]
    public string? SeccompProfile { get; set; }

    /// <summary>The user the program runs as, with that user's group and supplementary groups (strace -u); this
    /// PowerShell's own when omitted. Taking another user's identity needs root; a setuid program still gains its
    /// owner's.</summary>
    [Parameter(HelpMessage = "The user the program runs as, with the user's groups; needs root.")]
    [ValidateNotNullOrEmpty]
    public string? UserName { get; set; }

    private protected override TraceSession OpenSession() =>
        TraceSession.Start(CreateStartInfo(), CreateOptions(useSeccompFilter: !NoSeccompFilter, stopWhenRootExits: StopWhenRootExits));

    /// <summary>Sets $LASTEXITCODE to the program's exit code, or 128 plus the signal that killed it.</summary>
    private protected override void OnTraceEnded(TraceSession session)
    {
        if (session.RootExit is { } exit)
            SessionState.PSVariable.Set("global:LASTEXITCODE", exit.ExitStatus);
    }

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
            StandardInputPath = ProviderPathOrNull(RedirectStandardInput),
            StandardOutputPath = ProviderPathOrNull(RedirectStandardOutput),
            StandardErrorPath = ProviderPathOrNull(RedirectStandardError),
            UserName = UserName,
            // Only a console's standard streams are the user's; a job's or a remote session's carry PowerShell's
            // protocol, which a program writing into them would break, and a hosting application's are its own.
            CaptureOutput = Host.Name != "ConsoleHost",
            SeccompProfile = SeccompProfile is null ? null : LoadProfile(GetUnresolvedProviderPathFromPSPath(SeccompProfile)),
        };
    }

    private Engine.Tracing.SeccompProfile LoadProfile(string path)
    {
        try
        {
            return Engine.Tracing.SeccompProfile.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.SeccompProfileNotFound, ErrorCategory.ObjectNotFound, path));
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidDataException($"{path}: {e.Message}", e), ErrorIds.SeccompProfileInvalid, ErrorCategory.InvalidData, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.SeccompProfileNotReadable, ErrorCategory.ReadError, path));
        }
        return null!; // ThrowTerminatingError does not return
    }

    private string? ProviderPathOrNull(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
}
