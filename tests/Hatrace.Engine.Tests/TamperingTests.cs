using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Fault rules and stops change what a real program sees, through both ways of writing registers.</summary>
public sealed class TamperingTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-tamper-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("3", 3, 3, 1)]
    [InlineData("3+", 3, long.MaxValue, 1)]
    [InlineData("2+2", 2, long.MaxValue, 2)]
    [InlineData("1..5", 1, 5, 1)]
    [InlineData("2..10+3", 2, 10, 3)]
    public void SchedulesReadStraceSyntax(string text, long first, long last, long step)
    {
        FaultSchedule when = FaultSchedule.Parse(text);
        Assert.Equal(new FaultSchedule(first, last, step), when);
        Assert.Equal(text, when.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5..3")]
    [InlineData("x")]
    [InlineData("1+-1")]
    public void SchedulesRefuseNonsense(string text) => Assert.Throws<FormatException>(() => FaultSchedule.Parse(text));

    [Fact]
    public void ScheduleCountsFromTheFirstByStep()
    {
        FaultSchedule when = FaultSchedule.Parse("2..8+3");
        Assert.Equal([2L, 5, 8], Enumerable.Range(1, 10).Select(n => (long)n).Where(when.Contains));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFailedWriteIsSkippedAndReportsItsErrno(bool useRegisterSets)
    {
        string target = Path.Combine(_scratch, "out.txt");
        var options = new TraceSessionOptions
        {
            Syscalls = d => d.Name == "write",
            Faults = [new SyscallFault { Syscalls = d => d.Name == "write", Errno = 28, When = FaultSchedule.Parse("3") }],
            UseRegisterSets = useRegisterSets,
        };
        var (events, exit) = TestPrograms.Trace(options, TestPrograms.PathOf("fault_writer"), "direct", target, "5");
        var writes = events.OfType<SyscallEvent>().ToList();
        Assert.Equal(1, exit?.ExitCode);
        SyscallEvent failed = writes[2];
        Assert.True(failed.Tampered);
        Assert.True(failed.ResultInjected);
        Assert.Equal("ENOSPC", failed.Errno);
        Assert.Null(failed.OriginalResult);
        Assert.EndsWith("= -1 ENOSPC (No space left on device) (INJECTED)", failed.Text);
        Assert.Equal("chunk 00\nchunk 01\n", File.ReadAllText(target));
        Assert.All(writes.Where(w => w != failed), w => Assert.False(w.Tampered));
    }

    [Fact]
    public void AMadeUpResultAfterTheCallKeepsWhatItReturned()
    {
        string target = Path.Combine(_scratch, "out.txt");
        var options = new TraceSessionOptions
        {
            Syscalls = d => d.Name == "write",
            Faults = [new SyscallFault { Syscalls = d => d.Name == "write", Errno = 5, When = FaultSchedule.Parse("1"), AfterCall = true }],
        };
        var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf("fault_writer"), "direct", target, "2");
        SyscallEvent failed = events.OfType<SyscallEvent>().First();
        Assert.Equal(9, failed.OriginalResult);
        Assert.Equal("EIO", failed.Errno);
        Assert.Equal("chunk 00\n", File.ReadAllText(target)); // the write ran before its result was replaced
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AStopAtEntryRedirectsAPath(bool useRegisterSets)
    {
        string asked = Path.Combine(_scratch, "asked.txt"), input = Path.Combine(_scratch, "in.txt"), output = Path.Combine(_scratch, "out.txt");
        // The file asked for exists and reads differently, so only the redirection can make the output "redirected".
        File.WriteAllText(asked, "asked for");
        File.WriteAllText(input, "redirected");
        var options = new TraceSessionOptions { HookEntry = d => d.Name == "openat", UseRegisterSets = useRegisterSets };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("fault_reader"), Arguments = [asked, output] }, options);
        var opens = new List<SyscallEvent>();
        foreach (TraceEvent e in session.ReadEvents())
        {
            if (e is SyscallStop { AtEntry: true } stop && stop.Call.Path == asked)
                stop.SetArgumentString(1, input);
            else if (e is SyscallEvent { Name: "openat" } open)
                opens.Add(open);
        }
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        Assert.Equal(0, session.RootExit?.ExitCode);
        Assert.Equal("redirected", File.ReadAllText(output));
        SyscallEvent redirected = Assert.Single(opens, o => o.Tampered);
        Assert.Equal(input, redirected.Path);
        Assert.Contains("\"/", redirected.Tampering);
    }

    [Fact]
    public void AStopAtExitReplacesWhatReadReturned()
    {
        string input = Path.Combine(_scratch, "in.txt"), output = Path.Combine(_scratch, "out.txt");
        File.WriteAllText(input, "original text");
        var options = new TraceSessionOptions { Syscalls = d => d.Name == "read", HookExit = d => d.Name == "read" };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("fault_reader"), Arguments = [input, output] }, options);
        SyscallEvent? changed = null;
        foreach (TraceEvent e in session.ReadEvents())
        {
            if (e is SyscallStop { AtEntry: false } stop && stop.Call.Arg2 == 256) // the program's own read, not the loader's
            {
                stop.WriteMemory((ulong)stop.Call.Arg1, "NEW"u8);
                stop.SetResult(3);
                stop.Resume();
                changed = stop.Call;
            }
        }
        session.Dispose();
        Assert.Equal("NEW", File.ReadAllText(output));
        Assert.NotNull(changed);
        Assert.Equal(13, changed.OriginalResult);
        Assert.StartsWith("read(3, \"NEW\", 256) = 3 (INJECTED)", changed.Text);
    }

    [Fact]
    public void ChangingACallAfterItResumedIsRefused()
    {
        var options = new TraceSessionOptions { HookExit = d => d.Name == "write" };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("tiny") }, options);
        SyscallStop? stop = session.ReadEvents().OfType<SyscallStop>().First();
        stop.Resume();
        Assert.Throws<InvalidOperationException>(() => stop.SetResult(0));
        Assert.Throws<InvalidOperationException>(() => stop.Skip());
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void ACallsTimeLeavesOutTheReadersHoldAtItsEntryButNotAFaultRulesDelay()
    {
        // strace's -T: a call's time starts when the tracer lets it go on; a delay_enter is the call's, a delay_exit not.
        TimeSpan hold = TimeSpan.FromMilliseconds(150);
        var options = new TraceSessionOptions
        {
            Syscalls = d => d.Name == "getppid",
            HookEntry = d => d.Name == "getppid",
            Faults =
            [
                new SyscallFault { Syscalls = d => d.Name == "getppid", DelayEnter = hold, When = FaultSchedule.Parse("2") },
                new SyscallFault { Syscalls = d => d.Name == "getppid", DelayExit = hold, When = FaultSchedule.Parse("3") },
            ],
        };
        var start = new TraceStartInfo { FileName = TestPrograms.PathOf("getppid_loop"), Arguments = ["4"] };
        using TraceSession session = TraceSession.Start(start, options);
        var calls = new List<SyscallEvent>();
        foreach (TraceEvent e in session.ReadEvents())
        {
            if (e is SyscallStop { AtEntry: true } stop && calls.Count == 0)
                Thread.Sleep(hold);
            else if (e is SyscallEvent call)
                calls.Add(call);
        }
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        Assert.Equal(4, calls.Count);
        Assert.True(calls[0].Duration < hold, $"held by the reader: {calls[0].Duration}");
        Assert.True(calls[1].Duration >= hold, $"delayed at entry: {calls[1].Duration}");
        Assert.True(calls[2].Duration < hold, $"delayed at exit: {calls[2].Duration}");
        Assert.Equal([false, true, true, false], calls.Select(c => c.Delayed));
        Assert.EndsWith(" (DELAYED)", calls[1].Text);
    }

    [Fact]
    public void StoppingASessionWhileACallIsHeldLeavesNothingBehind()
    {
        var options = new TraceSessionOptions { HookEntry = d => d.Name == "write" };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("tiny") }, options);
        using IEnumerator<TraceEvent> events = session.ReadEvents().GetEnumerator();
        while (events.MoveNext() && events.Current is not SyscallStop)
        {
        }
        Assert.IsType<SyscallStop>(events.Current);
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        Assert.Equal(9, session.RootExit?.Signal);
    }

    [Fact]
    public void AKillRuleEndsTheProcessBeforeTheCallRuns()
    {
        string target = Path.Combine(_scratch, "main.o");
        var options = new TraceSessionOptions
        {
            Faults = [new SyscallFault { Syscalls = d => d.Name == "write", Kill = true, When = FaultSchedule.Parse("2"), PathPattern = "*.o" }],
        };
        var (events, exit) = TestPrograms.Trace(options, TestPrograms.PathOf("fault_writer"), "direct", target, "4");
        Assert.Equal(9, exit?.Signal);
        Assert.Equal("chunk 00\n", File.ReadAllText(target));
        SyscallEvent killed = events.OfType<SyscallEvent>().Single(c => c.Tampered);
        Assert.True(killed.IsUnfinished);
        Assert.Contains("kill", killed.Tampering);
    }

    /// <summary>A rule that picks a read by the file its descriptor is open on, decided at the read's entry, when its
    /// buffer is not decoded yet; it pokes what the read gave the program (strace's poke_exit) or fails it.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ARuleOnAReadOfOneFileOverwritesWhatItReadOrFailsIt(bool fails)
    {
        string input = Path.Combine(_scratch, "in.txt");
        File.WriteAllText(input, "12345\n");
        var rule = new SyscallFault
        {
            Syscalls = d => d.Name == "read",
            PathPattern = "*.txt",
            When = FaultSchedule.Parse("1"),
            Errno = fails ? 5 : 0,
            PokeExit = fails ? new Dictionary<int, byte[]>() : new Dictionary<int, byte[]> { [1] = "X"u8.ToArray() },
        };
        var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { Faults = [rule] },
            new TraceStartInfo { FileName = "/bin/cat", Arguments = [input], CaptureOutput = true });
        SyscallEvent read = Assert.Single(events.OfType<SyscallEvent>(), c => c.Tampered);
        Assert.Equal(fails ? 1 : 0, exit?.ExitCode);
        if (fails)
        {
            Assert.Equal("read(3, 0x" + read.Arg1.ToString("x") + ", 131072) = -1 EIO (Input/output error) (INJECTED)", read.Text);
        }
        else
        {
            Assert.Matches(@"^read\(3, ""X2345\\n"", \d+\) = 6 \(INJECTED: args\)$", read.Text);
            Assert.Equal("X2345", Assert.Single(events.OfType<ProgramOutputEvent>()).Line);
        }
    }

    [Fact]
    public void StructFieldsAreSetByName()
    {
        string input = Path.Combine(_scratch, "in.txt"), output = Path.Combine(_scratch, "out.txt");
        File.WriteAllText(input, "12345");
        var options = new TraceSessionOptions { HookExit = d => d.Name is "uname" or "newfstatat" };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("fault_identity"), Arguments = [input, output] }, options);
        foreach (SyscallStop stop in session.ReadEvents().OfType<SyscallStop>())
        {
            if (stop.Call.Name == "uname")
                stop.SetStructFields(0, new Dictionary<string, object?> { ["nodename"] = "mocked" });
            else if (stop.Call.Path == input)
                stop.SetStructFields(2, new Dictionary<string, object?> { ["st_size"] = 99L });
        }
        session.Dispose();
        Assert.Equal("mocked\n99\n", File.ReadAllText(output));
    }

    /// <summary>A call made through i386's socketcall has its arguments in memory: setting an argument register is
    /// refused with the reason, and a fault rule fails the call by its own name.</summary>
    [NeedsI386Fact]
    public void ACallMadeThroughSocketcallFailsByItsNameButHasNoArgumentRegisters()
    {
        var options = new TraceSessionOptions
        {
            FollowChildren = false,
            HookEntry = d => d.Name == "socket",
            Faults = [new SyscallFault { Syscalls = d => d.Name == "recv", Errno = 1 }],
        };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("i386_calls") }, options);
        var refusals = new List<InvalidOperationException>();
        var calls = new List<SyscallEvent>();
        foreach (TraceEvent e in session.ReadEvents())
        {
            if (e is SyscallStop stop)
                refusals.Add(Assert.Throws<InvalidOperationException>(() => stop.SetArgument(0, 1)));
            else if (e is SyscallEvent call)
                calls.Add(call);
        }
        Assert.Contains("made through i386's socketcall", Assert.Single(refusals).Message);
        Assert.Equal("socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 5", calls.Single(c => c.Name == "socket").Text);
        SyscallEvent recv = calls.Single(c => c.Name == "recv");
        Assert.Equal(102, recv.Number);
        Assert.Equal($"recv(7, 0x{recv.Arg1:x}, 8, 0) = -1 EPERM (Operation not permitted) (INJECTED)", recv.Text);
    }

    [Fact]
    public void ASignalRuleDeliversItsSignalAfterTheCall()
    {
        var options = new TraceSessionOptions { Faults = [new SyscallFault { Syscalls = d => d.Name == "getpid", Signal = 10 }] };
        var (events, exit) = TestPrograms.Trace(options, TestPrograms.PathOf("tiny"));
        Assert.Equal(10, exit?.Signal);
        SyscallEvent getpid = events.OfType<SyscallEvent>().Single(c => c.Name == "getpid");
        Assert.True(getpid.Tampered);
        Assert.False(getpid.ResultInjected); // the call ran; only the signal was added
        Assert.Equal(getpid.ProcessId, getpid.Result);
        Assert.Contains(events.OfType<SignalEvent>(), s => s.Signal == 10);
    }

    [Fact]
    public void ADelayedCallStillRunsWhileTheOthersGoOn()
    {
        var options = new TraceSessionOptions
        {
            Faults = [new SyscallFault { Syscalls = d => d.Name == "write", Description = "write", DelayEnter = TimeSpan.FromMilliseconds(50), DelayExit = TimeSpan.FromMilliseconds(50) }],
        };
        var (events, exit) = TestPrograms.Trace(options, TestPrograms.PathOf("tiny"));
        Assert.Equal(7, exit?.ExitCode);
        SyscallEvent write = events.OfType<SyscallEvent>().Single(c => c.Name == "write");
        Assert.Equal(6, write.Result);
        Assert.Contains("delay_enter=50000us:delay_exit=50000us", write.Tampering);
    }

    [Fact]
    public void EachRuleCountsItsOwnCalls()
    {
        string target = Path.Combine(_scratch, "out.txt");
        var options = new TraceSessionOptions
        {
            Syscalls = d => d.Name == "write",
            Faults =
            [
                new SyscallFault { Syscalls = d => d.Name == "write", ReturnValue = 9, When = FaultSchedule.Parse("1+2"), Description = "odd" },
                new SyscallFault { Syscalls = d => d.Name == "write", Errno = 5, When = FaultSchedule.Parse("4") },
            ],
        };
        var (events, exit) = TestPrograms.Trace(options, TestPrograms.PathOf("fault_writer"), "direct", target, "6");
        var writes = events.OfType<SyscallEvent>().Where(c => c.Arg0 > 2).ToList();
        Assert.Equal(1, exit?.ExitCode);
        Assert.Equal([true, false, true, true], writes.Select(w => w.ResultInjected));
        Assert.Equal("EIO", writes[3].Errno);
        Assert.Equal("chunk 01\n", File.ReadAllText(target)); // the odd writes were made up, the fourth failed
    }
}
