using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>A session that chooses its calls runs under a seccomp filter by default: it must report exactly what the
/// same session reports stopping at every call, and take no stop for the calls it did not choose.</summary>
public sealed partial class SeccompFilterTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-seccomp-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("tiny", "openat,write")]
    [NeedsI386InlineData("int80", "getpid")] // i386 getpid is 20, writev on x86_64: routed by the i386 numbers
    [InlineData("family", "openat")] // threads, fork, vfork, a non-leader thread's execve
    [InlineData("family", "execve,clone,vfork,exit")] // not clone3: the last thread may exec before its creator returns
    [InlineData("segv_handler", "write")]
    public void AFilteredSessionReportsWhatAnUnfilteredOneDoes(string program, string names)
    {
        string[] chosen = names.Split(',');
        var filtered = Trace(program, new TraceSessionOptions { Syscalls = d => chosen.Contains(d.Name) });
        var unfiltered = Trace(program, new TraceSessionOptions { Syscalls = d => chosen.Contains(d.Name), UseSeccompFilter = false });
        Assert.Contains(filtered.Events, e => e.StartsWith(nameof(SyscallEvent), StringComparison.Ordinal));
        Assert.Equal(string.Join("\n", unfiltered.Events), string.Join("\n", filtered.Events));
        Assert.Equal(unfiltered.Exit, filtered.Exit);
    }

    [Fact]
    public void JobControlStopsAndContinuesUnderTheFilter()
    {
        // Not compared with an unfiltered run: where wait4 is interrupted changes from run to run either way.
        var options = new TraceSessionOptions { Syscalls = d => d.Name is "kill" or "wait4" };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("job_control") }, options);
        List<TraceEvent> events = [.. session.ReadEvents()];
        session.Dispose();
        Assert.Equal(0, session.RootExit?.ExitCode); // job_control checks, as the real parent, that its child stopped and went on
        Assert.Contains(events.OfType<GroupStopEvent>(), s => s.Text == "--- stopped by SIGSTOP ---");
        Assert.Equal(3, events.OfType<SyscallEvent>().Count(c => c.Name == "kill"));
    }

    [Fact]
    public void CallsThatAreNotChosenTakeNoStop()
    {
        var filtered = Trace("getppid_loop", new TraceSessionOptions { Syscalls = d => d.Name == "openat" }, "1000");
        var unfiltered = Trace("getppid_loop", new TraceSessionOptions { Syscalls = d => d.Name == "openat", UseSeccompFilter = false }, "1000");
        Assert.Equal(unfiltered.Events, filtered.Events);
        // Unfiltered, each getppid stops at its entry and its exit; filtered, only the loader's few openat calls stop.
        Assert.True(unfiltered.Stops >= 2000, $"{unfiltered.Stops} stops unfiltered");
        Assert.True(filtered.Stops < 50, $"{filtered.Stops} stops filtered");
    }

    [Fact]
    public void WithEveryCallChosenOrChildrenNotFollowedThereIsNoFilter()
    {
        Assert.True(Trace("getppid_loop", new TraceSessionOptions(), "1000").Stops >= 2000);
        Assert.True(Trace("getppid_loop", new TraceSessionOptions { Syscalls = d => d.Name == "openat", FollowChildren = false }, "1000").Stops >= 2000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFaultRuleOnACallThatIsNotEmittedStillHits(bool useRegisterSets)
    {
        string target = Path.Combine(_scratch, "out.txt");
        var options = new TraceSessionOptions
        {
            Syscalls = d => d.Name == "openat",
            Faults = [new SyscallFault { Syscalls = d => d.Name == "write", Errno = 28, When = FaultSchedule.Parse("3") }],
            UseRegisterSets = useRegisterSets,
        };
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("fault_writer"), Arguments = ["direct", target, "5"] }, options);
        var calls = session.ReadEvents().OfType<SyscallEvent>().ToList();
        session.Dispose();
        Assert.Equal(1, session.RootExit?.ExitCode);
        Assert.Equal("chunk 00\nchunk 01\n", File.ReadAllText(target));
        Assert.Contains(calls, c => c.Path == target);
        Assert.All(calls, c => Assert.Equal("openat", c.Name));
        // Filtered: stops for the openat calls and the three writes only, not for the other calls of the program.
        Assert.True(session.SyscallStops < 50, $"{session.SyscallStops} stops");
    }

    // Every event as text with its numbers masked (pids and addresses differ between runs), sorted: tasks interleave
    // differently from run to run.
    private static (List<string> Events, int? Exit, long Stops) Trace(string program, TraceSessionOptions options, params string[] arguments)
    {
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf(program), Arguments = arguments }, options);
        List<TraceEvent> events = [.. session.ReadEvents()];
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        List<string> texts = [.. events.Select(e => e.GetType().Name + " " + Numbers().Replace(CpuSeconds().Replace(e.Text, ""), "N")).Order(StringComparer.Ordinal)];
        return (texts, session.RootExit?.ExitStatus, session.SyscallStops);
    }

    [GeneratedRegex("(0x)?[0-9a-f]*[0-9][0-9a-f]*")]
    private static partial Regex Numbers();

    // A child's CPU time in seconds, there only when it used any (si_utime=40 /* 0.40 s */).
    [GeneratedRegex(@" /\* [\d.]+ s \*/")]
    private static partial Regex CpuSeconds();
}
