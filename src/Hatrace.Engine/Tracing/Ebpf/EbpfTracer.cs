using System.Collections.Concurrent;
using System.Threading.Channels;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>The eBPF backend's loop, on the session's thread: it starts the program (or attaches) without ptrace, has the
/// kernel program record the traced tree's calls (<see cref="EbpfProgram"/>), and turns each record into the same events
/// the ptrace backend emits, decoded by the same decoders from the captured memory (<see cref="CapturedMemory"/>).
/// Traced programs never stop; when the trace ends, what the session started is killed and what it attached runs on.</summary>
internal sealed class EbpfTracer : ITraceBackend
{
    // How often lost records are looked for, and processes that ended without an exit record (lost too).
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly TraceSessionOptions _options;
    private readonly ChannelWriter<TraceEvent> _events;
    private readonly CapturedMemory _memory = new();
    private readonly SyscallDecoder _decoder;
    private readonly CallMatcher? _matcher;
    private readonly CancellationTokenSource _stopping = new();
    // Enter records waiting for their call's exit record, by thread: the call's entry time and the record's bytes.
    private readonly Dictionary<int, (long EnterTime, byte[] Record)> _entries = [];
    private readonly Dictionary<int, (long Calls, long Other)> _reportedDrops = [];
    // Processes gone without their exit record yet, with EbpfProgram.EmptyReads when they were first seen gone.
    private readonly Dictionary<int, long> _missing = [];
    private EbpfProgram? _program;
    private ProgramOutputPump? _output;
    private volatile bool _stopRequested;
    private string _programName = "";
    private int _errorFd = -1;
    private bool _rootHidden, _spawned, _letGo;
    private int? _rootStatus; // once reaped; -1 when there was nothing to reap

    internal EbpfTracer(TraceSessionOptions options, Channel<TraceEvent> events)
    {
        _options = options;
        _events = events.Writer;
        Writer = new EventWriter(events, options, _stopping.Token, RequestStop);
        _decoder = new SyscallDecoder(_memory, options);
        _matcher = CallMatcher.Create(options.Filter, _memory);
    }

    /// <summary>Why a session with these options cannot use the eBPF backend, naming what does; null when it can.</summary>
    internal static string? Refusal(TraceSessionOptions options) =>
        options.Faults.Count > 0 ? "Fault rules change calls, which the eBPF backend cannot do: use the ptrace backend."
        : options.HookEntry is not null || options.HookExit is not null ? "Hooks hold calls to change them, which the eBPF backend cannot do: use the ptrace backend."
        : options.CaptureReads is not null || options.CaptureWrites is not null ? "Capturing whole reads and writes (-e read=, -e write=) needs the ptrace backend."
        : options.StackTraces ? "Stack traces unwind the stopped program's stack, which needs the ptrace backend."
        : options.DetachOnExecve ? "Letting processes go at execve needs the ptrace backend, which holds them."
        : options.SystemTimes ? "Calls' system times are read at the stops of their entry and exit, which needs the ptrace backend."
        : null;

    /// <summary>Processes alive now: 0 for one the session started (or that such a process started),
    /// <see cref="EbpfRecords.ProcessAttached"/> for one it attached (or that such a process started).</summary>
    internal ConcurrentDictionary<int, byte> LiveProcesses { get; } = new();

    public ConcurrentDictionary<int, byte> SeenProcesses { get; } = new();

    public int RootProcessId { get; private set; }

    public ProcessExitEvent? RootExit { get; private set; }

    public ManualResetEventSlim Started { get; } = new(false, spinCount: 0); // starting takes milliseconds: no spinning meanwhile

    public TraceStartException? StartError { get; private set; }

    /// <summary>None: the eBPF backend never stops a program.</summary>
    public long SyscallStops => 0;

    public EventWriter Writer { get; }

    public PidNamespaces? Namespaces => Writer.Namespaces;

    /// <summary>Not known to this backend: a call is recorded when it returns.</summary>
    public IReadOnlyList<CallInProgress> CallsInProgress() => [];

    public string? ProcessName(int threadId) => Writer.ProcessName(threadId);

