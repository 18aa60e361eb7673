using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Tracing;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tampering;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The loop of one session's tracer thread. ptrace checks the calling thread, so this thread makes every
/// ptrace call and every wait of the session; other threads may only ask it to stop (and send kill).</summary>
internal sealed partial class Tracer : ITraceBackend
{
    private const int SIGTRAP = 5, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;
    // Every thread stops once more on its way out (PTRACE_EVENT_EXIT), where strace ends the call it dies in: killed
    // ones too, on the kernels of today, and then only the tracer can let them go on to their deaths.
    private const int AttachOptionsMask = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT;
    private const int TraceOptionsMask = AttachOptionsMask | PTRACE_O_EXITKILL;
    private const int FollowChildrenMask = PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;
    private const long CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000;

    private readonly TraceSessionOptions _options;
    private readonly ChannelWriter<TraceEvent> _events;
    private readonly Dictionary<int, Tracee> _tracees = [];
    private readonly HashSet<int> _startedBeforeTheirEvent = []; // children that stopped before their parent's fork event
    private readonly SyscallDecoder _decoder;
    private readonly TraceeMemory _entryMemory; // what the tracer itself reads in a call: socketcall's arguments, clone3's flags
    private readonly DataCapture? _capture;
    private readonly CallMatcher? _matcher;
    private readonly bool[] _tracedX64, _tracedI386;
    private readonly StackUnwinder? _stacks;
    private readonly StopWaiter _waiter = new();
    private volatile bool _stopRequested;
    private readonly CancellationTokenSource _stopping = new();
    private string _programName = "";
    private int _errorFd = -1; // the root's error pipe until its first execve (hatrace_spawn.h)
    private bool _spawned; // the session started a program (else it only attached)
    private ProgramOutputPump? _output; // with TraceStartInfo.CaptureOutput
    private long _stopSystemTime; // of the stopped thread's process, in microseconds (TraceSessionOptions.SystemTimes)

    // How long the pipes of captured output may stay quiet, once the traced processes are gone, before the session ends
    // without their end of file: only a process that escaped the trace could still hold them.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    internal Tracer(TraceSessionOptions options, Channel<TraceEvent> events)
    {
        _options = options;
        _events = events.Writer;
        Writer = new EventWriter(events, options, _stopping.Token, RequestStop) { BeforeWaiting = _waiter.Reclaim };
        _decoder = new SyscallDecoder(new TraceeMemory(), options);
        _entryMemory = new TraceeMemory();
        _capture = options.CaptureReads is null && options.CaptureWrites is null ? null : new DataCapture(new TraceeMemory(), options.CaptureReads, options.CaptureWrites);
        _faults = new FaultRules(options.Faults);
        _matcher = CallMatcher.Create(options.Filter, new TraceeMemory());
        // Calls a fault rule covers are stopped at even when they are not emitted.
        Func<SyscallDefinition, bool>? stopped = options.Syscalls is not { } chosen || _faults.IsEmpty ? options.Syscalls : d => chosen(d) || _faults.Covers(d);
        // Stacks need to know where each module is: calls that change the mappings are stopped at, shown or not.
        if (options.StackTraces)
        {
            _stacks = new StackUnwinder();
            if (stopped is { } shown)
                stopped = d => shown(d) || StackUnwinder.ChangesMappings(d);
        }
        // A program may install a seccomp filter of its own, which answers calls before the pre-filter's stop could
        // show them (its errno wins over tracing): its installs are stopped at, so that its calls are from then on.
        if (UsesPreFilter && stopped is { } watched)
            stopped = d => watched(d) || SeccompFilter.MayInstall(d);
        _tracedX64 = TracedNumbers(SyscallArch.X86_64, stopped);
        _tracedI386 = TracedNumbers(SyscallArch.I386, stopped);
    }

    /// <summary>Every process of the session still alive, for <see cref="RequestStop"/> to kill from any thread: 0 for
    /// one the session started, <see cref="AttachedProcess"/> for one it attached (or that such a process started).</summary>
    internal ConcurrentDictionary<int, byte> LiveProcesses { get; } = new();

    private const byte AttachedProcess = 1;

    /// <summary>Every process the session saw, alive or not.</summary>
    public ConcurrentDictionary<int, byte> SeenProcesses { get; } = new();

    public int RootProcessId { get; private set; }

    public ProcessExitEvent? RootExit { get; private set; }

    /// <summary>Set once the root has run its program, or failed to.</summary>
    public ManualResetEventSlim Started { get; } = new(false, spinCount: 0); // starting takes milliseconds: no spinning meanwhile

    public TraceStartException? StartError { get; private set; }

