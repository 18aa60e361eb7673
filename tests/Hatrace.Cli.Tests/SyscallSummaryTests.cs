using System.Globalization;
using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>-c, -C and -w: strace's table, with the calls and errors strace counts; the times are measured by each
/// tracer in its own run, so only their format is compared, and what they measure.</summary>
public partial class SyscallSummaryTests
{
    private static readonly string Tiny = Runner.Program("tiny");

    [Theory]
    [InlineData("-c")]
    [InlineData("-c", "-w")]
    [InlineData("-c", "-f")]
    [InlineData("-c", "-e", "trace=openat,close")]
    [InlineData("-c", "-P", "/nonexistent/hatrace")]
    [InlineData("-c", "-Z")] // the status filter does not apply to the counts
    public void TheTableCountsWhatStraceCounts(params string[] options)
    {
        RunResult strace = Runner.Strace([.. options, Tiny]);
        RunResult hatrace = Runner.Run([.. options, Tiny]);
        Assert.Equal(7, hatrace.ExitCode);
        Assert.Equal(Rows(strace.StderrLines), Rows(hatrace.StderrLines));
        Assert.Equal(Shape(strace.StderrLines), Shape(hatrace.StderrLines));
    }

    [Theory]
    [InlineData("-S", "calls", "-U", "calls,errors")]
    [InlineData("-S", "name", "-U", "name,max-time")]
    [InlineData("-S", "errors", "-U", "errors,syscall,count")]
    [InlineData("-S", "nothing", "-U", "time,total-time,shortest,longest,calls,errors,name")]
    [InlineData("--summary-sort-by=name", "--summary-columns=calls,time-percent")]
    public void ColumnsAndOrderAreStraces(params string[] options)
    {
        // Sorted by what both count, or by nothing: the same rows in the same order, the times blanked.
        static List<string> Blanked(IEnumerable<string> lines) => [.. lines.Select(l => Time().Replace(l, " T"))];
        RunResult strace = Runner.Strace(["-c", .. options, Tiny]);
        RunResult hatrace = Runner.Run(["-c", .. options, Tiny]);
        Assert.Equal(7, hatrace.ExitCode);
        Assert.Equal(Blanked(strace.StderrLines), Blanked(hatrace.StderrLines));
    }

    [Theory]
    [InlineData("-O", "1s")]
    [InlineData("--summary-syscall-overhead=2000000")]
    public void TheOverheadIsTakenOffEachCallsTimeDownToZero(params string[] overhead)
    {
        // A sleep of 10 ms, in wall-clock time, less an overhead of one or two seconds: zero, whatever the machine's speed.
        string[] options = ["-c", "-w", .. overhead, "-e", "trace=clock_nanosleep", "sleep", "0.01"];
        RunResult strace = Runner.Strace(options);
        RunResult hatrace = Runner.Run(options);
        Assert.Contains("  0.00    0.000000           0         1           clock_nanosleep", hatrace.StderrLines);
        Assert.Equal(strace.StderrLines, hatrace.StderrLines);
        Assert.DoesNotContain(" 0.000000 ", Runner.Run(options[..2].Concat(options[^4..]).ToArray()).StderrLines[2]);
    }

    [Fact]
    public void TheTableSumsSystemTimeAndWithWWallClockTime()
    {
        // strace's measure without -w: the system CPU time of the process while in the call. A sleep takes next to
        // none; reading 32 MiB of random bytes takes the kernel tens of milliseconds.
        static double Seconds(RunResult run, string name)
        {
            string row = run.StderrLines.Single(l => l.EndsWith(" " + name, StringComparison.Ordinal));
            return double.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }

        string[] sleep = ["-e", "trace=clock_nanosleep", "sleep", "0.3"];
        Assert.True(Seconds(Runner.Run(["-c", .. sleep]), "clock_nanosleep") < 0.1);
        Assert.True(Seconds(Runner.Run(["-c", "-w", .. sleep]), "clock_nanosleep") >= 0.3);
        RunResult random = Runner.Run("-c", "-e", "trace=read", "dd", "if=/dev/urandom", "of=/dev/null", "bs=32M", "count=1");
        Assert.True(Seconds(random, "read") > 0);
    }

    [Fact]
    public void SortingWithoutATableIsSaidToDoNothing()
    {
        RunResult hatrace = Runner.Run("-S", "calls", Tiny);
        Assert.Equal("hatrace: -S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)", hatrace.StderrLines[0]);
        Assert.StartsWith("execve(", hatrace.StderrLines[1]);
    }

