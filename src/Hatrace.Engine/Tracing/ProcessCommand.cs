namespace Hatrace.Engine.Tracing;

/// <summary>A process's command name, the kernel's <c>comm</c> (at most 15 bytes: the executable's file name, or what
/// the process set with prctl(PR_SET_NAME)).</summary>
internal static class ProcessCommand
{
    /// <summary>/proc/PID/comm; empty when the process is gone.</summary>
    internal static string Read(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
