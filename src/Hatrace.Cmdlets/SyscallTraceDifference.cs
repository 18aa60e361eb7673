using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>One line of Compare-SyscallTrace, shaped like Compare-Object's output.</summary>
public sealed record SyscallTraceDifference
{
    /// <summary><c>&lt;=</c>: only in the reference trace; <c>=&gt;</c>: only in the difference trace; <c>==</c>: in
    /// both (with -IncludeEqual).</summary>
    public required string SideIndicator { get; init; }

    /// <summary>The event's normalised line: pids renumbered, addresses and times taken out.</summary>
    public required string Text { get; init; }

    /// <summary>The event itself (the reference trace's, for a line in both).</summary>
    public required TraceEvent InputObject { get; init; }
}
