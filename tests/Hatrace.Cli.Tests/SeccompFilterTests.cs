using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>hatrace filters in the kernel whenever it can: with -f and -e trace=, its text is strace --seccomp-bpf's (but
/// for the calls a program's own seccomp filter answers, which it shows as strace without filtering does), and
/// --no-seccomp-bpf (hatrace's own) changes only how many stops the trace takes.</summary>
public class SeccompFilterTests
{
    [Theory]
    [InlineData]
    [InlineData("--seccomp-bpf")]
    [InlineData("--no-seccomp-bpf")]
    public void AnOpenatTraceIsStraces(params string[] options)
    {
        // getppid_loop is linked dynamically: the loader's openat calls are the trace, the getppid calls are left out.
        string program = Runner.Program("getppid_loop");
        RunResult strace = Runner.Strace("-f", "--seccomp-bpf", "-e", "trace=openat", program, "1000");
        RunResult hatrace = Runner.Run(["-f", .. options, "-e", "trace=openat", program, "1000"]);
        Assert.Equal(0, strace.ExitCode);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Contains(hatrace.StderrLines, l => l.StartsWith("openat(", StringComparison.Ordinal));
        Assert.Equal(strace.StderrLines, hatrace.StderrLines);
    }

    [Fact]
    public void AProgramsOwnSeccompFilterHidesNoneOfItsCalls()
    {
        // own_seccomp's filter fails getppid before any tracer's filter could stop at it, in the program and in its
        // child: hatrace, which filters by default, shows both calls as strace does without filtering (strace
        // --seccomp-bpf shows neither).
        string program = Runner.Program("own_seccomp");
        string[] options = ["-f", "-e", "trace=getppid", "-e", "signal=none", "-qq", program];
        RunResult strace = Runner.Strace(options);
        RunResult hatrace = Runner.Run(options);
        Assert.Equal(0, strace.ExitCode);
        Assert.Equal(0, hatrace.ExitCode);
        // Without the child's pid and the padding before the result.
        static string[] Calls(RunResult run) =>
            [.. run.StderrLines.Select(l => Regex.Replace(Regex.Replace(l, @"^\[pid +\d+\] ", "[pid N] "), " +=", " ="))];
        Assert.Equal(["getppid() = -1 EPERM (Operation not permitted)", "[pid N] getppid() = -1 EPERM (Operation not permitted)"], Calls(hatrace));
        Assert.Equal(Calls(strace), Calls(hatrace));
    }

    [Theory]
    [InlineData(true, "-f", "ls")]
    [InlineData(true, "-f", "--seccomp-bpf", "ls")]
    [InlineData(false, "-f", "--no-seccomp-bpf", "ls")]
    [InlineData(false, "--seccomp-bpf", "-f", "--no-seccomp-bpf", "ls")]
    public void TheFilterIsOnUnlessTurnedOff(bool filter, params string[] args)
    {
        StraceOptions options = StraceOptions.Parse(args);
        Assert.Equal(filter, options.SeccompFilter);
        Assert.Empty(options.Warnings);
    }

    [Theory]
    [InlineData("--seccomp-bpf cannot be used without -f/--follow-forks, disabling", "--seccomp-bpf", "ls")]
    [InlineData("--seccomp-bpf is not enabled for processes attached with -p", "--seccomp-bpf", "-f", "-p", "1")]
    public void StraceWarnsWhereTheFilterCannotApply(string warning, params string[] args) =>
        Assert.Equal([warning], StraceOptions.Parse(args).Warnings);
}
