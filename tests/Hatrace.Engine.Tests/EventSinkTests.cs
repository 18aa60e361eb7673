using System.Diagnostics;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>TraceSession.WriteEventsTo: the events handed to a sink on the session's own thread are those a reader of
/// the channel gets, a stop goes on when the sink returns, and a sink that throws ends the trace as a failure does.</summary>
public sealed class EventSinkTests
{
    private sealed class RecordingSink(Func<TraceEvent, bool>? throwAt = null) : ITraceEventSink
    {
        public List<TraceEvent> Events { get; } = [];
        public HashSet<int> WriterThreads { get; } = [];
        public List<string> Calls { get; } = [];

        public void Write(TraceEvent e)
        {
            if (throwAt?.Invoke(e) == true)
                throw new IOException("sink broke");
            Events.Add(e);
            WriterThreads.Add(Environment.CurrentManagedThreadId);
            Calls.Add("Write");
        }

        public void Flush() => Calls.Add("Flush");
    }

    // Addresses differ from run to run (mmap, brk): a call's name and whether it failed do not.
    private static string Shape(TraceEvent e) => e is SyscallEvent call ? $"{call.Name} {call.Result < 0}" : e.GetType().Name;

    [Fact]
    public void TheSinkGetsWhatAReaderGetsOnTheSessionsThreadAndFlushesLast()
    {
        var start = new TraceStartInfo { FileName = "ls", Arguments = ["-la", "/usr/include"] };
        using TraceSession read = TraceSession.Start(start);
        List<string> expected = [.. read.ReadEvents().Select(Shape)];

        var sink = new RecordingSink();
        using TraceSession session = TraceSession.Start(start);
        session.WriteEventsTo(sink);

        Assert.Equal(expected, sink.Events.Select(Shape));
        Assert.Contains(sink.WriterThreads, id => id != Environment.CurrentManagedThreadId);
        Assert.Equal("Flush", sink.Calls[^1]);
        Assert.Equal(0, session.RootExit?.ExitCode);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void AProgramSeesNothingOfTheTracersOwnScheduling()
    {
        // Writing to a sink where a CPU is spare, the tracer runs as SCHED_IDLE between stops and moves to the CPU of
        // the thread it waits for (SharedCpu): the program, and a child it forks, keep the policy and the CPUs they
        // have untraced.
        string program = TestPrograms.PathOf("scheduling");
        using Process untraced = Process.Start(new ProcessStartInfo(program, "20000") { RedirectStandardOutput = true })!;
        string[] expected = untraced.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        untraced.WaitForExit();

        var sink = new RecordingSink();
        var start = new TraceStartInfo { FileName = program, Arguments = ["20000"], CaptureOutput = true };
        using TraceSession session = TraceSession.Start(start, new TraceSessionOptions { FollowChildren = true });
        session.WriteEventsTo(sink);

        Assert.Equal(2, expected.Length);
        Assert.Equal(expected, sink.Events.OfType<ProgramOutputEvent>().Select(l => l.Line));
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void WhileTheProgramWaitsItsTextIsFlushedAndTheFlushingThreadSleeps()
    {
        // Once the sink holds text it is flushed a few milliseconds later, while the program still waits; and the thread
        // in WriteEventsTo sleeps meanwhile rather than waking every few milliseconds (it did, 200 times a second).
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = "sleep", Arguments = ["1"] });
        var sink = new AliveAtFlushSink(session.RootProcessId);
        long before = VoluntarySwitches();
        session.WriteEventsTo(sink);
        long switches = VoluntarySwitches() - before;

        Assert.Contains(true, sink.AliveAtFlush);
        Assert.InRange(switches, 0, 50);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    private sealed class AliveAtFlushSink(int processId) : ITraceEventSink
    {
        public List<bool> AliveAtFlush { get; } = [];

        public void Write(TraceEvent e)
        {
        }

        // exe resolves only while the process runs.
        public void Flush() => AliveAtFlush.Add(File.Exists($"/proc/{processId}/exe"));
    }

    // The calling thread's count of the times it gave up its CPU to wait.
    private static long VoluntarySwitches() =>
        long.Parse(File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))["voluntary_ctxt_switches:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ASinkThatThrowsEndsTheTraceAndKillsWhatItStarted()
    {
        int calls = 0;
        var sink = new RecordingSink(e => e is SyscallEvent { Name: "getppid" } && ++calls == 10);
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("getppid_loop"), Arguments = ["100000000"] });

        IOException thrown = Assert.Throws<IOException>(() => session.WriteEventsTo(sink));

        Assert.Equal("sink broke", thrown.Message);
        Assert.Equal(9, sink.Events.Count(e => e is SyscallEvent { Name: "getppid" }));
        // Killed and reaped by the session, as after any failure of the tracer.
        Assert.False(Directory.Exists($"/proc/{session.RootProcessId}"));
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void ASinkThatThrowsOnCapturedOutputEndsTheTraceToo()
    {
        // The line comes on the thread that reads the pipes (or, if it came first, on this one): either way the trace ends.
        var sink = new RecordingSink(e => e is ProgramOutputEvent);
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = "sh", Arguments = ["-c", "echo hello; exec sleep 60"], CaptureOutput = true });

        Assert.Throws<IOException>(() => session.WriteEventsTo(sink));

        Assert.False(Directory.Exists($"/proc/{session.RootProcessId}"));
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void AStopGoesOnWhenTheSinkReturns()
    {
        var options = new TraceSessionOptions { HookExit = d => d.Name == "getppid" };
        var sink = new RecordingSink();
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("getppid_loop"), Arguments = ["50"] }, options);

        session.WriteEventsTo(sink);

        Assert.Equal(50, sink.Events.Count(e => e is Tampering.SyscallStop));
        Assert.Equal(0, session.RootExit?.ExitCode);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void CapturedOutputReachesTheSink()
    {
        var sink = new RecordingSink();
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = "sh", Arguments = ["-c", "seq 1 2000"], CaptureOutput = true });

        session.WriteEventsTo(sink);

        Assert.Equal(Enumerable.Range(1, 2000).Select(i => $"{i}"), sink.Events.OfType<ProgramOutputEvent>().Select(l => l.Line));
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }
}
