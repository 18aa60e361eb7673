using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>--remap-pids: every process and thread id shown as a small number, given in order of appearance, so that
/// two traces of one program compare line by line. The program is 1 and hatrace (the program's parent) 0; each task
/// after them gets the next number when it is first seen, as an event's task or as the result of the call that made
/// it (fork, clone). The text shows it wherever the engine prints a pid (<see cref="Shown"/>, given to the engine's
/// formatter); ids outside the trace print as they are.</summary>
internal sealed class PidRemapper
{
    private readonly Dictionary<int, int> _numbers = [];

    /// <param name="tracerProcessId">hatrace's own pid, the program's parent: 0.</param>
    /// <param name="rootProcessId">The program's pid: 1.</param>
    public PidRemapper(int tracerProcessId, int rootProcessId)
    {
        _numbers[tracerProcessId] = 0;
        _numbers[rootProcessId] = 1;
    }

    /// <summary>The number of a task of the trace, given now if it has none yet.</summary>
    public int Task(int id)
    {
        if (!_numbers.TryGetValue(id, out int number))
        {
            number = _numbers.Count;
            _numbers[id] = number;
        }
        return number;
    }

    /// <summary>Gives the task a call made (fork, clone) its number, if the call's thread is not the first to show it.</summary>
    public void Note(SyscallEvent call)
    {
        if (call.ErrnoValue == 0 && call.Result is long id and > 0 && call.Definition is { } definition && (definition.Classes & SyscallClass.CreatesTask) != 0)
            Task((int)id);
    }

    /// <summary>How a pid prints: the task's number, or null (as it is) for an id outside the trace.</summary>
    public string? Shown(int id) => _numbers.TryGetValue(id, out int number) ? number.ToString(CultureInfo.InvariantCulture) : null;
}
