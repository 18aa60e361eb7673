using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>The installed strace is the oracle: on the same program with the same options, hatrace must print the
/// same text, once what must differ between two runs (pids, addresses, environment sizes) is normalised. tiny makes
/// five calls and no others, so its whole trace can be compared line by line, padding included.</summary>
public partial class StraceComparisonTests
{
    private static readonly string Tiny = Runner.Program("tiny");

    [Theory]
    [InlineData]
    [InlineData("-a", "0")]
    [InlineData("-a", "60")]
    [InlineData("-a10")]
    [InlineData("-s", "2")]
    [InlineData("-e", "trace=%file")]
    [InlineData("-e", "trace=%desc")]
    [InlineData("-e", "trace=%pure")]
    [InlineData("-e", "trace=!write")]
    [InlineData("-e", "trace=/^open")]
    [InlineData("-e", "trace=!/^w")]
    [InlineData("-e", "trace=none")]
    [InlineData("-e", "trace=write@64")]
    [InlineData("-e", "trace=write@32")]
    [InlineData("-e", "trace=?nosuchcall,close")]
    [InlineData("-egetpid")]
    [InlineData("-z")]
    [InlineData("-Z")]
    [InlineData("-Z", "-z")]
    [InlineData("-e", "status=failed,unfinished")]
    [InlineData("-e", "status=!failed")]
    [InlineData("-P", "/nonexistent/hatrace")]
    [InlineData("-P", "/nonexistent")]
    [InlineData("-q")]
    [InlineData("-qq")]
    [InlineData("-e", "quiet=exit")]
    [InlineData("-f")]
    [InlineData("-ff")]
    [InlineData("-e", "signal=none")]
    [InlineData("--seccomp-bpf")]
    [InlineData("-f", "--seccomp-bpf", "-e", "trace=write")]
    [InlineData("-n")]
    [InlineData("-n", "-e", "trace=write")]
    [InlineData("-f", "--syscall-number", "-e", "trace=write")]
    [InlineData("-f", "--seccomp-bpf", "-n", "-e", "trace=write")]
    public void TinyTraceIsStraces(params string[] options)
    {
        RunResult strace = Runner.Strace([.. options, Tiny]);
        RunResult hatrace = Runner.Run([.. options, Tiny]);
        Assert.Equal(7, strace.ExitCode);
        Assert.Equal(7, hatrace.ExitCode);
        // strace's own warnings name strace.
        Assert.Equal(Normalize(strace.StderrLines.Select(l => l.Replace("strace: ", "hatrace: ", StringComparison.Ordinal))),
            Normalize(hatrace.StderrLines));
    }

    [Theory]
    [InlineData("-qq")]
    [InlineData("-e", "quiet=exit")]
    public void ADeathByASignalIsSaidThoughExitsAreQuiet(params string[] quiet)
    {
        string[] arguments = [.. quiet, "-e", "trace=none", "sh", "-c", "kill -9 $$"];
        RunResult strace = Runner.Strace(arguments);
        RunResult hatrace = Runner.Run(arguments);
        Assert.Equal(["+++ killed by SIGKILL +++"], strace.StderrLines);
        Assert.Equal(strace.StderrLines, hatrace.StderrLines);
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
    }

