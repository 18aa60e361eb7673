namespace Hatrace.Engine.Syscalls;

/// <summary>What a syscall is about, for choosing calls by kind (strace's <c>-e trace=%file</c> and the like).
/// A call may belong to several classes; <see cref="SyscallClasses"/> says which.</summary>
[Flags]
public enum SyscallClass
{
    /// <summary>In no class.</summary>
    None = 0,

    /// <summary>Takes a file name (a path argument).</summary>
    File = 1 << 0,

    /// <summary>Takes, creates or waits on a file descriptor.</summary>
    Desc = 1 << 1,

    /// <summary>Works on sockets.</summary>
    Network = 1 << 2,

    /// <summary>Sends, waits for, blocks or handles signals.</summary>
    Signal = 1 << 3,

    /// <summary>System V IPC: message queues, semaphores and shared memory segments.</summary>
    Ipc = 1 << 4,

    /// <summary>Changes or inspects the process's memory mappings.</summary>
    Memory = 1 << 5,

    /// <summary>A step of a process's life: creation, exec, exit, waiting for a child.</summary>
    Process = 1 << 6,

    /// <summary>Reads or changes user and group ids or capabilities.</summary>
    Creds = 1 << 7,

    /// <summary>Reads or sets a system clock.</summary>
    Clock = 1 << 8,

    /// <summary>stat of a path, following symbolic links.</summary>
    Stat = 1 << 9,

    /// <summary>stat of a path, not following a final symbolic link.</summary>
    LStat = 1 << 10,

    /// <summary>stat of a descriptor, or of a path relative to one (fstatat, statx).</summary>
    FStat = 1 << 11,

    /// <summary>Any call that asks for a file's status: <see cref="Stat"/>, <see cref="LStat"/> or <see cref="FStat"/>.</summary>
    StatLike = 1 << 12,

    /// <summary>File system statistics of a path.</summary>
    StatFs = 1 << 13,

    /// <summary>File system statistics of a descriptor.</summary>
    FStatFs = 1 << 14,

    /// <summary>Any call that asks for file system statistics: <see cref="StatFs"/>, <see cref="FStatFs"/>, ustat.</summary>
    StatFsLike = 1 << 15,

    /// <summary>Takes no arguments, cannot fail, and only returns an attribute of the caller (getpid).</summary>
    Pure = 1 << 16,

    /// <summary>What language runtimes do on their own, many times a second, whatever the program does: lock waits and
    /// wake-ups, yields, signal masking around thread switches, returns from timer signals, timers re-armed (.NET's
    /// threads and GC, GHC's scheduler ticks). A trace without them shows the program's own work.</summary>
    RuntimeNoise = 1 << 17,

    /// <summary>Never returns to its caller, since it ends the thread (exit) or the process (exit_group): every
    /// argument is decided at entry, and its result is always unknown (strace prints it whole, <c>= ?</c>, at entry).</summary>
    NeverReturns = 1 << 18,

    /// <summary>Makes a process or thread (fork, clone); on success it returns the new task's id to its caller.</summary>
    CreatesTask = 1 << 19,

    /// <summary>On success, returns a process, thread, process group or session id (fork, wait4, getpid, setsid), which
    /// a front end may rewrite as it rewrites pid arguments.</summary>
    ReturnsProcessId = 1 << 20,
}