    public void RequestStop()
    {
        _stopRequested = true;
        _stopping.Cancel();
        KillStarted();
    }

    // Those the session knows of; the session's thread then kills those whose start it has not read yet (LetGo).
    private void KillStarted()
    {
        foreach ((int pid, byte kind) in LiveProcesses)
        {
            if (kind != EbpfRecords.ProcessAttached)
                Kill(pid, SIGKILL);
        }
    }

    public void Run(string program, TraceStartInfo start, IReadOnlyList<string> environment, IReadOnlyList<int> attachProcessIds)
    {
        _programName = start.FileName;
        Trace(() => Spawn(program, start, environment) && (attachProcessIds.Count == 0 || AttachAll(attachProcessIds)), start.FileName);
    }

    public void RunAttached(IReadOnlyList<int> processIds, bool beforeExec = false)
    {
        // beforeExec (strace -D) is refused before the session starts (TraceSession.AttachBeforeExec).
        RootProcessId = processIds[0];
        Trace(() =>
        {
            if (!AttachAll(processIds))
                return false;
            Started.Set();
            return true;
        }, "");
    }

    private void Trace(Func<bool> begin, string program)
    {
        Exception? failure = null;
        try
        {
            _program = EbpfProgram.Load(program, _options, CapturePlan.Build(_options.Syscalls, _options.StringLength));
            if (begin())
                Loop();
            LetGo(); // its detach events come before the end of the channel
            _output?.Finish(OutputGrace);
            _events.TryComplete();
        }
        catch (TraceStartException error)
        {
            Fail(error);
            _events.TryComplete();
        }
        catch (Exception unexpected)
        {
            failure = unexpected;
            _stopRequested = true;
            _events.TryComplete(unexpected);
        }
        finally
        {
            if (_program is not null && !_letGo)
                LetGo();
            _program?.Dispose();
            // Whatever ended the trace, the program it started is gone before it returns, and its end known.
            if (_spawned && _rootStatus is null)
                Kill(RootProcessId, SIGKILL);
            if (ReapRoot(wait: true) is int status && RootExit is null && !_rootHidden)
                RootExit = ExitOf(RootProcessId, TraceClock.Now(), status);
            _output?.Dispose();
            if (!Started.IsSet)
            {
                StartError ??= new TraceStartException(TraceStartError.SystemError, program, failure?.Message ?? "The tracer stopped before the program started.");
                Started.Set();
            }
        }
    }

    private void Fail(TraceStartException error)
    {
        StartError = error;
        Started.Set();
    }

    private unsafe bool Spawn(string program, TraceStartInfo start, IReadOnlyList<string> environment)
    {
        var argv = new List<string>(start.Arguments.Count + 1) { start.FileName };
        argv.AddRange(start.Arguments);
        Interop.HatraceNative.SpawnedChild child;
        int failed;
        Writer.Profile = start.SeccompProfile;
        Interop.HatraceNative.Credentials? credentials = ProgramUser.Resolve(start);
        using (StandardStreams streams = StandardStreams.Open(start))
        {
            failed = Interop.HatraceNative.SpawnTraced(program, argv, environment, start.WorkingDirectory, start.SeccompProfile?.Filter() ?? [], out child, streams.Descriptors,
                InterruptSignals.InheritedIgnored(), credentials);
            if (failed == 0)
            {
                // Known at once, so that whatever fails from here kills it (the finally).
                RootProcessId = child.Pid;
                _spawned = _rootHidden = true;
                _errorFd = child.ErrorFd;
            }
            if (failed == 0 && streams.TakeCapturedPipes() is [_, ..] pipes)
                _output = new ProgramOutputPump(child.Pid, pipes, Writer, _stopping.Token);
        }
        if (failed != 0)
            throw new TraceStartException(TraceStartError.SystemError, start.FileName, $"Could not start '{program}': {Interop.Errno.Message(failed)}.", failed);
        LiveProcesses[child.Pid] = 0;
        SeenProcesses[child.Pid] = 0;
        // The child waits on the release pipe: it is traced from before its execve, and nothing of it changes.
        _program!.TraceFromExec(child.Pid);
        Interop.HatraceNative.Release(child.ReleaseFd);
        return true;
    }

