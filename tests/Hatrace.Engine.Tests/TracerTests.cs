using System.Diagnostics;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

public partial class TracerTests
{
    [Fact]
    public void SystemTimesAreReadWhereTheSessionAsksForThem()
    {
        // strace -c's measure: a read of 32 MiB of random bytes takes the kernel tens of milliseconds of system time.
        var options = new TraceSessionOptions { SystemTimes = true };
        var (events, _) = TestPrograms.Trace(options, "/bin/dd", "if=/dev/urandom", "of=/dev/null", "bs=32M", "count=1");
        List<SyscallEvent> calls = [.. events.OfType<SyscallEvent>()];
        Assert.True(calls.Single(c => c.Name == "read" && c.Result > 1 << 20).SystemTime > TimeSpan.Zero);
        Assert.All(calls, c => Assert.Equal(c.IsUnfinished, c.SystemTime is null));
        Assert.All(TestPrograms.Trace(TestPrograms.PathOf("tiny")).Events.OfType<SyscallEvent>(), c => Assert.Null(c.SystemTime));
        Assert.Throws<NotSupportedException>(() => TraceSession.Start(
            new TraceStartInfo { FileName = "/bin/true" }, new TraceSessionOptions { Backend = TraceBackend.Ebpf, SystemTimes = true }));
    }

    [Fact]
    public void TinyProgramMakesExactlyItsSyscalls()
    {
        string tiny = TestPrograms.PathOf("tiny");
        var (events, exit) = TestPrograms.Trace(tiny);
        var calls = events.OfType<SyscallEvent>().ToList();
        int pid = calls[0].ProcessId;

        Assert.Equal(["execve", "write", "openat", "getpid", "close", "exit_group"], calls.Select(c => c.Name));
        // argv strings are cut at the string length, as strace -s cuts them; the path is whole.
        string argv0 = tiny.Length > TraceSessionOptions.DefaultStringLength
            ? $"\"{tiny[..TraceSessionOptions.DefaultStringLength]}\"..."
            : $"\"{tiny}\"";
        Assert.Matches($"^execve\\(\"{Regex.Escape(tiny)}\", \\[{Regex.Escape(argv0)}\\], 0x[0-9a-f]+ /\\* \\d+ vars \\*/\\) = 0$", calls[0].Text);
        Assert.Equal(
            [
                "write(1, \"hello\\n\", 6) = 6",
                "openat(AT_FDCWD, \"/nonexistent/hatrace\", O_RDONLY) = -1 ENOENT (No such file or directory)",
                $"getpid() = {pid}",
                "close(-1) = -1 EBADF (Bad file descriptor)",
                "exit_group(7) = ?",
            ],
            calls.Skip(1).Select(c => c.Text));
        Assert.All(calls, c => Assert.Equal(pid, c.ThreadId));
        Assert.Equal("/nonexistent/hatrace", calls[2].Path);
        Assert.Equal("ENOENT", calls[2].Errno);
        Assert.Equal(-1, calls[2].Result);
        Assert.Null(calls[5].Result);
        Assert.Null(calls[5].ExitTimestamp);
        Assert.True(calls[1].ExitTimestamp >= calls[1].Timestamp);
        Assert.True((calls[1].ExitTimestamp - calls[1].Timestamp - calls[1].Duration)?.Duration() < TimeSpan.FromMilliseconds(1));
        Assert.Equal(7, exit?.ExitCode);
    }

    [Fact]
    public void ARelativePathRunsAsGivenAndArgvStopsAtTheStringLength()
    {
        var start = new TraceStartInfo { FileName = "./tiny", WorkingDirectory = TestPrograms.Directory };
        using TraceSession session = TraceSession.Start(start, new TraceSessionOptions { StringLength = 0, Syscalls = d => d.Name == "execve" });
        SyscallEvent execve = session.ReadEvents().OfType<SyscallEvent>().Single();
        Assert.Matches("^execve\\(\"./tiny\", \\[...\\], 0x[0-9a-f]+ /\\* \\d+ vars \\*/\\) = 0$", execve.Text);
    }

