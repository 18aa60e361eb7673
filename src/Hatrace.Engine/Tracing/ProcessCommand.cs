using Hatrace.Engine.Decoding;

namespace Hatrace.Engine.Tracing;

/// <summary>A process's command name, the kernel's <c>comm</c> (at most 15 bytes: the executable's file name, or what
/// the process set with prctl(PR_SET_NAME)).</summary>
internal static class ProcessCommand
{
    /// <summary>/proc/PID/comm as <see cref="StraceQuoting.Display"/> shows it (a process names itself); empty when the
    /// process is gone, or the session does not read it (<see cref="TraceSessionOptions.ReadProcessDetails"/>).</summary>
    internal static string Read(int processId, TraceSessionOptions options) => options.ReadProcessDetails ? Read(processId) : "";

    /// <summary>/proc/PID/comm as <see cref="StraceQuoting.Display"/> shows it (a process names itself); empty when the
    /// process is gone.</summary>
    private static string Read(int processId)
    {
        Span<byte> name = stackalloc byte[64];
        int length = ProcFile.Read(processId, "comm", name);
        if (length < 0)
            return "";
        name = name[..length];
        return StraceQuoting.Display(name.EndsWith((byte)'\n') ? name[..^1] : name);
    }
}
