namespace Hatrace.Cli.Tests;

/// <summary>Output hatrace cannot write does not stop the program it traces: a full disk is reported once and the
/// trace goes on, as strace reports it and goes on; a standard stream hatrace was started without is no error; a pipe
/// nobody reads any more ends hatrace as SIGPIPE ends strace.</summary>
public class WriteErrorTests
{
    private static readonly string ExitWith = Runner.Program("exit_with");
    private static readonly string Hatrace = Path.Combine(AppContext.BaseDirectory, "hatrace");

    [Theory]
    [InlineData("-e", "trace=none")]
    [InlineData("-e", "trace=all")]
    [InlineData("-f", "-e", "trace=all")]
    public void ATraceFileThatCannotBeWrittenIsReportedOnceAndTheProgramRunsOn(params string[] filter)
    {
        RunResult strace = Runner.Strace(["-o", "/dev/full", .. filter, ExitWith, "exit", "3"]);
        RunResult hatrace = Runner.Run(["-o", "/dev/full", .. filter, ExitWith, "exit", "3"]);
        Assert.Equal(3, strace.ExitCode);
        Assert.Equal(3, hatrace.ExitCode);
        // strace says it at every flush that fails; once says as much.
        Assert.Equal("hatrace: /dev/full: No space left on device\n", hatrace.Stderr);
    }

    [Fact]
    public void ACommandTheTraceIsPipedIntoGetsItWholeAsUnderStrace()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Runner.Strace("-o", $"|cat > {straceLog.Path}", Runner.Program("tiny"));
        RunResult hatrace = Runner.Run("-o", $"!cat > {hatraceLog.Path}", Runner.Program("tiny"));
        Assert.Equal(7, hatrace.ExitCode);
        Assert.Equal("", hatrace.Stderr);
        Assert.Equal(5 + 2, File.ReadAllLines(hatraceLog.Path).Length); // the five calls, the execve, the exit: hatrace waited for cat
        List<string> Trace(TempPath log) => Runner.Normalize(File.ReadAllLines(log.Path), Runner.ProcessIds(File.ReadAllLines(log.Path)));
        Assert.Equal(Trace(straceLog), Trace(hatraceLog));
    }

    [Fact]
    public void ACommandThatStopsReadingIsReportedOnceAndTheProgramRunsOn()
    {
        // The command closes its input and says so; the program goes on only then, so that its later calls' lines meet
        // the closed pipe. strace reports it at every write.
        using TempPath ready = Runner.TempFile();
        RunResult hatrace = Runner.Run("-o", $"|exec 0<&-; touch {ready.Path}; sleep 1", "sh", "-c",
            $"while [ ! -e {ready.Path} ]; do sleep 0.01; done; exit 4");
        Assert.Equal(4, hatrace.ExitCode);
        Assert.Equal($"hatrace: |exec 0<&-; touch {ready.Path}; sleep 1: Broken pipe\n", hatrace.Stderr);
    }

    [Theory]
    [InlineData(">&-")]
    [InlineData("2>&-")]
    [InlineData("<&- >&- 2>&-")]
    public void StandardStreamsHatraceWasStartedWithoutAreNoError(string closed)
    {
        using TempPath log = Runner.TempFile();
        RunResult hatrace = Runner.RunProcess("sh", "-c", $"exec \"$0\" -o \"$1\" \"$2\" exit 5 {closed}", Hatrace, log.Path, ExitWith);
        Assert.Equal(5, hatrace.ExitCode);
        Assert.Equal("", hatrace.Stderr);
        Assert.Equal("+++ exited with 5 +++", File.ReadAllLines(log.Path)[^1]);
    }

    /// <summary>A file hatrace shares with the program (its stderr, redirected) gets both their writes, each where the
    /// file's offset then was, as strace's: neither writes over the other.</summary>
    [Fact]
    public void AFileSharedWithTheProgramKeepsWhatTheProgramWrote()
    {
        const string Script = "exec \"$0\" -e trace=write sh -c 'echo first >&2; echo second >&2' 2>\"$1\"";
        foreach (string tracer in (string[])["strace", Hatrace])
        {
            using TempPath log = Runner.TempFile();
            Assert.Equal(0, Runner.RunProcess("sh", "-c", Script, tracer, log.Path).ExitCode);
            string text = File.ReadAllText(log.Path);
            Assert.Contains("first\n", text);
            Assert.Contains("second\n", text);
            Assert.Contains("write(1, \"second\\n\", 7", text);
            Assert.EndsWith("+++ exited with 0 +++\n", text);
        }
    }

    [Fact]
    public void AClosedPipeEndsTheTraceAsSigpipeEndsStraces()
    {
        // The program prints far longer than head reads: hatrace must stop it, not trace on into nothing. Not for ever:
        // strace, killed by SIGPIPE, lets its tracee go on (it has no PTRACE_O_EXITKILL), which must end by itself.
        const string Script = "set -o pipefail; \"$0\" sh -c 'i=0; while [ $i -lt 300000 ]; do echo; i=$((i+1)); done' 2>&1 >/dev/null | head -1";
        RunResult strace = Runner.RunProcess("bash", "-c", Script, "strace");
        RunResult hatrace = Runner.RunProcess("bash", "-c", Script, Hatrace);
        Assert.Equal(141, strace.ExitCode);
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
        Assert.StartsWith("execve(", hatrace.Stdout);
    }
}
