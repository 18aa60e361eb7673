namespace Hatrace.Engine.Tracing;

/// <summary>Why a program could not be started under the tracer.</summary>
public enum TraceStartError
{
    /// <summary>No such file, or no such program in PATH.</summary>
    ProgramNotFound,

    /// <summary>The program is a directory.</summary>
    IsDirectory,

    /// <summary>The program exists but may not be executed, or is no format the kernel runs.</summary>
    NotExecutable,

    /// <summary>The working directory does not exist or cannot be entered.</summary>
    WorkingDirectoryNotFound,

    /// <summary>The kernel refused to let this process trace the program (ptrace_scope, capabilities, seccomp).</summary>
    PermissionDenied,

    /// <summary>There is no process with the id given to attach to.</summary>
    ProcessNotFound,

    /// <summary>The user the program should run as is not in the user database.</summary>
    UserNotFound,

    /// <summary>A system call that starting the program needed failed.</summary>
    SystemError,
}

/// <summary>A program could not be started under the tracer. Nothing was left running.</summary>
public sealed class TraceStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TraceStartException(TraceStartError error, string program, string message, int errno = 0)
        : base(message)
    {
        Error = error;
        Program = program;
        ErrnoValue = errno;
    }

    /// <summary>What went wrong.</summary>
    public TraceStartError Error { get; }

    /// <summary>The program as the caller named it.</summary>
    public string Program { get; }

    /// <summary>The errno behind the failure, or 0.</summary>
    public int ErrnoValue { get; }
}
