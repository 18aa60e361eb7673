using System.Collections.Concurrent;
using System.Threading.Channels;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>Where a backend's events go: into the session's channel, waiting while the reader is behind until the session
/// stops; or, once a sink takes them (<see cref="TraceSession.WriteEventsTo"/>), to the sink on the thread that made
/// them. On the way, each event's thread's name and pid namespace are noted where the session asks for them
/// (<see cref="TraceSessionOptions.ProcessNames"/>, <see cref="TraceSessionOptions.PidNamespaces"/>).</summary>
internal sealed class EventWriter(Channel<TraceEvent> events, TraceSessionOptions options, CancellationToken stopping, Action stop)
{
    private readonly ConcurrentDictionary<int, string>? _names = options.ProcessNames ? new() : null;

    // Held while events go to the sink: the session's thread and the reader of captured output both write, and the
    // thread that hands over to the sink moves what was queued before it.
    private readonly Lock _gate = new();
    private volatile ITraceEventSink? _sink;
    private bool _unflushed;
    // Set while the sink holds text not flushed yet, and once the session has ended: what the thread that flushes
    // waits for (no spinning: it waits between batches or while the program does).
    private readonly ManualResetEventSlim _flushDue = new(initialState: false, spinCount: 0);
    private volatile bool _ended;

    /// <summary>Whether the writing thread runs no code of the reader's but a sink's <see cref="ITraceEventSink.Write"/>:
    /// the events go to a sink (<see cref="WriteTo"/>), or the channel's reader is
    /// <see cref="TraceSession.ReadEvents(CancellationToken)"/>, which waits blocking. A reader that awaits the channel
    /// may have its continuations run on the writing thread.</summary>
    internal bool RunsNoReaderCode => _sink is not null || _blockingReader;

    /// <summary>The channel's reader waits blocking: a wait completes by waking it, on no code of its own.</summary>
    internal void ReaderBlocks() => _blockingReader = true;

    private volatile bool _blockingReader;

    /// <summary>Called on the writing thread before it waits: for the lock, or for the reader to catch up.</summary>
    internal Action? BeforeWaiting { get; init; }

    /// <summary>The traced threads' pid namespaces, or null.</summary>
    internal PidNamespaces? Namespaces { get; } = options.PidNamespaces ? new() : null;

    /// <summary>A traced thread's name at its latest event, or null.</summary>
    internal string? ProcessName(int threadId) => _names?.GetValueOrDefault(threadId);

    /// <summary>The profile the started program runs under, or null.</summary>
    internal SeccompProfile? Profile { get; set; }

    internal void Write(TraceEvent e)
    {
        Note(e);
        Deliver(e);
    }

    /// <summary>What the event's thread says of itself now, while it is stopped: its name and pid namespace where the
    /// session asks for them; and whether the session's profile denies the call.</summary>
    internal void Note(TraceEvent e)
    {
        if (Profile is not null && e is SyscallEvent call)
            call.DeniedByProfile = Profile.Denied(call);
        if (_names is not null)
            RecordName(e.ThreadId);
        Namespaces?.Record(e.ThreadId);
    }

    /// <summary>Passes an event on as it is: to the sink, or into the channel.</summary>
    internal void Deliver(TraceEvent e)
    {
        if (_sink is not null)
        {
            if (!_gate.TryEnter())
            {
                BeforeWaiting?.Invoke();
                _gate.Enter();
            }
            try
            {
                Hand(e);
            }
            finally
            {
                _gate.Exit();
            }
            return;
        }
        if (!events.Writer.TryWrite(e))
        {
            BeforeWaiting?.Invoke();
            try
            {
                // The reader is behind: the ptrace backend's next stop waits until it catches up, or until the session stops.
                events.Writer.WriteAsync(e, stopping).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                return;
            }
        }
        // The sink took over meanwhile, and may have moved the queue before this event was in it.
        if (_sink is not null)
        {
            lock (_gate)
                HandQueued();
        }
    }

    /// <summary>From now on the events go to <paramref name="sink"/>; those queued before go first, on this thread.</summary>
    internal void WriteTo(ITraceEventSink sink)
    {
        lock (_gate)
        {
            _sink = sink;
            HandQueued();
            Flush();
        }
    }

    /// <summary>What the sink threw, once it has: the session stops, and <see cref="TraceSession.WriteEventsTo"/> throws it.</summary>
    internal Exception? SinkFailure { get; private set; }

    /// <summary>The sink flushes what was written to it since it last did, if anything was.</summary>
    internal void FlushSink()
    {
        lock (_gate)
            Flush();
    }

    /// <summary>Blocks until the sink holds text not flushed yet, or the session has ended.</summary>
    internal void WaitForUnflushed() => _flushDue.Wait();

    /// <summary>The session has ended: nothing more will be written.</summary>
    internal void Ended()
    {
        _ended = true;
        _flushDue.Set();
    }

    private void HandQueued()
    {
        while (events.Reader.TryRead(out TraceEvent? queued))
            Hand(queued);
    }

    private void Hand(TraceEvent e)
    {
        if (SinkFailure is null)
        {
            try
            {
                _sink!.Write(e);
                if (!_unflushed)
                {
                    _unflushed = true;
                    _flushDue.Set();
                }
            }
            catch (Exception failure)
            {
                Fail(failure);
                throw;
            }
        }
        // The sink has moved on, as a reader of the channel moves on to the next event; after a failure, a held call goes
        // on too while the session stops.
        if (e is Tampering.SyscallStop stop)
            stop.Resume();
    }

    private void Flush()
    {
        if (!_unflushed || SinkFailure is not null)
            return;
        _unflushed = false;
        // Reset, then looked at again: the session's thread may end in between, without the lock.
        _flushDue.Reset();
        if (_ended)
            _flushDue.Set();
        try
        {
            _sink!.Flush();
        }
        catch (Exception failure)
        {
            Fail(failure);
            throw;
        }
    }

    // Nothing more goes to the sink, and the session ends as a failure of the tracer ends it, whichever thread the sink
    // failed on: the session's, the reader of captured output, or the one that handed over to the sink.
    private void Fail(Exception failure)
    {
        SinkFailure = failure;
        stop();
    }

    // The thread is stopped, or a zombie for its exit, or (the eBPF backend) maybe gone: its name is read if still there.
    private void RecordName(int threadId)
    {
        try
        {
            _names![threadId] = File.ReadAllText($"/proc/{threadId}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
