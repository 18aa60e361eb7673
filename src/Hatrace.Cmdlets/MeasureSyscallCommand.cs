using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>Sums up syscalls like strace -c: per syscall the calls, errors, total and average time and share of the
/// time, most time first, then a total row; i386 calls in rows of their own after the x86_64 ones. Times are wall-clock
/// from entry to exit (strace's -w), or with -SystemTime the system CPU time of the calls' processes (strace -c's
/// own, for calls traced with -SystemTime).</summary>
[Cmdlet(VerbsDiagnostic.Measure, "Syscall")]
[OutputType(typeof(SyscallMeasurement))]
public sealed class MeasureSyscallCommand : PSCmdlet
{
    private readonly Dictionary<(SyscallArch Arch, string Name), Tally> _tallies = [];

    /// <summary>The events to count: syscalls; other events (process events, syscall entries) are passed over. Records
    /// from a job or a remote session count as the live ones.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [TraceRecordTransformation]
    public TraceEvent? InputObject { get; set; }

    /// <summary>Sums each call's SystemTime, the system CPU time of its process while in it, as strace -c does without -w,
    /// rather than its wall-clock Duration. The calls must have been traced with -SystemTime.</summary>
    [Parameter]
    public SwitchParameter SystemTime { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is not SyscallEvent call)
            return;
        if (!_tallies.TryGetValue((call.Arch, call.Name), out Tally? tally))
            _tallies[(call.Arch, call.Name)] = tally = new Tally(call.Number);
        tally.Calls++;
        if (call.ErrnoValue != 0)
            tally.Errors++;
        if (!SystemTime)
            tally.Time += call.Duration;
        else if (call.SystemTime is { } systemTime)
            tally.Time += systemTime;
        else if (!call.IsUnfinished)
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The call '{call}' has no SystemTime: trace with Start-TracedProcess -SystemTime "
                    + "(or Trace-Process -SystemTime) to sum system times."),
                ErrorIds.SystemTimeNotMeasured, ErrorCategory.InvalidData, call));
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        foreach (SyscallArch arch in new[] { SyscallArch.X86_64, SyscallArch.I386 })
            WriteObject(Rows(arch), enumerateCollection: true);
    }

    // Most time first; equal times in syscall-number order, as strace lists them; then the total.
    private List<SyscallMeasurement> Rows(SyscallArch arch)
    {
        var tallies = _tallies.Where(t => t.Key.Arch == arch).OrderByDescending(t => t.Value.Time).ThenBy(t => t.Value.Number).ToList();
        if (tallies.Count == 0)
            return [];
        TimeSpan total = tallies.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value.Time);
        double Percent(TimeSpan time) => total > TimeSpan.Zero ? 100.0 * time.Ticks / total.Ticks : 0;
        List<SyscallMeasurement> rows = [.. tallies.Select(t => new SyscallMeasurement
        {
            Arch = arch, Name = t.Key.Name, Calls = t.Value.Calls, Errors = t.Value.Errors, TotalTime = t.Value.Time, Percent = Percent(t.Value.Time),
        })];
        rows.Add(new SyscallMeasurement
        {
            Arch = arch, Name = SyscallMeasurement.TotalName, Calls = rows.Sum(r => r.Calls), Errors = rows.Sum(r => r.Errors), TotalTime = total,
            Percent = total > TimeSpan.Zero ? 100 : 0,
        });
        return rows;
    }

    private sealed class Tally(long number)
    {
        public long Number { get; } = number;
        public long Calls { get; set; }
        public long Errors { get; set; }
        public TimeSpan Time { get; set; }
    }
}
