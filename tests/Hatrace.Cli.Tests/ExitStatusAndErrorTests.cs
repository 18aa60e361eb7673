namespace Hatrace.Cli.Tests;

/// <summary>hatrace exits as the traced program did, and reports its own mistakes as strace does: one line on
/// stderr (two, with the hint at -h, for a malformed command line) and exit status 1.</summary>
public class ExitStatusAndErrorTests
{
    private static readonly string ExitWith = Runner.Program("exit_with");

    [Fact]
    public void SignalsTheCallerIgnoredStayIgnoredInTheProgramAsUnderStrace()
    {
        // nohup's SIGHUP, a background job's SIGINT and SIGQUIT: the program inherits them ignored through strace as
        // through a shell. Not SIGPIPE and SIGTERM, which the .NET runtime takes over before any of hatrace's code
        // runs: what hatrace inherited of them is lost, so SIGPIPE starts at its default here (it may come ignored).
        const string Script = "trap '' HUP INT QUIT; exec \"$0\" -qq -o /dev/null grep SigIgn /proc/self/status";
        RunResult strace = Runner.RunProcess("env", "--default-signal=PIPE", "sh", "-c", Script, "strace");
        RunResult hatrace = Runner.RunProcess("env", "--default-signal=PIPE", "sh", "-c", Script, Path.Combine(AppContext.BaseDirectory, "hatrace"));
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Matches(@"^SigIgn:\s+0*7\n$", strace.Stdout); // the bits of HUP (1), INT (2) and QUIT (3)
        Assert.Equal(strace.Stdout, hatrace.Stdout);
    }

    [Fact]
    public void TheProgramsExitCodeIsHatraces()
    {
        RunResult result = Runner.Run("-e", "trace=none", ExitWith, "exit", "3");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("+++ exited with 3 +++\n", result.Stderr);
    }

    [Fact]
    public void DeathBySignalIs128PlusTheSignal()
    {
        RunResult strace = Runner.Strace("-e", "trace=none", ExitWith, "signal", "15");
        RunResult hatrace = Runner.Run("-e", "trace=none", ExitWith, "signal", "15");
        Assert.Equal(143, hatrace.ExitCode);
        // strace kills itself with the same signal, which a shell reports as 143 too; Process sees it as such.
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
        Assert.Equal(Lines(strace.Stderr), Lines(hatrace.Stderr));
        Assert.Equal("+++ killed by SIGTERM +++", hatrace.StderrLines[^1]);
    }

    [Fact]
    public void ASignalOutsideTheSignalSetHidesTheDeathToo()
    {
        RunResult strace = Runner.Strace("-e", "trace=none", "-e", "signal=!SIGTERM", ExitWith, "signal", "15");
        RunResult hatrace = Runner.Run("-e", "trace=none", "-e", "signal=!SIGTERM", ExitWith, "signal", "15");
        Assert.Equal("", strace.Stderr);
        Assert.Equal("", hatrace.Stderr);
        Assert.Equal(143, hatrace.ExitCode);
    }

    [Theory]
    [InlineData("nosuchprogram")]
    [InlineData("./nosuchprogram")]
    [InlineData("/nonexistent/dir/x")]
    [InlineData("")]
    [InlineData("-e", "trace=foo", "true")]
    [InlineData("-e", "trace=%file,foo", "true")]
    [InlineData("-e", "status=foo", "true")]
    [InlineData("-e", "signal=FOO", "true")]
    [InlineData("-e", "trace=/(", "true")]
    [InlineData("-s", "abc", "true")]
    [InlineData("-a", "-1", "true")]
    [InlineData("-I", "5", "true")]
    [InlineData("-Q", "true")]
    [InlineData("-o")]
    [InlineData("--foo", "true")]
    [InlineData("--follow-forks=1", "true")]
    [InlineData("-c", "-C", "true")]
    [InlineData("-ff", "-c", "true")]
    [InlineData("-w", "true")]
    [InlineData("-c", "-S", "foo", "true")]
    [InlineData("-c", "-U", "foo", "true")]
    [InlineData("-c", "-U", "calls,name,calls,errors", "true")]
    [InlineData("-U", "calls", "true")]
    [InlineData]
    [InlineData("-o", "/nonexistent/dir/log", "true")]
    [InlineData("-o", "/tmp", "true")]
    [InlineData("-s", "-5", "true")]
    [InlineData("-e", "inject=write:error=ENOSUCH", "true")]
    [InlineData("-e", "inject=write:signal=SIGNOSUCH", "true")]
    public void ErrorsReadAsStracesAndExitWith1(params string[] args)
    {
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.Run(args);
        Assert.Equal(1, strace.ExitCode);
        Assert.Equal(1, hatrace.ExitCode);
        Assert.StartsWith("hatrace: ", hatrace.Stderr);
        Assert.Equal(strace.Stderr.Replace("strace", "hatrace", StringComparison.Ordinal), hatrace.Stderr);
    }

