using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>Waits for the next stop of any tracee, as the tracer's loop does: polling for a few microseconds first when
/// the stop it expects comes that soon, sleeping otherwise. A thread that sleeps and is woken at every stop pays for
/// two context switches, and where an idle CPU is slow to wake (a virtual machine's) that costs more than a short call
/// itself: polling, the getppid loop took half the time and 0.7x the CPU; a run of many short programs (exec, the
/// dynamic loader) took 0.85x the time and 1.15x the CPU. Polling yields the CPU between polls, so that a tracee
/// waiting for the same CPU runs. What comes soon is learnt from the last time: how long each syscall took (its entry
/// to its exit), and how long each thread ran between its calls (an exit to the next entry); a stop that took longer
/// than the polling the last time is slept for.</summary>
internal sealed class StopWaiter
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

    /// <summary>A syscall stop of <paramref name="tracee"/>: the entry of call <paramref name="entering"/> of
    /// <paramref name="arch"/>, or a call's exit (-1).</summary>
    internal void Stopped(Tracee tracee, SyscallArch arch, long entering)
    {
        _stopped = tracee;
        _arch = arch;
        _entering = entering;
    }

    /// <summary>The tracer resumed <paramref name="tracee"/> from the syscall stop it was at.</summary>
    internal void Resumed(Tracee tracee)
    {
        _expected = _stopped == tracee ? tracee : null;
        _stopped = null;
        _resumedAt = TraceClock.Now();
    }

    /// <summary>waitpid for any traced thread, as the loop waits (<c>__WALL | __WNOTHREAD</c>).</summary>
    internal unsafe int Wait(int* status)
    {
        if (ComesSoon())
        {
            do
            {
                int tid = WaitPid(-1, status, __WALL | __WNOTHREAD | WNOHANG);
                if (tid != 0)
                    return Learn(tid);
                Thread.Yield();
            }
            while (TraceClock.Now() - _resumedAt < s_pollTicks);
        }
        return Learn(WaitPid(-1, status, __WALL | __WNOTHREAD));
    }

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
        return tid;
    }
}
