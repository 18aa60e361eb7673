using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>The tasks (threads and processes) alive in the trace: strace prefixes lines with <c>[pid N]</c> only while
/// more than one is, and says when it first sees one. A task is known from its first event, and gone with its
/// thread's or its process's exit event.</summary>
internal sealed class TaskTracker
{
    private readonly Dictionary<int, int> _live = []; // thread id → process id
    private readonly Dictionary<int, int> _tookOver = []; // a thread that ran execve → the process id it became
    private readonly Dictionary<int, SyscallArch> _arch = [];
    private readonly List<int> _table = []; // strace's table of tasks: a new one takes the first free place (0)

    /// <summary>Whether no task but this one is alive.</summary>
    public bool IsAlone(int task) => _live.Count == 0 || (_live.Count == 1 && _live.ContainsKey(task));

    /// <summary>The id to show for a thread: a thread that ran execve in a multithreaded process shows as the
    /// process, whose id the kernel gave it.</summary>
    public int Display(int threadId) => _tookOver.GetValueOrDefault(threadId, threadId);

    /// <summary>Notes a task; true when it was not known yet.</summary>
    public bool Add(int threadId, int processId)
    {
        if (!_live.TryAdd(threadId, processId))
            return false;
        int free = _table.IndexOf(0);
        if (free < 0)
            _table.Add(threadId);
        else
            _table[free] = threadId;
        return true;
    }

    /// <summary>Where a live task stands in strace's table of tasks, which it goes through in order when it lets
    /// them all go: the order they came in, but for places that tasks gone since have freed.</summary>
    public int Place(int threadId) => _table.IndexOf(threadId);

    /// <summary>A thread ended.</summary>
    public void RemoveThread(int threadId)
    {
        if (_live.Remove(threadId))
            _table[_table.IndexOf(threadId)] = 0;
        _arch.Remove(threadId);
    }

    /// <summary>A process ended, with every thread it had.</summary>
    public void RemoveProcess(int processId)
    {
        foreach (int threadId in _live.Where(t => t.Value == processId).Select(t => t.Key).ToList())
            RemoveThread(threadId);
        foreach (int threadId in _tookOver.Where(t => t.Value == processId).Select(t => t.Key).ToList())
            _tookOver.Remove(threadId);
    }

    /// <summary>A thread other than the leader ran execve: it is the process now, and the old leader is gone.</summary>
    public void TakeOver(int formerThreadId, int processId)
    {
        RemoveThread(formerThreadId);
        _tookOver[formerThreadId] = processId;
    }

    /// <summary>A new task runs in the mode of the one that made it (a 32-bit program's child or thread makes i386 calls
    /// too): strace says nothing of its mode until it changes.</summary>
    public void InheritArch(int threadId, int maker)
    {
        if (_arch.TryGetValue(maker, out SyscallArch arch))
            _arch.TryAdd(threadId, arch);
    }

    /// <summary>The architecture of the thread's last call (x86_64 until one says otherwise).</summary>
    public SyscallArch Arch(int threadId) => _arch.GetValueOrDefault(threadId, SyscallArch.X86_64);

    /// <summary>Notes the ABI of a task's call; true when it differs from the one before (64-bit at first).</summary>
    public bool SwitchArch(int threadId, SyscallArch arch)
    {
        SyscallArch before = Arch(threadId);
        _arch[threadId] = arch;
        return before != arch;
    }
}