    private bool AttachAll(IReadOnlyList<int> processIds)
    {
        foreach (int pid in processIds)
        {
            if (!Directory.Exists($"/proc/{pid}") || Tracer.ReadIds(pid).ProcessId != pid)
                throw new TraceStartException(TraceStartError.ProcessNotFound, "", $"There is no process {pid}.", Interop.Errno.ESRCH);
            _program!.Trace(pid, EbpfRecords.ProcessAttached);
            LiveProcesses[pid] = (byte)EbpfRecords.ProcessAttached;
            SeenProcesses[pid] = 0;
            Emit(new ProcessStartEvent(pid, TraceClock.Now(), Tracer.ReadIds(pid).ParentId, ProcessCommand.Read(pid, _options)) { AttachedThreadIds = Tracer.ThreadsOf(pid) });
        }
        return true;
    }

    private void Loop()
    {
        EbpfProgram program = _program!;
        long nextCheck = Environment.TickCount64 + (long)CheckInterval.TotalMilliseconds;
        while (!_stopRequested && (!LiveProcesses.IsEmpty || program.Traced().Count > 0))
        {
            bool idle = !program.TryTake(out (byte[] Buffer, int Length) batch, CheckInterval);
            if (!idle)
            {
                Process(batch.Buffer, batch.Length);
                program.Return(batch.Buffer);
            }
            if (Environment.TickCount64 >= nextCheck)
            {
                ReportDrops();
                if (idle)
                    EndVanished();
                nextCheck = Environment.TickCount64 + (long)CheckInterval.TotalMilliseconds;
            }
        }
    }

    private void Process(byte[] buffer, int length)
    {
        int offset = 0;
        while (length - offset >= EbpfRecords.HeaderSize)
        {
            ReadOnlySpan<byte> record = buffer.AsSpan(offset, length - offset);
            int size = EbpfRecords.Size(record);
            if (size < EbpfRecords.HeaderSize || size > record.Length)
                break;
            record = record[..size];
            if (EbpfRecords.Kind(record) != EbpfRecords.Fork)
                AnnounceUnknown(EbpfRecords.ProcessId(record));
            switch (EbpfRecords.Kind(record))
            {
                case EbpfRecords.Enter when EbpfRecords.ChunkCount(record) > 0:
                    _entries[EbpfRecords.ThreadId(record)] = (EbpfRecords.EnterTime(record), record.ToArray());
                    break;
                case EbpfRecords.Exit:
                    OnCall(buffer, offset, record, unfinished: false);
                    break;
                case EbpfRecords.Unfinished:
                    OnCall(buffer, offset, record, unfinished: true);
                    break;
                case EbpfRecords.Fork:
                    OnFork(record);
                    break;
                case EbpfRecords.Exec:
                    OnExec(record);
                    break;
                case EbpfRecords.TaskExit:
                    OnTaskExit(record);
                    break;
                case EbpfRecords.Signal when !(EbpfRecords.ProcessId(record) == RootProcessId && _rootHidden):
                    Emit(SignalEvent.FromSigInfo(EbpfRecords.ProcessId(record), EbpfRecords.ThreadId(record), Ticks(EbpfRecords.Time(record)),
                        record.Slice(EbpfRecords.HeaderSize, SignalEvent.SigInfoSize)));
                    break;
            }
            offset += size;
        }
    }

    // A record's time; without TraceSessionOptions.CallTimes, calls have none, and take the moment they are decoded.
    // A process whose start record was lost (the ring buffer was full) is one all the same: started by a traced one, it is
    // announced at its first record, live until its end.
    private void AnnounceUnknown(int pid)
    {
        if (SeenProcesses.ContainsKey(pid) || _program!.StateOf(pid) is not uint state)
            return;
        LiveProcesses[pid] = state == EbpfRecords.ProcessAttached ? (byte)EbpfRecords.ProcessAttached : (byte)0;
        SeenProcesses[pid] = 0;
        Emit(new ProcessStartEvent(pid, TraceClock.Now(), Tracer.ReadIds(pid).ParentId, ProcessCommand.Read(pid, _options)));
    }

