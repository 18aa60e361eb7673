using System.Diagnostics;
using System.Text.RegularExpressions;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;

namespace Hatrace.Cli.Tests;

/// <summary>hatrace's own outputs beside strace's text: --json, --color, --remap-pids and --exclude-runtime-noise.
/// One class, so that the test that sets NO_COLOR in this process runs alone among the colour tests.</summary>
public partial class OutputModeTests
{
    private static readonly string Tiny = Runner.Program("tiny");
    private static readonly string Family = Runner.Program("family");

    [Fact]
    public void JsonLinesReadBackAsTheEventsTheTextShows()
    {
        using TempPath json = Runner.TempFile();
        // Addresses and getpid's result are what differ between the two runs.
        RunResult jsonRun = Runner.Run("--json", "-o", json.Path, "-e", "trace=!getpid", Tiny);
        RunResult textRun = Runner.Run("-a0", "-e", "trace=!getpid", Tiny);
        Assert.Equal(7, jsonRun.ExitCode);

        string[] lines = File.ReadAllLines(json.Path);
        List<TraceEvent> events = [.. TraceJson.ReadLines(new StringReader(string.Join('\n', lines)))];
        Assert.Equal(lines.Length, events.Count);
        // The text each line carries is the text its event prints once read back, and the text run's line.
        for (int i = 0; i < lines.Length; i++)
            Assert.Equal(System.Text.Json.JsonDocument.Parse(lines[i]).RootElement.GetProperty("text").GetString(), events[i].Text);
        Assert.IsType<ProcessStartEvent>(events[0]);
        Assert.Equal(WithoutAddresses(textRun.StderrLines), WithoutAddresses(events.Where(e => e is not (ProcessStartEvent or ProcessExecEvent)).Select(e => e.Text)));
        // What the text has no line for, JSON holds.
        Assert.Contains(events, e => e is ProcessExecEvent { CommandName: "tiny", Arguments: [_] });
        Assert.Contains(events, e => e is SyscallEvent { Name: "write", Result: 6 });
    }

