using System.Globalization;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>--remap-pids: every process and thread id shown as a small number, given in order of appearance, so that
/// two traces of one program compare line by line. The program is 1 and hatrace (the program's parent) 0; each task
/// after them gets the next number when it is first seen, as an event's task or as the result of the call that made
/// it (fork, clone). Ids outside the trace print as they are.</summary>
internal sealed partial class PidRemapper
{
    private readonly Dictionary<int, int> _numbers = [];
    private readonly HashSet<int> _inCall = []; // the ids one call's text holds, reused

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
        if (call.ErrnoValue == 0 && call.Result is long id and > 0 && call.Definition?.Classes.HasFlag(SyscallClass.CreatesTask) == true)
            Task((int)id);
    }

    /// <summary>A piece of a call's text (its name and arguments, or its result) with the ids it holds renumbered:
    /// those of arguments the kernel's prototype types as <c>pid_t</c> (or names <c>pid</c>), and the result of a
    /// call that returns one (also where the text repeats it, as clone's <c>parent_tid=[N]</c>).</summary>
    public string InCall(SyscallEvent call, string text)
    {
        _inCall.Clear();
        if (call.ErrnoValue == 0 && call.Result is long result && call.Definition?.Classes.HasFlag(SyscallClass.ReturnsProcessId) == true)
            _inCall.Add((int)result);
        if (call.Definition is { } definition)
        {
            foreach (SyscallParameter parameter in definition.Parameters)
            {
                // A negative pid is a process group (kill, wait4): its number is the group leader's, negated.
                if ((parameter.Type == "pid_t" || parameter.Name == "pid") && call.Arguments[parameter.Name] is { } argument)
                    _inCall.Add(Math.Abs((int)argument.Raw));
            }
        }
        _inCall.RemoveWhere(id => !_numbers.ContainsKey(id));
        return _inCall.Count == 0 ? text : Number().Replace(text, m => Renumber(m, _inCall));
    }

    /// <summary>A signal's line with its sender (<c>si_pid=</c>) renumbered.</summary>
    public string InSignal(string text) => SenderId().Replace(text, m => Renumber(m, _numbers.Keys));

    private string Renumber(Match m, IReadOnlyCollection<int> ids) =>
        int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && ids.Contains(id)
            ? _numbers[id].ToString(CultureInfo.InvariantCulture)
            : m.Value;

    // A whole decimal number: not part of a name, of a hex number (0x1f) or of a decimal fraction.
    [GeneratedRegex(@"(?<![\w.])\d+(?![\w.])")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<=\bsi_pid=)\d+")]
    private static partial Regex SenderId();
}
