using System.IO.Enumeration;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tampering;

/// <summary>A session's fault rules as the tracer evaluates them at each call's entry: each rule with its counter
/// and its dice.</summary>
internal sealed class FaultRules
{
    private readonly SyscallFault[] _faults;
    private readonly long[] _counts;
    private readonly Random[] _dice;
    private readonly Dictionary<SyscallDefinition, int[]> _rulesOf = [];

    internal FaultRules(IReadOnlyList<SyscallFault> faults)
    {
        _faults = [.. faults];
        _counts = new long[_faults.Length];
        _dice = [.. _faults.Select(f => f.Seed is int seed ? new Random(seed) : new Random())];
    }

    internal bool IsEmpty => _faults.Length == 0;

    /// <summary>Whether some rule may apply to the call: the tracer must stop at it.</summary>
    internal bool Covers(SyscallDefinition definition) => RulesOf(definition).Length > 0;

    /// <summary>Whether some rule of the call matches on paths: the call's fd must be resolved to one.</summary>
    internal bool NeedsPath(SyscallDefinition definition) => RulesOf(definition).Any(i => _faults[i].PathPattern is not null);

    /// <summary>Counts the call for every rule it matches, and adds what the rules that hit it do to
    /// <paramref name="changes"/>; false when none hit.</summary>
    internal bool Apply(SyscallEvent call, string? path, SyscallChanges changes)
    {
        if (call.Definition is not { } definition)
            return false;
        bool hit = false;
        foreach (int i in RulesOf(definition))
        {
            SyscallFault fault = _faults[i];
            if (fault.PathPattern is { } pattern && (path is null || !FileSystemName.MatchesSimpleExpression(pattern, path, ignoreCase: false)))
                continue;
            long count = ++_counts[i];
            if (!fault.When.Contains(count) || (fault.Probability < 1 && _dice[i].NextDouble() >= fault.Probability))
                continue;
            hit = true;
            Add(fault, call.Arch, changes);
        }
        return hit;
    }

    // The first rule to decide the result, the signal or the replacement keeps it; delays add up.
    private static void Add(SyscallFault fault, SyscallArch arch, SyscallChanges changes)
    {
        changes.Notes.Add("fault " + fault);
        if (fault.Kill)
        {
            changes.Kill = true;
            changes.Number = -1;
        }
        if (fault.Replacement is { } name && SyscallTable.Find(arch, name) is { } replacement)
            changes.Number ??= replacement.Number;
        if (fault.SetsResult && changes.Result is null)
        {
            changes.Result = fault.Errno != 0 ? -fault.Errno : fault.ReturnValue;
            if (!fault.AfterCall)
                changes.Number ??= -1;
        }
        if (fault.Signal != 0 && changes.Signal == 0)
            changes.Signal = fault.Signal;
        changes.DelayEnter += fault.DelayEnter;
        changes.DelayExit += fault.DelayExit;
        changes.PokeEnter.AddRange(fault.PokeEnter);
        changes.PokeExit.AddRange(fault.PokeExit);
    }

    private int[] RulesOf(SyscallDefinition definition)
    {
        if (!_rulesOf.TryGetValue(definition, out int[]? rules))
        {
            rules = [.. Enumerable.Range(0, _faults.Length).Where(i => _faults[i].Syscalls(definition))];
            _rulesOf[definition] = rules;
        }
        return rules;
    }
}
