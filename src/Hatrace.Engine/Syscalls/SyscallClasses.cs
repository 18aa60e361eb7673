namespace Hatrace.Engine.Syscalls;

/// <summary>Which <see cref="SyscallClass"/> each call belongs to. Two prototype rules decide most of it: a path
/// argument puts a call in <see cref="SyscallClass.File"/>, a descriptor argument in <see cref="SyscallClass.Desc"/>.
/// The rows below add what a prototype cannot say, by what each call does in the kernel.</summary>
public static class SyscallClasses
{
    // One row per class: calls named as in the kernel's tables, of either ABI. A name may be in several rows.
    private static readonly (SyscallClass Class, string Members)[] s_rows =
    [
        // A path the prototype does not name as one (uselib has no x86_64 prototype, name_to_handle_at calls it
        // "name"), and the calls that hand one back.
        // fsconfig takes a path for FSCONFIG_SET_PATH and FSCONFIG_SET_PATH_EMPTY.
        (SyscallClass.File, "uselib name_to_handle_at getcwd lookup_dcookie fsconfig"),

        // Calls that create a descriptor, and calls that take one the prototype leaves unnamed or hides in a set.
        (SyscallClass.Desc, """
            open creat pipe pipe2 socket socketpair accept accept4 eventfd eventfd2 epoll_create epoll_create1
            timerfd_create inotify_init inotify_init1 fanotify_init memfd_create memfd_secret userfaultfd
            pidfd_open io_uring_setup fsopen landlock_create_ruleset bpf mq_open
            bind connect listen getsockname getpeername send recv sendto recvfrom shutdown socketcall readdir
            select _newselect pselect6 pselect6_time64 poll ppoll ppoll_time64 epoll_ctl_old epoll_wait_old
            mq_timedsend mq_timedreceive mq_timedsend_time64 mq_timedreceive_time64 mq_notify mq_getsetattr
            """),

        // sendfile too, which mostly sends a file to a socket; send and recv, which i386 makes through socketcall.
        (SyscallClass.Network, """
            socket socketpair bind connect listen accept accept4 getsockname getpeername shutdown
            send recv sendto recvfrom sendmsg recvmsg sendmmsg recvmmsg recvmmsg_time64 setsockopt getsockopt socketcall
            sendfile sendfile64
            """),

        // io_uring_enter too, which takes a signal mask to wait with.
        (SyscallClass.Signal, """
            rt_sigaction rt_sigprocmask rt_sigpending rt_sigtimedwait rt_sigtimedwait_time64 rt_sigqueueinfo
            rt_tgsigqueueinfo rt_sigsuspend rt_sigreturn sigaction sigprocmask sigpending sigsuspend sigreturn
            signal sgetmask ssetmask sigaltstack kill tkill tgkill pidfd_send_signal signalfd signalfd4 pause
            io_uring_enter
            """),

        // The calls i386's ipc() multiplexes, and ipc itself.
        (SyscallClass.Ipc, """
            ipc semget semop semctl semtimedop semtimedop_time64 msgget msgsnd msgrcv msgctl shmget shmat shmctl shmdt
            """),

        // The aio and io_uring calls that map or pin memory (io_setup's ring, io_uring_register's buffers) too.
        (SyscallClass.Memory, """
            brk mmap mmap2 munmap mremap mprotect pkey_mprotect pkey_alloc pkey_free msync mincore madvise
            process_madvise mlock mlock2 munlock mlockall munlockall remap_file_pages mbind set_mempolicy
            get_mempolicy set_mempolicy_home_node migrate_pages move_pages mseal map_shadow_stack shmat shmdt
            io_setup io_destroy io_uring_register
            """),

        // Creation, exec, exit and reaping, and the calls that end other processes by sending them a signal.
        (SyscallClass.Process, """
            fork vfork clone clone3 execve execveat exit exit_group wait4 waitpid waitid
            kill tkill tgkill pidfd_send_signal rt_sigqueueinfo rt_tgsigqueueinfo
            """),

        (SyscallClass.Creds, """
            getuid geteuid getgid getegid getuid32 geteuid32 getgid32 getegid32
            setuid setgid setuid32 setgid32 setreuid setregid setreuid32 setregid32
            setresuid getresuid setresgid getresgid setresuid32 getresuid32 setresgid32 getresgid32
            setfsuid setfsgid setfsuid32 setfsgid32 getgroups setgroups getgroups32 setgroups32 capget capset
            """),

        // Reading or setting a clock; sleeping on one (nanosleep) and timers are not.
        (SyscallClass.Clock, """
            time stime ftime gettimeofday settimeofday adjtimex clock_gettime clock_settime clock_getres
            clock_adjtime clock_gettime64 clock_settime64 clock_getres_time64 clock_adjtime64
            """),

        (SyscallClass.Stat, "stat stat64 oldstat"),
        (SyscallClass.LStat, "lstat lstat64 oldlstat"),
        (SyscallClass.FStat, "fstat fstat64 oldfstat newfstatat fstatat64 statx"),
        (SyscallClass.StatFs, "statfs statfs64"),
        (SyscallClass.FStatFs, "fstatfs fstatfs64"),
        (SyscallClass.StatFsLike, "ustat"),

        (SyscallClass.Pure, """
            getpid getppid gettid getpgrp getuid geteuid getgid getegid getuid32 geteuid32 getgid32 getegid32 sgetmask
            """),

        // Locks and yields; masks set around thread creation and signal handling; the return from every handled
        // signal (GHC's SIGVTALRM ticks); timers re-armed; .NET's process-wide memory barrier. Installing a handler
        // (rt_sigaction) and sleeping are left out: programs do those on purpose, and rarely.
        (SyscallClass.RuntimeNoise, """
            futex futex_time64 futex_waitv futex_wait futex_wake futex_requeue sched_yield membarrier
            rt_sigprocmask sigprocmask rt_sigreturn sigreturn
            setitimer getitimer timer_settime timer_gettime timer_settime64 timer_gettime64
            timerfd_settime timerfd_gettime timerfd_settime64 timerfd_gettime64
            """),

        // The calls that end their thread; execve does not return on success either, but its thread goes on.
        (SyscallClass.NeverReturns, "exit exit_group"),

        (SyscallClass.CreatesTask, "fork vfork clone clone3"),

        // The new task's id, a reaped child's, the caller's own (set_tid_address, its thread's), a group's or a session's.
        (SyscallClass.ReturnsProcessId, """
            fork vfork clone clone3 wait4 waitpid getpid getppid gettid getpgid getpgrp getsid setsid set_tid_address
            """),
    ];

