using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>Seccomp pre-filtering: when the tracer stops at some calls only, the kernel sends it those calls as
/// seccomp stops and runs the others without stopping, the thread resumed with PTRACE_CONT in between.</summary>
internal sealed partial class Tracer
{
    // Whether the root runs under the filter, and so every thread it starts: set before the root is first resumed.
    // Processes attached in the same session have none.
    private bool _filtered;

    // Processes that installed a seccomp filter of their own under the pre-filter, and the children they started since:
    // their threads stop at every call's entry, before any filter, as without the pre-filter.
    private readonly HashSet<int> _selfFiltered = [];

    /// <summary>How many syscall and seccomp stops the session took, for tests to see what the filter saves.</summary>
    public long SyscallStops { get; private set; }

    /// <summary>The filter for a program this session starts, or empty for none. A filter cannot be removed, and a
    /// process it sends to no tracer gets ENOSYS from those calls: so there is none when children are not followed,
    /// and a session that may let its processes go (detach) must have none either. Attaching installs no filter.</summary>
    private byte[] SeccompProgram() => UsesPreFilter ? SeccompFilter.ForTracing(_tracedX64, _tracedI386) : [];

    private bool UsesPreFilter =>
        _options.UseSeccompFilter && _options.FollowChildren && _options.Syscalls is not null && !_options.DetachOnExecve;

    /// <summary>Resumes a thread, delivering <paramref name="signal"/> unless 0: to its next syscall stop, or under the
    /// filter to its next event, but for a thread inside a call whose exit the tracer needs, and for a process with a
    /// seccomp filter of its own.</summary>
    private void Resume(int tid, int signal)
    {
        _tracees.TryGetValue(tid, out Tracee? tracee);
        bool toExit = tracee?.Pending.Call is not null;
        bool untilNextEvent = _filtered && !toExit && tracee is not { Attached: true } && !_selfFiltered.Contains(tracee?.ProcessId ?? 0);
        Ptrace(untilNextEvent ? PTRACE_CONT : PTRACE_SYSCALL, tid, 0, signal);
    }
}
