using System.Globalization;

namespace Hatrace.Cli.Tests;

/// <summary>-D, -DD, -DDD: the program runs as the process its caller started, and the tracer beside it, a grandchild
/// in the caller's process group, in one of its own, or in a session of its own. hatrace runs as a process here: with
/// -D the process that runs it becomes the program.</summary>
public class DetachedTracerTests
{
    private static string Hatrace => Path.Combine(AppContext.BaseDirectory, "hatrace");

    [Fact]
    public void TheTraceReadsAsStracesAndTheExitStatusIsTheProgramsOwn()
    {
        string[] args = ["-D", "-e", "trace=execve,getpid,exit_group", Runner.Program("tiny")];
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.RunProcess(Hatrace, args);
        Assert.Equal(7, strace.ExitCode);
        Assert.Equal(7, hatrace.ExitCode);
        Assert.Equal("hello\n", hatrace.Stdout);
        Assert.Equal(Comparable(strace.Stderr.Replace("strace: ", "hatrace: ", StringComparison.Ordinal)), Comparable(hatrace.Stderr));
        Assert.Matches(@"^hatrace: Process \d+ attached\nexecve\(", hatrace.Stderr);
    }

    /// <summary>-u with -D: the process that becomes the program takes the user's identity once its tracer has attached,
    /// as strace's does.</summary>
    [AsAnotherUserFact]
    public void TheProgramRunsAsTheUserMinusUNames()
    {
        string[] args = ["-D", "-u", "nobody", "-e", "trace=getuid,geteuid,getgroups", "id"];
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.RunProcess(Hatrace, args);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Equal(strace.Stdout, hatrace.Stdout);
        Assert.StartsWith("uid=65534(nobody) ", hatrace.Stdout);
        Assert.Equal(Comparable(strace.Stderr.Replace("strace: ", "hatrace: ", StringComparison.Ordinal)), Comparable(hatrace.Stderr));
    }

    /// <summary>The program is the caller's child (its parent is this test process), and its tracer stands as far from
    /// it as the level says: same process group and session, its own group, its own session.</summary>
    [Theory]
    [InlineData("-D", true, true)]
    [InlineData("-DD", false, true)]
    [InlineData("-DDD", false, false)]
    [InlineData("--daemonize=pgroup", false, true)]
    public void TheProgramIsTheCallersChildAndTheTracerStandsApart(string option, bool sameGroup, bool sameSession)
    {
        // The shell prints its parent, then its own and its tracer's (thread's) process group and session: the 3rd and
        // 4th fields of /proc/PID/stat after the name, which may hold spaces.
        const string script = """
            echo $PPID
            tracer=$(sed -n 's/^TracerPid:\t//p' /proc/$$/status)
            sed 's/.*) //' /proc/$$/stat | cut -d' ' -f3,4
            sed 's/.*) //' /proc/$tracer/stat | cut -d' ' -f3,4
            """;
        RunResult result = Runner.RunProcess(Hatrace, option, "-e", "trace=none", "sh", "-c", script);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), lines[0]);
        string[] program = lines[1].Split(' '), tracer = lines[2].Split(' ');
        Assert.Equal(sameGroup, program[0] == tracer[0]);
        Assert.Equal(sameSession, program[1] == tracer[1]);
    }

    [Theory]
    [InlineData("hatrace: Too many -D's (4), maximum supported -D count is 3", "-DDDD", "true")]
    [InlineData("hatrace: PROG [ARGS] must be specified with -D/--daemonize", "-D", "-p", "1")]
    [InlineData("hatrace: invalid --daemonize argument: 'group'", "--daemonize=group", "true")]
    [InlineData("hatrace: Can't stat 'hatrace-no-such-program': No such file or directory", "-D", "hatrace-no-such-program")]
    public void MistakesAreStracesErrors(string message, params string[] args)
    {
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.Run(args);
        Assert.Equal(1, hatrace.ExitCode);
        Assert.Equal(message, hatrace.StderrLines[0]);
        Assert.Equal(strace.StderrLines[0].Replace("strace", "hatrace", StringComparison.Ordinal), hatrace.StderrLines[0]);
    }

    // The program's id (attached, and getpid's result) as PID1.
    private static List<string> Comparable(string trace) =>
        Runner.Normalize(trace.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            [int.Parse(System.Text.RegularExpressions.Regex.Match(trace, @"Process (\d+) attached").Groups[1].Value, CultureInfo.InvariantCulture)]);
}