    [Theory]
    [InlineData("/etc/passwd", "Permission denied")]
    [InlineData("/tmp", "Permission denied")]
    public void AProgramTheKernelWillNotRunIsAnExecError(string program, string reason)
    {
        RunResult strace = Runner.Strace(program);
        RunResult hatrace = Runner.Run(program);
        Assert.Equal(1, hatrace.ExitCode);
        // strace shows the failed execve and "+++ exited with 1 +++" too: hatrace's engine never starts the program.
        Assert.Contains($"strace: exec: {reason}", strace.StderrLines);
        Assert.Equal($"hatrace: exec: {reason}\n", hatrace.Stderr);
    }

    [Fact]
    public void AKernelWithoutSyscallInfoIsAnErrorNamingTheRequestAndTheKernelNeeded()
    {
        // without_syscall_info has PTRACE_GET_SYSCALL_INFO answered with EIO, as kernels before 5.3 answer it; hatrace
        // runs as a process of its own, since the seccomp filter doing so cannot be taken off.
        RunResult hatrace = Runner.RunProcess(Runner.Program("without_syscall_info"), Path.Combine(AppContext.BaseDirectory, "hatrace"), Runner.Program("tiny"));
        Assert.Equal(1, hatrace.ExitCode);
        Assert.Equal("hatrace: The kernel cannot report a traced call (PTRACE_GET_SYSCALL_INFO: Input/output error); Hatrace needs Linux 5.3 or later.\n",
            hatrace.Stderr);
        Assert.Equal("", hatrace.Stdout); // tiny, which prints first, never ran
    }

    [Fact]
    public void AttachingToNoProcessFailsAsStracesDoes()
    {
        using var gone = System.Diagnostics.Process.Start("/bin/true");
        gone.WaitForExit();
        string pid = gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RunResult strace = Runner.Strace("-p", pid);
        RunResult hatrace = Runner.Run("-p", pid);
        Assert.Equal(1, hatrace.ExitCode);
        Assert.Equal(strace.Stderr.Replace("strace", "hatrace", StringComparison.Ordinal), hatrace.Stderr);
    }

