namespace Hatrace.Cmdlets;

/// <summary>One process of a trace, in the tree of who started whom (Get-TracedProcessTree).</summary>
public sealed class TracedProcess
{
    internal TracedProcess(int processId, int parentProcessId, string commandName)
    {
        ProcessId = processId;
        ParentProcessId = parentProcessId;
        CommandName = commandName;
    }

    /// <summary>The process's id.</summary>
    public int ProcessId { get; }

    /// <summary>The process that started it (for the root of the trace, the tracer's own process).</summary>
    public int ParentProcessId { get; internal set; }

    /// <summary>The parent, when it is in the trace too; null for a root.</summary>
    public TracedProcess? Parent { get; internal set; }

    /// <summary>How far down the tree it is: 0 for a root.</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>The command name: the last program's (<c>ls</c>), or the parent's for a process that never exec'd.</summary>
    public string CommandName { get; internal set; }

    /// <summary>The path of the last program the process ran with execve; null when it ran none.</summary>
    public string? Executable { get; internal set; }

    /// <summary>That program's argv; empty when it ran none.</summary>
    public IReadOnlyList<string> Arguments { get; internal set; } = [];

    /// <summary>Every program the process ran, in order (a shell that execs its last command runs two).</summary>
    public List<string> Executables { get; } = [];

    /// <summary>The exit code, when the process exited.</summary>
    public int? ExitCode { get; internal set; }

    /// <summary>The name of the signal that killed it (<c>SIGKILL</c>), when one did.</summary>
    public string? Signal { get; internal set; }

    /// <summary>The status a shell reports: the exit code, or 128 plus the signal; null when the trace did not see it end.</summary>
    public int? ExitStatus { get; internal set; }

    /// <summary>The processes it started, in the order they started.</summary>
    public List<TracedProcess> Children { get; } = [];

    /// <summary>What it ran, as a command line: argv, quoted where needed; the command name when it ran nothing.</summary>
    public string CommandLine => Arguments.Count == 0 ? CommandName : string.Join(' ', Arguments.Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or ';' or '&' or '|')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <inheritdoc/>
    public override string ToString() => $"{ProcessId} {CommandLine}";
}
