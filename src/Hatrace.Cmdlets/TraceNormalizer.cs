using System.Globalization;
using System.Text.RegularExpressions;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Makes two traces of one program comparable: each event's line with what differs from run to run taken out.
/// Pids and tids are renumbered in order of appearance (<c>pid1</c>, <c>pid2</c>): the line is made again by the
/// engine's formatter with every pid it holds as a value (kill's argument, clone's result and <c>parent_tid</c>, a
/// signal's sender) printed so; addresses become <c>0x?</c>, times (CPU times too), random bytes and the register
/// rt_sigreturn restores <c>?</c>. Processes run side by side and interleave differently each time, so each process's
/// lines come together, in order of appearance.</summary>
internal static partial class TraceNormalizer
{
    [GeneratedRegex(@"0x[0-9a-fA-F]+")]
    private static partial Regex Address();

    // Dates as the stat family prints them, the seconds and nanoseconds of timestamps and times, and the CPU time a
    // child used, which SIGCHLD reports in clock ticks (a busy machine gives one run 1 where the other has 0).
    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d{4}|(?<=\b(?:st_[amcb]time(?:_nsec)?|tv_sec|tv_nsec|tv_usec|stx_[amcb]time)=)\d+|(?<=\bsi_[us]time=)\d+(?: /\* [\d.]+ s \*/)?")]
    private static partial Regex Time();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex QuotedString();

    /// <summary>Calls whose strings are random by design: what they return differs on every run.</summary>
    private static readonly HashSet<string> s_randomOutputs = ["getrandom"];

    /// <summary>Calls whose result is a register of the code a signal interrupted (the call it was in, a pid that call
    /// returned): nothing to compare.</summary>
    private static readonly HashSet<string> s_restoredResults = ["rt_sigreturn", "sigreturn"];

    /// <summary>The normalised line of each event worth comparing, in order: syscall entries are left out, since the
    /// whole call follows.</summary>
    internal static List<(string Text, TraceEvent Event)> Normalize(IEnumerable<TraceEvent> events)
    {
        List<TraceEvent> kept = [.. events.Where(e => e is not SyscallEntryEvent)];
        var order = new Dictionary<int, int>();
        foreach (TraceEvent e in kept)
        {
            order.TryAdd(e.ProcessId, order.Count + 1);
            order.TryAdd(e.ThreadId, order.Count + 1);
        }
        var renumbered = new StraceTextOptions { ProcessId = id => order.TryGetValue(id, out int n) ? Pid(n) : null };
        // OrderBy is stable: within a process, the lines keep their order.
        return [.. kept.Select(e => (Line(e, order, renumbered), e)).OrderBy(line => order[line.e.ProcessId])];
    }

    private static string Line(TraceEvent e, Dictionary<int, int> order, StraceTextOptions renumbered)
    {
        string text = Time().Replace(Address().Replace(StraceFormatter.Format(e, renumbered), "0x?"), "?");
        if (e is SyscallEvent { Name: var name } && s_randomOutputs.Contains(name))
            text = QuotedString().Replace(text, "\"?\"");
        if (e is SyscallEvent { Name: var restoring, IsUnfinished: false } && s_restoredResults.Contains(restoring))
            text = text[..(text.LastIndexOf(" = ", StringComparison.Ordinal) + 3)] + "?";
        string thread = e.ThreadId == e.ProcessId ? "" : "/" + Pid(order[e.ThreadId]);
        return $"{Pid(order[e.ProcessId])}{thread} {text}";
    }

    private static string Pid(int ordinal) => "pid" + ordinal.ToString(CultureInfo.InvariantCulture);
}