    [Fact]
    public async Task AttachedProcessesAreTracedUntilTheyExit()
    {
        using var shell = StartAttachTarget(out string pid);
        Task<RunResult> trace = Task.Run(() => Runner.Run("-f", "-e", "trace=getppid,exit_group", "-p", pid));
        await WaitUntilTraced(pid);
        Terminate(pid);
        RunResult result = await trace;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"hatrace: Process {pid} attached with 3 threads", result.StderrLines[0]);
        // Every thread is known from the attach on, so lines carry strace's [pid N] prefix, as under strace -f -p.
        Assert.Contains(result.StderrLines, l => l == $"[pid {pid,5}] getppid()                   = {shell.Id}");
        Assert.EndsWith("+++ exited with 0 +++", result.StderrLines[^1]);
        Assert.True(shell.WaitForExit(10_000));
    }

    /// <summary>-p PID with a command: both are traced, the attached one without the seccomp filter the program runs
    /// under, until both have exited; hatrace's exit status is the program's.</summary>
    [Fact]
    public async Task AProcessAttachedBesideAProgramIsTracedUntilBothExit()
    {
        using var shell = StartAttachTarget(out string pid);
        Task<RunResult> trace = Task.Run(() => Runner.Run("-f", "--seccomp-bpf", "-e", "trace=getppid,exit_group", "-p", pid, Runner.Program("tiny")));
        await WaitUntilTraced(pid);
        Terminate(pid);
        RunResult result = await trace;
        Assert.True(result.ExitCode == 7, result.Stderr);
        Assert.Equal("hatrace: --seccomp-bpf is not enabled for processes attached with -p", result.StderrLines[0]);
        Assert.Contains($"hatrace: Process {pid} attached with 3 threads", result.StderrLines);
        Assert.Contains(result.StderrLines, l => l == $"[pid {pid,5}] getppid()                   = {shell.Id}");
        // Whole, or cut by the other process's getppid between its entry and its end (as strace cuts it then).
        Assert.Contains(result.StderrLines,
            l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(exit_group\(7|<\.\.\. exit_group resumed>)\) +\= \?$"));
        Assert.Contains(result.StderrLines, l => l.EndsWith("+++ exited with 7 +++", StringComparison.Ordinal));
        Assert.EndsWith("+++ exited with 0 +++", result.StderrLines[^1]);
        Assert.True(shell.WaitForExit(10_000));
    }

    // attach_target under a shell, so that this process does not wait for the target itself (see Tracer.Attach).
    private static System.Diagnostics.Process StartAttachTarget(out string pid)
    {
        var start = new System.Diagnostics.ProcessStartInfo("sh", ["-c", "\"$0\" \"$1\" & echo $!; wait $!", Runner.Program("attach_target"), "/dev/null"])
        {
            RedirectStandardOutput = true,
        };
        var shell = System.Diagnostics.Process.Start(start)!;
        // The shell's echo of the pid and the program's "ready" come in either order.
        string[] lines = [shell.StandardOutput.ReadLine()!, shell.StandardOutput.ReadLine()!];
        Assert.Contains("ready", lines);
        pid = lines.Single(l => l != "ready");
        return shell;
    }

    // However long hatrace takes to start here, the target must not end before it is attached.
    private static async Task WaitUntilTraced(string pid)
    {
        for (int attempt = 0; attempt < 600 && File.ReadAllText($"/proc/{pid}/status").Contains("TracerPid:\t0\n", StringComparison.Ordinal); attempt++)
            await Task.Delay(50);
        await Task.Delay(100); // a few calls of the target's
    }

    private static void Terminate(string pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", pid])!;
        kill.WaitForExit();
    }

    [Fact]
    public void DecodingOptionsWarnAndGoOn()
    {
        RunResult result = Runner.Run("-d", "--kvm=vcpu", "--tips", "-e", "trace=getpid", Runner.Program("tiny"));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal(["hatrace: -d is not supported yet, ignored", "hatrace: -e kvm= is not supported yet, ignored", "hatrace: --tips is not supported yet, ignored"],
            result.StderrLines[..3]);
        Assert.StartsWith("getpid()", result.StderrLines[3]);
    }

    [Fact]
    public void AUserNotInTheUserDatabaseIsStracesError()
    {
        // Root or not: strace says the first where it is root, and hatrace as well.
        RunResult result = Runner.Run("-u", "no-such-user-hatrace", Runner.Program("tiny"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal([Environment.IsPrivilegedProcess ? "hatrace: Cannot find user 'no-such-user-hatrace'" : "hatrace: You must be root to use the -u/--username option"],
            result.StderrLines);
    }

    [Fact]
    public void HelpAndVersionGoToStdout()
    {
        RunResult help = Runner.Run("-h");
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("Usage: hatrace ", help.Stdout);
        Assert.Equal("", help.Stderr);
        RunResult version = Runner.Run("-V");
        Assert.Matches(@"^hatrace -- version \d+\.\d+\.\d+\n", version.Stdout);
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\d{2,}", "N"))];
}
