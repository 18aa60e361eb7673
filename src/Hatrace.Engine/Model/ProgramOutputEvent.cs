namespace Hatrace.Engine.Model;

/// <summary>A line the traced program wrote to its standard output or error, when the session captures them
/// (<see cref="Tracing.TraceStartInfo.CaptureOutput"/>). The pipe does not say which of the traced processes wrote
/// it: <see cref="TraceEvent.ProcessId"/> and <see cref="TraceEvent.ThreadId"/> are the program's, and the time is
/// when the line was read.</summary>
public sealed class ProgramOutputEvent : TraceEvent
{
    internal ProgramOutputEvent(int processId, long ticks, ProgramStream stream, string line)
        : base(processId, processId, ticks)
    {
        Stream = stream;
        Line = line;
    }

    /// <summary>Which stream the line came on.</summary>
    public ProgramStream Stream { get; }

    /// <summary>The line, without its newline; the last one may have had none.</summary>
    public string Line { get; }

    /// <inheritdoc/>
    public override string ToString() => Line;
}

/// <summary>The standard stream a program wrote a line to.</summary>
public enum ProgramStream
{
    /// <summary>File descriptor 1.</summary>
    StandardOutput = 1,

    /// <summary>File descriptor 2.</summary>
    StandardError = 2,
}
