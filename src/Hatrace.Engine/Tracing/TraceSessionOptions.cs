using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tracing;

/// <summary>How a session sees a program's calls.</summary>
public enum TraceBackend
{
    /// <summary>ptrace, as strace: the program stops at each traced call, and the tracer may change what it does.</summary>
    Ptrace,

    /// <summary>eBPF programs on the kernel's syscall tracepoints record each call, with the memory its arguments point
    /// to, into a ring buffer: the program never stops and nothing of it changes, so the trace costs it little. It can
    /// only observe (no fault rules or hooks), needs root or CAP_BPF with CAP_PERFMON, and loses records, counted in
    /// <see cref="Model.RecordsLostEvent"/>s, when the reader falls behind by more than <see cref="TraceSessionOptions.EbpfBufferSize"/>.</summary>
    Ebpf,
}

/// <summary>How a session traces.</summary>
public sealed class TraceSessionOptions
{
    /// <summary>The eBPF backend's default ring buffer: 16 MiB.</summary>
    public const int DefaultEbpfBufferSize = 16 << 20;

    /// <summary>How the calls are seen: <see cref="TraceBackend.Ptrace"/> (the default) or <see cref="TraceBackend.Ebpf"/>.</summary>
    public TraceBackend Backend { get; init; }

    /// <summary>The size in bytes of the eBPF backend's ring buffer in the kernel (a power of two, at least a page; others are
    /// rounded up). Records wait there until the tracer copies them out; when the program outruns the tracer by this much,
    /// records are lost and counted.</summary>
    public int EbpfBufferSize { get; init; } = DefaultEbpfBufferSize;

    /// <summary>Whether the eBPF backend reads the clock as each call enters and returns (on by default). A clock read costs
    /// the traced program about what the rest of the call's record does; off, a call's <see cref="Model.TraceEvent.Timestamp"/>
    /// is when it was decoded and its <see cref="Model.SyscallEvent.Duration"/> zero: for front ends that show no times
    /// (hatrace without -t, -r, -T or -c). The ptrace backend always has them.</summary>
    public bool CallTimes { get; init; } = true;

    /// <summary>Whether the tracer reads each call's <see cref="Model.SyscallEvent.SystemTime"/>: the system CPU time the
    /// kernel reports of the call's process at the stops of its entry and exit (wait4's usage), what strace -c sums
    /// without -w. Off by default: it costs the kernel a count of the process's threads at every stop. Not with the eBPF
    /// backend, which does not stop at calls.</summary>
    public bool SystemTimes { get; init; }

    /// <summary>strace's default for <c>-s</c>.</summary>
    public const int DefaultStringLength = 32;

    /// <summary>How many bytes of a string or buffer to show (strace's <c>-s</c>); paths are always shown whole.</summary>
    public int StringLength { get; init; } = DefaultStringLength;

    /// <summary>How strings and buffers print: octal escapes, or hex as strace's <c>-x</c> and <c>-xx</c>.</summary>
    public Decoding.StringEscape StringEscape { get; init; } = Decoding.StringEscape.Octal;

    /// <summary>How named constants and flags print: by name, as numbers, or both (strace's <c>-X</c>).</summary>
    public Decoding.ConstantStyle ConstantStyle { get; init; } = Decoding.ConstantStyle.Abbreviated;

    /// <summary>Which syscalls print large structures and arrays abbreviated, with <c>...</c> for the fields and
    /// items strace leaves out (strace's <c>-e abbrev=</c>); all when null. Choosing none is strace's <c>-v</c>:
    /// every field of struct stat, the whole environment of execve.</summary>
    public Func<SyscallDefinition, bool>? Abbreviated { get; init; }

    /// <summary>Whether execve's environment is read string by string where it prints only as a count (abbreviated, as
    /// strace prints it without <c>-v</c>): on for readers of values (<c>$_.Arguments.envp.Value</c>, searches of a
    /// call's strings); a reader of the text alone turns it off, and only the pointers are read, as strace reads them.
    /// Then each of the environment's strings is a <see cref="Model.PointerValue"/> to it.</summary>
    public bool ReadCountedEnvironment { get; init; } = true;

