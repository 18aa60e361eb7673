using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced process replaced its program with execve. Under ptrace its path, arguments and command name are
/// empty where the session does not read them (<see cref="Tracing.TraceSessionOptions.ReadProcessDetails"/>).</summary>
public sealed class ProcessExecEvent : TraceEvent
{
    internal ProcessExecEvent(int processId, long ticks, string path, IReadOnlyList<string> arguments, int formerThreadId,
        string commandName)
        : base(processId, processId, ticks)
    {
        Path = path;
        Arguments = arguments;
        FormerThreadId = formerThreadId;
        CommandName = commandName;
    }

    /// <summary>The program's path as execve was given it; escaped as <see cref="SyscallArgument.Value"/>'s strings are.</summary>
    public string Path { get; }

    /// <summary>The process's command name after the exec, as /proc/PID/comm gives it (<c>cat</c>): the new program's
    /// file name, cut to 15 bytes by the kernel; escaped as <see cref="SyscallArgument.Value"/>'s strings are.</summary>
    public string CommandName { get; }

    /// <summary>The program's argv; escaped as <see cref="SyscallArgument.Value"/>'s strings are.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The thread that called execve: the process id, unless a thread other than the main one did
    /// (that thread then takes the process id as its own).</summary>
    public int FormerThreadId { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
