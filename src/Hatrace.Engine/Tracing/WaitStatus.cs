namespace Hatrace.Engine.Tracing;

/// <summary>The status word waitpid returns, taken apart as the W* macros of sys/wait.h do.</summary>
internal readonly struct WaitStatus(int raw)
{
    /// <summary>The stop signal of a syscall stop under PTRACE_O_TRACESYSGOOD: SIGTRAP | 0x80.</summary>
    internal const int SyscallStopSignal = 5 | 0x80;

    internal bool Exited => (raw & 0x7f) == 0;

    internal int ExitCode => (raw >> 8) & 0xff;

    internal bool Signaled => (raw & 0x7f) != 0 && (raw & 0x7f) != 0x7f;

    internal int TermSignal => raw & 0x7f;

    internal bool CoreDumped => (raw & 0x80) != 0;

    internal bool Stopped => (raw & 0xff) == 0x7f;

    internal int StopSignal => (raw >> 8) & 0xff;

    /// <summary>The PTRACE_EVENT_* of a ptrace event stop, or 0.</summary>
    internal int Event => (raw >> 16) & 0xff;
}
