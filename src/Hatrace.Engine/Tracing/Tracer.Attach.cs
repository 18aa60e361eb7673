using System.Globalization;
using Hatrace.Engine.Model;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>Attach mode: the tracer seizes running processes, and when the session stops it detaches them, each
/// thread in the state it had, with any signal it was about to receive delivered, instead of killing them.</summary>
internal sealed partial class Tracer
{
    private const int PTRACE_DETACH = 17;

    private bool _attached;
    private bool _detaching;
    private Waker? _waker;

    /// <summary>Seizes every thread of each process, then traces until every one is gone or the session stops. With
    /// <paramref name="beforeExec"/>, the first is a process about to call execve: its main thread only, its calls
    /// hidden until then.</summary>
    public void RunAttached(IReadOnlyList<int> processIds, bool beforeExec = false)
    {
        if (_options.QuietChildStops)
            ChildStopNotifications.Quiet();
        try
        {
            if (AttachAll(processIds, beforeExec))
            {
                Started.Set();
                Loop();
            }
            _events.TryComplete();
        }
        catch (Exception unexpected)
        {
            // Whatever broke, no tracee may be left stopped: let them all go before reporting.
            AbandonAfterFailure();
            _events.TryComplete(unexpected);
        }
        finally
        {
            _stacks?.Dispose();
            _waker?.Dispose();
            _waiter.Dispose();
            if (_options.QuietChildStops)
                ChildStopNotifications.Restore();
            if (!Started.IsSet)
            {
                StartError ??= new TraceStartException(TraceStartError.SystemError, "", "The tracer stopped before it attached.");
                Started.Set();
            }
        }
    }

    private bool AttachAll(IReadOnlyList<int> processIds, bool beforeExec = false)
    {
        _attached = true;
        // A child of this thread that exits when the session stops: it wakes the tracer's waitpid, which nothing
        // else would, since attached processes are not killed.
        _waker = Waker.Start();
        if (!_spawned)
            RootProcessId = processIds[0];
        int options = AttachOptionsMask | (_options.FollowChildren ? FollowChildrenMask : 0);
        foreach (int pid in processIds)
        {
            if (Seize(pid, options, beforeExec && pid == processIds[0]) is { } error)
            {
                Fail(error);
                AbandonAfterFailure();
                return false;
            }
            LiveProcesses[pid] = AttachedProcess;
            SeenProcesses[pid] = 0;
        }
        return true;
    }

    // Seizes the process's threads (all of them when following children, else the one given), including those it
    // starts while we attach; null, or why it could not be traced.
    private TraceStartException? Seize(int pid, int options, bool beforeExec)
    {
        string name = pid.ToString(CultureInfo.InvariantCulture);
        if (ParentOf(pid) == Environment.ProcessId)
        {
            // .NET waits for the children it started (System.Diagnostics.Process) without knowing they are traced,
            // and such a wait takes a tracee's ptrace stops from the tracer: it would hang the process.
            return new TraceStartException(TraceStartError.SystemError, name,
                $"Process {pid} is a child of this process, which waits for it itself; start it from another shell, or through one (sh -c 'program &').");
        }
        var seized = new List<int>();
        while (true)
        {
            // The other threads of a process about to exec are the caller's own (a runtime's): execve ends them.
            int[] threads = _options.FollowChildren && !beforeExec ? ThreadsOf(pid) : [pid];
            int[] fresh = [.. threads.Where(t => !_tracees.ContainsKey(t))];
            if (fresh.Length == 0)
                break;
            foreach (int tid in fresh)
            {
                if (Ptrace(PTRACE_SEIZE, tid, 0, options) != 0 || Ptrace(PTRACE_INTERRUPT, tid, 0, 0) != 0)
                {
                    int errno = Interop.Errno.Last;
                    if (errno == Interop.Errno.ESRCH && (seized.Count > 0 || tid != pid))
                        continue; // a thread that ended meanwhile
                    // A thread started meanwhile by one seized already is traced already: its first stop comes.
                    bool tracedAlready = errno == Interop.Errno.EPERM && tid != pid && TracerOf(tid) == Environment.ProcessId;
                    if (!tracedAlready)
                    {
                        return errno == Interop.Errno.ESRCH
                            ? new TraceStartException(TraceStartError.ProcessNotFound, name, $"There is no process {pid}.", errno)
                            : new TraceStartException(TraceStartError.PermissionDenied, name,
                                $"The kernel refused to trace process {pid}: {Interop.Errno.Message(errno)}. Check /proc/sys/kernel/yama/ptrace_scope, CAP_SYS_PTRACE, and whether another tracer has it.", errno);
                    }
                }
                _tracees[tid] = new Tracee(tid, pid) { Attached = true, Hidden = beforeExec, ShownFromExecve = beforeExec };
                Track(_tracees[tid]);
                seized.Add(tid);
            }
            if (!_options.FollowChildren || beforeExec)
                break;
        }
        Emit(new ProcessStartEvent(pid, TraceClock.Now(), ParentOf(pid), ProcessCommand.Read(pid, _options)) { AttachedThreadIds = seized });
        return null;
    }

    /// <summary>Attach mode's answer to a stop request: interrupt every tracee, and detach each at its next stop.</summary>
    private void BeginDetach()
    {
        _detaching = true;
        foreach ((long Due, int ThreadId, int Signal) held in _delayed.Where(held => IsAttached(held.ThreadId)).ToList())
        {
            _delayed.Remove(held);
            Detach(held.ThreadId, held.Signal);
        }
        foreach (int tid in AttachedThreads())
            Ptrace(PTRACE_INTERRUPT, tid, 0, 0);
    }