    /// <summary>The classes by strace's names (<c>%file</c>, <c>%%stat</c>), and hatrace's own <c>%noise</c>
    /// (<see cref="SyscallClass.RuntimeNoise"/>); the names without % are strace's deprecated spellings.</summary>
    public static IReadOnlyDictionary<string, SyscallClass> ByClassName { get; } = new Dictionary<string, SyscallClass>(StringComparer.Ordinal)
    {
        ["%file"] = SyscallClass.File, ["file"] = SyscallClass.File,
        ["%desc"] = SyscallClass.Desc, ["desc"] = SyscallClass.Desc,
        ["%network"] = SyscallClass.Network, ["%net"] = SyscallClass.Network, ["network"] = SyscallClass.Network,
        ["%signal"] = SyscallClass.Signal, ["signal"] = SyscallClass.Signal,
        ["%ipc"] = SyscallClass.Ipc, ["ipc"] = SyscallClass.Ipc,
        ["%memory"] = SyscallClass.Memory, ["memory"] = SyscallClass.Memory,
        ["%process"] = SyscallClass.Process, ["process"] = SyscallClass.Process,
        ["%creds"] = SyscallClass.Creds,
        ["%clock"] = SyscallClass.Clock,
        ["%stat"] = SyscallClass.Stat,
        ["%lstat"] = SyscallClass.LStat,
        ["%fstat"] = SyscallClass.FStat,
        ["%%stat"] = SyscallClass.StatLike,
        ["%statfs"] = SyscallClass.StatFs,
        ["%fstatfs"] = SyscallClass.FStatFs,
        ["%%statfs"] = SyscallClass.StatFsLike,
        ["%pure"] = SyscallClass.Pure,
        ["%noise"] = SyscallClass.RuntimeNoise, // hatrace's own: language runtimes' chatter (--exclude-runtime-noise)
    };

    private static readonly Dictionary<string, SyscallClass> s_byName = IndexRows();

    /// <summary>The calls <paramref name="chosen"/> picks (every call when null) but the language runtimes' chatter
    /// (<see cref="SyscallClass.RuntimeNoise"/>): what the front ends' noise switches trace.</summary>
    public static Func<SyscallDefinition, bool> ExceptRuntimeNoise(Func<SyscallDefinition, bool>? chosen) =>
        chosen is null ? d => !IsRuntimeNoise(d) : d => chosen(d) && !IsRuntimeNoise(d);

    private static bool IsRuntimeNoise(SyscallDefinition definition) => Of(definition).HasFlag(SyscallClass.RuntimeNoise);

    /// <summary>Every name the rows list, for checking them against the syscall tables.</summary>
    public static IEnumerable<string> ListedNames => s_byName.Keys;

    /// <summary>The classes of a call: its row memberships, its prototype's path and descriptor arguments, and the
    /// summary classes (<see cref="SyscallClass.StatLike"/>, <see cref="SyscallClass.StatFsLike"/>) these imply.</summary>
    public static SyscallClass Of(SyscallDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Classes;
    }

    // What a definition is made with: asked for at every entry (does the call return?), so known from the start.
    internal static SyscallClass Of(string name, IReadOnlyList<SyscallParameter> parameters)
    {
        SyscallClass classes = s_byName.GetValueOrDefault(name);
        for (int i = 0; i < parameters.Count; i++)
        {
            SyscallParameter p = parameters[i];
            if (p.Kind == ArgumentKind.Path)
                classes |= SyscallClass.File;
            else if (p.Kind is ArgumentKind.Fd or ArgumentKind.DirFd)
                classes |= SyscallClass.Desc;
        }
        if ((classes & (SyscallClass.Stat | SyscallClass.LStat | SyscallClass.FStat)) != 0)
            classes |= SyscallClass.StatLike;
        if ((classes & (SyscallClass.StatFs | SyscallClass.FStatFs)) != 0)
            classes |= SyscallClass.StatFsLike;
        return classes;
    }

    /// <summary>The classes of the call with this name in this ABI; <see cref="SyscallClass.None"/> for an unknown name.</summary>
    public static SyscallClass Of(SyscallArch arch, string name) =>
        SyscallTable.Find(arch, name) is { } definition ? Of(definition) : SyscallClass.None;

    /// <summary>The calls of this ABI in any of these classes, in order of number.</summary>
    public static IEnumerable<SyscallDefinition> Members(SyscallArch arch, SyscallClass classes) =>
        SyscallTable.All(arch).Where(d => (Of(d) & classes) != 0);

    private static Dictionary<string, SyscallClass> IndexRows()
    {
        var byName = new Dictionary<string, SyscallClass>(StringComparer.Ordinal);
        foreach ((SyscallClass c, string members) in s_rows)
        {
            foreach (string name in members.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
                byName[name] = byName.GetValueOrDefault(name) | c;
        }
        return byName;
    }
}
