using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced process replaced its program with execve.</summary>
public sealed class ProcessExecEvent : TraceEvent
{
    internal ProcessExecEvent(int processId, long ticks, string path, IReadOnlyList<string> arguments, int formerThreadId)
        : base(processId, processId, ticks)
    {
        Path = path;
        Arguments = arguments;
        FormerThreadId = formerThreadId;
    }

    /// <summary>The program's path as execve was given it.</summary>
    public string Path { get; }

    /// <summary>The program's argv.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The thread that called execve: the process id, unless a thread other than the main one did
    /// (that thread then takes the process id as its own).</summary>
    public int FormerThreadId { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
