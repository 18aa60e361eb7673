using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>One row of Measure-Syscall, a row of strace's -c table: the calls of one syscall, or the total of an ABI's.</summary>
public sealed record SyscallMeasurement
{
    /// <summary>The name that marks the total row, as strace's table names it.</summary>
    public const string TotalName = "total";

    /// <summary>The ABI of the calls: i386 calls are counted apart, as strace counts them.</summary>
    public required SyscallArch Arch { get; init; }

    /// <summary>The syscall's name, or <c>total</c> for the row that adds up its ABI's.</summary>
    public required string Name { get; init; }

    /// <summary>How many calls were made, including any that never returned.</summary>
    public required long Calls { get; init; }

    /// <summary>How many calls failed.</summary>
    public required long Errors { get; init; }

    /// <summary>The wall-clock time of the calls from entry to exit, as the tracer saw them (strace's -w); with
    /// Measure-Syscall -SystemTime, the system CPU time of their processes meanwhile (strace -c's).</summary>
    public required TimeSpan TotalTime { get; init; }

    /// <summary>The time of a call on average.</summary>
    public TimeSpan AverageTime => Calls == 0 ? TimeSpan.Zero : TotalTime / Calls;

    /// <summary>The share of the ABI's total time these calls took, in percent.</summary>
    public required double Percent { get; init; }

    /// <summary>Whether this is the total row.</summary>
    public bool IsTotal => Name == TotalName;
}