    [Fact]
    public void ProcessEventsFrameTheSyscalls()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("tiny"));
        Assert.IsType<ProcessStartEvent>(events[0]);
        Assert.IsType<ProcessExecEvent>(events[1]);
        var exit = Assert.IsType<ProcessExitEvent>(events[^1]);
        Assert.Equal("+++ exited with 7 +++", exit.Text);
    }

    [Fact]
    public void ProcessDetailsAreReadWhereTheSessionAsksForThem()
    {
        string tiny = TestPrograms.PathOf("tiny");
        List<TraceEvent> read = TestPrograms.Trace(tiny).Events;
        Assert.Equal("tiny", read.OfType<ProcessExecEvent>().Single().CommandName);
        Assert.Equal([tiny], read.OfType<ProcessExecEvent>().Single().Arguments);
        Assert.NotEqual("", read.OfType<ProcessExecEvent>().Single().Path);

        List<TraceEvent> unread = TestPrograms.Trace(new TraceSessionOptions { ReadProcessDetails = false }, tiny).Events;
        ProcessExecEvent exec = unread.OfType<ProcessExecEvent>().Single();
        Assert.Equal(("", "", 0), (exec.CommandName, exec.Path, exec.Arguments.Count));
        Assert.Equal("", unread.OfType<ProcessStartEvent>().Single().CommandName);
        // The calls are what they were.
        Assert.Equal(read.OfType<SyscallEvent>().Select(c => c.Name), unread.OfType<SyscallEvent>().Select(c => c.Name));
    }

    [Fact]
    public void EachChildAndThreadBelongsWhereTheKernelSaysItDoes()
    {
        // Each child's getppid and getpid, each thread's getpid: the kernel's answers, against the tracer's events.
        List<TraceEvent> events = TestPrograms.Trace(TestPrograms.PathOf("child_parents")).Events;
        int root = events.OfType<ProcessStartEvent>().First().ProcessId;
        List<ProcessStartEvent> children = [.. events.OfType<ProcessStartEvent>().Where(s => s.ProcessId != root)];
        long Answer(int threadId, string name) =>
            events.OfType<SyscallEvent>().Single(c => c.ThreadId == threadId && c.Name == name).Result!.Value;

        ThreadStartEvent thread = Assert.Single(events.OfType<ThreadStartEvent>());
        // The processes the calls made: clone3's two may be refused (ENOSYS under some container seccomp profiles), the
        // other five are not.
        List<SyscallEvent> made = [.. events.OfType<SyscallEvent>().Where(c =>
            c.Name is "fork" or "vfork" or "clone" or "clone3" && c.Result > 0 && c.Result != thread.ThreadId)];
        Assert.True(made.Count >= 5, $"{made.Count} processes made");
        Assert.Equal(made.Select(c => (int)c.Result!.Value).Order(), children.Select(c => c.ProcessId).Order());
        Assert.All(children, child => Assert.Equal(Answer(child.ProcessId, "getppid"), child.ParentProcessId));
        Assert.All(children, child => Assert.Equal(child.ProcessId, Answer(child.ProcessId, "getpid")));
        // The CLONE_PARENT children are the tracer's.
        Assert.Equal(made.Count(c => CloneParent().IsMatch(c.Text)), children.Count(c => c.ParentProcessId == Environment.ProcessId));
        Assert.Equal(Answer(thread.ThreadId, "getpid"), thread.ProcessId);
        Assert.Equal(root, thread.ProcessId);
    }

    [NeedsI386Fact]
    public void IntEightyCallsAreReadFromTheI386Table()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("int80"));
        SyscallEvent call = events.OfType<SyscallEvent>().Single(c => c.Arch == SyscallArch.I386);
        Assert.Equal("getpid", call.Name);
        Assert.Equal(20, call.Number);
        Assert.Equal(call.ProcessId, call.Result);
    }

    [Fact]
    public void EveryTaskIsFollowedWithItsOwnIds()
    {
        var (events, exit) = TestPrograms.Trace(TestPrograms.PathOf("family"));
        var marks = new Dictionary<string, List<SyscallEvent>>();
        foreach (SyscallEvent call in events.OfType<SyscallEvent>().Where(c => c.Path?.StartsWith("/nonexistent/hatrace/") == true))
        {
            // ROLE-PID-TID, as the task itself saw its ids.
            string[] parts = call.Path!["/nonexistent/hatrace/".Length..].Split('-');
            Assert.Equal(int.Parse(parts[1]), call.ProcessId);
            Assert.Equal(int.Parse(parts[2]), call.ThreadId);
            marks.TryAdd(parts[0], []);
            marks[parts[0]].Add(call);
        }
        Assert.Equal(["exec", "fork", "main", "thread", "vfork"], marks.Keys.Order());
        Assert.Equal(3, marks["thread"].Select(c => c.ThreadId).Distinct().Count());
        int main = marks["main"][0].ProcessId;
        Assert.All(marks["thread"], c => Assert.Equal(main, c.ProcessId));
        Assert.NotEqual(main, marks["fork"][0].ProcessId);
        Assert.NotEqual(main, marks["vfork"][0].ProcessId);
        // The non-leader thread's execve: the process keeps its id, and the event names the thread that ran it.
        Assert.Equal(main, marks["exec"][0].ProcessId);
        ProcessExecEvent reexec = events.OfType<ProcessExecEvent>().Last(e => e.ProcessId == main);
        Assert.NotEqual(main, reexec.FormerThreadId);
        Assert.Equal(["/proc/self/exe", "after-exec"], reexec.Arguments);
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Name == "execve" && c.ProcessId == main && c.Result == 0 && c.ThreadId == main);
        Assert.Equal(0, exit?.ExitCode);
    }

    [Fact]
    public void WithoutFollowingOnlyTheFirstThreadIsTraced()
    {
        var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("family"));
        var calls = events.OfType<SyscallEvent>().ToList();
        int main = calls[0].ProcessId;
        Assert.All(calls, c => Assert.Equal(main, c.ThreadId));
        Assert.Contains(calls, c => c.Path?.StartsWith("/nonexistent/hatrace/main-") == true);
        Assert.DoesNotContain(calls, c => c.Path?.StartsWith("/nonexistent/hatrace/fork-") == true);
        Assert.Equal(0, exit?.ExitCode);
    }

    [Fact]
    public void SegvHandlerRunsAsUntraced()
    {
        var (events, exit) = TestPrograms.Trace(TestPrograms.PathOf("segv_handler"));
        Assert.Equal(42, exit?.ExitCode);
        SignalEvent segv = events.OfType<SignalEvent>().Single();
        Assert.Equal("SIGSEGV", segv.SignalName);
        Assert.Equal(8, segv.Address);
        Assert.Equal("--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x8} ---", segv.Text);
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Text == "write(1, \"caught SIGSEGV\\n\", 15) = 15");
    }

    [Fact]
    public void JobControlStopsAndContinuesUnderTracing()
    {
        var (events, exit) = TestPrograms.Trace(TestPrograms.PathOf("job_control"));
        // job_control itself checks, as the real parent, that the child stopped and continued.
        Assert.Equal(0, exit?.ExitCode);
        Assert.Contains(events.OfType<SignalEvent>(), s => s.SignalName == "SIGSTOP");
        Assert.Contains(events.OfType<GroupStopEvent>(), s => s.Text == "--- stopped by SIGSTOP ---");
    }

    [Theory]
    [InlineData("exit", 3, 3, null)]
    [InlineData("exit", 0, 0, null)]
    [InlineData("signal", 15, 143, "SIGTERM")]
    [InlineData("signal", 11, 139, "SIGSEGV")]
    public void ExitCodesAndSignalDeathsAreReported(string how, int value, int status, string? signal)
    {
        var (_, exit) = TestPrograms.Trace(TestPrograms.PathOf("exit_with"), how, value.ToString());
        Assert.NotNull(exit);
        Assert.Equal(status, exit.ExitStatus);
        Assert.Equal(signal, exit.SignalName);
    }

    [Fact]
    public void OnlyChosenSyscallsBecomeEvents()
    {
        var options = new TraceSessionOptions { Syscalls = d => d.Name == "openat" };
        var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf("tiny"));
        SyscallEvent only = Assert.Single(events.OfType<SyscallEvent>());
        Assert.Equal("openat", only.Name);
    }

    [Fact]
    public void ArgumentsAreNamedAsTheManPageNamesThem()
    {
        var options = new TraceSessionOptions { Syscalls = d => d.Name == "openat" };
        var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf("tiny"));
        SyscallEvent openat = Assert.Single(events.OfType<SyscallEvent>());

        Assert.Equal(["dirfd", "pathname", "flags"], openat.Arguments.Select(a => a.Name));
        Assert.Equal("/nonexistent/hatrace", openat.Arguments["pathname"]?.Value?.ToString());
        Assert.Equal("/nonexistent/hatrace", (string)((dynamic)openat.Arguments).pathname.Value);
        Assert.Null(openat.Arguments["filename"]);
    }

    [Fact]
    public void StringLengthTruncatesBuffersLikeStrace()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { StringLength = 3 }, TestPrograms.PathOf("tiny"));
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Text == "write(1, \"hel\"..., 6) = 6");
        // Paths are shown whole whatever the limit.
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Text.StartsWith("openat(AT_FDCWD, \"/nonexistent/hatrace\","));
    }

    [Fact]
    public void DisposingEarlyKillsAndReapsEverything()
    {
        var session = TraceSession.Start(new TraceStartInfo { FileName = "sleep", Arguments = ["30"] });
        var watch = Stopwatch.StartNew();
        var first = session.ReadEvents().Take(3).ToList();
        session.Dispose();
        Assert.Equal(3, first.Count);
        Assert.Equal("SIGKILL", session.RootExit?.SignalName);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        Assert.False(File.Exists($"/proc/{session.RootProcessId}/stat") && File.ReadAllText($"/proc/{session.RootProcessId}/cmdline").StartsWith("sleep"));
    }

    [Fact]
    public void StopFromAnotherThreadEndsTheReader()
    {
        using var session = TraceSession.Start(new TraceStartInfo { FileName = "sleep", Arguments = ["30"] });
        var stopper = new Thread(() =>
        {
            Thread.Sleep(200);
            session.Stop();
        });
        stopper.Start();
        var events = session.ReadEvents().ToList();
        stopper.Join();
        Assert.Contains(events, e => e is SyscallEvent);
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void SigkillOfTheTraceeEndsTheTraceCleanly()
    {
        using var session = TraceSession.Start(new TraceStartInfo { FileName = "sleep", Arguments = ["30"] });
        var events = new List<TraceEvent>();
        foreach (TraceEvent e in session.ReadEvents())
        {
            events.Add(e);
            if (e is SyscallEvent { Name: "execve" })
                Process.GetProcessById(session.RootProcessId).Kill();
        }
        Assert.Equal("SIGKILL", session.RootExit?.SignalName);
        Assert.Equal("+++ killed by SIGKILL +++", events[^1].Text);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void TheSpawnHelpersOwnCallsAreNotStoppedAt()
    {
        // Between fork and execve the helper closes the host's descriptors and resets every signal's action: some
        // ninety calls, which the session does not show and must not stop at either (each stop costs the start-up).
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("exit_with"), Arguments = ["exit", "0"] });
        int shown = session.ReadEvents().OfType<SyscallEvent>().Count();
        session.Dispose();
        Assert.Equal(0, session.RootExit?.ExitCode);
        // Two stops a call shown; a few more for the helper's wait to be released and its execve.
        Assert.InRange(session.SyscallStops, shown, 2 * shown + 8);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void MissingProgramIsAnErrorAndStartsNothing()
    {
        var error = Assert.Throws<TraceStartException>(() => TraceSession.Start(new TraceStartInfo { FileName = "no-such-program-hatrace" }));
        Assert.Equal(TraceStartError.ProgramNotFound, error.Error);
        Assert.Contains("no-such-program-hatrace", error.Message);
        error = Assert.Throws<TraceStartException>(() => TraceSession.Start(new TraceStartInfo { FileName = "/nonexistent/prog" }));
        Assert.Equal(TraceStartError.ProgramNotFound, error.Error);
    }

    [Fact]
    public void DirectoryAndNonExecutableFileAreErrors()
    {
        Assert.Equal(TraceStartError.IsDirectory,
            Assert.Throws<TraceStartException>(() => TraceSession.Start(new TraceStartInfo { FileName = "/tmp" })).Error);
        string file = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // root may execute a file with no x bit at all only if some x bit is set; none is.
            Assert.Equal(TraceStartError.NotExecutable,
                Assert.Throws<TraceStartException>(() => TraceSession.Start(new TraceStartInfo { FileName = file })).Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void WorkingDirectoryAndEnvironmentReachTheProgram()
    {
        string directory = Directory.CreateTempSubdirectory("hatrace").FullName;
        try
        {
            var start = new TraceStartInfo
            {
                FileName = "sh",
                Arguments = ["-c", "cat \"$HATRACE_TEST_FILE\""],
                WorkingDirectory = directory,
                Environment = new Dictionary<string, string?> { ["HATRACE_TEST_FILE"] = "probe.txt" },
            };
            File.WriteAllText(Path.Combine(directory, "probe.txt"), "x");
            using var session = TraceSession.Start(start, new TraceSessionOptions { Syscalls = d => d.Name == "openat" });
            var opened = session.ReadEvents().OfType<SyscallEvent>().Where(c => c.Path == "probe.txt").ToList();
            Assert.Single(opened);
            Assert.True(opened[0].Result >= 0);
            Assert.Equal(0, session.RootExit?.ExitCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // CLONE_PARENT among a call's flags, not CLONE_PARENT_SETTID.
    [GeneratedRegex(@"\bCLONE_PARENT\b")]
    private static partial Regex CloneParent();
}
