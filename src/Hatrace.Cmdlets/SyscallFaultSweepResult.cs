namespace Hatrace.Cmdlets;

/// <summary>How a program coped with one failed syscall.</summary>
public enum SweepOutcome
{
    /// <summary>The program ended by itself (whatever its exit code), and the -Check scriptblock, if any, agreed.</summary>
    Handled,

    /// <summary>The program was killed by a signal (SIGSEGV, SIGABRT...).</summary>
    Crashed,

    /// <summary>The program did not end within the timeout, and was killed.</summary>
    Hung,

    /// <summary>The program ended by itself, but the -Check scriptblock said the result is wrong.</summary>
    CheckFailed,

    /// <summary>This run made fewer matching calls than the first: the call to fail never came.</summary>
    NotReached,
}

/// <summary>One run of Invoke-SyscallFaultSweep: the k-th matching call failed, and what the program did then.</summary>
public sealed record SyscallFaultSweepResult
{
    /// <summary>Which matching call failed, counted from 1.</summary>
    public required int Index { get; init; }

    /// <summary>The failed call as strace prints it; null when it never came.</summary>
    public string? Syscall { get; init; }

    /// <summary>How the program coped.</summary>
    public required SweepOutcome Outcome { get; init; }

    /// <summary>The program's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that killed the program (<c>SIGSEGV</c>), when one did.</summary>
    public string? Signal { get; init; }

    /// <summary>The last lines the program wrote to its standard error.</summary>
    public string StandardError { get; init; } = "";

    /// <summary>What the -Check scriptblock said of the run; null without one.</summary>
    public bool? CheckPassed { get; init; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; init; }
}