    /// <summary>Whether each process's start and exec events say what /proc says of it: its command name
    /// (<see cref="Model.ProcessStartEvent.CommandName"/>, <see cref="Model.ProcessExecEvent.CommandName"/>), and at an
    /// exec its executable and arguments (<see cref="Model.ProcessExecEvent.Path"/>,
    /// <see cref="Model.ProcessExecEvent.Arguments"/>). On for readers of events; a reader of the calls' text alone turns
    /// it off, and they are empty (but for the eBPF backend's exec events, which take them from its records): that spares up
    /// to three reads of /proc per process started, a tenth of the time of a loop of forks.</summary>
    public bool ReadProcessDetails { get; init; } = true;

    /// <summary>Which syscalls have the structures their arguments point to decoded (strace's <c>-e verbose=</c>);
    /// all when null. The other calls print those arguments as addresses.</summary>
    public Func<SyscallDefinition, bool>? Dereferenced { get; init; }

    /// <summary>Which syscalls print their arguments and result undecoded, in hex (strace's <c>-e raw=</c>); none when null.</summary>
    public Func<SyscallDefinition, bool>? Undecoded { get; init; }

    /// <summary>What file descriptors print with besides their number, and whether <see cref="Model.SyscallArgument.FdPath"/>
    /// is filled in: strace's <c>-y</c> (<see cref="Decoding.DescriptorDetail.Path"/>), <c>-yy</c>
    /// (<see cref="Decoding.DescriptorDetail.All"/>). Each descriptor printed costs a readlink in /proc.</summary>
    public Decoding.DescriptorDetail DescriptorDetail { get; init; }

    /// <summary>Whether to keep each traced thread's name (/proc/TID/comm, as strace's <c>-Y</c> prints it), read at
    /// each of its events, for <see cref="TraceSession.ProcessName"/>. Each event costs a read in /proc.</summary>
    public bool ProcessNames { get; init; }

    /// <summary>Whether to note which pid namespace each traced thread is in, for
    /// <see cref="TraceSession.TranslateProcessId"/> (strace's <c>--pidns-translation</c>). Costs two reads in /proc
    /// per thread.</summary>
    public bool PidNamespaces { get; init; }

    /// <summary>Which syscalls become events; all when null. Calls that are not chosen are neither decoded nor emitted.</summary>
    public Func<SyscallDefinition, bool>? Syscalls { get; init; }

    /// <summary>Which of the chosen syscalls become events, by the paths, descriptors and strings they take and how they
    /// end (strace's <c>-P</c>, <c>-e status=</c>); all when null. Applied before decoding, like <see cref="Syscalls"/>,
    /// but the tracer still stops at every chosen call to look.</summary>
    public CallFilter? Filter { get; init; }

    /// <summary>Whether to set SA_NOCLDSTOP on this process's SIGCHLD handler while tracing, so that ptrace stops
    /// do not wake it. .NET installs a handler once a process has run any child (pwsh has); without the flag every
    /// stop runs it, which measured 2.2 times the CPU time. Exits are still reported to the handler.</summary>
    public bool QuietChildStops { get; init; } = true;

    /// <summary>Whether to trace the threads and processes the program starts (strace's <c>-f</c>); only the
    /// program's first thread otherwise.</summary>
    public bool FollowChildren { get; init; } = true;

    /// <summary>Whether the trace ends when the root process exits, instead of when every traced process is gone (the
    /// default, as strace's <c>-f</c>): processes the root left behind, such as a daemon it started, are then killed, or,
    /// in a session that attached, detached. Their exits are not reported; the root's is.</summary>
    public bool StopWhenRootExits { get; init; }

