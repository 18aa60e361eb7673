using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Processes that are hard to trace: daemons, tracees that trace, thread and fork storms, signal walls, stopped
/// and killed groups, failed execs, setuid programs. Each runs a program of its own (tests/programs/hard_*.c), gets
/// what it gets under strace, and leaves no process stopped or unreaped.</summary>
public sealed partial class HardCaseTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-hard-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void ADaemonThatOutlivesTheRootIsFollowedToItsEnd()
    {
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(TestPrograms.PathOf("hard_daemon"));

        Assert.Equal(3, rootExit?.ExitCode);
        List<ProcessExitEvent> exits = [.. events.OfType<ProcessExitEvent>()];
        Assert.Equal(3, exits.Count);
        // The grandchild waits to be orphaned, so it ends last, after the root.
        Assert.Equal(7, exits[^1].ExitCode);
        Assert.True(events.IndexOf(rootExit!) < events.IndexOf(exits[^1]));
    }

    [Fact]
    public void StoppingWhenTheRootExitsKillsWhatItLeftRunning()
    {
        var options = new TraceSessionOptions { StopWhenRootExits = true };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, TestPrograms.PathOf("hard_daemon"), "forever");

        Assert.Equal(3, rootExit?.ExitCode);
        Assert.Same(rootExit, events.OfType<ProcessExitEvent>().Last());
        int[] started = [.. events.OfType<ProcessStartEvent>().Select(s => s.ProcessId)];
        Assert.Equal(3, started.Length);
        int grandchild = started[^1];
        Assert.True(WaitUntilGone(grandchild), $"the daemon {grandchild} still runs");
    }

    [Fact]
    public void ATraceeThatCallsPtraceGetsWhatItGetsUnderStrace()
    {
        string program = TestPrograms.PathOf("hard_ptrace");
        List<string> expected = [.. StraceOracle.RunWithOptions(["-f", "-e", "trace=ptrace"], program)
            .Select(l => ResultPart().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
        StraceOracle.AssertEnough(expected, 2);

        var options = new TraceSessionOptions { Syscalls = d => d.Name == "ptrace" };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, program);

        Assert.Equal(0, rootExit?.ExitCode);
        Assert.Equal(expected, events.OfType<SyscallEvent>().Select(c => ResultPart().Match(c.Text).Groups[1].Value));
        Assert.Equal(4, events.OfType<ProcessExitEvent>().Count());
    }

    [Fact]
    public void AThousandThreadsEachStartAndEnd()
    {
        var options = new TraceSessionOptions { Syscalls = d => d.Name is "clone" or "clone3" };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, TestPrograms.PathOf("hard_threads"));

        Assert.Equal(0, rootExit?.ExitCode);
        HashSet<long> created = [.. events.OfType<SyscallEvent>().Where(c => c.Result > 0).Select(c => c.Result!.Value)];
        HashSet<long> ended = [.. events.OfType<ThreadExitEvent>().Select(t => (long)t.ThreadId)];
        Assert.Equal(1000, created.Count);
        Assert.Equal(created.Order(), ended.Order());
    }

    [Fact]
    public void AStormOfForksAndVforksShowsEveryStartExecAndExit()
    {
        var options = new TraceSessionOptions { Syscalls = d => d.Name == "exit_group" };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, TestPrograms.PathOf("hard_storm"));

        Assert.Equal(0, rootExit?.ExitCode);
        int root = rootExit!.ProcessId;
        List<ProcessStartEvent> starts = [.. events.OfType<ProcessStartEvent>().Where(s => s.ProcessId != root)];
        Assert.Equal(500, starts.Count);
        Assert.All(starts, s => Assert.Equal(root, s.ParentProcessId));
        Dictionary<int, ProcessExecEvent> execs = events.OfType<ProcessExecEvent>().Where(e => e.ProcessId != root).ToDictionary(e => e.ProcessId);
        Dictionary<int, int?> exits = events.OfType<ProcessExitEvent>().Where(e => e.ProcessId != root).ToDictionary(e => e.ProcessId, e => e.ExitCode);
        Assert.Equal(starts.Select(s => s.ProcessId).Order(), execs.Keys.Order());
        Assert.Equal(execs.Keys.Order(), exits.Keys.Order());
        // Each child exits with its number (its argument) modulo 100.
        Assert.All(execs.Values, exec => Assert.Equal(int.Parse(exec.Arguments[1], CultureInfo.InvariantCulture) % 100, exits[exec.ProcessId]));
    }

    [Theory]
    [InlineData("block")]
    [InlineData("ignore")]
    public void BlockedAndIgnoredSignalsShowAsUnderStrace(string mode)
    {
        string program = TestPrograms.PathOf("hard_signals");
        List<string> expected = [.. StraceOracle.Run(program, mode).Select(l => SignalLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(program, mode);

        Assert.Equal(0, rootExit?.ExitCode);
        Assert.Equal(expected, events.OfType<SignalEvent>().Select(s => Signals.GetName(s.Signal)));
        // Blocked signals stay pending and never reach the tracer; ignored ones still stop for it, as strace shows.
        Assert.Equal(mode == "block", expected.Count == 0);
    }

    [Fact]
    public void AStartedProcessInAGroupStopIsKilledWhenTheTraceEnds()
    {
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("hard_signals"), Arguments = ["stop"] });
        Assert.Contains(session.ReadEvents(), e => e is GroupStopEvent { Signal: 19 });

        session.Dispose();

        Assert.Equal(9, session.RootExit?.Signal);
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void AnAttachedProcessInAGroupStopIsLeftStopped()
    {
        // Under a shell, not as this process's child (see AttachTests).
        var start = new ProcessStartInfo("sh", ["-c", "\"$0\" stop & echo $!; wait $!", TestPrograms.PathOf("hard_signals")]) { RedirectStandardOutput = true };
        using Process shell = Process.Start(start)!;
        int pid = int.Parse(shell.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        try
        {
            Assert.True(WaitForState(pid, 'T'), "the program did not stop itself");
            using (TraceSession session = TraceSession.Attach([pid]))
            {
                Assert.Contains(session.ReadEvents(), e => e is GroupStopEvent);
            }
            // It was stopped before the trace, so it stays stopped after: T, with no tracer.
            Assert.True(WaitForState(pid, 'T'));
            Assert.Contains("TracerPid:\t0\n", File.ReadAllText($"/proc/{pid}/status"));
        }
        finally
        {
            Run("kill", "-CONT", pid.ToString(CultureInfo.InvariantCulture));
        }
        Assert.True(shell.WaitForExit(10_000));
        Assert.Equal(0, shell.ExitCode);
        TestPrograms.AssertNoneLeft([pid]);
    }

    [Fact]
    public void SigkillToTheWholeGroupMidCallEndsEveryCallAndProcess()
    {
        using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = TestPrograms.PathOf("hard_kill_group") },
            new TraceSessionOptions { EmitSyscallEntries = true });
        var waiting = new HashSet<int>();
        var events = new List<TraceEvent>();
        foreach (TraceEvent e in session.ReadEvents())
        {
            events.Add(e);
            // All four are inside pause(): kill the group the root leads.
            if (e is SyscallEntryEvent { Name: "pause" } entry && waiting.Add(entry.ProcessId) && waiting.Count == 4)
                Run("kill", "-KILL", "--", (-session.RootProcessId).ToString(CultureInfo.InvariantCulture));
        }
        session.Dispose();

        Assert.Equal(9, session.RootExit?.Signal);
        Assert.Equal(waiting.Order(), events.OfType<ProcessExitEvent>().Where(x => x.Signal == 9).Select(x => x.ProcessId).Order());
        Assert.Equal(waiting.Order(), events.OfType<SyscallEvent>().Where(c => c is { Name: "pause", IsUnfinished: true }).Select(c => c.ProcessId).Order());
        TestPrograms.AssertNoneLeft(session.ProcessIds);
    }

    [Fact]
    public void AChildWhoseExecFailsIsSeenToEnd()
    {
        string program = TestPrograms.PathOf("hard_exec_fail");
        string notExecutable = Path.Combine(_scratch, "not-executable");
        File.WriteAllText(notExecutable, "#!/bin/sh\n");
        List<string> expected = [.. StraceOracle.RunWithOptions(["-f", "-e", "trace=execve"], program, notExecutable)
            .Select(l => FailedExec().Match(l)).Where(m => m.Success).Select(m => m.Result("$1 $2"))];
        StraceOracle.AssertEnough(expected, 2);

        var options = new TraceSessionOptions { Syscalls = d => d.Name == "execve" };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, program, notExecutable);

        Assert.Equal(0, rootExit?.ExitCode);
        List<SyscallEvent> failed = [.. events.OfType<SyscallEvent>().Where(c => c.ErrnoValue != 0)];
        Assert.Equal(expected, failed.Select(c => FailedExec().Match(c.Text).Result("$1 $2")));
        Assert.Equal(["ENOENT", "EACCES"], failed.Select(c => c.Errno));
        Dictionary<int, int?> exits = events.OfType<ProcessExitEvent>().ToDictionary(e => e.ProcessId, e => e.ExitCode);
        Assert.Equal([127, 126], failed.Select(c => exits[c.ProcessId]));
    }

    [RootFact]
    public void ASetuidProgramRunAsRootGetsItsOwnerAsUnderStrace()
    {
        string program = SetuidCopy(_scratch, TestPrograms.PathOf("hard_whoami"), owner: 65534);
        List<string> expected = StraceOracle.RunWithOptions(["-e", "trace=getuid,geteuid"], program);
        StraceOracle.AssertEnough(expected, 2);

        var options = new TraceSessionOptions { Syscalls = d => d.Name is "getuid" or "geteuid" };
        (List<TraceEvent> events, ProcessExitEvent? rootExit) = TestPrograms.Trace(options, program);

        // A tracer with CAP_SYS_PTRACE lets the kernel grant the setuid: the program runs as its owner.
        Assert.Contains("geteuid() = 65534", expected);
        Assert.Equal(expected, events.OfType<SyscallEvent>().Select(c => c.Text));
        Assert.Equal(1, rootExit?.ExitCode);
    }

    /// <summary>A copy of the program in <paramref name="directory"/>, owned by <paramref name="owner"/> and setuid
    /// (mode 4755), in a directory every user may enter.</summary>
    internal static string SetuidCopy(string directory, string program, int owner)
    {
        string copy = Path.Combine(directory, Path.GetFileName(program) + "-setuid");
        File.Copy(program, copy);
        const UnixFileMode everyoneRuns = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(directory, everyoneRuns);
        Run("chown", owner.ToString(CultureInfo.InvariantCulture), copy);
        // chown clears the setuid bit, so the mode comes after it.
        File.SetUnixFileMode(copy, everyoneRuns | UnixFileMode.SetUser);
        return copy;
    }

    private static bool WaitUntilGone(int pid) => WaitFor(() => ReadState(pid) is null or 'Z');

    private static bool WaitForState(int pid, char state) => WaitFor(() => ReadState(pid) == state);

    // Polls for a state the kernel reaches on its own schedule (an orphan's reaping, a self-stop); gives up after 10 s.
    private static bool WaitFor(Func<bool> reached)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            if (reached())
                return true;
            Thread.Sleep(50);
        }
        return false;
    }

    private static char? ReadState(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using Process run = Process.Start(command, arguments);
        run.WaitForExit();
        Assert.Equal(0, run.ExitCode);
    }

    // What a call line says after " = ": the result strace and the engine must agree on.
    [GeneratedRegex(@" = (.*)$")]
    private static partial Regex ResultPart();

    [GeneratedRegex(@"^--- (SIG\w+) ")]
    private static partial Regex SignalLine();

    // A failed execve's path and result, without the addresses that differ from run to run.
    [GeneratedRegex(@"execve\((""[^""]*"").* = (-1 E\w+)")]
    private static partial Regex FailedExec();
}

/// <summary>A test that needs root (to give a file to another user, to run setuid programs as root): skipped otherwise.</summary>
internal sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
            Skip = "needs root";
    }
}
