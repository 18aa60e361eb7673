using System.Diagnostics;
using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Fails each matching syscall of a program in turn, in runs of their own, and reports how the program
/// coped with each: the program runs once to count the calls, then once more for each k with the k-th failing.
/// sqlite's I/O-error testing, for any program.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "SyscallFaultSweep")]
[OutputType(typeof(SyscallFaultSweepResult))]
public sealed class InvokeSyscallFaultSweepCommand : PSCmdlet, IDisposable
{
    private const int StandardErrorLines = 5;
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>The program to run: a path, or a name found through PATH.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string FilePath { get; set; } = "";

    /// <summary>The program's arguments.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [AllowEmptyString]
    public string[] ArgumentList { get; set; } = [];

    /// <summary>The syscalls to fail, one at a time; wildcards allowed.</summary>
    [Parameter(Mandatory = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SyscallNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The errno each failed call returns: a name or a number.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ErrnoNameCompleter))]
    public string Errno { get; set; } = "EIO";

    /// <summary>Judges each run that ended by itself, with <c>$_</c> the result: a true value means the program coped.</summary>
    [Parameter]
    public ScriptBlock? Check { get; set; }

    /// <summary>How long a run may take before it counts as hung and is killed.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int TimeoutSec { get; set; } = 30;

    /// <summary>The directory the program starts in; the current location when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (SyscallNamePattern.Unknown(Name).ToList() is [_, ..] unknown)
        {
            ThrowTerminatingError(SyscallNamePattern.UnknownError(unknown));
            return;
        }
        if (Hatrace.Engine.Model.Errno.Parse(Errno) is not int errno)
        {
            ThrowTerminatingError(Names.UnknownErrno(Errno));
            return;
        }
        var names = new SyscallNamePattern(Name);
        string scratch = Directory.CreateTempSubdirectory("hatrace-sweep-").FullName;
        try
        {
            Run? first = Trace(names, errno, 0, scratch);
            if (first is null)
                return;
            WriteVerbose($"{FilePath} made {first.Calls} matching calls; failing each in turn with {Errno}.");
            for (int k = 1; k <= first.Calls; k++)
            {
                WriteProgress(new ProgressRecord(0, $"Failing {string.Join(", ", Name)} with {Errno}", $"call {k} of {first.Calls}")
                {
                    PercentComplete = (k - 1) * 100 / first.Calls,
                });
                if (Trace(names, errno, k, scratch) is not { } run)
                    return;
                WriteObject(Judge(k, run));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _cancel.Cancel();

    /// <summary>Releases the cancellation source.</summary>
    public void Dispose() => _cancel.Dispose();

    private sealed record Run(int Calls, string? Failed, ProcessExitEvent? Exit, bool Hung, string StandardError, TimeSpan Duration);

    // One run of the program, the k-th matching call failing (none for k = 0); null when the program cannot start.
    private Run? Trace(SyscallNamePattern names, int errno, int k, string scratch)
    {
        string errorPath = Path.Combine(scratch, "stderr");
        var start = new TraceStartInfo
        {
            FileName = FilePath.Contains('/') ? GetUnresolvedProviderPathFromPSPath(FilePath) : FilePath,
            Arguments = ArgumentList,
            WorkingDirectory = WorkingDirectory is null ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : GetUnresolvedProviderPathFromPSPath(WorkingDirectory),
            StandardInputPath = "/dev/null",
            StandardOutputPath = Path.Combine(scratch, "stdout"),
            StandardErrorPath = errorPath,
        };
        var options = new TraceSessionOptions
        {
            Syscalls = names.IsMatch,
            Faults = k == 0 ? [] : [new SyscallFault { Syscalls = names.IsMatch, Description = string.Join(',', Name), Errno = errno, When = new FaultSchedule(k, k, 1) }],
        };
        var clock = Stopwatch.StartNew();
        TraceSession session;
        try
        {
            session = TraceSession.Start(start, options);
        }
        catch (TraceStartException error)
        {
            WriteError(TraceCommand.ToErrorRecord(error));
            return null;
        }
        using (session)
        {
            int calls = 0;
            string? failed = null;
            bool hung = false;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
            try
            {
                foreach (TraceEvent e in session.ReadEvents(timeout.Token))
                {
                    if (e is SyscallEvent call)
                    {
                        calls++;
                        if (call.Tampered)
                            failed = call.Text;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                _cancel.Token.ThrowIfCancellationRequested();
                hung = true;
                session.Stop();
            }
            session.Dispose();
            string[] lines = File.Exists(errorPath) ? File.ReadAllLines(errorPath) : [];
            return new Run(calls, failed, session.RootExit, hung, string.Join('\n', lines.TakeLast(StandardErrorLines)), clock.Elapsed);
        }
    }

    private SyscallFaultSweepResult Judge(int k, Run run)
    {
        SweepOutcome outcome = run switch
        {
            { Hung: true } => SweepOutcome.Hung,
            { Exit.Signal: not null } => SweepOutcome.Crashed,
            { Failed: null } => SweepOutcome.NotReached,
            _ => SweepOutcome.Handled,
        };
        var result = new SyscallFaultSweepResult
        {
            Index = k,
            Syscall = run.Failed,
            Outcome = outcome,
            ExitCode = run.Exit?.ExitCode,
            Signal = run.Exit?.Signal is int signal ? Signals.GetName(signal) : null,
            StandardError = run.StandardError,
            Duration = run.Duration,
        };
        if (Check is null || outcome != SweepOutcome.Handled)
            return result;
        bool passed = LanguagePrimitives.IsTrue(Check.InvokeWithContext(null, [new PSVariable("_", result)]).FirstOrDefault()?.BaseObject);
        return result with { Outcome = passed ? SweepOutcome.Handled : SweepOutcome.CheckFailed, CheckPassed = passed };
    }
}
