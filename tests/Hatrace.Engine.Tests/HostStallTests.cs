using System.Diagnostics;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Tracing never holds up the host's own child processes. A child the engine forks (a program waiting to be
/// released, an attach session's waker) once kept every descriptor the host had open, among them the pipe on which
/// another thread's Process.Start waits for its child's exec: that Process.Start then waited for the whole session.
/// Alone: a descriptor this process leaves open across exec would reach the programs other tests start meanwhile (strace
/// among them), and other tests' wakers would come and go under the look at ours.</summary>
[Collection(nameof(HostStallTests))]
[CollectionDefinition(nameof(HostStallTests), DisableParallelization = true)]
public sealed class HostStallTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-stall-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public unsafe void ChildrenTheEngineForksHoldNoneOfTheHostsCloseOnExecDescriptors()
    {
        // Two pipes of this process: one close-on-exec, as Process.Start's own, one not, as a library may leave one.
        int* closedOnExec = stackalloc int[2], inherited = stackalloc int[2];
        Assert.Equal(0, Interop.Libc.Pipe2(closedOnExec, Interop.Libc.O_CLOEXEC));
        Assert.Equal(0, Interop.Libc.Pipe2(inherited, 0));
        try
        {
            string[] hostPipes = [LinkOf(Environment.ProcessId, closedOnExec[1]), LinkOf(Environment.ProcessId, inherited[1])];

            using (AttachTests.Target target = AttachTests.StartTarget(Path.Combine(_scratch, "count")))
            using (TraceSession session = TraceSession.Attach([target.Id]))
            {
                // The waker lives as long as its session, waiting on its release pipe, the one thing it holds.
                int waker = WakerOfThisProcess();
                Dictionary<int, string> held = Descriptors(waker);
                Assert.True(held.Count == 1, $"waker {waker} holds {held.Count} descriptors: {string.Join(", ", held.Take(12).Select(d => $"{d.Key} -> {d.Value}"))}...");
                Assert.StartsWith("pipe:", held.Values.Single());
                Assert.DoesNotContain(held.Values.Single(), hostPipes);
            }

            // A program waiting to be released holds its two pipes, its standard streams and what the host left
            // inheritable, which execve would keep too: nothing close-on-exec.
            Assert.Equal(0, Interop.HatraceNative.SpawnTraced("/bin/true", ["true"], [], null, [], out var child));
            try
            {
                Dictionary<int, string> held = Descriptors(WaitingToBeReleased(child.Pid));
                Assert.Contains(hostPipes[1], held.Values);
                Assert.DoesNotContain(hostPipes[0], held.Values);
                string[] ownPipes = [LinkOf(Environment.ProcessId, child.ReleaseFd), LinkOf(Environment.ProcessId, child.ErrorFd)];
                Assert.All(held.Where(d => d.Key > 2 && !ownPipes.Contains(d.Value)), d =>
                    Assert.True(IsInheritable(d.Key), $"{d.Key} -> {d.Value} is close-on-exec here"));
            }
            finally
            {
                Interop.HatraceNative.Release(child.ReleaseFd);
                int status;
                Assert.Equal(child.Pid, Interop.Libc.WaitPid(child.Pid, &status, 0));
                Assert.False(Interop.HatraceNative.TryReadSpawnError(child.ErrorFd, out _, out _));
            }

            // Traced, a program gets what the host left inheritable (a make jobserver's pipe), as under strace.
            string listing = Path.Combine(_scratch, "fds");
            using (TraceSession session = TraceSession.Start(new TraceStartInfo
            {
                FileName = "ls",
                Arguments = ["-l", "/proc/self/fd/"],
                StandardOutputPath = listing,
            }))
            {
                _ = session.ReadEvents().Count();
                Assert.Equal(0, session.RootExit?.ExitCode);
            }
            Assert.Contains($"{inherited[1]} -> {hostPipes[1]}", File.ReadAllText(listing));
        }
        finally
        {
            foreach (int fd in (int[])[closedOnExec[0], closedOnExec[1], inherited[0], inherited[1]])
                Interop.Libc.Close(fd);
        }
    }

    [Fact]
    public void ProcessStartIsNotHeldUpWhileSessionsRun()
    {
        using AttachTests.Target target = AttachTests.StartTarget(Path.Combine(_scratch, "count"));
        using var done = new CancellationTokenSource();
        long slowest = 0, started = 0;
        string? failure = null;
        void StartProcesses()
        {
            while (!done.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                using Process child = Process.Start("/bin/true");
                if (!child.WaitForExit(30_000))
                {
                    failure = $"/bin/true (pid {child.Id}) did not end within 30 s";
                    return;
                }
                long elapsed = clock.Elapsed.Ticks;
                for (long seen = Interlocked.Read(ref slowest); elapsed > seen; seen = Interlocked.Read(ref slowest))
                    Interlocked.CompareExchange(ref slowest, elapsed, seen);
                Interlocked.Increment(ref started);
            }
        }
        // Two threads start processes all the time, so that a waker forked at a session's start nearly always finds a
        // Process.Start between its fork and its exec (each takes milliseconds): over the rounds, all but certain.
        Thread[] starters = [.. Enumerable.Range(0, 2).Select(_ => new Thread(StartProcesses) { IsBackground = true })];
        foreach (Thread starter in starters)
            starter.Start();
        try
        {
            for (int round = 0; round < 6; round++)
            {
                // A stalled Process.Start would wait for the whole session: 1.5 s.
                using (TraceSession session = TraceSession.Attach([target.Id]))
                using (var length = new CancellationTokenSource(TimeSpan.FromSeconds(1.5)))
                {
                    try
                    {
                        foreach (TraceEvent _ in session.ReadEvents(length.Token))
                        {
                        }
                    }
                    catch (OperationCanceledException) when (length.IsCancellationRequested)
                    {
                    }
                }
                TestPrograms.Trace(TestPrograms.PathOf("tiny"));
            }
        }
        finally
        {
            done.Cancel();
            foreach (Thread starter in starters)
                Assert.True(starter.Join(TimeSpan.FromSeconds(60)), "a thread starting processes did not stop");
        }
        Assert.Null(failure);
        Assert.True(started > 100, $"only {started} processes were started meanwhile");
        Assert.True(TimeSpan.FromTicks(slowest) < TimeSpan.FromSeconds(1), $"the slowest of {started} Process.Start and WaitForExit took {TimeSpan.FromTicks(slowest)}");
    }

    // The child of this process named after the tracer thread that forked it, once it waits to be released.
    private static int WakerOfThisProcess()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int[] waiting = [.. Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0)
                .Where(pid => pid > 0 && ReadStat(pid).Contains($"(hatrace tracer) S {Environment.ProcessId} ", StringComparison.Ordinal))];
            if (waiting.Length == 1)
                return waiting[0];
            Assert.Empty(waiting);
            Thread.Sleep(100);
        }
        Assert.Fail("No waker waits to be released while the session runs.");
        return 0;
    }

    // The child once it sleeps in its read of the release pipe: it closed what it closes before.
    private static int WaitingToBeReleased(int pid)
    {
        for (int attempt = 0; attempt < 50 && !ReadStat(pid).Contains(") S ", StringComparison.Ordinal); attempt++)
            Thread.Sleep(100);
        Assert.Contains(") S ", ReadStat(pid));
        return pid;
    }

    // Whether this process's fd is left open across execve (O_CLOEXEC, octal 02000000, clear in its flags).
    private static bool IsInheritable(int fd)
    {
        string flags = File.ReadLines($"/proc/self/fdinfo/{fd}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 0x80000) == 0;
    }

    private static Dictionary<int, string> Descriptors(int pid) =>
        Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd")
            .ToDictionary(path => int.Parse(Path.GetFileName(path)), path => LinkOf(path));

    private static string LinkOf(int pid, int fd) => LinkOf($"/proc/{pid}/fd/{fd}");

    private static string LinkOf(string path) => new FileInfo(path).LinkTarget ?? "";

    private static string ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return ""; // gone meanwhile
        }
    }
}
