namespace Hatrace.Engine.Tracing;

/// <summary>What to run under the tracer.</summary>
public sealed class TraceStartInfo
{
    /// <summary>The program: a path, or a name looked up in PATH as execvp does.</summary>
    public required string FileName { get; init; }

    /// <summary>The arguments after argv[0].</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The directory the program starts in; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, remove) on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