    [Fact]
    public void FollowingIntoAFilePrefixesEveryLineWithThePid()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Runner.Strace("-f", "-o", straceLog.Path, Tiny);
        RunResult hatrace = Runner.Run("-f", "-o", hatraceLog.Path, Tiny);
        Assert.Equal("", hatrace.Stderr);
        string[] lines = File.ReadAllLines(hatraceLog.Path);
        Assert.Equal(Normalize(File.ReadAllLines(straceLog.Path)), Normalize(lines));
        // "%-5d ": the pid, left-aligned in five columns, and " = " still at column 40.
        Assert.All(lines, l => Assert.Matches(@"^\d+ +\S", l));
        Assert.Equal(40, lines.Single(l => l.Contains("getpid()")).IndexOf(" = ", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void SeparateFilesHoldOneTaskEach()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        string family = Runner.Program("family");
        Runner.Strace("-ff", "-o", straceLog.Path, family);
        RunResult hatrace = Runner.Run("-ff", "-o", hatraceLog.Path, family);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Equal("", hatrace.Stderr);

        // Each task names itself in the paths it opens (ROLE-PID-TID): which roles each file holds must match.
        List<string> Roles(TempPath log) =>
            [.. log.PerProcessFiles().Select(f => string.Join(',', Marks(File.ReadAllLines(f.Value)).Select(m => m.Role)))
                .Where(r => r.Length > 0).Order()];
        Assert.Equal(["fork", "main,exec", "thread", "thread", "thread", "vfork"], Roles(straceLog));
        Assert.Equal(Roles(straceLog), Roles(hatraceLog));
        foreach ((int pid, string file) in hatraceLog.PerProcessFiles())
        {
            Assert.All(Marks(File.ReadAllLines(file)), m => Assert.Equal(pid, m.Role == "thread" ? m.Tid : m.Pid));
            Assert.DoesNotMatch(@"^\d+ ", File.ReadAllText(file)); // no pid prefix in a file of its own
        }
    }

    [Fact]
    public void OtherTasksAreMarkedOnStderr()
    {
        RunResult hatrace = Runner.Run("-f", "-e", "trace=openat", Runner.Program("family"));
        Assert.Equal(0, hatrace.ExitCode);
        foreach (string line in hatrace.StderrLines.Where(l => l.Contains("/nonexistent/hatrace/", StringComparison.Ordinal)))
        {
            (string role, int pid, int tid) = Marks([line]).Single();
            // Alone before the fork and after the exec, the leader's lines have no prefix; a child's or thread's have.
            if (role is "main" or "exec")
                Assert.StartsWith("openat(", line);
            else
                Assert.StartsWith($"[pid {(role == "thread" ? tid : pid),5}] openat(", line);
        }
        Assert.Contains(hatrace.StderrLines, l => Regex.IsMatch(l, @"^hatrace: Process \d+ attached$"));
        Assert.Contains("+++ superseded by execve in pid ", hatrace.Stderr);
    }

    [Fact]
    public void AThreadsExecveEndsTheLeadersCallAndGoesOnAsTheProcess()
    {
        // family's leader joins another thread that runs execve. As strace does: the call the leader is in then ends
        // without a result, and without <unfinished ...> where all its arguments were printed at its entry (the join's
        // futex; clone3 or rt_sigprocmask, had the execve come first, keep theirs); the execve's line, if nothing cut it,
        // ends saying the thread's pid changed; it resumes under the process id.
        foreach (string[] lines in StraceAndHatraceLogs("-f", Runner.Program("family")))
        {
            int superseded = Array.FindIndex(lines, l => l.Contains("+++ superseded by execve in pid ", StringComparison.Ordinal));
            string leader = lines[superseded].Split(' ')[0];
            Assert.DoesNotContain(lines[..superseded], l => Regex.IsMatch(l, $@"^{leader} +<\.\.\. futex resumed> <unfinished \.\.\.>\) += \?$"));
            Assert.DoesNotMatch(@"execve\(.*<unfinished \.\.\.>$", lines[superseded - 1]);
            Assert.Matches($@"^{leader} +<\.\.\. execve resumed>\) += 0$", lines[superseded + 1]);
        }
    }

    [Theory]
    [InlineData("read", "<... read resumed> <unfinished ...>) = ?")]
    [InlineData("pause", "<... pause resumed>) = ?")]
    public void TheLeadersCallAThreadsExecveCutShortKeepsUnfinishedWhereArgumentsWereLeft(string call, string ended)
    {
        // The leader waits in read, which has a buffer left for its exit, or in pause, which has nothing; a thread runs
        // execve meanwhile.
        foreach (string[] lines in StraceAndHatraceLogs("-f", Runner.Program("thread_execs"), "1", call))
        {
            int superseded = Array.FindIndex(lines, l => l.Contains("+++ superseded by execve in pid ", StringComparison.Ordinal));
            // Without the pid and the padding before the result.
            Assert.Equal(ended, Regex.Replace(Regex.Replace(lines[superseded - 1], @"^\d+ +", ""), @" +=", " ="));
        }
    }

    [Fact]
    public void ACallCutShortEndsUnfinishedOnlyWhereItHadMoreToDecodeAtExit()
    {
        // killed_in_calls ends while its threads wait in pause, futex and read: pause and futex printed every argument
        // when entered, read left its buffer for its return.
        foreach (string[] lines in StraceAndHatraceLogs("-f", "-e", "trace=pause,futex,read", Runner.Program("killed_in_calls")))
        {
            // Each call's end, whether another task's line cut it (<... read resumed>) or not (read(3, ).
            Dictionary<string, string> ends = lines
                .Select(l => Regex.Match(l, @"^\d+ +(?:<\.\.\. (\w+) resumed>|(\w+)\(.*?)( <unfinished \.\.\.>)?\) += \?$"))
                .Where(m => m.Success)
                .ToDictionary(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, m => m.Groups[3].Value);
            Assert.Equal(new Dictionary<string, string> { ["pause"] = "", ["futex"] = "", ["read"] = " <unfinished ...>" }, ends);
        }
    }

    [Fact]
    public void AThreadsExitStaysOpenUntilTheThreadGoes()
    {
        // hard_threads' thousand threads end at once. As strace does, a thread's exit line ends ") = ?" only at the
        // thread's exit stop, not as the call is entered: where another task's line came between, it is cut and resumed.
        foreach (string[] lines in StraceAndHatraceLogs("-f", Runner.Program("hard_threads")))
        {
            string[] cut = [.. lines.Where(l => Regex.IsMatch(l, @"^\d+ +exit\(0 <unfinished \.\.\.>$")).Select(l => l.Split(' ')[0])];
            string[] resumed = [.. lines.Where(l => Regex.IsMatch(l, @"^\d+ +<\.\.\. exit resumed>\) += \?$")).Select(l => l.Split(' ')[0])];
            Assert.NotEmpty(cut);
            Assert.Equal(cut.Order(), resumed.Order());
            Assert.Equal(1000, cut.Length + lines.Count(l => Regex.IsMatch(l, @"^\d+ +exit\(0\) += \?$")));
        }
    }

    [Fact]
    public void AThreadsExitEndsBeforeTheThreadJoiningItGoesOn()
    {
        // thread_sleeper's main thread waits in futex for its thread to end. The thread's exit stop comes before the
        // kernel wakes the join, so its exit line is whole and comes first; at the thread's death, as hatrace ended it
        // before it took exit stops, the join's return often came between (18 runs in 20).
        foreach (string[] lines in StraceAndHatraceLogs("-f", "-e", "trace=exit,futex", Runner.Program("thread_sleeper")))
        {
            int exit = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\d+ +exit\(0\) += \?$"));
            int joined = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^\d+ +<\.\.\. futex resumed>\) += 0$"));
            Assert.True(exit > 0 && joined > exit, string.Join('\n', lines));
        }
    }