    private static long Ticks(long nanoseconds) => nanoseconds == 0 ? TraceClock.Now() : TraceClock.FromNanoseconds(nanoseconds);

    private void OnCall(byte[] buffer, int offset, ReadOnlySpan<byte> record, bool unfinished)
    {
        int pid = EbpfRecords.ProcessId(record), tid = EbpfRecords.ThreadId(record);
        long enterTime = EbpfRecords.EnterTime(record);
        // The held entry is this call's when it has its number and arguments (times are 0 without CallTimes): a call whose
        // exit record was lost leaves its entry behind.
        bool entered = _entries.Remove(tid, out var entry) && !EbpfRecords.LostEntry(record) && entry.EnterTime == enterTime
            && EbpfRecords.SameCall(entry.Record, record);
        if (pid == RootProcessId && _rootHidden)
            return; // the spawn helper's failed execve: the start's failure says it
        long number = EbpfRecords.Number(record);
        SyscallDefinition? definition = SyscallTable.Find(SyscallArch.X86_64, number);
        if (definition is null ? _options.Syscalls is not null : _options.Syscalls?.Invoke(definition) == false)
            return;
        Span<long> arguments = stackalloc long[6];
        for (int i = 0; i < 6; i++)
            arguments[i] = EbpfRecords.Argument(record, i);
        _memory.Set(entered ? entry.Record : [], EbpfRecords.ChunksOffset, entered ? EbpfRecords.ChunkCount(entry.Record) : 0,
            buffer, offset + EbpfRecords.ChunksOffset, EbpfRecords.ChunkCount(record));
        (int family, int protocol) = EbpfRecords.SocketOf(record);
        _memory.SetSocket(!unfinished && definition?.Parameters is [{ Name: "sockfd" }, ..] ? (int)arguments[0] : -1, family, protocol);
        CallMatcher.Verdict verdict = _matcher?.AtEntry(tid, definition, System.Runtime.InteropServices.MemoryMarshal.Cast<long, ulong>(arguments))
            ?? CallMatcher.Verdict.Accepted;
        if (verdict == CallMatcher.Verdict.Rejected)
            return;
        var call = new SyscallEvent(pid, tid, Ticks(enterTime), SyscallArch.X86_64, number, definition, arguments)
        {
            StackPointer = EbpfRecords.StackPointer(record),
        };
        int deferred = _decoder.DecodeEntry(call);
        bool awaitsOutput = verdict == CallMatcher.Verdict.AwaitsOutput;
        if (unfinished)
        {
            SyscallDecoder.DecodeUnfinished(call);
            if (_matcher?.AcceptsUnfinished(awaitsOutput, detached: false) ?? true)
                Emit(call);
            return;
        }
        _memory.Exiting = true;
        long result = EbpfRecords.Result(record);
        call.Complete(result, result is < 0 and >= -4095, Ticks(EbpfRecords.Time(record)));
        if (_matcher is not null && !_matcher.AtExit(call, result, awaitsOutput))
            return;
        _decoder.DecodeExit(call, deferred);
        Emit(call);
    }

    private void OnFork(ReadOnlySpan<byte> record)
    {
        int pid = EbpfRecords.ProcessId(record), tid = EbpfRecords.ThreadId(record), parent = EbpfRecords.ParentId(record);
        if (tid != pid)
        {
            Emit(new ThreadStartEvent(pid, tid, Ticks(EbpfRecords.Time(record))));
            return;
        }
        LiveProcesses[pid] = LiveProcesses.GetValueOrDefault(parent) == EbpfRecords.ProcessAttached ? (byte)EbpfRecords.ProcessAttached : (byte)0;
        SeenProcesses[pid] = 0;
        if (_stopRequested && LiveProcesses[pid] != EbpfRecords.ProcessAttached)
            Kill(pid, SIGKILL);
        Emit(new ProcessStartEvent(pid, Ticks(EbpfRecords.Time(record)), parent, ProcessCommand.Read(pid, _options)));
    }