    [Fact]
    public void JsonDoesNotGoWithTheSummary()
    {
        RunResult run = Runner.Run("--json", "-c", Tiny);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("hatrace: --json and (-c/--summary-only", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TextIsNotColouredWhenStderrIsNotATerminal()
    {
        // The real executable, its stderr a pipe: isatty says no.
        (int exit, string stderr) = RunExecutable(["-e", "trace=write", Tiny], noColor: null);
        Assert.Equal(7, exit);
        Assert.Contains("write(1, \"hello\\n\", 6)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\e', stderr);
        Assert.DoesNotContain('\e', Runner.Run("-e", "trace=write", Tiny).Stderr);
    }

    [Fact]
    public void ColourMarksNamesStringsErrorsAndExitsWithoutMovingTheColumn()
    {
        RunResult plain = Runner.Run("-e", "trace=write", Tiny);
        RunResult coloured = Runner.Run("--color=always", "-e", "trace=write", Tiny);
        Assert.StartsWith("\e[1;34mwrite\e[0m(1, \e[32m\"hello\\n\"\e[0m, 6)", coloured.Stderr, StringComparison.Ordinal);
        Assert.Contains("\e[35m+++ exited with 7 +++\e[0m", coloured.Stderr, StringComparison.Ordinal);
        Assert.Equal(plain.Stderr, Escape().Replace(coloured.Stderr, ""));

        RunResult failed = Runner.Run("--color", "-e", "trace=openat", Tiny);
        Assert.Matches(@"^\e\[1;34mopenat\e\[0m\(AT_FDCWD, \e\[32m""/nonexistent/hatrace""\e\[0m, O_RDONLY\) += \e\[31m-1 ENOENT \(No such file or directory\)\e\[0m\n", failed.Stderr);
    }

    [Fact]
    public void ColourFollowsTheTerminalAndNoColor()
    {
        Assert.Contains('\e', Runner.RunOnTerminal("-e", "trace=write", Tiny).Stderr);
        Assert.DoesNotContain('\e', Runner.RunOnTerminal("--color=never", "-e", "trace=write", Tiny).Stderr);
        Assert.DoesNotContain('\e', Runner.RunOnTerminal("--json", "--color=always", "-e", "trace=write", Tiny).Stderr);
        string? saved = Environment.GetEnvironmentVariable("NO_COLOR");
        try
        {
            Environment.SetEnvironmentVariable("NO_COLOR", "1");
            Assert.DoesNotContain('\e', Runner.RunOnTerminal("-e", "trace=write", Tiny).Stderr);
            // An explicit --color=always wins over NO_COLOR.
            Assert.Contains('\e', Runner.RunOnTerminal("--color=always", "-e", "trace=write", Tiny).Stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NO_COLOR", saved);
        }
        Assert.Contains('\e', RunExecutable(["--color=always", "-e", "trace=write", Tiny], noColor: "").Stderr);
    }

    [Theory]
    [InlineData("auto", true, null, true)]
    [InlineData("auto", false, null, false)]
    [InlineData("auto", true, "", false)]
    [InlineData("always", false, "1", true)]
    [InlineData("never", true, null, false)]
    public void ColourIsDecidedByModeTerminalAndNoColor(string mode, bool terminal, string? noColor, bool on) =>
        Assert.Equal(on, TracePalette.IsOn(Enum.Parse<ColorMode>(mode, ignoreCase: true), terminal, noColor));

    [Fact]
    public void RemappedPidsMakeTwoTracesOfAForkingProgramTheSame()
    {
        // family starts a process, threads, a vforked process and execs from a thread, one after the other. Not
        // traced: openat, whose paths hold the real ids, getrandom, whose bytes are random, and the futex waits of
        // pthread_join, whose words hold thread ids and whose results depend on timing.
        using TempPath first = Runner.TempFile(), second = Runner.TempFile();
        string[] options = ["-ff", "--remap-pids", "--exclude-runtime-noise", "-e", "trace=!openat,getrandom"];
        Runner.Run([.. options, "-o", first.Path, Family]);
        Runner.Run([.. options, "-o", second.Path, Family]);
        Dictionary<int, string> firstFiles = first.PerProcessFiles(), secondFiles = second.PerProcessFiles();

        // One file per task, named by its number: the program 1, the others after it.
        Assert.Equal(Enumerable.Range(1, firstFiles.Count), firstFiles.Keys.Order());
        Assert.Equal(firstFiles.Keys.Order(), secondFiles.Keys.Order());
        // SIGCHLD comes when the child ends, before or after the parent's next call: its place may differ, its line not.
        // The clone3 that starts the thread which then runs execve returns, or does not (the leader is gone), as the
        // scheduler has it: those lines are compared apart from that.
        static bool Settled(string line) => !line.StartsWith("--- SIGCHLD", StringComparison.Ordinal) && !line.StartsWith("clone3(", StringComparison.Ordinal);
        foreach (int task in firstFiles.Keys)
        {
            List<string> one = WithoutAddresses(firstFiles[task]), other = WithoutAddresses(secondFiles[task]);
            Assert.Equal(one.Where(Settled), other.Where(Settled));
            // The child's CPU times, in clock ticks, are the scheduler's too: a busy machine gives one 1 where the other has 0.
            static IEnumerable<string> Sigchlds(List<string> lines) =>
                lines.Where(l => l.StartsWith("--- SIGCHLD", StringComparison.Ordinal)).Select(l => CpuTimes().Replace(l, "si_utime=?, si_stime=?"));
            Assert.Equal(Sigchlds(one), Sigchlds(other));
            Assert.Equal(one.Count(l => l.StartsWith("clone3(", StringComparison.Ordinal)), other.Count(l => l.StartsWith("clone3(", StringComparison.Ordinal)));
        }

        string[] main = File.ReadAllLines(firstFiles[1]);
        Assert.Contains(main, l => Regex.IsMatch(l, @"^clone\(.*\) += 2$"));
        Assert.Contains(main, l => Regex.IsMatch(l, @"^wait4\(2, NULL, 0, NULL\) += 2$"));
        Assert.Contains(main, l => l.StartsWith("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2,", StringComparison.Ordinal));
        Assert.Contains(main, l => Regex.IsMatch(l, @"^clone3\(.*=> \{parent_tid=\[3\]\}, 88\) += 3$"));
        Assert.Contains(main, l => Regex.IsMatch(l, @"^\+\+\+ superseded by execve in pid \d \+\+\+$"));
    }

    [Fact]
    public void RemappedPidsPrefixEveryLine()
    {
        using TempPath log = Runner.TempFile();
        Runner.Run("-f", "--remap-pids", "-e", "trace=getpid,gettid,wait4", "-o", log.Path, Family);
        string[] lines = File.ReadAllLines(log.Path);
        Assert.All(lines, l => Assert.Matches(@"^[1-9] ", l));
        // Whole, or resumed where another task's line came between the call's entry and its return.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^1 +(getpid\(|<\.\.\. getpid resumed>)\) += 1$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^2 +(getpid\(|<\.\.\. getpid resumed>)\) += 2$"));
    }

    [Fact]
    public void RuntimeNoiseIsLeftOut()
    {
        string futex = Runner.Program("process_futex");
        RunResult all = Runner.Run(futex);
        RunResult quiet = Runner.Run("--exclude-runtime-noise", "--remap-pids", futex);
        RunResult byClass = Runner.Run("-e", "trace=!%noise", "--remap-pids", futex);
        Assert.Contains(all.StderrLines, l => l.StartsWith("futex(", StringComparison.Ordinal));
        Assert.DoesNotContain(quiet.StderrLines, l => l.StartsWith("futex(", StringComparison.Ordinal) || l.StartsWith("rt_sigprocmask(", StringComparison.Ordinal));
        Assert.Contains(quiet.StderrLines, l => l.StartsWith("write(-1, \"futex\", 5)", StringComparison.Ordinal));
        Assert.Equal(WithoutAddresses(quiet.StderrLines), WithoutAddresses(byClass.StderrLines));
        // The other calls are all still there.
        Assert.Equal(all.StderrLines.Count(l => !Regex.IsMatch(l, "^(futex|rt_sigprocmask)\\(")), quiet.StderrLines.Length);
    }

    private static List<string> WithoutAddresses(string file) => WithoutAddresses(File.ReadAllLines(file));

    private static List<string> WithoutAddresses(IEnumerable<string> lines) => [.. lines.Select(l => Address().Replace(l, "0x?"))];

    private static (int Exit, string Stderr) RunExecutable(string[] args, string? noColor)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "hatrace"), args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment.Remove("NO_COLOR");
        if (noColor is not null)
            start.Environment["NO_COLOR"] = noColor;
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        return (process.ExitCode, stderr);
    }

    [GeneratedRegex(@"\e\[[0-9;]*m")]
    private static partial Regex Escape();

    [GeneratedRegex(@"0x[0-9a-f]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"si_utime=\d+( /\* [\d.]+ s \*/)?, si_stime=\d+( /\* [\d.]+ s \*/)?")]
    private static partial Regex CpuTimes();
}
