using System.Diagnostics;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Attaching to a running process and letting it go: it runs on in the state it had, every thread free,
/// and every signal sent to it meanwhile arrives once.</summary>
public sealed class AttachTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-attach-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>strace -b execve: a child, then the program, are let go as their execve succeeds, and run their new
    /// programs untraced (TracerPid 0), though the session traces only some calls and would otherwise have used a
    /// seccomp filter, which would fail grep's openat untraced; a failed execve is still traced.</summary>
    [Fact]
    public void AProcessLetGoAtExecveRunsItsProgramUntraced()
    {
        string child = Path.Combine(_scratch, "child"), program = Path.Combine(_scratch, "program");
        var options = new TraceSessionOptions
        {
            DetachOnExecve = true,
            FollowChildren = true,
            Syscalls = definition => definition.Name is "execve" or "openat",
        };
        var (events, exit) = TestPrograms.Trace(options, new TraceStartInfo
        {
            FileName = "/bin/sh",
            Arguments = ["-c", $"/nonexistent/hatrace; /bin/grep TracerPid /proc/self/status > {child}; exec /bin/grep TracerPid /proc/self/status > {program}; exit 9"],
        });
        Assert.Equal(0, exit?.ExitCode); // the program's own status, though it ran untraced
        Assert.Equal("TracerPid:\t0\n", File.ReadAllText(child));
        Assert.Equal("TracerPid:\t0\n", File.ReadAllText(program));
        SyscallEvent[] execs = [.. events.OfType<SyscallEvent>().Where(c => c.Name == "execve")];
        Assert.Equal(["execve(\"/bin/sh\"", "execve(\"/nonexistent/hatrace\"", "execve(\"/bin/grep\"", "execve(\"/bin/grep\""],
            execs.Select(c => c.Text[..c.Text.IndexOf(',')]));
        Assert.Equal([false, false, true, true], execs.Select(c => c.IsDetached));
        Assert.Equal(-1, execs[1].Result);
        DetachEvent[] detaches = [.. events.OfType<DetachEvent>()];
        Assert.Equal([execs[2].ThreadId, exit!.ProcessId], detaches.Select(d => d.ThreadId));
        Assert.All(detaches, d => Assert.True(d.AtExecve));
        Assert.DoesNotContain(events, e => e is ExitEvent && detaches.Any(d => d.ProcessId == e.ProcessId)); // untraced from there on
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DetachingLeavesTheProcessRunningWithEverySignal(bool followChildren)
    {
        string counted = Path.Combine(_scratch, "count");
        using Target target = StartTarget(counted);
        int sent = 0;
        using (TraceSession session = TraceSession.Attach([target.Id], new TraceSessionOptions { FollowChildren = followChildren }))
        {
            int calls = 0;
            foreach (TraceEvent e in session.ReadEvents())
            {
                if (e is SyscallEvent { Name: "getppid" } && ++calls % 5 == 0 && sent < 4)
                {
                    Signal(target.Id, "USR1");
                    sent++;
                }
                if (sent == 4 && calls > 25)
                    break;
            }
            Assert.All(session.ProcessIds, pid => Assert.Equal(target.Id, pid));
        }
        foreach (string task in Directory.GetDirectories($"/proc/{target.Id}/task"))
        {
            string status = File.ReadAllText(Path.Combine(task, "status"));
            Assert.Contains("TracerPid:\t0\n", status);
            Assert.Matches(@"State:\s+[RS]", status);
        }
        Signal(target.Id, "USR1");
        Signal(target.Id, "TERM");
        Assert.True(target.WaitForExit(10_000));
        Assert.Equal(0, target.ExitCode);
        Assert.Equal($"{sent + 1}\n", File.ReadAllText(counted));
    }

    [Fact]
    public void EveryThreadIsTracedWhenFollowing()
    {
        using Target target = StartTarget(Path.Combine(_scratch, "count"));
        try
        {
            using TraceSession session = TraceSession.Attach([target.Id]);
            var threads = new HashSet<int>();
            foreach (SyscallEvent call in session.ReadEvents().OfType<SyscallEvent>().Take(20))
                threads.Add(call.ThreadId);
            Assert.Contains(target.Id, threads);
            session.Stop();
        }
        finally
        {
            target.Kill();
            target.WaitForExit(10_000);
        }
    }

    /// <summary>restart_syscall names the call it resumes, as strace does: the one a stop signal interrupted, and for a
    /// process seized in its sleep, the sleep (read from the thread as the session seized it; strace, which does not know
    /// it, names read). Seen at the call's entry: the sleeps are long, and end there.</summary>
    [Fact]
    public void RestartSyscallNamesTheCallItResumes()
    {
        var options = new TraceSessionOptions { EmitSyscallEntries = true };
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 30 & echo $!"]) { RedirectStandardOutput = true })!;
        int sleeper = int.Parse(shell.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            WaitUntilInCall(sleeper, "clock_nanosleep");
            using TraceSession session = TraceSession.Attach([sleeper], options);
            SyscallEntryEvent resumed = session.ReadEvents().OfType<SyscallEntryEvent>().First();
            Assert.Equal("restart_syscall(<... resuming interrupted clock_nanosleep ...>", resumed.Text);
            Assert.Equal("clock_nanosleep", Assert.IsType<ConstantValue>(resumed.Call.Arguments[0].Value).Name);
        }
        finally
        {
            Signal(sleeper, "KILL");
        }

        using TraceSession started = TraceSession.Start(new TraceStartInfo { FileName = "/bin/sleep", Arguments = ["30"] }, options);
        int pid = started.RootProcessId;
        WaitUntilInCall(pid, "clock_nanosleep");
        Signal(pid, "STOP");
        string? restarted = null;
        foreach (TraceEvent e in started.ReadEvents())
        {
            // Continued once stopped: sent sooner, SIGCONT would take the pending SIGSTOP away.
            if (e is GroupStopEvent)
            {
                Signal(pid, "CONT");
            }
            else if (e is SyscallEntryEvent { Name: "restart_syscall" } entry)
            {
                restarted = entry.Text;
                Signal(pid, "KILL");
            }
        }
        Assert.Equal("restart_syscall(<... resuming interrupted clock_nanosleep ...>", restarted);
    }

    // Waits, ten seconds at most, until the process is in the named call: /proc/PID/syscall begins with its number.
    private static void WaitUntilInCall(int pid, string call)
    {
        int called = Syscalls.SyscallTable.Find(Syscalls.SyscallArch.X86_64, call)!.Number;
        string number = called.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ";
        var waiting = Stopwatch.StartNew();
        while (!File.ReadAllText($"/proc/{pid}/syscall").StartsWith(number, StringComparison.Ordinal))
        {
            Assert.True(waiting.Elapsed.TotalSeconds < 10, $"process {pid} did not enter {call}");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void AProcessThatDoesNotExistIsNotFound()
    {
        using Process gone = Process.Start("/bin/true");
        gone.WaitForExit();
        var error = Assert.Throws<TraceStartException>(() => TraceSession.Attach([gone.Id]));
        Assert.Equal(TraceStartError.ProcessNotFound, error.Error);
        AssertNoWakerLeft();
    }

    [Fact]
    public void AProcessTracedByAnotherIsRefusedAndLeftAlone()
    {
        string counted = Path.Combine(_scratch, "count");
        using Target target = StartTarget(counted);
        using TraceSession owner = TraceSession.Attach([target.Id]);
        var error = Assert.Throws<TraceStartException>(() => TraceSession.Attach([target.Id]));
        Assert.Equal(TraceStartError.PermissionDenied, error.Error);
        Assert.Contains("ptrace_scope", error.Message);
        owner.Dispose();
        AssertNoWakerLeft();
        Signal(target.Id, "TERM");
        Assert.True(target.WaitForExit(10_000));
        Assert.Equal("0\n", File.ReadAllText(counted));
    }

    /// <summary>strace's -p PID together with a command: one session traces both, and stopping it kills the program it
    /// started (and the children of that program) and lets the attached process run on, every thread untraced.</summary>
    [Fact]
    public void StoppingKillsWhatWasStartedAndDetachesWhatWasAttached()
    {
        string counted = Path.Combine(_scratch, "count");
        using Target target = StartTarget(counted);
        var start = new TraceStartInfo { FileName = "sh", Arguments = ["-c", "sleep 30 & exec sleep 30"] };
        HashSet<int> started;
        using (TraceSession session = TraceSession.Start(start, [target.Id]))
        {
            var names = new HashSet<(int ProcessId, string Name)>();
            foreach (SyscallEvent call in session.ReadEvents().OfType<SyscallEvent>())
            {
                names.Add((call.ProcessId, call.Name));
                // Both sleeps have started sleeping (a call of the shell's child and of the shell turned sleep), and
                // the target has made its calls.
                if (names.Count(n => n.Name == "clock_nanosleep") == 2 && names.Contains((target.Id, "getppid")))
                    break;
            }
            Assert.NotEqual(target.Id, session.RootProcessId);
            started = [.. session.ProcessIds.Where(pid => pid != target.Id)];
            Assert.Equal(2, started.Count);
            session.Stop();
        }
        foreach (int pid in started)
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal),
                $"started process {pid} still runs");
        foreach (string task in Directory.GetDirectories($"/proc/{target.Id}/task"))
        {
            string status = File.ReadAllText(Path.Combine(task, "status"));
            Assert.Contains("TracerPid:\t0\n", status);
            Assert.Matches(@"State:\s+[RS]", status);
        }
        AssertNoWakerLeft();
        Signal(target.Id, "TERM");
        Assert.True(target.WaitForExit(10_000));
        Assert.Equal(0, target.ExitCode);
    }

    [Fact]
    public void AProgramIsNotLeftRunningWhenTheProcessToAttachIsMissing()
    {
        using Process gone = Process.Start("/bin/true");
        gone.WaitForExit();
        string marker = Path.Combine(_scratch, "marker");
        var start = new TraceStartInfo { FileName = "sh", Arguments = ["-c", "sleep 1; touch \"$0\"", marker] };
        var error = Assert.Throws<TraceStartException>(() => TraceSession.Start(start, [gone.Id]));
        Assert.Equal(TraceStartError.ProcessNotFound, error.Error);
        Thread.Sleep(1500);
        Assert.False(File.Exists(marker), "the program ran on after the session failed to start");
        AssertNoWakerLeft();
    }

    // A session's waker is a child of its tracer thread ("hatrace tracer" until it exits): a session that ended, even
    // one whose attach was refused, must have reaped it. Other tests' wakers come and go, so wait for none to be a zombie.
    private static void AssertNoWakerLeft()
    {
        string[] zombies = [];
        for (int attempt = 0; attempt < 50; attempt++)
        {
            zombies = [.. Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")).Where(File.Exists)
                .Select(ReadStat).Where(stat => stat.Contains("(hatrace tracer) Z " + Environment.ProcessId + " ", StringComparison.Ordinal))];
            if (zombies.Length == 0)
                return;
            Thread.Sleep(100);
        }
        Assert.Fail("Wakers left unreaped: " + string.Join("; ", zombies));
    }

    private static string ReadStat(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ""; // gone meanwhile
        }
    }

    [Fact]
    public void AChildOfThisProcessIsRefused()
    {
        using Process child = Process.Start("sleep", ["5"]);
        try
        {
            var error = Assert.Throws<TraceStartException>(() => TraceSession.Attach([child.Id]));
            Assert.Contains("child of this process", error.Message);
            Assert.Contains("TracerPid:\t0\n", File.ReadAllText($"/proc/{child.Id}/status"));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    /// <summary>A thread that ends before the tracer sees its parent's clone event is one thread, started and ended once:
    /// it was taken for a new process, reported again, and kept as a live tracee the trace waited for after the end.</summary>
    [Fact]
    public async Task AThreadThatEndsBeforeItsCloneEventIsSeenOnce()
    {
        using Target target = StartProgram("thread_churn");
        using TraceSession session = TraceSession.Attach([target.Id]);
        var events = new List<TraceEvent>();
        Task reading = Task.Run(() =>
        {
            int exits = 0;
            foreach (TraceEvent e in session.ReadEvents())
            {
                events.Add(e);
                if (e is ThreadExitEvent && ++exits == 1000)
                    Signal(target.Id, "TERM");
            }
        });
        // Only a session waiting for a tracee that is gone would take this long: it ends when the process does.
        bool finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(2))) == reading;
        session.Stop();
        Assert.True(finished, "The trace did not end with the process.");
        Assert.Equal(0, session.RootExit?.ExitCode);
        ProcessStartEvent attached = Assert.Single(events.OfType<ProcessStartEvent>());
        Assert.Equal(target.Id, attached.ProcessId);
        // Each thread other than the main one, seized with it or started since, started once and ended once.
        int[] started = [.. attached.AttachedThreadIds.Where(t => t != target.Id), .. events.OfType<ThreadStartEvent>().Select(e => e.ThreadId)];
        int[] ended = [.. events.OfType<ThreadExitEvent>().Select(e => e.ThreadId)];
        Assert.True(ended.Length >= 1000, $"{ended.Length} threads");
        Assert.Equal(started.Order(), ended.Order());
        Assert.Equal(started.Length, started.Distinct().Count());
    }

    [Fact]
    public void TheTraceEndsWithTheProcess()
    {
        string counted = Path.Combine(_scratch, "count");
        using Target target = StartTarget(counted);
        using TraceSession session = TraceSession.Attach([target.Id]);
        Signal(target.Id, "TERM");
        List<TraceEvent> events = [.. session.ReadEvents()];
        Assert.Equal(0, session.RootExit?.ExitCode);
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Name == "exit_group");
        Assert.Contains(events.OfType<SignalEvent>(), s => s.Signal == 15);
        Assert.Empty(events.OfType<DetachEvent>()); // nothing was let go: the process ended on its own
    }

    internal static Target StartTarget(string counted) => StartProgram("attach_target", counted);

    // The target runs under a shell, not as this process's child: .NET waits for its own children without knowing
    // they are traced, which would take their ptrace stops from the tracer (Tracer.Attach refuses such a child).
    // The program prints "ready" once it is.
    private static Target StartProgram(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo("sh", ["-c", "\"$0\" \"$@\" & echo $!; wait $!", TestPrograms.PathOf(program), .. arguments])
        {
            RedirectStandardOutput = true,
        };
        Process shell = Process.Start(start)!;
        // The shell's echo of the pid and the program's "ready" (its threads are running) come in either order.
        string[] lines = [shell.StandardOutput.ReadLine()!, shell.StandardOutput.ReadLine()!];
        Assert.Contains("ready", lines);
        return new Target(shell, int.Parse(lines.Single(l => l != "ready"), System.Globalization.CultureInfo.InvariantCulture));
    }

    internal sealed record Target(Process Shell, int Id) : IDisposable
    {
        public bool WaitForExit(int milliseconds) => Shell.WaitForExit(milliseconds);

        public int ExitCode => Shell.ExitCode;

        public void Kill() => Signal(Id, "KILL");

        /// <summary>Kills the target if a failed test left it running, so that no failure leaves a process behind.</summary>
        public void Dispose()
        {
            if (!Shell.HasExited)
            {
                Kill();
                Shell.WaitForExit(10_000);
            }
            Shell.Dispose();
        }
    }

    internal static void Signal(int pid, string name)
    {
        using Process kill = Process.Start("kill", ["-" + name, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