    private void OnExec(ReadOnlySpan<byte> record)
    {
        int pid = EbpfRecords.ProcessId(record);
        long ticks = Ticks(EbpfRecords.Time(record));
        int former = EbpfRecords.ExecOf(record, out ReadOnlySpan<byte> path, out ReadOnlySpan<byte> line);
        // The thread that ran execve took over the process id: its call returns as the leader.
        if (former != pid && _entries.Remove(former, out var entry))
            _entries[pid] = entry;
        bool first = pid == RootProcessId && _rootHidden;
        if (first)
        {
            _rootHidden = false;
            Emit(new ProcessStartEvent(pid, ticks, Environment.ProcessId, ProcessCommand.Read(pid, _options)));
        }
        // What ran (a script's interpreter), its links resolved as /proc/PID/exe has it for the ptrace backend: /proc
        // itself is no witness here, the process may have run another program since.
        string executable = StraceQuoting.Display(System.Text.Encoding.UTF8.GetBytes(Resolved(System.Text.Encoding.UTF8.GetString(path))));
        Emit(new ProcessExecEvent(pid, ticks, executable, Tracer.CommandLineArguments(line), former, CommandName(path)));
        if (first)
        {
            Close(_errorFd); // execve closed the child's end: nothing to report
            Started.Set();
        }
    }