    [Fact]
    public void TotalsAddUp()
    {
        // Wall-clock times: tiny's calls take no tick of system time, and the shares of nothing do not add up to 100.
        string[] lines = Runner.Run("-c", "-w", Tiny).StderrLines;
        Assert.Equal("% time     seconds  usecs/call     calls    errors syscall", lines[0]);
        Assert.Equal("------ ----------- ----------- --------- --------- ----------------", lines[1]);
        var rows = lines[2..^2].Select(Parse).ToList();
        var total = Parse(lines[^1]);
        Assert.Equal("total", total.Name);
        Assert.Equal(5, total.Calls); // execve, write, openat, getpid, close: exit_group never returns
        Assert.Equal(2, total.Errors);
        Assert.Equal(rows.Sum(r => r.Calls), total.Calls);
        // Each printed row is rounded to the microsecond, and so is the total: they may differ by a microsecond a row.
        Assert.InRange(Math.Abs(rows.Sum(r => r.Seconds) - total.Seconds), 0, rows.Count * 1e-6 + 1e-9);
        Assert.Equal(100.0, rows.Sum(r => r.Percent), 0);
        // Sorted by time, most first.
        Assert.Equal(rows.OrderByDescending(r => r.Seconds).Select(r => r.Seconds), rows.Select(r => r.Seconds));
    }

    [Fact]
    public void BothPrintsTheTraceThenTheTable()
    {
        RunResult strace = Runner.Strace("-C", Tiny);
        RunResult hatrace = Runner.Run("-C", Tiny);
        int straceTrace = Array.FindIndex(strace.StderrLines, l => l.StartsWith("% time", StringComparison.Ordinal));
        int hatraceTrace = Array.FindIndex(hatrace.StderrLines, l => l.StartsWith("% time", StringComparison.Ordinal));
        Assert.Equal(7, hatraceTrace);
        Assert.Equal(straceTrace, hatraceTrace);
        Assert.Equal("+++ exited with 7 +++", hatrace.StderrLines[hatraceTrace - 1]);
        Assert.Equal(Rows(strace.StderrLines), Rows(hatrace.StderrLines));
    }

    [Fact]
    public void TheTableGoesToTheOutputFile()
    {
        using TempPath log = Runner.TempFile();
        RunResult hatrace = Runner.Run("-c", "-o", log.Path, Tiny);
        Assert.Equal("", hatrace.Stderr);
        Assert.StartsWith("% time", File.ReadAllText(log.Path));
    }

    [Fact]
    public void NothingCountedPrintsNothing()
    {
        Assert.Equal("", Runner.Strace("-c", "-e", "trace=none", Tiny).Stderr);
        Assert.Equal("", Runner.Run("-c", "-e", "trace=none", Tiny).Stderr);
    }

    [NeedsI386Fact]
    public void I386CallsHaveATableOfTheirOwn()
    {
        RunResult strace = Runner.Strace("-c", "-qq", Runner.Program("int80"));
        RunResult hatrace = Runner.Run("-c", "-qq", Runner.Program("int80"));
        Assert.Contains("System call usage summary for 32 bit mode:", hatrace.StderrLines);
        Assert.Equal(Shape(strace.StderrLines), Shape(hatrace.StderrLines));
        Assert.Equal(Rows(strace.StderrLines), Rows(hatrace.StderrLines));
    }

    // name, calls and errors of each row, total included.
    private static List<string> Rows(IEnumerable<string> lines) =>
        [.. lines.Select(l => Row().Match(l)).Where(m => m.Success).Select(m => $"{m.Groups[5].Value} {m.Groups[3].Value} {m.Groups[4].Value}").Order()];

    // Every line with its numbers blanked: headers, rules and the column layout.
    private static List<string> Shape(IEnumerable<string> lines) =>
        [.. lines.Select(l => Row().Match(l) is { Success: true } m ? $"{m.Groups[1].Length},{m.Groups[2].Length},{l.Length - m.Groups[5].Length}" : l)];

    private static (double Percent, double Seconds, long Calls, long Errors, string Name) Parse(string line)
    {
        Match m = Row().Match(line);
        Assert.True(m.Success, line);
        return (double.Parse(m.Groups[1].Value), double.Parse(m.Groups[2].Value.Trim()), long.Parse(m.Groups[3].Value),
            m.Groups[4].Value.Length == 0 ? 0 : long.Parse(m.Groups[4].Value), m.Groups[5].Value);
    }

    [GeneratedRegex(@"^( *\d+\.\d\d) ( *\d+\.\d{6}) +\d+ +(\d+) +(\d*) (\S+)$")]
    private static partial Regex Row();

    // A time of the table, a share or seconds, with the spaces that align it.
    [GeneratedRegex(@" *\d+\.\d+")]
    private static partial Regex Time();
}