    private bool IsAttached(int tid) => _tracees.TryGetValue(tid, out Tracee? tracee) && tracee.Attached;

    private List<int> AttachedThreads() => [.. _tracees.Values.Where(t => t.Attached).Select(t => t.ThreadId)];

    /// <summary>A stop while detaching: the thread goes free, and a <see cref="DetachEvent"/> says so. A signal it was
    /// about to receive goes with it.</summary>
    private void DetachAtStop(Tracee tracee, WaitStatus ws)
    {
        if (tracee.Pending.Call is { } unfinished)
        {
            unfinished.IsDetached = true;
            EmitUnfinished(tracee, unfinished);
        }
        int signal = ws.Event == 0 && ws.StopSignal != WaitStatus.SyscallStopSignal ? ws.StopSignal : 0;
        Detach(tracee.ThreadId, signal);
    }

    private void Detach(int tid, int signal, bool atExecve = false)
    {
        Ptrace(PTRACE_DETACH, tid, 0, signal);
        if (_tracees.Remove(tid, out Tracee? tracee))
        {
            Untrack(tracee);
            // A process let go at its execve runs on as its own, but for the program, which stays the session's: killed
            // if the session stops early, and waited for.
            if (tracee.ProcessId == tid && !(atExecve && tid == RootProcessId && !tracee.Attached))
                LiveProcesses.TryRemove(tid, out _);
            Emit(new DetachEvent(tracee.ProcessId, tid, TraceClock.Now(), atExecve));
        }
        ReleaseWakerWhenDone();
    }

    /// <summary>An execve that succeeded under <see cref="TraceSessionOptions.DetachOnExecve"/> (strace -b execve): the
    /// call ends there, detached, and the process goes on untraced.</summary>
    private void LetGoAtExecve(Tracee tracee)
    {
        tracee.LetGoAtExecve = false;
        if (tracee.Pending.Call is { } call)
        {
            call.IsDetached = true;
            EmitUnfinished(tracee, call);
        }
        Detach(tracee.ThreadId, 0, atExecve: true);
    }

    // With every tracee gone, the waker is all waitpid would wait for: let it go, so that the loop sees ECHILD.
    private void ReleaseWakerWhenDone()
    {
        if (_attached && _tracees.Count == 0)
            _waker?.Release();
    }

    // The attached threads only: what the session started is being killed, and DrainAfterFailure reaps it.
    private unsafe void DetachAllAfterFailure()
    {
        foreach (int tid in AttachedThreads())
            Ptrace(PTRACE_INTERRUPT, tid, 0, 0);
        // Each seized thread reports one stop for the interrupt; detach it there. Give up on threads that died.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (_tracees.Values.Any(t => t.Attached) && DateTime.UtcNow < deadline)
        {
            int status;
            int tid = WaitPid(-1, &status, __WALL | __WNOTHREAD | WNOHANG);
            if (tid > 0 && _tracees.TryGetValue(tid, out Tracee? tracee))
            {
                var ws = new WaitStatus(status);
                if (ws.Stopped && tracee.Attached)
                    DetachAtStop(tracee, ws);
                else if (ws.Stopped)
                    LetDie(tid);
                else
                    _tracees.Remove(tid);
            }
            else if (tid <= 0)
            {
                Thread.Sleep(1);
            }
        }
        _waker?.Release();
    }

    internal static int[] ThreadsOf(int pid)
    {
        try
        {
            return [.. Directory.EnumerateDirectories($"/proc/{pid}/task").Select(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))];
        }
        catch (DirectoryNotFoundException)
        {
            return [pid]; // gone: seizing it says so
        }
    }

    private static int ParentOf(int pid) => ReadIds(pid).ParentId;

    // The process tracing the thread, 0 for none (or when it is gone): in the first lines of /proc/TID/status.
    private static int TracerOf(int tid)
    {
        Span<byte> status = stackalloc byte[512];
        int length = ProcFile.Read(tid, "status", status);
        return length < 0 ? 0 : StatusNumber(status[..length], "\nTracerPid:"u8) ?? 0;
    }

    /// <summary>A child of the tracer thread that waits on a pipe: releasing it makes it exit, which ends the tracer's
    /// waitpid. It holds none of this process's descriptors, so it holds up no one waiting for a pipe's other end.</summary>
    private sealed class Waker : IDisposable
    {
        private readonly int _pid, _releaseFd;
        private int _released;

        private Waker(int pid, int releaseFd)
        {
            _pid = pid;
            _releaseFd = releaseFd;
        }

        internal static Waker Start()
        {
            int failed = Interop.HatraceNative.StartWaker(out var waker);
            if (failed != 0)
                throw new InvalidOperationException($"Could not start the tracer's waker: {Interop.Errno.Message(failed)}.");
            return new Waker(waker.Pid, waker.ReleaseFd);
        }

        /// <summary>Safe from any thread, and more than once.</summary>
        internal void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interop.HatraceNative.Release(_releaseFd);
        }

        /// <summary>Releases the waker and reaps it, unless the tracer's loop did: a session that ended before its loop
        /// (an attach refused) or out of it (an exception) would leave it a zombie. On the tracer thread only.</summary>
        public unsafe void Dispose()
        {
            Release();
            int status;
            while (WaitPid(_pid, &status, __WALL) < 0 && Interop.Errno.Last == Interop.Errno.EINTR)
            {
            }
        }
    }
}
