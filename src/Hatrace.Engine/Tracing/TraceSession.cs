using System.Threading.Channels;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>One traced program and everything it starts. A dedicated thread runs the session's backend (it makes every
/// ptrace call of the session, or decodes what the eBPF backend recorded); the events it produces are read here, from
/// any one thread. Disposing the session before the program ends kills every process it started, and leaves none
/// stopped or unreaped.</summary>
public sealed class TraceSession : IDisposable
{
    // How long text a sink holds may wait before it goes out (WriteEventsTo).
    private static readonly TimeSpan SinkFlushInterval = TimeSpan.FromMilliseconds(5);

    private readonly ITraceBackend _tracer;
    private readonly LocalThread _thread;
    private readonly Channel<TraceEvent> _events;

    private TraceSession(TraceSessionOptions options, Action<ITraceBackend> run)
    {
        if (options.StringLength < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.StringLength, "StringLength must be 0 or more.");
        if (options.Backend == TraceBackend.Ebpf && Ebpf.EbpfTracer.Refusal(options) is { } refusal)
            throw new NotSupportedException(refusal);
        _events = Channel.CreateBounded<TraceEvent>(new BoundedChannelOptions(options.EventBufferSize)
        {
            SingleReader = true,
            // The tracer thread, and the reader of captured output (TraceStartInfo.CaptureOutput).
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            // A waiting reader is woken by the thread that wrote, and a waiting writer by the reader: directly, rather
            // than through a thread-pool thread, which spun after each wake-up (a third of the CPU of a trace, measured).
            AllowSynchronousContinuations = true,
        });
        _tracer = options.Backend == TraceBackend.Ebpf ? new Ebpf.EbpfTracer(options, _events) : new Tracer(options, _events);
        _thread = new LocalThread("hatrace tracer", () =>
        {
            try
            {
                run(_tracer);
            }
            finally
            {
                _tracer.Writer.Ended();
            }
        });
    }

    /// <summary>Starts a program under the tracer and returns once it runs (its first execve succeeded).</summary>
    /// <exception cref="TraceStartException">The program is missing, not executable, or could not be traced;
    /// nothing is left running.</exception>
    public static TraceSession Start(TraceStartInfo start, TraceSessionOptions? options = null) => Start(start, [], options);

    /// <summary>Starts a program under the tracer and attaches to running processes in the same session (strace's
    /// <c>-p PID</c> together with a command), and returns once all are traced. Stopping the session kills what it
    /// started and detaches what it attached, as <see cref="Attach"/> does.</summary>
    /// <exception cref="TraceStartException">The program could not start, or a process could not be attached; nothing
    /// is left running that the session started, and nothing left traced.</exception>
    /// <exception cref="ArgumentException">A seccomp profile with processes to attach: they would not run under it, and
    /// their failures would read as its denials.</exception>
    public static TraceSession Start(TraceStartInfo start, IReadOnlyList<int> attachProcessIds, TraceSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(attachProcessIds);
        if (start.SeccompProfile is not null && attachProcessIds.Count > 0)
            throw new ArgumentException("A seccomp profile applies to the program the session starts: not with processes to attach.", nameof(attachProcessIds));
        options ??= new TraceSessionOptions();
        // Only a directory we were given is checked: an inherited one may be closed to this user and still serve, as
        // it does for strace (running as nobody inside another user's 0700 folder).
        string directory = start.WorkingDirectory ?? Directory.GetCurrentDirectory();
        if (start.WorkingDirectory is not null && !Directory.Exists(directory))
            throw new TraceStartException(TraceStartError.WorkingDirectoryNotFound, start.FileName, $"The working directory '{directory}' does not exist.", Interop.Errno.ENOENT);
        (string program, string[] variables) = Resolve(start, directory);
        var session = new TraceSession(options, tracer => tracer.Run(program, start, variables, [.. attachProcessIds.Distinct()]));
        return session.WaitUntilStarted();
    }

    /// <summary>The program's path, found as a shell finds it, and its environment as <c>NAME=value</c> strings.</summary>
    internal static (string Program, string[] Environment) Resolve(TraceStartInfo start, string directory)
    {
        var environment = BuildEnvironment(start.Environment);
        string program = ProgramResolver.Resolve(start.FileName, directory, environment.GetValueOrDefault("PATH"));
        return (program, [.. environment.Select(v => $"{v.Key}={v.Value}")]);
    }

    /// <summary>Attaches to the main thread of a process about to run a program (<see cref="DetachedTracing"/>), the first
    /// of <paramref name="processIds"/>, and to the others as <see cref="Attach"/> does: the first one's calls are
    /// reported from its first execve on, and the session ends as an attached one does.</summary>
    internal static TraceSession AttachBeforeExec(IReadOnlyList<int> processIds, TraceSessionOptions? options)
    {
        if (options?.Backend == TraceBackend.Ebpf)
            throw new NotSupportedException("The eBPF backend cannot trace a program from its execve on (strace -D): use the ptrace backend.");
        var session = new TraceSession(options ?? new TraceSessionOptions(), tracer => tracer.RunAttached([.. processIds.Distinct()], beforeExec: true));
        return session.WaitUntilStarted();
    }