    /// <summary>How many events may wait for the reader before the tracees are held stopped (the eBPF backend's records
    /// wait in its buffers instead, and are lost, and counted, when those are full).</summary>
    public int EventBufferSize { get; init; } = 4096;

    /// <summary>Whether a <see cref="Model.SyscallEntryEvent"/> is emitted when a thread enters each emitted call, before
    /// the call's own event at its return: for front ends that print calls of several threads as they happen
    /// (strace's <c>&lt;unfinished ...&gt;</c> lines). Off by default: each call then costs one event. The eBPF backend
    /// emits none: it decodes a call once it has returned.</summary>
    public bool EmitSyscallEntries { get; init; }

    /// <summary>Which file descriptors' reads have their data captured whole in <see cref="Model.SyscallEvent.Data"/>,
    /// whatever <see cref="StringLength"/> is (strace's <c>-e read=</c>); none when null.</summary>
    public Func<int, bool>? CaptureReads { get; init; }

    /// <summary>Which file descriptors' writes have their data captured whole in <see cref="Model.SyscallEvent.Data"/>
    /// (strace's <c>-e write=</c>); none when null.</summary>
    public Func<int, bool>? CaptureWrites { get; init; }

    /// <summary>Fault rules the tracer applies by itself, in order; a call may be hit by several.</summary>
    public IReadOnlyList<Tampering.SyscallFault> Faults { get; init; } = [];

    /// <summary>Which emitted syscalls are held at their entry as a <see cref="Tampering.SyscallStop"/> for the reader
    /// to change before they run; none when null.</summary>
    public Func<SyscallDefinition, bool>? HookEntry { get; init; }

    /// <summary>Which emitted syscalls are held at their exit as a <see cref="Tampering.SyscallStop"/>, instead of
    /// being emitted as they return, for the reader to change what they return; none when null.</summary>
    public Func<SyscallDefinition, bool>? HookExit { get; init; }

    /// <summary>Whether the kernel may run the calls the tracer does not stop at without stopping: when
    /// <see cref="Syscalls"/> is set and <see cref="FollowChildren"/> is on, the program starts with a seccomp filter
    /// that sends the tracer only the calls it emits or a fault rule covers (strace's <c>--seccomp-bpf</c>, on by
    /// default here), and the others cost nothing. Events are the same either way; process starts, execs, exits and
    /// signals stay exact. The filter stays with the program and its children, so a session that uses it kills them when
    /// it stops early and never lets them go. Off, the tracer stops at every call, as strace does by default.</summary>
    public bool UseSeccompFilter { get; init; } = true;

    /// <summary>Whether each traced process is let go once an execve of it succeeds (strace's <c>-b execve</c>): the call
    /// is emitted unfinished and <see cref="Model.SyscallEvent.IsDetached"/>, after its process's
    /// <see cref="Model.ProcessExecEvent"/>; a <see cref="Model.DetachEvent"/> with <see cref="Model.DetachEvent.AtExecve"/>
    /// follows, and the process runs the new program untraced, with the processes it starts. Not the program's own first
    /// execve. The program, let go so, is still the session's: killed when the session stops early, waited for otherwise,
    /// its exit status <see cref="TraceSession.RootExit"/>. No seccomp filter is used then: a process let go would find
    /// the calls it traced failing. Only the ptrace backend can.</summary>
    public bool DetachOnExecve { get; init; }

    /// <summary>Whether each call shown gets the user stack it was made from (<see cref="Model.SyscallEvent.StackTrace"/>,
    /// strace's <c>-k</c>), unwound with elfutils' libdw (libdw1) while the thread is stopped: at the call's exit, or at
    /// its entry for execve and exit. Only the ptrace backend can.</summary>
    public bool StackTraces { get; init; }

    /// <summary>Changes registers with PTRACE_GETREGS/SETREGS even where PTRACE_SET_SYSCALL_INFO works, so that tests
    /// cover the way older kernels need.</summary>
    internal bool UseRegisterSets { get; init; }
}
