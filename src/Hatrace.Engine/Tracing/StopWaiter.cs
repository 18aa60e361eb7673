using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>Waits for the next stop of any tracee, as the tracer's loop does. A thread that sleeps and is woken at every
/// stop pays for two context switches, and where an idle CPU is slow to wake (a virtual machine's) that costs more than
/// a short call itself. So while no task waits for a CPU, the tracer runs the thread it resumes on its own CPU
/// (<see cref="SharedCpu"/>) and finds it stopped when it goes on: the getppid loop took 0.45x the wall time and 0.35x
/// the CPU of polling. Where it may not, and a CPU is idle, it polls for a few microseconds when the stop it expects
/// comes that soon (against sleeping: half the time and 0.7x the CPU on the loop; a run of many short programs 0.85x
/// the time and 1.15x the CPU), yielding the CPU between polls so that a tracee waiting for it runs. What comes soon is
/// learnt from the last time: how long each syscall took (its entry to its exit), and how long each thread ran between
/// its calls (an exit to the next entry). Otherwise it sleeps: no CPU idles there for a stopped tracee, and with both
/// CPUs taken by other programs, polling made git status several times slower than strace.</summary>
internal sealed class StopWaiter : IDisposable
{
    // The stops polling caught came 6-10 us after the resume on average; polling for 10, 15 or 20 us caught too few to
    // gain, 50 us against 30 took 0.89-0.97x the wall time at the same CPU (100 us: no better).
    private static readonly long s_pollTicks = TraceClock.FromNanoseconds(50_000);

    // By call number, for each ABI: the call took longer than the polling the last time it was made.
    private const int Numbers = 1024;
    private readonly bool[] _slowX64 = new bool[Numbers];
    private readonly bool[] _slowI386 = new bool[Numbers];

    // The thread at the syscall stop being handled, and the call it enters there (-1 at a call's exit).
    private Tracee? _stopped;
    private SyscallArch _arch;
    private long _entering = -1;

    // The thread resumed last from a syscall stop: its next stop is the one expected.
    private Tracee? _expected;
    private long _resumedAt;

    private readonly SharedCpu _cpu = new();

    // How the next wait goes: the tracer yielded its CPU to the expected thread and looks for its stop first; it polls
    // (and, yielded, moves to that thread's CPU first) before sleeping.
    private bool _yielded;
    private bool _poll;

    /// <summary>A syscall stop of <paramref name="tracee"/>: the entry of call <paramref name="entering"/> of
    /// <paramref name="arch"/>, or a call's exit (-1).</summary>
    internal void Stopped(Tracee tracee, SyscallArch arch, long entering)
    {
        _stopped = tracee;
        _arch = arch;
        _entering = entering;
    }

    /// <summary>The tracer is about to resume <paramref name="tracee"/> from the syscall stop it is at: unless more tasks
    /// want a CPU than there are, and where it <paramref name="mayYield"/> (it runs no reader's code until the next
    /// stop: a thread started as SCHED_IDLE would stay so), it yields its own CPU to the thread
    /// (<see cref="SharedCpu"/>), and stays yielded while it finds that thread's next stop first thing as it goes on.
    /// With every CPU taken it still yields (the getppid loop with a core busy: 0.87x the time of sleeping), but neither
    /// polls nor moves.</summary>
    internal void Resuming(Tracee tracee, bool mayYield)
    {
        _expected = _stopped == tracee ? tracee : null;
        _stopped = null;
        _resumedAt = TraceClock.Now();
        _yielded = _poll = false;
        CpuLoad load = _cpu.Measure(_resumedAt);
        if (load == CpuLoad.Over)
        {
            _cpu.Reclaim();
            return;
        }
        if (_expected is null)
            return;
        // With no CPU idle, moving would put the tracer next to another program, and polling take CPU time from it.
        _poll = load == CpuLoad.Spare && ComesSoon();
        if (mayYield && _cpu.Available)
        {
            _cpu.Yield();
            _yielded = true;
        }
    }

    /// <summary>The tracer takes its own scheduling policy back before it waits for something other than a stop.</summary>
    internal void Reclaim() => _cpu.Reclaim();

    /// <summary>The tracer waits otherwise than here (for a held call, or with delayed resumes): it takes its policy
    /// back, and expects no stop in particular.</summary>
    internal void WaitElsewhere()
    {
        _cpu.Reclaim();
        _expected = null;
        _yielded = _poll = false;
    }

    /// <summary>waitpid for any traced thread, as the loop waits (<c>__WALL | __WNOTHREAD</c>); with the usage wait4
    /// reports of the thread's process where <paramref name="usage"/> is not null.</summary>
    internal unsafe int Wait(int* status, ResourceUsage* usage)
    {
        if (_yielded || _poll)
        {
            int tid = Wait4(-1, status, __WALL | __WNOTHREAD | WNOHANG, usage);
            if (tid != 0)
            {
                // Yielded, the tracer handles the stop it expected as it is; any other, as itself.
                if (_expected?.ThreadId != tid)
                    _cpu.Reclaim();
                return Learn(tid);
            }
            _cpu.Reclaim();
            // Not stopped yet though it ran first on this CPU: it runs on another (or waits in its call).
            if (_yielded && _poll && _expected is { } expected)
                _cpu.Follow(expected.ThreadId);
            while (_poll && TraceClock.Now() - _resumedAt < s_pollTicks)
            {
                Thread.Yield();
                tid = Wait4(-1, status, __WALL | __WNOTHREAD | WNOHANG, usage);
                if (tid != 0)
                    return Learn(tid);
            }
        }
        _cpu.Reclaim();
        return Learn(Wait4(-1, status, __WALL | __WNOTHREAD, usage));
    }

    /// <summary>Takes the tracer's policy back if it can (after a failure too), and closes what it reads.</summary>
    public void Dispose() => _cpu.Dispose();

    private bool ComesSoon() =>
        _expected is { } tracee && (_entering >= 0 ? SlowCalls() is { } calls && !calls[_entering] : !tracee.SlowBetweenCalls);

    // What is known of the entered call's number; null for a number past the tables (never polled for).
    private bool[]? SlowCalls() =>
        (ulong)_entering >= Numbers ? null : _arch == SyscallArch.I386 ? _slowI386 : _slowX64;

    private int Learn(int tid)
    {
        if (_expected is { } tracee && tid == tracee.ThreadId)
        {
            bool slow = TraceClock.Now() - _resumedAt >= s_pollTicks;
            if (_entering < 0)
                tracee.SlowBetweenCalls = slow;
            else if (SlowCalls() is { } calls)
                calls[_entering] = slow;
        }
        _expected = null;
        _yielded = _poll = false;
        return tid;
    }
}
