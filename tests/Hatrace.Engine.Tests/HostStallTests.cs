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
    public unsafe void ChildrenTheEngineForksKeepNoneOfTheHostsDescriptors()
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
                // The waker lives as long as its session, waiting on its release pipe.
                int waker = WakerOfThisProcess();
                Dictionary<int, string> held = Descriptors(waker);
                Assert.True(held.Count == 5, $"waker {waker} holds {held.Count} descriptors: {string.Join(", ", held.Take(12).Select(d => $"{d.Key} -> {d.Value}"))}...");
                Assert.All(new[] { 0, 1, 2 }, fd => Assert.Equal("/dev/null", held[fd]));
                Assert.All(held.Values, link => Assert.DoesNotContain(link, hostPipes));
            }

            // A traced program, after its exec: what the spawn helper's child kept is still open there, unless close-on-exec.
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
            string fds = File.ReadAllText(listing);
            Assert.Contains(listing, fds);
            Assert.All(hostPipes, pipe => Assert.DoesNotContain(pipe, fds));
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
