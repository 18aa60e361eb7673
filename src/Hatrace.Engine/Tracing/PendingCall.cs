using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;

namespace Hatrace.Engine.Tracing;

/// <summary>The call a traced thread is inside and what the tracer keeps of it from its entry to its exit. One per
/// thread, for the thread's whole life, so that a call costs no object of its own; only the tracer thread changes it.
/// Other threads see only the call it shows (<see cref="InProgress"/>): the tracer changes that call only between
/// two steps of a sequence number, and a reader keeps what it read only if the number did not move meanwhile.</summary>
internal sealed class PendingCall
{
    private SyscallEvent? _shown;
    private int _sequence; // odd while the tracer changes the shown call

    /// <summary>The call the thread is inside, when the tracer waits for its exit; null between calls.</summary>
    internal SyscallEvent? Call { get; private set; }

    // The rest describe the last call entered, until the next: its exit reads them once the call has ended.

    /// <summary>Whether the call becomes an event; a call stopped for a fault rule alone does not.</summary>
    internal bool Emitted { get; private set; }

    /// <summary>Whether the call is emitted only if what it gives the program matches the session's
    /// <see cref="CallFilter.Contains"/>, known at its exit.</summary>
    internal bool AwaitsOutput { get; private set; }

    /// <summary>The arguments the decoder left for the exit (a bit per argument).</summary>
    internal int DeferredArguments { get; set; }

    /// <summary>What fault rules and hooks changed in the call at its entry, for its exit to finish.</summary>
    internal SyscallChanges? Changes { get; set; }

    internal void Enter(SyscallEvent call, int deferredArguments, bool emitted, bool awaitsOutput)
    {
        End();
        Call = call;
        DeferredArguments = deferredArguments;
        Emitted = emitted;
        AwaitsOutput = awaitsOutput;
        Changes = null;
    }

    /// <summary>Lists the call among the calls in progress, decoded as far as its entry goes. Publishing a call whole
    /// needs no sequence step: readers that look before it see no call.</summary>
    internal void Show() => Volatile.Write(ref _shown, Call);

    /// <summary>Before the call is decoded again while it is shown (a hook changed its arguments): readers wait
    /// for <see cref="EndRevision"/>, or read again.</summary>
    internal void BeginRevision()
    {
        if (_shown is not null)
            Interlocked.Increment(ref _sequence);
    }

    internal void EndRevision()
    {
        if (_shown is not null)
            Interlocked.Increment(ref _sequence);
    }

    /// <summary>The thread left the call (or was never stopped at its exit): no reader sees it any more, so the
    /// tracer may go on filling it in.</summary>
    internal void End()
    {
        if (_shown is not null)
        {
            Interlocked.Increment(ref _sequence);
            Volatile.Write(ref _shown, null);
            Interlocked.Increment(ref _sequence);
        }
        Call = null;
    }

    /// <summary>The call shown now, or null. Safe from any thread.</summary>
    internal CallInProgress? InProgress()
    {
        var spin = new SpinWait();
        while (true)
        {
            int before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                CallInProgress? seen = null;
                try
                {
                    // The clock is read after the call is seen: the tracer thread may enter a call while this one looks.
                    if (Volatile.Read(ref _shown) is { } call)
                        seen = new CallInProgress(call, TraceClock.Now());
                }
                catch (Exception) when (Volatile.Read(ref _sequence) != before)
                {
                    // Read while the tracer changed the call: read again.
                }
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                    return seen;
            }
            spin.SpinOnce();
        }
    }
}