    /// <summary>Attaches to running processes (every thread; with <see cref="TraceSessionOptions.FollowChildren"/>, the
    /// processes and threads they start too) and returns once they are traced. Stopping or disposing the session
    /// detaches them: they run on as they were, and no signal meant for them is lost.</summary>
    /// <exception cref="TraceStartException">A process does not exist or may not be traced; none is left traced.</exception>
    public static TraceSession Attach(IReadOnlyList<int> processIds, TraceSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        if (processIds.Count == 0)
            throw new ArgumentException("Give at least one process id.", nameof(processIds));
        options ??= new TraceSessionOptions();
        var session = new TraceSession(options, tracer => tracer.RunAttached([.. processIds.Distinct()]));
        return session.WaitUntilStarted();
    }

    private TraceSession WaitUntilStarted()
    {
        _thread.Start();
        _tracer.Started.Wait();
        if (_tracer.StartError is { } error)
        {
            Dispose();
            throw error;
        }
        return this;
    }

    /// <summary>The process id of the program started, or of the first process attached.</summary>
    public int RootProcessId => _tracer.RootProcessId;

    /// <summary>How the program started ended, once it has (killed by SIGKILL when the session stopped it); null while it runs.</summary>
    public ProcessExitEvent? RootExit => _tracer.RootExit;

    /// <summary>How many syscall and seccomp stops the tracer took, for tests of the seccomp filter.</summary>
    internal long SyscallStops => _tracer.SyscallStops;

    /// <summary>Every process the session saw: the root and each one it (or its children) started.</summary>
    public IReadOnlyCollection<int> ProcessIds => [.. _tracer.SeenProcesses.Keys];

    /// <summary>The calls traced threads are inside now, entered and not returned (blocked in read, wait4, futex...),
    /// the longest first; calls the session does not emit are left out. Safe from any thread, at any time: the tracer
    /// keeps no more than it needs anyway, and a call may return while the snapshot is taken.</summary>
    public IReadOnlyList<CallInProgress> CallsInProgress => _tracer.CallsInProgress();

    /// <summary>A traced thread's name as it was at its latest event, also once it is gone; null for an id the session
    /// has not traced, or without <see cref="TraceSessionOptions.ProcessNames"/>. Safe from any thread.</summary>
    /// <param name="threadId">The thread's id; a process's is its leader's.</param>
    public string? ProcessName(int threadId) => _tracer.ProcessName(threadId);

    /// <summary>What this process's pid namespace calls the process a traced thread calls <paramref name="id"/>, where
    /// that thread is in a namespace of its own (a container's): null when it is in this one, when nothing is known of
    /// the id, or without <see cref="TraceSessionOptions.PidNamespaces"/>. Safe from any thread.</summary>
    /// <param name="threadId">The thread whose call or signal shows the id.</param>
    /// <param name="id">The id as that thread sees it.</param>
    public int? TranslateProcessId(int threadId, int id) => _tracer.Namespaces?.Translate(threadId, id);

    /// <summary>The events, for readers that await them. Completes when every traced process is gone; faults if the
    /// tracer failed. A reader of this channel must call <see cref="Tampering.SyscallStop.Resume"/> on each stop. A wait
    /// for an event completes on the thread that wrote it, the session's own: a reader that awaits should move off it
    /// (<see cref="Task.Yield"/>) before any work that may block, since the trace waits meanwhile.</summary>
    public ChannelReader<TraceEvent> Events => _events.Reader;

    /// <summary>Hands every event to <paramref name="sink"/> on the session's own thread as it happens (those that came
    /// before this call first, on this thread), and returns when every traced process is gone. For a reader that only
    /// writes the events out: nothing crosses threads. Read the events this way, or through <see cref="Events"/> or
    /// <see cref="ReadEvents(CancellationToken)"/>, not both.</summary>
    /// <exception cref="Exception">What the sink threw, or what stopped the tracer.</exception>
    public void WriteEventsTo(ITraceEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        EventWriter writer = _tracer.Writer;
        try
        {
            writer.WriteTo(sink);
            // The sink's text goes out in batches: once it holds some, this thread lets a few milliseconds' more gather
            // and flushes, so that a program that waits shows its last lines within them, and a busy trace writes once
            // a batch rather than twice a call. Between batches it sleeps: while the program waits, it is not woken.
            while (true)
            {
                writer.WaitForUnflushed();
                if (_thread.Thread.Join(SinkFlushInterval))
                    break;
                writer.FlushSink();
            }
            writer.FlushSink();
        }
        catch when (writer.SinkFailure is not null)
        {
            _thread.Thread.Join(); // the failure stopped the session
            throw;
        }
        if (writer.SinkFailure is { } failure)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        _events.Reader.Completion.GetAwaiter().GetResult();
    }