    /// <summary>Kills every process the session started, and has the tracer thread detach every one it attached. Safe
    /// from any thread: the tracer thread is woken by their deaths, or by the waker.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        _stopping.Cancel();
        _waker?.Release();
        KillStarted();
    }

    private void KillStarted()
    {
        foreach ((int pid, byte kind) in LiveProcesses)
        {
            if (kind != AttachedProcess)
                Kill(pid, SIGKILL);
        }
    }

    /// <summary>Runs the program, and attaches to <paramref name="attachProcessIds"/> once it is started.</summary>
    public void Run(string program, TraceStartInfo start, IReadOnlyList<string> environment, IReadOnlyList<int> attachProcessIds)
    {
        if (_options.QuietChildStops)
            ChildStopNotifications.Quiet();
        Exception? failure = null;
        try
        {
            if (Spawn(program, start, environment) && (attachProcessIds.Count == 0 || AttachAll(attachProcessIds)))
                Loop();
            // Every traced process is gone, so the output they wrote is all in the pipes.
            _output?.Finish(OutputGrace);
            _events.TryComplete();
        }
        catch (Exception unexpected)
        {
            // Whatever broke, no tracee may be left stopped: kill them all and reap them before reporting.
            failure = unexpected;
            AbandonAfterFailure();
            _events.TryComplete(unexpected);
        }
        finally
        {
            _stacks?.Dispose();
            _waker?.Dispose();
            _waiter.Dispose();
            _output?.Dispose();
            if (_options.QuietChildStops)
                ChildStopNotifications.Restore();
            if (!Started.IsSet)
            {
                // What broke before the program started is why it could not start.
                StartError ??= new TraceStartException(TraceStartError.SystemError, start.FileName,
                    failure?.Message ?? "The tracer stopped before the program started.");
                Started.Set();
            }
        }
    }

    private unsafe bool Spawn(string program, TraceStartInfo start, IReadOnlyList<string> environment)
    {
        _programName = start.FileName;
        var argv = new List<string>(start.Arguments.Count + 1) { start.FileName };
        argv.AddRange(start.Arguments);
        StandardStreams streams;
        Interop.HatraceNative.Credentials? credentials;
        try
        {
            credentials = ProgramUser.Resolve(start);
            streams = StandardStreams.Open(start);
        }
        catch (TraceStartException error)
        {
            Fail(error);
            return false;
        }
        int failed;
        Interop.HatraceNative.SpawnedChild child;
        // A call the profile fails never reaches a tracing filter: with a profile, the session stops at every call.
        Writer.Profile = start.SeccompProfile;
        byte[] filter = start.SeccompProfile?.Filter() ?? SeccompProgram();
        bool tracingFilter = filter.Length > 0 && start.SeccompProfile is null;
        using (streams)
        {
            failed = Interop.HatraceNative.SpawnTraced(program, argv, environment, start.WorkingDirectory, filter, out child, streams.Descriptors,
                InterruptSignals.InheritedIgnored(), credentials);
            if (failed == 0 && streams.TakeCapturedPipes() is [_, ..] pipes)
                _output = new ProgramOutputPump(child.Pid, pipes, Writer, _stopping.Token);
        }
        if (failed != 0)
        {
            Fail(new TraceStartException(TraceStartError.SystemError, start.FileName, $"Could not start '{program}': {Interop.Errno.Message(failed)}.", failed));
            return false;
        }

        int pid = child.Pid;
        RootProcessId = pid;
        _spawned = true;
        _errorFd = child.ErrorFd;
        if (child.Ready == 0)
        {
            // It ended before it waited to be released (its working directory, its standard streams, a signal).
            Reap(pid);
            Interop.Libc.Close(child.ReleaseFd);
            Fail(SpawnFailure(start.FileName, _errorFd));
            return false;
        }
        LiveProcesses[pid] = 0;
        SeenProcesses[pid] = 0;
        // The child waits on the release pipe: seize it there, stop it once to start syscall tracing, then let it run.
        int traceOptions = TraceOptionsMask | (_options.FollowChildren ? FollowChildrenMask : 0) | (tracingFilter ? PTRACE_O_TRACESECCOMP : 0);
        bool seized = Ptrace(PTRACE_SEIZE, pid, 0, traceOptions) == 0 && Ptrace(PTRACE_INTERRUPT, pid, 0, 0) == 0;
        int errno = Interop.Errno.Last, stop = 0;
        if (seized)
        {
            while (WaitPid(pid, &stop, __WALL) < 0 && Interop.Errno.Last == Interop.Errno.EINTR)
            {
            }
        }
        if (!seized || !new WaitStatus(stop).Stopped)
        {
            // Refused: the child is ended here. Or it was killed (a signal to its process group) before it was seized,
            // and that wait reaped it: its pid may be another process's already.
            if (!seized)
            {
                Kill(pid, SIGKILL);
                Reap(pid);
                Interop.Libc.Close(_errorFd);
            }
            Interop.HatraceNative.Release(child.ReleaseFd);
            LiveProcesses.TryRemove(pid, out _);
            Fail(seized
                ? SpawnFailure(start.FileName, _errorFd)
                : new TraceStartException(TraceStartError.PermissionDenied, start.FileName,
                    $"The kernel refused to trace '{program}': {Interop.Errno.Message(errno)}. Check /proc/sys/kernel/yama/ptrace_scope and CAP_SYS_PTRACE.", errno));
            return false;
        }
        _tracees[pid] = new Tracee(pid, pid) { Hidden = true };
        Track(_tracees[pid]);
        _filtered = tracingFilter;
        Resume(pid, 0);
        Interop.HatraceNative.Release(child.ReleaseFd);
        return true;
    }

    // Waits for a child the session ends before it was traced; nothing when it was reaped already.
    private static unsafe void Reap(int pid)
    {
        int status;
        while (WaitPid(pid, &status, __WALL) < 0 && Interop.Errno.Last == Interop.Errno.EINTR)
        {
        }
    }

    private void Fail(TraceStartException error)
    {
        StartError = error;
        Started.Set();
    }

    private unsafe void Loop()
    {
        bool killedAll = false;
        while (true)
        {
            if (_stopRequested && _attached && !_detaching)
                BeginDetach();
            if (_stopRequested && !killedAll)
            {
                KillStarted();
                killedAll = true;
            }
            int status;
            ResourceUsage usage;
            ResourceUsage* measured = _options.SystemTimes ? &usage : null;
            int tid = _delayed.Count == 0 ? _waiter.Wait(&status, measured) : WaitWithDelays(&status, measured);
            if (tid < 0)
            {
                int errno = Interop.Errno.Last;
                if (errno == Interop.Errno.EINTR)
                    continue;
                if (errno == Interop.Errno.ECHILD)
                    return;
                throw new InvalidOperationException($"waitpid failed: {Interop.Errno.Message(errno)}");
            }
            var ws = new WaitStatus(status);
            if (!ws.Stopped)
            {
                OnExit(tid, ws);
                continue;
            }
            Tracee tracee = GetOrAdd(tid, ownStop: true);
            _stopSystemTime = measured is null ? 0 : measured->SystemTime;
            if (_detaching)
            {
                if (tracee.Attached)
                    DetachAtStop(tracee, ws);
                else
                    LetDie(tid);
                continue;
            }
            if (_stopRequested)
                killedAll = false; // a new tracee may have appeared since: kill again before waiting
            OnStop(tracee, ws);
        }
    }

    private void OnStop(Tracee tracee, WaitStatus ws)
    {
        if (tracee.Unannounced)
            Announce(tracee);
        int signal = ws.StopSignal;
        switch (ws.Event)
        {
            case 0 when signal == WaitStatus.SyscallStopSignal:
            case PTRACE_EVENT_SECCOMP:
                SyscallStops++;
                // The call's event goes out once its thread runs again: what it holds, and what the writer notes of the
                // thread, were read while it was stopped; its text is made while the program goes on.
                TimeSpan delay = OnSyscallStop(tracee, out TraceEvent? made);
                if (made is not null)
                    Writer.Note(made);
                if (delay <= TimeSpan.Zero)
                    _waiter.Resuming(tracee, mayYield: Writer.RunsNoReaderCode);
                ResumeAfter(tracee, delay);
                if (made is not null && IsNews(made))
                    Writer.Deliver(made);
                break;
            case 0:
                // A signal is about to be delivered: report it and let it through.
                OnSignal(tracee);
                Resume(tracee.ThreadId, signal);
                break;
            case PTRACE_EVENT_STOP when signal is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU:
                // Group-stop: stay stopped as the process would untraced, but keep reporting.
                if (!tracee.Hidden)
                    Emit(Placed(new GroupStopEvent(tracee.ProcessId, tracee.ThreadId, TraceClock.Now(), signal), tracee));
                Ptrace(PTRACE_LISTEN, tracee.ThreadId, 0, 0);
                break;
            case PTRACE_EVENT_FORK or PTRACE_EVENT_VFORK or PTRACE_EVENT_CLONE:
                // A child that stopped first is known already, and may even be gone: it is not taken for a new one.
                if (GetEventMessage(tracee.ThreadId) is int child && !_startedBeforeTheirEvent.Remove(child))
                    GetOrAdd(child, creator: tracee);
                Resume(tracee.ThreadId, 0);
                break;
            case PTRACE_EVENT_EXIT:
                // On its way out: the call it dies in (exit, exit_group, or any a kill cut short) ends here, before
                // the other threads' ends, as strace ends it.
                ForgetDelayed(tracee.ThreadId);
                if (tracee.Pending.Call is { } ending)
                    EmitUnfinished(tracee, ending);
                Resume(tracee.ThreadId, 0);
                break;
            case PTRACE_EVENT_EXEC:
                if (OnExec(tracee) is { LetGoAtExecve: true } execed)
                    LetGoAtExecve(execed);
                else
                    Resume(tracee.ThreadId, 0);
                break;
            default:
                // A new thread's first stop, the end of a group-stop, VFORK_DONE: nothing to report. A thread seized
                // inside a call stops first here, the call interrupted: its restart_syscall will resume that one.
                if (ws.Event == PTRACE_EVENT_STOP && tracee.Attached && tracee.LastSyscallNumber is null)
                    tracee.CallAtAttach ??= CallInterrupted(tracee.ThreadId);
                Resume(tracee.ThreadId, 0);
                break;
        }
    }

    // Returns how long to hold the thread before it goes on: zero but for a fault rule's delay; and the event the stop
    // made, if any, for the caller to emit.
    private unsafe TimeSpan OnSyscallStop(Tracee tracee, out TraceEvent? made)
    {
        made = null;
        PtraceSyscallInfo info;
        long written = Ptrace(PTRACE_GET_SYSCALL_INFO, tracee.ThreadId, sizeof(PtraceSyscallInfo), (nint)(&info));
        if (written < 0)
        {
            // ESRCH: the thread was killed after it stopped, and its exit comes next. Anything else (EIO: a kernel that
            // predates the request) would hide every call of the session: end it, saying why.
            int errno = Interop.Errno.Last;
            if (errno != Interop.Errno.ESRCH)
                throw new InvalidOperationException(
                    $"The kernel cannot report a traced call (PTRACE_GET_SYSCALL_INFO: {Interop.Errno.Message(errno)}); Hatrace needs Linux 5.3 or later.");
            return TimeSpan.Zero;
        }
        if (written == 0)
            return TimeSpan.Zero;
        long now = TraceClock.Now();
        SyscallArch arch = info.Arch == AUDIT_ARCH_I386 ? SyscallArch.I386 : SyscallArch.X86_64;
        // The filter's stop comes at the call's entry, in place of the entry stop, and reads the same.
        bool entry = info.Op is PTRACE_SYSCALL_INFO_ENTRY or PTRACE_SYSCALL_INFO_SECCOMP;
        _waiter.Stopped(tracee, arch, entry ? (long)info.Nr : -1);
        if (entry)
        {
            long number = (long)info.Nr;
            long? previous = tracee.LastSyscallNumber ?? tracee.CallAtAttach;
            tracee.LastSyscallNumber = number;
            tracee.EntrySystemTime = _stopSystemTime;
            tracee.LetGoAtExecve = _options.DetachOnExecve && !tracee.Hidden && !tracee.ShownFromExecve
                && SyscallTable.Find(arch, number) is { Name: "execve" or "execveat" };
            if (tracee.ShownFromExecve && SyscallTable.Find(arch, number) is { Name: "execve" or "execveat" })
                tracee.ShownFromExecve = tracee.Hidden = false;
            bool[] traced = arch == SyscallArch.I386 ? _tracedI386 : _tracedX64;
            if ((ulong)number < (ulong)traced.Length ? !traced[number] : _options.Syscalls is not null)
            {
                tracee.Pending.End();
                return TimeSpan.Zero;
            }
            SyscallDefinition? definition = SyscallTable.Find(arch, number);
            Span<long> arguments = stackalloc long[6];
            new ReadOnlySpan<long>(info.Args, 6).CopyTo(arguments);
            if (definition is not null && Socketcall.IsSocketcall(definition))
                definition = Socketcall.Resolve(_entryMemory, tracee.ThreadId, new ReadOnlySpan<long>(info.Args, 6), arguments) ?? definition;
            CallMatcher.Verdict verdict = _matcher?.AtEntry(tracee.ThreadId, definition, MemoryMarshal.Cast<long, ulong>(arguments))
                ?? CallMatcher.Verdict.Accepted;
            // A call the filter rejects is neither decoded nor emitted, unless a fault rule must still count it.
            if (verdict == CallMatcher.Verdict.Rejected && (_faults.IsEmpty || definition is null || !_faults.Covers(definition)))
            {
                tracee.Pending.End();
                return TimeSpan.Zero;
            }
            var call = new SyscallEvent(tracee.ProcessId, tracee.ThreadId, now, arch, number, definition, arguments)
            {
                StackPointer = info.StackPointer,
                InstructionPointer = info.InstructionPointer,
                LastSyscallNumber = number,
                PreviousSyscallNumber = previous,
            };
            // Fault rules, stacks and seccomp installs stop at calls that are not shown.
            bool emitted = IsEmitted(call) && verdict != CallMatcher.Verdict.Rejected;
            if (emitted && !tracee.Hidden && _stacks is not null && StackUnwinder.TakenAtEntry(definition))
                call.StackTrace = _stacks.Unwind(tracee.ProcessId, tracee.ThreadId);
            tracee.Pending.Enter(call, Decodes(emitted, definition) ? _decoder.DecodeEntry(call) : 0, emitted, verdict == CallMatcher.Verdict.AwaitsOutput);
            // A call whose output decides whether it is emitted is not shown or hooked at its entry.
            bool shownAtEntry = emitted && verdict != CallMatcher.Verdict.AwaitsOutput;
            if (shownAtEntry && !tracee.Hidden)
                tracee.Pending.Show(); // before a hook or a fault rule's delay holds it
            TimeSpan delay = tracee.Hidden ? TimeSpan.Zero : TamperEntry(tracee, call, ref info, shownAtEntry);
            // The call's time starts here, as strace's: the work above is the tracer's, a fault rule's delay the call's.
            call.StartTicks = TraceClock.Now();
            call.Delayed = delay > TimeSpan.Zero;
            if (_options.EmitSyscallEntries && shownAtEntry && !tracee.Hidden)
                made = new SyscallEntryEvent(call, call.Arguments.Items[..call.EntryArgumentCount]!);
            return delay;
        }
        if (info.Op == PTRACE_SYSCALL_INFO_EXIT && tracee.Pending.Call is { } pending)
        {
            PendingCall state = tracee.Pending;
            state.End();
            pending.Complete(info.ReturnValue, info.IsError != 0, now);
            if (_filtered && !tracee.Hidden && SeccompFilter.Installed(pending))
                _selfFiltered.Add(tracee.ProcessId);
            if (_options.SystemTimes)
                pending.SystemTime = TimeSpan.FromMicroseconds(_stopSystemTime - tracee.EntrySystemTime);
            PokeExit(tracee, pending);
            pending.ExitInstructionPointer = info.InstructionPointer;
            // The filter sees the result a fault rule or an entry hook chose, before the outputs are decoded.
            bool chosen = _matcher is null || !state.Emitted
                || _matcher.AtExit(pending, state.Changes?.Result ?? info.ReturnValue, state.AwaitsOutput);
            if (chosen && Decodes(state.Emitted, pending.Definition))
            {
                _decoder.DecodeExit(pending, state.DeferredArguments);
                pending.Data = _capture?.Capture(pending);
            }
            // The root's first execve entered hidden, in the spawn helper, and returns as the program: it is emitted.
            bool emitted = state.Emitted && chosen && !tracee.Hidden;
            if (_stacks is not null)
            {
                if (emitted && pending.StackTrace is null)
                    pending.StackTrace = _stacks.Unwind(tracee.ProcessId, tracee.ThreadId);
                if (pending.Definition is { } changed && StackUnwinder.ChangesMappings(changed))
                    _stacks.MarkStale(tracee.ProcessId);
            }
            TimeSpan delay = TamperExit(tracee, pending, ref info, emitted, out bool handedOver);
            pending.Delayed |= delay > TimeSpan.Zero;
            if (emitted && !handedOver)
                made = pending;
            return delay;
        }
        return TimeSpan.Zero;
    }

    // A call stopped at only for the tracer's own sake (stacks' mappings, a seccomp filter's install), neither shown nor
    // under a fault rule, is not decoded.
    private bool Decodes(bool emitted, SyscallDefinition? definition) =>
        emitted || (definition is not null && _faults.Covers(definition));

    private bool IsEmitted(SyscallEvent call) =>
        call.Definition is { } definition ? _options.Syscalls?.Invoke(definition) ?? true : _options.Syscalls is null;

    private unsafe void OnSignal(Tracee tracee)
    {
        if (tracee.Hidden)
            return;
        byte* info = stackalloc byte[SignalEvent.SigInfoSize];
        if (Ptrace(PTRACE_GETSIGINFO, tracee.ThreadId, 0, (nint)info) == 0)
        {
            var siginfo = new ReadOnlySpan<byte>(info, SignalEvent.SigInfoSize);
            Emit(Placed(SignalEvent.FromSigInfo(tracee.ProcessId, tracee.ThreadId, TraceClock.Now(), siginfo), tracee));
        }
    }

    // The call a stopped thread was in, from its orig_rax (the number the kernel keeps while the call runs, for 32-bit
    // tracees too): null where it was in none (-1), or is gone.
    private static long? CallInterrupted(int threadId)
    {
        const int SyscallNumberOffset = 15 * 8; // orig_rax in struct user_regs_struct
        long number = Ptrace(PTRACE_PEEKUSER, threadId, SyscallNumberOffset, 0);
        return number < 0 ? null : number;
    }

    // An event of a stopped thread with where it is: its last call's number and its instruction pointer.
    private static TraceEvent Placed(TraceEvent e, Tracee tracee)
    {
        const int InstructionPointerOffset = 16 * 8; // rip in struct user_regs_struct, for 32-bit tracees too
        long address = Ptrace(PTRACE_PEEKUSER, tracee.ThreadId, InstructionPointerOffset, 0);
        e.LastSyscallNumber = tracee.LastSyscallNumber;
        e.InstructionPointer = address == -1 ? null : (ulong)address; // -1: no canonical address, so an error (ESRCH)
        return e;
    }

    // Returns the thread that is the process now: the one that ran execve.
    private Tracee OnExec(Tracee tracee)
    {
        int processId = tracee.ThreadId;
        int formerThreadId = GetEventMessage(processId) ?? processId;
        if (formerThreadId != processId && _tracees.Remove(formerThreadId, out Tracee? execing))
        {
            // A thread other than the leader ran execve and took over the process id: the old leader is gone, and its
            // call ends unfinished as a killed thread's, if its exit stop did not end it.
            if (tracee.Pending.Call is { } superseded)
                EmitUnfinished(tracee, superseded);
            execing.ThreadId = processId;
            _tracees[processId] = execing;
            Untrack(tracee);
            tracee = execing;
        }
        bool first = tracee.Hidden;
        tracee.Hidden = false;
        if (first)
            Emit(new ProcessStartEvent(processId, TraceClock.Now(), Environment.ProcessId, ProcessCommand.Read(processId, _options)));
        var exec = new ProcessExecEvent(processId, TraceClock.Now(), ReadExecutable(processId), ReadCommandLine(processId), formerThreadId,
            ProcessCommand.Read(processId, _options));
        Emit(Placed(exec, tracee));
        _stacks?.Forget(processId);
        if (first)
        {
            Interop.Libc.Close(_errorFd); // execve closed the child's end: nothing to report
            Started.Set();
        }
        return tracee;
    }

    private void OnExit(int tid, WaitStatus ws)
    {
        int? exitCode = ws.Exited ? ws.ExitCode : null, signal = ws.Signaled ? ws.TermSignal : null;
        if (!_tracees.Remove(tid, out Tracee? tracee))
        {
            // The program, let go at an execve, ended: its status is still the session's, though nothing shows it.
            if (tid == RootProcessId && LiveProcesses.TryRemove(tid, out _))
            {
                RootExit = new ProcessExitEvent(tid, TraceClock.Now(), exitCode, signal, ws.CoreDumped);
                if (_options.StopWhenRootExits)
                    RequestStop();
            }
            return;
        }
        Untrack(tracee);
        ForgetDelayed(tid);
        ReleaseWakerWhenDone();
        if (tracee.Unannounced)
            Announce(tracee); // killed before it ran
        if (tracee.Pending.Call is { } unfinished)
            EmitUnfinished(tracee, unfinished); // it died without the exit stop that ends it
        if (tid != tracee.ProcessId)
        {
            if (!tracee.Hidden)
            {
                Emit(new ThreadExitEvent(tracee.ProcessId, tid, TraceClock.Now(), exitCode, signal, ws.CoreDumped)
                {
                    LastSyscallNumber = tracee.LastSyscallNumber,
                });
            }
            return;
        }
        LiveProcesses.TryRemove(tid, out _);
        _selfFiltered.Remove(tid);
        _stacks?.Forget(tid);
        var exit = new ProcessExitEvent(tid, TraceClock.Now(), exitCode, signal, ws.CoreDumped)
        {
            LastSyscallNumber = tracee.LastSyscallNumber,
        };
        if (tid == RootProcessId)
        {
            if (tracee.Hidden && _spawned)
            {
                ReportSpawnFailure();
                return;
            }
            RootExit = exit;
        }
        Emit(exit);
        if (tid == RootProcessId && _options.StopWhenRootExits)
            RequestStop();
    }

    private void ReportSpawnFailure() => Fail(SpawnFailure(_programName, _errorFd));

    /// <summary>Why the spawn helper's child ended before its program ran, as its error pipe says.</summary>
    internal static TraceStartException SpawnFailure(string programName, int errorFd)
    {
        if (!Interop.HatraceNative.TryReadSpawnError(errorFd, out var stage, out int errno))
            return new TraceStartException(TraceStartError.SystemError, programName, "The program ended before it started.");
        return stage switch
        {
            Interop.HatraceNative.SpawnStage.Execve => ExecFailure(programName, errno),
            Interop.HatraceNative.SpawnStage.ChangeDirectory => new TraceStartException(TraceStartError.WorkingDirectoryNotFound, programName,
                $"Could not enter the working directory for '{programName}': {Interop.Errno.Message(errno)}.", errno),
            Interop.HatraceNative.SpawnStage.Credentials => new TraceStartException(
                errno == Interop.Errno.EPERM ? TraceStartError.PermissionDenied : TraceStartError.SystemError, programName,
                $"Could not run '{programName}' as another user: {Interop.Errno.Message(errno)}.", errno),
            Interop.HatraceNative.SpawnStage.Seccomp => new TraceStartException(TraceStartError.SystemError, programName,
                $"Could not install the seccomp filter (TraceSessionOptions.UseSeccompFilter turns it off) for '{programName}': {Interop.Errno.Message(errno)}.", errno),
            _ => new TraceStartException(TraceStartError.SystemError, programName, $"The program failed to start ({stage}) '{programName}': {Interop.Errno.Message(errno)}.", errno),
        };
    }

    /// <summary>Why execve would not run the program.</summary>
    internal static TraceStartException ExecFailure(string programName, int errno) => new(
        errno switch
        {
            Interop.Errno.ENOENT => TraceStartError.ProgramNotFound,
            Interop.Errno.EACCES or Interop.Errno.ENOEXEC => TraceStartError.NotExecutable,
            _ => TraceStartError.SystemError,
        },
        programName, $"Could not run the program '{programName}': {Interop.Errno.Message(errno)}.", errno);

    private void EmitUnfinished(Tracee tracee, SyscallEvent call)
    {
        tracee.Pending.End();
        SyscallDecoder.DecodeUnfinished(call);
        NoteUnfinished(tracee, call);
        if (tracee.Pending.Emitted && !tracee.Hidden && (_matcher?.AcceptsUnfinished(tracee.Pending.AwaitsOutput, call.IsDetached) ?? true))
            Emit(call);
    }

    /// <summary>The state of a thread seen for the first time. A new child can report before its parent's fork event
    /// (<paramref name="ownStop"/>), and even end before it; at that event, the thread that made it is its
    /// <paramref name="creator"/>.</summary>
    private Tracee GetOrAdd(int tid, bool ownStop = false, Tracee? creator = null)
    {
        if (_tracees.TryGetValue(tid, out Tracee? tracee))
            return tracee;
        if (ownStop)
            _startedBeforeTheirEvent.Add(tid);
        (int processId, int parentId) = (creator is null ? null : MadeBy(creator, tid)) ?? ReadIds(tid);
        tracee = new Tracee(tid, processId) { Attached = IsAttachedLineage(tid, processId, parentId) };
        _tracees[tid] = tracee;
        Track(tracee);
        if (processId == tid)
        {
            LiveProcesses[tid] = tracee.Attached ? AttachedProcess : (byte)0;
            SeenProcesses[tid] = 0;
            if (_selfFiltered.Contains(parentId))
                _selfFiltered.Add(tid); // its parent's seccomp filter is its own too
            if (_stopRequested && !tracee.Attached)
                Kill(tid, SIGKILL);
            Emit(new ProcessStartEvent(tid, TraceClock.Now(), parentId, ProcessCommand.Read(tid, _options)));
        }
        else
        {
            tracee.Unannounced = true;
        }
        return tracee;
    }

    // A new child's process and parent, from the flags of the call that made it, where that call is known (it was
    // decoded or at least entered as an event): a read of /proc/TID/status less for most processes started, which took
    // an eighth of the tracer's time on a loop of forks. A thread's parent is its process's, unread: it is only asked
    // of a process, or of a thread whose process the tracer does not know (then /proc says).
    private (int ProcessId, int ParentId)? MadeBy(Tracee creator, int child)
    {
        if (creator.Pending.Call is not { Definition.Name: { } name } call)
            return null;
        long? flags = name switch
        {
            "fork" or "vfork" => 0,
            "clone" => call.Arg0,
            "clone3" => CloneArgsFlags(creator.ThreadId, (ulong)call.Arg0),
            _ => null,
        };
        if (flags is not long known)
            return null;
        if ((known & CLONE_THREAD) != 0)
            return _tracees.ContainsKey(creator.ProcessId) ? (creator.ProcessId, 0) : null;
        return (known & CLONE_PARENT) != 0 ? null : (child, creator.ProcessId);
    }

    // The first field of a struct clone_args, its flags.
    private long? CloneArgsFlags(int tid, ulong address)
    {
        Span<byte> flags = stackalloc byte[sizeof(long)];
        return _entryMemory.Read(tid, address, flags) == flags.Length ? BinaryPrimitives.ReadInt64LittleEndian(flags) : null;
    }

    private void Announce(Tracee thread)
    {
        thread.Unannounced = false;
        Emit(new ThreadStartEvent(thread.ProcessId, thread.ThreadId, TraceClock.Now()));
    }

    // A thread belongs with its process; a new process with the process that started it. One whose parent the session
    // does not trace (a CLONE_PARENT child) was started by the root, whose parent is this process, or else by an
    // attached process.
    private bool IsAttachedLineage(int tid, int processId, int parentId)
    {
        if (!_attached)
            return false;
        if (processId != tid && _tracees.TryGetValue(processId, out Tracee? leader))
            return leader.Attached;
        if (_tracees.TryGetValue(parentId, out Tracee? parent))
            return parent.Attached;
        return parentId != Environment.ProcessId;
    }

    private void Emit(TraceEvent e)
    {
        if (IsNews(e))
            Writer.Write(e);
    }

    // Once stopping, only what detaching says is still news: the threads let go and the calls it cut short. What the
    // session started and killed is not.
    private bool IsNews(TraceEvent e) => !_stopRequested || (_detaching && e is DetachEvent or SyscallEvent { IsDetached: true });

    private static unsafe int? GetEventMessage(int tid)
    {
        ulong message;
        return Ptrace(PTRACE_GETEVENTMSG, tid, 0, (nint)(&message)) == 0 ? (int)message : null;
    }

    internal static (int ProcessId, int ParentId) ReadIds(int tid)
    {
        // Both come in the first lines of /proc/TID/status, after the name (at most 15 bytes, escaped).
        Span<byte> status = stackalloc byte[512];
        int length = ProcFile.Read(tid, "status", status);
        if (length < 0)
            return (tid, 0); // the thread is already gone; its exit will be reported
        status = status[..length];
        return (StatusNumber(status, "\nTgid:"u8) ?? tid, StatusNumber(status, "\nPPid:"u8) ?? 0);
    }

    // The number after a field's name in /proc/ID/status ("\nPPid:\t1234").
    private static int? StatusNumber(ReadOnlySpan<byte> status, ReadOnlySpan<byte> field)
    {
        int at = status.IndexOf(field);
        if (at < 0)
            return null;
        ReadOnlySpan<byte> value = status[(at + field.Length)..].TrimStart((byte)'\t');
        return System.Buffers.Text.Utf8Parser.TryParse(value, out int number, out _) ? number : null;
    }

    // Both empty where the session does not read them (TraceSessionOptions.ReadProcessDetails), or the process is gone.
    private string ReadExecutable(int pid) =>
        _options.ReadProcessDetails ? Decoding.Descriptors.DescriptorDescriber.LinkTarget($"/proc/{pid}/exe") ?? "" : "";

    private string[] ReadCommandLine(int pid) =>
        _options.ReadProcessDetails && ProcFile.ReadAll(pid, "cmdline") is { } line ? CommandLineArguments(line) : [];

    /// <summary>The arguments of a command line as /proc/PID/cmdline has it (each ended by a NUL), each as
    /// StraceQuoting.Display shows it: the program chose them.</summary>
    internal static string[] CommandLineArguments(ReadOnlySpan<byte> line)
    {
        var arguments = new List<string>();
        line = line.TrimEnd((byte)0);
        foreach (Range argument in line.Split((byte)0))
            arguments.Add(StraceQuoting.Display(line[argument]));
        return [.. arguments];
    }

    /// <summary>Leaves nothing traced after a failure: kills and reaps what the session started, detaches what it
    /// attached.</summary>
    private void AbandonAfterFailure()
    {
        _waiter.Dispose(); // not as SCHED_IDLE, if it can help it
        _stopRequested = true;
        KillStarted();
        DetachAllAfterFailure();
        if (_spawned)
            DrainAfterFailure();
    }

    // Reaps what the session started, killed; an attached thread that stops meanwhile goes free, and its process
    // keeps running, so the wait is for the started ones only.
    private unsafe void DrainAfterFailure()
    {
        foreach (Tracee tracee in _tracees.Values.Where(t => !t.Attached))
            Kill(tracee.ThreadId, SIGKILL);
        while (_tracees.Values.Any(t => !t.Attached))
        {
            int status;
            int tid = WaitPid(-1, &status, __WALL | __WNOTHREAD);
            if (tid < 0)
            {
                if (Interop.Errno.Last == Interop.Errno.EINTR)
                    continue;
                break; // ECHILD: nothing left to wait for
            }
            if (!_tracees.TryGetValue(tid, out Tracee? tracee))
                continue;
            var ws = new WaitStatus(status);
            if (!ws.Stopped)
                _tracees.Remove(tid);
            else if (tracee.Attached)
                DetachAtStop(tracee, ws);
            else
                LetDie(tid);
        }
    }

    // A stop of a thread the session killed: it goes on to its death. SIGKILL ends any stop it was in when sent, but not
    // the exit stop that follows.
    private static void LetDie(int tid) => Ptrace(PTRACE_CONT, tid, 0, 0);

    // Empty when every call is traced: no table is read for it at start-up.
    private static bool[] TracedNumbers(SyscallArch arch, Func<SyscallDefinition, bool>? chosen)
    {
        if (chosen is null)
            return [];
        var all = SyscallTable.All(arch).ToList();
        var traced = new bool[all.Count == 0 ? 0 : all.Max(d => d.Number) + 1]; // numbers the kernel does not name are not traced
        // socketcall's number is traced when a call made through it is chosen (i386's accept, send and recv have it).
        foreach (SyscallDefinition d in all)
            traced[d.Number] |= chosen(d) || (Socketcall.IsSocketcall(d) && Socketcall.Calls.Any(chosen));
        return traced;
    }

    public EventWriter Writer { get; }

    /// <summary>The traced threads' pid namespaces (<see cref="TraceSessionOptions.PidNamespaces"/>), or null.</summary>
    public PidNamespaces? Namespaces => Writer.Namespaces;

    /// <summary>A traced thread's name at its latest event (<see cref="TraceSessionOptions.ProcessNames"/>).</summary>
    public string? ProcessName(int threadId) => Writer.ProcessName(threadId);
}
