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
/// is woken on the tracer's CPU and runs there until its next stop, and the tracer, finding that stop as it goes on,
/// stays so for the next. It takes its own policy back before it waits for anything else (a SCHED_IDLE thread waits
/// behind every other program on its CPU), and moves to the thread's CPU when it finds the thread ran elsewhere. A
/// thread or process made by a SCHED_IDLE thread is SCHED_IDLE too: the tracer makes none while it is, and runs no
/// reader's code then (<see cref="EventWriter.RunsNoReaderCode"/>). All of this only while no task waits for a CPU
/// (a SCHED_IDLE tracer would wait behind it), and the move only while a CPU is idle (else it would land next to another
/// program); on at least two CPUs; and where the tracer may take its policy back: leaving SCHED_IDLE needs CAP_SYS_NICE
/// or an RLIMIT_NICE of 20.</summary>
internal sealed class SharedCpu : IDisposable
{
    // How long a reading of the machine's load serves.
    private static readonly long s_loadTicks = TraceClock.FromNanoseconds(10_000_000);

    private static readonly Lazy<bool> s_permitted = new(MayLeaveIdlePolicy);

    private SafeFileHandle? _loadAverage;
    private long? _loadReadAt;
    private CpuLoad _load = CpuLoad.Over;
    private int _policy = -1;
    private bool _yielded;
    // Set when the tracer could not be given its CPUs back after a move: it stays where it is, and yields no more.
    private bool _stuck;

    /// <summary>Whether the tracer may share its CPU, where the machine's load allows (<see cref="Measure"/>): it may run
    /// on two CPUs or more, and the tracer may become SCHED_IDLE and leave it again (found out once).</summary>
    internal bool Available => !_stuck && Environment.ProcessorCount > 1 && s_permitted.Value;

    /// <summary>Counts the tasks that run or wait for a CPU, at most every 10 ms, against the CPUs: called while the
    /// thread the tracer is about to resume is stopped, so that the count holds the tracer and what else runs.
    /// (Counted just after a resume, the resumed thread was sometimes not in it yet: with a core busy the tracer took
    /// a CPU for spare, yielded, and followed a tracee onto the busy program's CPU, where it waited 2.8 ms.)</summary>
    internal CpuLoad Measure(long now)
    {
        if (_loadReadAt is long last && now - last < s_loadTicks)
            return _load;
        _loadReadAt = now;
        long cpus = Sysconf(_SC_NPROCESSORS_ONLN);
        return _load = RunnableTasks() switch
        {
            int runnable when runnable < cpus => CpuLoad.Spare,
            int runnable when runnable == cpus => CpuLoad.Full,
            _ => CpuLoad.Over,
        };
    }

    /// <summary>The calling thread (the tracer) becomes SCHED_IDLE, until <see cref="Reclaim"/>.</summary>
    internal unsafe void Yield()
    {
        if (_yielded)
            return;
        if (_policy < 0)
            _policy = SchedGetScheduler(0);
        int priority = 0;
        _yielded = SchedSetScheduler(0, SCHED_IDLE, &priority) == 0;
    }

    /// <summary>The calling thread takes back the policy it had before <see cref="Yield"/>.</summary>
    internal void Reclaim()
    {
        if (_yielded && !TryReclaim())
            throw new InvalidOperationException($"The tracer could not leave SCHED_IDLE: {Interop.Errno.Message(Interop.Errno.Last)}.");
    }

    /// <summary>Moves the calling thread to the CPU <paramref name="threadId"/> last ran on, if that is another one that
    /// the calling thread may run on.</summary>
    internal void Follow(int threadId)
    {
        // The CPU it last ran on: stat's field 39.
        if (_stuck || ProcessStat.Field(threadId, 39) is not long last || last == SchedGetCpu())
            return;
        // Read each time: the tracer's CPUs may have been changed from outside (taskset -p). Pinned to that CPU the
        // thread moves there at once; then it may run anywhere it could before.
        Span<byte> allowed = stackalloc byte[CpuAffinity.MaskSize];
        if (CpuAffinity.TryGet(allowed) && CpuAffinity.Contains(allowed, (int)last) && CpuAffinity.TryPin((int)last))
            _stuck = !CpuAffinity.TrySet(allowed);
    }

    /// <summary>Takes the tracer's policy back if it can, and closes what it reads.</summary>
    public void Dispose()
    {
        if (_yielded)
            TryReclaim();
        _loadAverage?.Dispose();
    }

    private unsafe bool TryReclaim()
    {
        int priority = 0;
        if (SchedSetScheduler(0, _policy, &priority) != 0)
            return false;
        _yielded = false;
        return true;
    }

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

    // Whether the tracer may become SCHED_IDLE and leave it again. Without root, only an RLIMIT_NICE above 0 may allow
    // it. The native helper knows it from CAP_SYS_NICE, or tries it on a thread of its own, which ends either way: a
    // managed thread's start took 120 us of a 4.5 ms `hatrace /bin/true`, the check 16-25 us.
    private static unsafe bool MayLeaveIdlePolicy()
    {
        ulong* limits = stackalloc ulong[2];
        if (!Environment.IsPrivilegedProcess && (GetRlimit(RLIMIT_NICE, limits) != 0 || limits[0] == 0))
            return false;
        return Interop.HatraceNative.MayLeaveIdlePolicy() != 0;
    }
}

/// <summary>The tasks that run or wait for a CPU, the tracer among them, against the CPUs.</summary>
internal enum CpuLoad
{
    /// <summary>Fewer: a CPU is idle.</summary>
    Spare,

    /// <summary>As many: each CPU has one, if they are spread.</summary>
    Full,

    /// <summary>More: some wait for a CPU.</summary>
    Over,
}