    private static string Resolved(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    // The kernel's comm after an exec: the file name, cut to 15 bytes.
    private static string CommandName(ReadOnlySpan<byte> path)
    {
        ReadOnlySpan<byte> name = path[(path.LastIndexOf((byte)'/') + 1)..];
        return StraceQuoting.Display(name[..Math.Min(name.Length, 15)]);
    }

    private void OnTaskExit(ReadOnlySpan<byte> record)
    {
        int pid = EbpfRecords.ProcessId(record), tid = EbpfRecords.ThreadId(record);
        long ticks = Ticks(EbpfRecords.Time(record));
        (int status, bool groupDead) = EbpfRecords.TaskExitOf(record);
        _entries.Remove(tid);
        if (pid == RootProcessId && _rootHidden)
        {
            if (groupDead)
            {
                LiveProcesses.TryRemove(pid, out _);
                ReapRoot(wait: true);
                Fail(Tracer.SpawnFailure(_programName, _errorFd));
            }
            return;
        }
        var ws = new WaitStatus(status);
        if (tid != pid)
            Emit(new ThreadExitEvent(pid, tid, ticks, ws.Exited ? ws.ExitCode : null, ws.Signaled ? ws.TermSignal : null, ws.CoreDumped));
        if (groupDead)
            EndProcess(pid, ticks, status);
    }

    private void EndProcess(int pid, long ticks, int? status)
    {
        if (!LiveProcesses.TryRemove(pid, out _))
            return;
        _missing.Remove(pid);
        if (pid == RootProcessId && _spawned)
            status = ReapRoot(wait: true) ?? status;
        ProcessExitEvent exit = status is int known ? ExitOf(pid, ticks, known) : new ProcessExitEvent(pid, ticks, null, null, false);
        if (pid == RootProcessId)
            RootExit = exit;
        Emit(exit);
        if (pid == RootProcessId && _options.StopWhenRootExits)
            RequestStop();
    }

    private static ProcessExitEvent ExitOf(int pid, long ticks, int status)
    {
        var ws = new WaitStatus(status);
        return new ProcessExitEvent(pid, ticks, ws.Exited ? ws.ExitCode : null, ws.Signaled ? ws.TermSignal : null, ws.CoreDumped);
    }

    // The root is this process's child: its status is waitpid's, and nothing else reaps it. Null while it runs (without
    // wait), or once reaped before.
    private unsafe int? ReapRoot(bool wait)
    {
        if (!_spawned || _rootStatus is not null)
            return _rootStatus;
        int status;
        int reaped;
        while ((reaped = WaitPid(RootProcessId, &status, wait ? 0 : WNOHANG)) < 0 && Interop.Errno.Last == Interop.Errno.EINTR)
        {
        }
        if (reaped == RootProcessId)
            _rootStatus = status;
        else if (reaped < 0)
            _rootStatus = -1; // not this process's child any more: nothing to reap
        return _rootStatus is -1 ? null : _rootStatus;
    }

    // A process whose exit record was lost (the ring buffer was full) is gone all the same: once every record written
    // before it was seen gone has been read (the reader found the ring empty since) and decoded, and its exit record was
    // not among them, it is reported ended, its status unknown (but the root's, which waitpid gives).
    private void EndVanished()
    {
        EbpfProgram program = _program!;
        foreach (int pid in LiveProcesses.Keys)
        {
            if (_missing.TryGetValue(pid, out long seenAt))
            {
                if (program.EmptyReads > seenAt && !program.HasBatches)
                    EndProcess(pid, TraceClock.Now(), null);
                continue;
            }
            bool gone = pid == RootProcessId && _spawned
                ? ReapRoot(wait: false) is not null
                : Kill(pid, 0) != 0 && Interop.Errno.Last == Interop.Errno.ESRCH;
            if (gone)
                _missing[pid] = program.EmptyReads;
        }
    }

    // Loss is news even once stopping: written whatever the session's state.
    private void ReportDrops()
    {
        foreach ((int pid, (long calls, long other)) in _program!.Drops())
        {
            (long reportedCalls, long reportedOther) = _reportedDrops.GetValueOrDefault(pid);
            if (calls == reportedCalls && other == reportedOther)
                continue;
            _reportedDrops[pid] = (calls, other);
            Writer.Write(new RecordsLostEvent(pid, TraceClock.Now(), calls - reportedCalls, other - reportedOther));
        }
    }

    // A trace stopped early leaves the records not yet decoded: calls that were made, left out and counted as lost.
    private void ReportUndecoded()
    {
        var lost = new Dictionary<int, (long Calls, long Other)>();
        while (_program!.TryTake(out (byte[] Buffer, int Length) batch, TimeSpan.Zero))
        {
            for (int offset = 0; batch.Length - offset >= EbpfRecords.HeaderSize;)
            {
                ReadOnlySpan<byte> record = batch.Buffer.AsSpan(offset, batch.Length - offset);
                int size = EbpfRecords.Size(record);
                if (size < EbpfRecords.HeaderSize || size > record.Length)
                    break;
                (long calls, long other) = lost.GetValueOrDefault(EbpfRecords.ProcessId(record));
                lost[EbpfRecords.ProcessId(record)] = EbpfRecords.Kind(record) is EbpfRecords.Exit or EbpfRecords.Unfinished ? (calls + 1, other) : (calls, other + 1);
                offset += size;
            }
            _program.Return(batch.Buffer);
        }
        foreach ((int pid, (long calls, long other)) in lost)
            Writer.Write(new RecordsLostEvent(pid, TraceClock.Now(), calls, other));
    }

    // The end of a trace, however it came: what the session started is killed, and gone before the session ends; what it
    // attached runs on, untraced, each of its threads reported let go.
    private void LetGo()
    {
        _letGo = true;
        EbpfProgram program = _program!;
        if (_stopRequested)
        {
            foreach ((int pid, uint state) in program.Traced())
            {
                if (state != EbpfRecords.ProcessAttached)
                    continue;
                program.Untrace(pid);
                // Letting go is news even once stopping.
                foreach (int tid in Tracer.ThreadsOf(pid))
                    Writer.Write(new DetachEvent(pid, tid, TraceClock.Now()));
            }
        }
        long deadline = Environment.TickCount64 + (long)StopTimeout.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            List<(int ProcessId, uint State)> started = [.. program.Traced().Where(p => p.State != EbpfRecords.ProcessAttached)];
            if (started.Count == 0)
                break;
            foreach ((int pid, _) in started)
            {
                Kill(pid, SIGKILL);
                if (Kill(pid, 0) != 0)
                    program.Untrace(pid); // gone without a word to the map (its exit record's program never ran)
            }
            Thread.Sleep(5);
        }
        program.StopReading();
        ReportDrops();
        if (_stopRequested)
            ReportUndecoded();
    }

    private void Emit(TraceEvent e)
    {
        // Once stopping, nothing more is news: what the session started is being killed.
        if (!_stopRequested)
            Writer.Write(e);
    }
}