    [Fact]
    public void CallsMadeAfterTheMainThreadEndedShowTheirStrings()
    {
        // leader_exits' main thread ends and another goes on: the process id names a zombie with no memory, so the
        // thread's strings are read through the thread, as strace reads them (hatrace printed their addresses).
        foreach (string[] lines in StraceAndHatraceLogs("-f", "-e", "trace=openat,write", Runner.Program("leader_exits")))
        {
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+ +openat\(AT_FDCWD, ""/dev/null"", O_WRONLY\) += 3$"));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+ +write\(3, ""after the main thread\\n"", 22\) += 22$"));
        }
    }

    [Fact]
    public void AnExecveLineNothingCutEndsWithThePidItChangedTo()
    {
        // thread_execs' leader spins, making no call, while its thread runs execve: nothing cuts the execve's line, and
        // strace ends it with <pid changed to N ...>, N the process's id, rather than <unfinished ...>.
        foreach (string[] lines in StraceAndHatraceLogs("-f", Runner.Program("thread_execs"), "1", "spin"))
        {
            int superseded = Array.FindIndex(lines, l => l.Contains("+++ superseded by execve in pid ", StringComparison.Ordinal));
            Assert.Matches(@"^\d+ +execve\(""/bin/true"", ", lines[superseded - 1]);
            Assert.EndsWith($" <pid changed to {lines[superseded].Split(' ')[0]} ...>", lines[superseded - 1]);
        }
    }

    // The logs of strace and of hatrace run with -o and these arguments (hatrace ending with status 0), for what both
    // must show.
    private static string[][] StraceAndHatraceLogs(params string[] arguments)
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Runner.Strace(["-o", straceLog.Path, .. arguments]);
        Assert.Equal(0, Runner.Run(["-o", hatraceLog.Path, .. arguments]).ExitCode);
        return [File.ReadAllLines(straceLog.Path), File.ReadAllLines(hatraceLog.Path)];
    }

    [Fact]
    public void AThreadIsAnnouncedWhenItStartsNotWhenItFirstShows()
    {
        // thread_sleeper's thread makes no call shown, and lives through the main thread's getpid: strace says it
        // attached as it started, so that the getpid's line has its [pid N], and only its exit shows of it.
        string program = Runner.Program("thread_sleeper");
        RunResult strace = Runner.Strace("-f", "-e", "trace=getpid", program);
        RunResult hatrace = Runner.Run("-f", "-e", "trace=getpid", program);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Matches(@"^\[pid +\d+\] getpid\(\) += \d+$", hatrace.StderrLines[1]);
        Assert.Equal(Normalize(strace.StderrLines.Select(l => l.Replace("strace: ", "hatrace: ", StringComparison.Ordinal))),
            Normalize(hatrace.StderrLines));
    }

    [Fact]
    public void WithoutFollowOnlyTheFirstThreadIsTraced()
    {
        string family = Runner.Program("family");
        RunResult strace = Runner.Strace("-e", "trace=openat", family);
        RunResult hatrace = Runner.Run("-e", "trace=openat", family);
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
        Assert.Equal(Marks(strace.StderrLines).Select(m => m.Role), Marks(hatrace.StderrLines).Select(m => m.Role));
        Assert.DoesNotContain("[pid", hatrace.Stderr);
    }

    [Theory]
    [InlineData("-t", @"^\d\d:\d\d:\d\d ")]
    [InlineData("-tt", @"^\d\d:\d\d:\d\d\.\d{6} ")]
    [InlineData("-ttt", @"^\d{10}\.\d{6} ")]
    [InlineData("-r", @"^ {5}\d\.\d{6} ")]
    [InlineData("-tr", @"^\d\d:\d\d:\d\d \(\+ {5}\d\.\d{6}\) ")]
    [InlineData("--absolute-timestamps=precision:ns", @"^\d\d:\d\d:\d\d\.\d{9} ")]
    [InlineData("--absolute-timestamps=format:unix,precision:ms", @"^\d{10}\.\d{3} ")]
    [InlineData("--timestamps=unix", @"^\d{10} ")]
    [InlineData("--relative-timestamps=ms", @"^ {5}\d\.\d{3} ")]
    [InlineData("--relative-timestamps=s", @"^ {5}\d ")]
    [InlineData("--relative-timestamps=ns", @"^ {5}\d\.\d{9} ")]
    public void TimestampsHaveStracesFormat(string option, string pattern)
    {
        RunResult strace = Runner.Strace(option, Tiny);
        RunResult hatrace = Runner.Run(option, Tiny);
        var timestamp = new Regex(pattern);
        Assert.All(strace.StderrLines, l => Assert.Matches(timestamp, l));
        Assert.All(hatrace.StderrLines, l => Assert.Matches(timestamp, l));
        // Under the timestamps, the same lines; the column counts the timestamp too, so padding is left out.
        Assert.Equal(Unpadded(strace.StderrLines.Select(l => timestamp.Replace(l, ""))),
            Unpadded(hatrace.StderrLines.Select(l => timestamp.Replace(l, ""))));
        DateTime now = DateTime.Now;
        if (option == "-tt")
            Assert.All(hatrace.StderrLines, l => Assert.True(Math.Abs((DateTime.ParseExact(l[..15], "HH:mm:ss.ffffff", null) - now).TotalMinutes) < 5));
    }

    [Theory]
    [InlineData("-i")]
    [InlineData("-f", "-n", "--instruction-pointer", "-e", "trace=write")]
    public void InstructionPointersAreStraces(params string[] options)
    {
        // tiny is static and not position-independent: its calls are at the same addresses in every run. Its execve is
        // entered in the tracer's own C library, which is not.
        RunResult strace = Runner.Strace([.. options, Tiny]);
        RunResult hatrace = Runner.Run([.. options, Tiny]);
        var tracersExecve = new Regex(@"\[[0-9a-f]{16}\](?= execve\()");
        Assert.Contains(hatrace.StderrLines, l => Regex.IsMatch(l, @"^(\[ +1\] )?\[0000000000[0-9a-f]{6}\] write\(1, "));
        Assert.Equal(Normalize(strace.StderrLines.Select(l => tracersExecve.Replace(l, "[IP]"))),
            Normalize(hatrace.StderrLines.Select(l => tracersExecve.Replace(l, "[IP]"))));
    }

    [Fact]
    public void ASignalShowsTheCallItCameAfterAndWhereTheThreadWas()
    {
        // signals_calls takes SIGUSR2 in rt_sigsuspend: the signal's line carries that call's number and address, and the
        // exit's line no address (the thread is gone), in both tracers' traces.
        string program = Runner.Program("signals_calls");
        RunResult strace = Runner.Strace("-n", "-i", program);
        RunResult hatrace = Runner.Run("-n", "-i", program);
        Assert.Equal(0, hatrace.ExitCode);
        var place = new Regex(@"^(\[ *\d+\] \[[0-9a-f]{16}\]) ");
        foreach (string[] lines in new[] { strace.StderrLines, hatrace.StderrLines })
        {
            int signal = Array.FindIndex(lines, l => l.Contains("--- SIGUSR2 {", StringComparison.Ordinal));
            Assert.Matches(@"^\[ 130\] \[[0-9a-f]{16}\] rt_sigsuspend\(", lines[signal - 1]);
            Assert.Equal(place.Match(lines[signal - 1]).Value, place.Match(lines[signal]).Value);
            Assert.Equal("[ 231] [????????????????] +++ exited with 0 +++", lines[^1]);
        }
        // Line by line the same calls, once the addresses, which differ between runs, are left out.
        string[] Numbered(string[] lines) => [.. lines.Select(l => Regex.Match(l, @"^\[ *\d+\] \[[0-9a-f?]{16}\] (\+\+\+|---|\w+)").Value)
            .Select(l => Regex.Replace(l, @"\[[0-9a-f]{16}\]", "[IP]"))];
        Assert.Equal(Numbered(strace.StderrLines), Numbered(hatrace.StderrLines));
    }

    [Theory]
    [InlineData("-T", @" <\d+\.\d{6}>$")]
    [InlineData("--syscall-times=ns", @" <\d+\.\d{9}>$")]
    [InlineData("--syscall-times=ms", @" <\d+\.\d{3}>$")]
    [InlineData("--syscall-times=s", @" <\d+>$")]
    public void SyscallTimesFollowTheResult(string option, string pattern)
    {
        RunResult strace = Runner.Strace(option, Tiny);
        RunResult hatrace = Runner.Run(option, Tiny);
        var duration = new Regex(pattern);
        string[] lines = hatrace.StderrLines;
        Assert.Matches(@"^write\(1, ""hello\\n"", 6\) += 6 <", lines[1]);
        Assert.Matches(duration, lines[1]);
        Assert.DoesNotMatch(duration, lines.Single(l => l.StartsWith("exit_group", StringComparison.Ordinal)));
        Assert.Equal(Normalize(strace.StderrLines.Select(l => duration.Replace(l, " <T>"))), Normalize(lines.Select(l => duration.Replace(l, " <T>"))));
    }

    [Theory]
    [InlineData("files_calls", "sendfile")]
    [InlineData("time_mount_calls", "perf_event_open")]
    public void ACallWhoseArgumentChangesAtExitReadsAsStracesWhenItsEntryIsWrittenFirst(string program, string call)
    {
        // Under -f a call's entry is written as it comes (another task may come before its exit): sendfile's offset
        // and perf_event_open's attr size print what the kernel made of them, which strace leaves for the exit.
        string Scratch() => Path.Combine(Path.GetTempPath(), $"hatrace-test-{Guid.NewGuid():N}");
        RunResult strace = Runner.Strace("-f", "-e", $"trace={call}", Runner.Program(program), Scratch());
        RunResult hatrace = Runner.Run("-f", "-e", $"trace={call}", Runner.Program(program), Scratch());
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Equal(Normalize(strace.StderrLines), Normalize(hatrace.StderrLines));
    }

    /// <summary>i386 calls as strace shows them under its filters: the socket calls socketcall makes as made directly,
    /// chosen by their own names (send and recv too, which i386 has no number of), -n showing socketcall's number; under
    /// -e raw= every register, those of a 64-bit value split in two as well. The 32-bit mode is said with -n's number of
    /// the call before (execve's).</summary>
    [Theory]
    [NeedsI386InlineData("-e", "quiet=personality", "-e", "trace=socket,send,recvmsg")]
    [NeedsI386InlineData("-e", "quiet=personality", "-n", "-e", "trace=accept,recv@32,sendmsg")]
    [NeedsI386InlineData("-e", "quiet=personality", "-e", "trace=pread64,_llseek,fadvise64,socket", "-e", "raw=all")]
    [NeedsI386InlineData("-n")]
    public void I386CallsAreStracesUnderFilters(params string[] options)
    {
        // Without the SIGCHLD of i386_calls' child, whose times are the scheduler's.
        string program = Runner.Program("i386_calls");
        RunResult strace = Runner.Strace([.. options, "-e", "signal=none", program]);
        RunResult hatrace = Runner.Run([.. options, "-e", "signal=none", program]);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Equal(Normalize(WithoutIds(strace.StderrLines)), Normalize(WithoutIds(hatrace.StderrLines)));
    }

    // The ids no line prefix shows: the process's in the mode's line, the child's in vfork's result and wait4's.
    private static IEnumerable<string> WithoutIds(IReadOnlyList<string> lines)
    {
        string? child = lines.Select(l => Regex.Match(l, @"vfork\(\) += (\d+)")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        return lines.Select(l => Regex.Replace(child is null ? l : Regex.Replace(l, $@"\b{child}\b", "CHILD"), @"Process PID=\d+", "Process PID=N"));
    }

    /// <summary>A child of a program in 32-bit mode is in it too: strace says so for the program only, not again for the
    /// child (which lines come first, the child's or the parent's, is the scheduler's: only the mode's are compared).</summary>
    [NeedsI386Fact]
    public void AChildOfAProgramIn32BitModeIsNotSaidToChangeMode()
    {
        string[] arguments = ["-f", "-e", "signal=none", "-e", "trace=vfork,exit_group", Runner.Program("i386_calls")];
        static string[] Modes(RunResult run) =>
            [.. run.StderrLines.Where(l => l.Contains(" bit mode. ]", StringComparison.Ordinal)).Select(l => Regex.Replace(l, @"\d+", "N"))];
        string[] strace = Modes(Runner.Strace(arguments));
        Assert.Equal(["[ Process PID=N runs in N bit mode. ]"], strace);
        Assert.Equal(strace, Modes(Runner.Run(arguments)));
    }

    [WithoutI386Fact]
    public void AnI386CallWhereTheMachineRunsNoneIsTheSigsegvStraceShows()
    {
        // The kernel does not enter the call: no syscall line, only the signal it sends and the death it causes.
        string int80 = Runner.Program("int80");
        RunResult strace = Runner.Strace(int80);
        RunResult hatrace = Runner.Run(int80);
        Assert.Equal(128 + 11, hatrace.ExitCode);
        Assert.Equal(strace.ExitCode, hatrace.ExitCode);
        Assert.Equal(Normalize(strace.StderrLines), Normalize(hatrace.StderrLines));
        Assert.Equal(["--- SIGSEGV {si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL} ---", "+++ killed by SIGSEGV +++"], hatrace.StderrLines[^2..]);
    }

    // strace's oracle lines with ids, addresses and environment sizes replaced.
    private static List<string> Normalize(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return Runner.Normalize(list, Runner.ProcessIds(list));
    }

    private static List<string> Unpadded(IEnumerable<string> lines) =>
        Normalize(lines.Select(l => Padding().Replace(l, " =")));

    private static IEnumerable<(string Role, int Pid, int Tid)> Marks(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            Match m = Mark().Match(line);
            if (m.Success)
                yield return (m.Groups[1].Value, int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        }
    }

    [GeneratedRegex(@"openat\(AT_FDCWD, ""/nonexistent/hatrace/(\w+)-(\d+)-(\d+)""")]
    private static partial Regex Mark();

    [GeneratedRegex(@" +=(?= [^=]*$)")]
    private static partial Regex Padding();
}
