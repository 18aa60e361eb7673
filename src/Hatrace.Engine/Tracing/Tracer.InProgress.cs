using System.Collections.Concurrent;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>The calls in progress, for any thread to see while the tracer thread waits: every traced thread is listed
/// here from its first stop to its end, and its <see cref="Tracee.Pending"/> shows the call it is inside. Nothing is
/// done per call here; a thread is added and removed once.</summary>
internal sealed partial class Tracer
{
    private readonly ConcurrentDictionary<Tracee, byte> _threads = new();

    private void Track(Tracee tracee) => _threads[tracee] = 0;

    private void Untrack(Tracee tracee) => _threads.TryRemove(tracee, out _);

    /// <summary>The emitted calls that threads are inside now, longest first. Safe from any thread.</summary>
    public IReadOnlyList<CallInProgress> CallsInProgress()
    {
        var calls = new List<CallInProgress>();
        foreach (Tracee tracee in _threads.Keys)
        {
            if (tracee.Pending.InProgress() is { } call)
                calls.Add(call);
        }
        calls.Sort((a, b) => b.Elapsed.CompareTo(a.Elapsed));
        return calls;
    }
}
