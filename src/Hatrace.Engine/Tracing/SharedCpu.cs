using System.Buffers.Text;
using Hatrace.Engine.Model;
using Microsoft.Win32.SafeHandles;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The tracer and the thread it resumes, taking turns on one CPU. Left to itself the scheduler wakes a resumed
/// thread on the CPU it last ran on when that one is idle, and the tracer, waiting, leaves its own CPU idle: each stop
/// then wakes a CPU from idle, which on a virtual machine costs more than a short call (strace's getppid loop took
/// 4.3 s on a quiet machine and 0.8 s with the other CPU kept busy). A CPU whose only runnable task is SCHED_IDLE counts
/// as free, and a task of any other policy preempts it at once: so the tracer resumes a thread as SCHED_IDLE, the thread
/// is woken on the tracer's CPU and runs there until its next stop, and the tracer, finding it stopped as it goes on,
/// stays so for the next. It takes its own policy back before it waits for anything else, and moves to the thread's CPU
/// when it finds the thread ran elsewhere. All of this only while the machine has a CPU to spare (where every CPU is
/// busy a SCHED_IDLE tracer would wait behind the others' programs, and a stopped tracee leaves no CPU idle to wake),
/// and only where the tracer may take its policy back: leaving SCHED_IDLE needs CAP_SYS_NICE or an RLIMIT_NICE of
/// 20.</summary>
internal sealed class SharedCpu : IDisposable
{
    // How long a reading of the machine's load serves.
    private static readonly long s_loadTicks = TraceClock.FromNanoseconds(10_000_000);

    private static readonly Lazy<bool> s_permitted = new(MayLeaveIdlePolicy);

    private SafeFileHandle? _loadAverage;
    private long? _loadReadAt;
    private bool _spare;
    private int _policy = -1;
    private bool _yielded;
    private byte[]? _affinity;

    /// <summary>Whether a thread of this process may become SCHED_IDLE and leave it again (tried once).</summary>
    internal static bool Permitted => s_permitted.Value;

    /// <summary>Whether the machine had a CPU to spare when last measured (<see cref="Measure"/>).</summary>
    internal bool HasSpareCpu => _spare;

    /// <summary>Counts the tasks that run or wait for a CPU, at most every 10 ms, and says whether the machine has a CPU
    /// to spare: called right after the tracer resumed a thread, so that the count holds the tracer and that thread;
    /// every CPU is busy when they are more than the CPUs.</summary>
    internal bool Measure(long now)
    {
        if (_loadReadAt is long last && now - last < s_loadTicks)
            return _spare;
        _loadReadAt = now;
        return _spare = RunnableTasks() is int runnable && runnable <= Environment.ProcessorCount;
    }

    /// <summary>The calling thread (the tracer) becomes SCHED_IDLE, until <see cref="Reclaim"/>; a child it forks
    /// meanwhile would not be.</summary>
    internal unsafe void Yield()
    {
        if (_yielded)
            return;
        if (_policy < 0)
            _policy = SchedGetScheduler(0);
        int priority = 0;
        _yielded = SchedSetScheduler(0, SCHED_IDLE | SCHED_RESET_ON_FORK, &priority) == 0;
    }

    /// <summary>The calling thread takes back the policy it had before <see cref="Yield"/>.</summary>
    internal unsafe void Reclaim()
    {
        if (!_yielded)
            return;
        int priority = 0;
        if (SchedSetScheduler(0, _policy, &priority) != 0)
            throw new InvalidOperationException($"The tracer could not leave SCHED_IDLE: {Interop.Errno.Message(Interop.Errno.Last)}.");
        _yielded = false;
    }

    /// <summary>Moves the calling thread to the CPU <paramref name="threadId"/> last ran on, if that is another one that
    /// the calling thread may run on.</summary>
    internal unsafe void Follow(int threadId)
    {
        int cpu = CpuOf(threadId);
        if (cpu < 0 || cpu == SchedGetCpu())
            return;
        if (_affinity is null)
        {
            _affinity = new byte[128];
            fixed (byte* mask = _affinity)
            {
                if (SchedGetAffinity(0, (nuint)_affinity.Length, mask) != 0)
                    _affinity.AsSpan().Clear();
            }
        }
        if (cpu >= _affinity.Length * 8 || (_affinity[cpu / 8] & (1 << (cpu % 8))) == 0)
            return;
        // Pinned to that CPU the thread moves there at once; then it may run anywhere it could before.
        Span<byte> only = stackalloc byte[_affinity.Length];
        only[cpu / 8] = (byte)(1 << (cpu % 8));
        fixed (byte* mask = only)
            SchedSetAffinity(0, (nuint)only.Length, mask);
        fixed (byte* mask = _affinity)
            SchedSetAffinity(0, (nuint)_affinity.Length, mask);
    }

    public void Dispose() => _loadAverage?.Dispose();

    // The tasks running or waiting for a CPU: /proc/loadavg's fourth field, "running/total".
    private int? RunnableTasks()
    {
        try
        {
            _loadAverage ??= File.OpenHandle("/proc/loadavg");
            Span<byte> text = stackalloc byte[128];
            text = text[..RandomAccess.Read(_loadAverage, text, 0)];
            int slash = text.IndexOf((byte)'/');
            int space = slash < 0 ? -1 : text[..slash].LastIndexOf((byte)' ');
            return space >= 0 && Utf8Parser.TryParse(text[(space + 1)..slash], out int runnable, out _) ? runnable : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The CPU a thread last ran on: field 39 of /proc/TID/stat, counted after the command's closing parenthesis.
    private static int CpuOf(int threadId)
    {
        try
        {
            using SafeFileHandle stat = File.OpenHandle($"/proc/{threadId}/stat");
            Span<byte> text = stackalloc byte[1024];
            text = text[..RandomAccess.Read(stat, text, 0)];
            int field = 2;
            for (int i = text.LastIndexOf((byte)')') + 1; i > 0 && i < text.Length; i++)
            {
                if (text[i] == ' ' && ++field == 39)
                    return Utf8Parser.TryParse(text[(i + 1)..], out int cpu, out _) ? cpu : -1;
            }
            return -1;
        }
        catch (IOException)
        {
            return -1; // the thread is gone
        }
    }

    // Whether a thread of this process may become SCHED_IDLE and leave it again: tried on a thread of its own, which
    // ends either way.
    private static unsafe bool MayLeaveIdlePolicy()
    {
        bool permitted = false;
        var probe = new Thread(() =>
        {
            int policy = SchedGetScheduler(0);
            int priority = 0;
            permitted = (policy & ~SCHED_RESET_ON_FORK) is SCHED_OTHER or SCHED_BATCH
                && SchedSetScheduler(0, SCHED_IDLE | SCHED_RESET_ON_FORK, &priority) == 0
                && SchedSetScheduler(0, policy, &priority) == 0;
        })
        { IsBackground = true, Name = "hatrace probe" };
        probe.Start();
        probe.Join();
        return permitted;
    }
}
