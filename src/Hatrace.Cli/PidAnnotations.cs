using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>What strace adds after a pid it prints: with -Y the process's name (<c>42&lt;sh&gt;</c>), with
/// --pidns-translation, for a program in a pid namespace of its own, the pid in the tracer's namespace
/// (<c>1 /* 4242 in strace's PID NS */</c>, strace's words, so that text made for strace's reader reads the same).
/// strace reads both from /proc when it prints the line. Here a line prints a little after its event, when a process
/// may be gone, so the session keeps what it saw of its traced tasks: their names at their latest events (so a process
/// a wait reaped still has its name, where strace shows none) and their namespaces.</summary>
/// <param name="names">The names the session kept (<see cref="TraceSession.ProcessName"/>), or null without -Y.</param>
/// <param name="translate">The session's translation (<see cref="TraceSession.TranslateProcessId"/>), or null without
/// --pidns-translation.</param>
internal sealed class PidAnnotations(Func<int, string?>? names, Func<int, int, int?>? translate)
{
    /// <summary>The task whose event is printed: the pids in it are in that task's namespace.</summary>
    public int Task { get; set; }

    /// <summary>The pid as it shows (<paramref name="shown"/>), and what the options add after it.</summary>
    public string Annotate(int id, string shown)
    {
        int own = id;
        string translation = "";
        if (translate?.Invoke(Task, id) is int translated)
        {
            own = translated;
            translation = $" /* {translated} in strace's PID NS */";
        }
        return Name(own) is { } name ? $"{shown}<{name}>{translation}" : shown + translation;
    }

    /// <summary>A process's or thread's name, as -Y shows it; null without -Y or where there is none.</summary>
    public string? Name(int task)
    {
        if (names is null)
            return null;
        if (names(task) is { } kept)
            return kept;
        try
        {
            return File.ReadAllText($"/proc/{task}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
