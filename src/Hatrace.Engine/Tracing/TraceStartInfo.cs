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

    /// <summary>A file the program reads as its standard input; this process's own when null.</summary>
    public string? StandardInputPath { get; init; }

    /// <summary>A file, created or truncated, that receives the program's standard output; this process's own when null.</summary>
    public string? StandardOutputPath { get; init; }

    /// <summary>A file, created or truncated, that receives the program's standard error; this process's own when null.
    /// The same file as <see cref="StandardOutputPath"/> receives both, in the order they are written.</summary>
    public string? StandardErrorPath { get; init; }

    /// <summary>Whether the program's standard output and error, where no file is given for them, come back as
    /// <see cref="Model.ProgramOutputEvent"/> lines among the session's events instead of going to this process's own
    /// standard streams, which may not be the user's: in a PowerShell job or remote session they carry PowerShell's
    /// own protocol. The program's standard input is then /dev/null, unless <see cref="StandardInputPath"/> names a file.</summary>
    public bool CaptureOutput { get; init; }

    /// <summary>The user the program runs as, with that user's group and supplementary groups from the user database
    /// (strace -u); this process's own when null. Taking another user's identity needs root.</summary>
    public string? UserName { get; init; }

    /// <summary>A seccomp profile the program runs under, installed with its filter just before execve as a container
    /// runtime would; null for none. The calls it denies show as records with
    /// <see cref="Model.SyscallEvent.DeniedByProfile"/> set. The session then stops at every call instead of filtering
    /// in the kernel: a call the profile fails never reaches a tracing filter.</summary>
    public SeccompProfile? SeccompProfile { get; init; }
}