    /// <summary>The events in order, blocking until each comes, until every traced process is gone. A
    /// <see cref="Tampering.SyscallStop"/> is resumed when the reader asks for the next event.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the session goes on until stopped.</exception>
    public IEnumerable<TraceEvent> ReadEvents(CancellationToken cancellationToken = default) =>
        ReadEvents(Timeout.InfiniteTimeSpan, () => { }, cancellationToken);

    /// <summary>The events in order, as <see cref="ReadEvents(CancellationToken)"/>; and, on the reading thread, runs
    /// <paramref name="every"/> each time <paramref name="interval"/> has passed, between events or while none comes
    /// (to look at <see cref="CallsInProgress"/> while the program is blocked).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the session goes on until stopped.</exception>
    public IEnumerable<TraceEvent> ReadEvents(TimeSpan interval, Action every, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(every);
        _tracer.Writer.ReaderBlocks();
        ChannelReader<TraceEvent> reader = _events.Reader;
        long due = Environment.TickCount64 + (long)interval.TotalMilliseconds;
        while (true)
        {
            while (reader.TryRead(out TraceEvent? e))
            {
                yield return e;
                // The reader has moved on: a held call goes on with whatever the reader changed.
                if (e is Tampering.SyscallStop stop)
                    stop.Resume();
                if (interval != Timeout.InfiniteTimeSpan && Environment.TickCount64 >= due)
                {
                    every();
                    due = Environment.TickCount64 + (long)interval.TotalMilliseconds;
                }
            }
            ValueTask<bool> more = reader.WaitToReadAsync(cancellationToken);
            if (!more.IsCompleted && interval != Timeout.InfiniteTimeSpan)
            {
                Task<bool> waiting = more.AsTask();
                while (Task.WaitAny([waiting], TimeSpan.FromMilliseconds(Math.Max(0, due - Environment.TickCount64))) < 0)
                {
                    every();
                    due = Environment.TickCount64 + (long)interval.TotalMilliseconds;
                }
                more = new ValueTask<bool>(waiting);
            }
            if (!(more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult()))
                break;
        }
        // Rethrows what stopped the tracer, if anything did.
        reader.Completion.GetAwaiter().GetResult();
    }

    /// <summary>Ends the trace now: kills every process the session started, or detaches every process it attached to.
    /// Safe from any thread, and more than once.</summary>
    public void Stop() => _tracer.RequestStop();

    /// <summary>Stops the trace if it still runs, and waits until every process is reaped or detached.</summary>
    public void Dispose()
    {
        if (Thread.CurrentThread == _thread.Thread)
        {
            // From a sink or a hook on the session's own thread, which cannot wait for itself: the session ends after.
            Stop();
            return;
        }
        if (_thread.Thread.IsAlive)
        {
            if (!_events.Reader.Completion.IsCompleted)
                Stop();
            _thread.Thread.Join();
        }
    }

    // The program's environment in the order this process was given its own, as a shell or strace passes it on (a
    // program may read it in order, and a trace shows it): the runtime's variables as they are now, in the order
    // /proc/self/environ lists them, then those set since in name order; a change replaces a variable where it is,
    // and a new one comes last.
    private static OrderedDictionary<string, string> BuildEnvironment(IReadOnlyDictionary<string, string?> changes)
    {
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry v in System.Environment.GetEnvironmentVariables())
            current[(string)v.Key] = (string?)v.Value ?? "";
        var environment = new OrderedDictionary<string, string>(current.Count, StringComparer.Ordinal);
        // Read as the tracer reads a tracee's /proc files: with a FileStream (fstat, flock) and LINQ over the names,
        // making a program's start took 140 us of `hatrace /bin/true`, against 105 now.
        byte[] inherited = ProcFile.ReadAll(System.Environment.ProcessId, "environ") ?? [];
        foreach (Range range in inherited.AsSpan().Split((byte)0))
        {
            ReadOnlySpan<byte> variable = inherited.AsSpan(range);
            int equals = variable.IndexOf((byte)'=');
            string name = System.Text.Encoding.UTF8.GetString(equals < 0 ? variable : variable[..equals]);
            if (current.Remove(name, out string? value))
                environment[name] = value;
        }
        string[] set = [.. current.Keys];
        Array.Sort(set, StringComparer.Ordinal);
        foreach (string name in set)
            environment[name] = current[name];
        foreach ((string name, string? value) in changes)
        {
            if (value is null)
                environment.Remove(name);
            else
                environment[name] = value;
        }
        return environment;
    }
}
