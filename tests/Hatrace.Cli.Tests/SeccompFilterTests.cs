namespace Hatrace.Cli.Tests;

/// <summary>hatrace filters in the kernel whenever it can: with -f and -e trace=, its text is strace --seccomp-bpf's,
/// and --no-seccomp-bpf (hatrace's own) changes only how many stops the trace takes.</summary>
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
