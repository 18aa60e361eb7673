using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary><see cref="CallFilter"/>: paths (following descriptors, as strace's -P), descriptors, statuses and strings
/// choose the calls before they are decoded; and <see cref="TraceSession.CallsInProgress"/> shows where a program hangs.</summary>
public class CallFilterTests
{
    [Fact]
    public void PathsFollowDescriptorsAsStraceDoes()
    {
        string program = TestPrograms.PathOf("fd_paths");
        string directory = Directory.CreateTempSubdirectory("hatrace-filter-").FullName;
        try
        {
            List<string> expected = StraceOracle.RunWithOptions(["-P", "/etc/passwd", "-P", "/dev/null"], program, directory);
            var filter = new CallFilter { Paths = ["/etc/passwd", "/dev/null"] };
            var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Filter = filter }, program, directory);
            List<string> actual = [.. events.OfType<SyscallEvent>().Select(c => StraceOracle.WithoutPadding(c.Text))];
            // read(3, ...), dup, fcntl and close take the paths only through their descriptors.
            Assert.Contains(actual, l => l.StartsWith("read(3, ", StringComparison.Ordinal));
            Assert.Contains(actual, l => l.StartsWith("fcntl(", StringComparison.Ordinal));
            StraceOracle.AssertEnough(expected, 9);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WildcardsMatchPathsAndDescriptors()
    {
        List<SyscallEvent> calls = TraceFdPaths(new CallFilter { Paths = ["/etc/pass*"] });
        Assert.Equal(["openat", "read", "close"], calls.Select(c => c.Name));
    }

    [Fact]
    public void DescriptorsChooseTheCallsThatTakeThem()
    {
        var filter = new CallFilter { Descriptors = [3] };
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Filter = filter }, TestPrograms.PathOf("blocked_read"), "10");
        List<SyscallEvent> calls = [.. events.OfType<SyscallEvent>()];
        Assert.Contains(calls, c => c.Name == "read" && c.Result == 7);
        Assert.DoesNotContain(calls, c => c.Name == "write"); // on 1 and 4
        Assert.All(calls, c => Assert.Contains(c.Definition!.Parameters.Select((p, i) => (p, i)),
            a => a.p.Kind is ArgumentKind.Fd or ArgumentKind.DirFd && a.i < c.Arguments.Count && c.Arguments[a.i].Raw == 3));
    }

    [Fact]
    public void AStringIsFoundInWhatACallWritesAtEntryAndInWhatItReadsAtExit()
    {
        var filter = new CallFilter { Contains = "wake" };
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Filter = filter, StringLength = 2 }, TestPrograms.PathOf("blocked_read"), "10");
        List<SyscallEvent> calls = [.. events.OfType<SyscallEvent>()];
        // The child's write gives the string, the parent's read receives it; -s 2 shows neither whole.
        Assert.Equal(["read", "write"], calls.Select(c => c.Name).Order());
        Assert.Equal(7, calls.Single(c => c.Name == "read").Result);
        Assert.Equal("\"wa\"...", calls.Single(c => c.Name == "read").Arguments[1].Text);
    }

    [Fact]
    public void AStringIsFoundInArgv()
    {
        var filter = new CallFilter { Contains = "needle" };
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Filter = filter }, TestPrograms.PathOf("blocked_read"), "10", "a-needle-here");
        Assert.Equal(["execve"], events.OfType<SyscallEvent>().Select(c => c.Name));
    }

    [Fact]
    public void StatusChoosesHowCallsEnded()
    {
        List<SyscallEvent> calls = TraceFdPaths(new CallFilter { Status = SyscallStatus.Failed });
        Assert.Contains(calls, c => c.Name.StartsWith("faccessat", StringComparison.Ordinal) && c.Errno == "ENOENT");
        Assert.All(calls, c => Assert.Equal(SyscallStatus.Failed, CallFilter.StatusOf(c)));
    }

    [Fact]
    public void ABlockedCallIsInProgressUntilItReturns()
    {
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("blocked_read"), Arguments = ["1000"] });
        var seen = new List<CallInProgress>();
        foreach (TraceEvent e in session.ReadEvents(TimeSpan.FromMilliseconds(20), () => seen.AddRange(session.CallsInProgress)))
        {
        }
        CallInProgress read = seen.Last(c => c.Name == "read");
        Assert.All(seen.Where(c => c.Name == "read"), c => Assert.True(read.IsSameCall(c)));
        Assert.Equal(session.RootProcessId, read.ProcessId);
        Assert.Equal("read(3, ", read.Text);
        Assert.Matches($@"^\[pid +{read.ThreadId}\] read\(3,  <in progress for \d+\.\d{{3}} s>$", read.ToString());
        Assert.Contains(seen, c => c.Name == "clock_nanosleep" && c.ProcessId != session.RootProcessId);
        Assert.Empty(session.CallsInProgress);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    private static List<SyscallEvent> TraceFdPaths(CallFilter filter)
    {
        string directory = Directory.CreateTempSubdirectory("hatrace-filter-").FullName;
        try
        {
            var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Filter = filter }, TestPrograms.PathOf("fd_paths"), directory);
            return [.. events.OfType<SyscallEvent>()];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
