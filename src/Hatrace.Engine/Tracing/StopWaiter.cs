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
    // The stops polling caught came 9 us after the resume on average; polling for 10 or 15 us caught too few to gain.
    private static readonly long s_pollTicks = TraceClock.FromNanoseconds(30_000);

    // By call number, for each ABI: the call took longer than the polling the last time it was made.
    private const int Numbers = 1024;
    private readonly bool[] _slowX64 = new bool[Numbers];
    private readonly bool[] _slowI386 = new bool[Numbers];

    // The thread resumed last from a syscall stop: its next stop is the one expected.
    private Tracee? _expected;
    private SyscallEvent? _inside; // the call it went on into, or null when it left one
    private long _resumedAt;

    /// <summary>The tracer resumed <paramref name="tracee"/> from a syscall stop: into <paramref name="inside"/> (its
    /// entry), or out of a call (null).</summary>
    internal void Resumed(Tracee tracee, SyscallEvent? inside)
    {
        _expected = tracee;
        _inside = inside;
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
        _expected is { } tracee && (_inside is { } call ? SlowCalls(call) is { } calls && !calls[call.Number] : !tracee.SlowBetweenCalls);

    // What is known of the call's number; null for a number past the tables (never polled for).
    private bool[]? SlowCalls(SyscallEvent call) =>
        (ulong)call.Number >= Numbers ? null : call.Arch == SyscallArch.I386 ? _slowI386 : _slowX64;

    private int Learn(int tid)
    {
        if (_expected is { } tracee && tid == tracee.ThreadId)
        {
            bool slow = TraceClock.Now() - _resumedAt >= s_pollTicks;
            if (_inside is { } call)
            {
                if (SlowCalls(call) is { } calls)
                    calls[call.Number] = slow;
            }
            else
                tracee.SlowBetweenCalls = slow;
        }
        _expected = null;
        return tid;
    }
}
