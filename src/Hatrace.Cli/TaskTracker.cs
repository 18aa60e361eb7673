using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>The tasks (threads and processes) alive in the trace: strace prefixes lines with <c>[pid N]</c> only while
/// more than one is, and says when it first sees one. The engine reports process starts and exits; a thread is known
/// from its first event, and gone once a call of it ends unfinished or, when that call was not traced, once
/// /proc no longer lists it.</summary>
internal sealed class TaskTracker
{
    private readonly Dictionary<int, int> _live = []; // thread id → process id
    private readonly HashSet<int> _gone = []; // threads found gone in /proc: their queued events must not revive them
    private readonly Dictionary<int, int> _tookOver = []; // a thread that ran execve → the process id it became
    private readonly Dictionary<int, SyscallArch> _arch = [];

    /// <summary>Whether no task but this one is alive. Threads whose end the events did not show are looked up in
    /// /proc, and only while the answer depends on them.</summary>
    public bool IsAlone(int task)
    {
        if (_live.Count <= 1 && (_live.Count == 0 || _live.ContainsKey(task)))
            return true;
        if (_live.Any(t => t.Key != task && t.Key == t.Value))
            return false; // another process, or the leader of this thread's process
        foreach ((int threadId, int processId) in _live.Where(t => t.Key != task).ToList())
        {
            if (Directory.Exists($"/proc/{processId}/task/{threadId}"))
                return false;
            RemoveThread(threadId);
            _gone.Add(threadId);
        }
        return true;
    }

    /// <summary>The id to show for a thread: a thread that ran execve in a multithreaded process shows as the
    /// process, whose id the kernel gave it.</summary>
    public int Display(int threadId) => _tookOver.GetValueOrDefault(threadId, threadId);

    /// <summary>Notes a task; true when it was not known yet.</summary>
    public bool Add(int threadId, int processId)
    {
        if (_live.ContainsKey(threadId) || _gone.Contains(threadId))
            return false;
        _live[threadId] = processId;
        return true;
    }

    /// <summary>A new process: its id may be that of a thread gone before, which the kernel reuses.</summary>
    public void Revive(int processId) => _gone.Remove(processId);

    /// <summary>A thread ended.</summary>
    public void RemoveThread(int threadId)
    {
        _live.Remove(threadId);
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

    /// <summary>Notes the ABI of a task's call; true when it differs from the one before (64-bit at first).</summary>
    public bool SwitchArch(int threadId, SyscallArch arch)
    {
        SyscallArch before = _arch.GetValueOrDefault(threadId, SyscallArch.X86_64);
        _arch[threadId] = arch;
        return before != arch;
    }
}
