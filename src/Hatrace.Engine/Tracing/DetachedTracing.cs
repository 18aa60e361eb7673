using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hatrace.Engine.Tracing;

/// <summary>How far a tracer started by <see cref="DetachedTracing.ExecBesideTracer"/> stands from the program's
/// process: strace's -D, -DD and -DDD.</summary>
public enum DetachedTracerIsolation
{
    /// <summary>A grandchild in the caller's process group and session: a Ctrl+C reaches it too (-D).</summary>
    Grandchild = 1,

    /// <summary>In a process group of its own: signals sent to the program's group miss it (-DD).</summary>
    ProcessGroup = 2,

    /// <summary>In a session of its own, without the terminal (-DDD).</summary>
    Session = 3,
}

/// <summary>strace's -D: the program runs as the calling process itself, so that it stays the child of whatever
/// started the caller (a shell waits for it, gets its exit status and its job control), and a second tracer process,
/// started beside it, attaches to it before its execve and traces it from there.</summary>
public static class DetachedTracing
{
    /// <summary>The environment variable through which <see cref="ExecBesideTracer"/> names, to the tracer it starts,
    /// the process to attach.</summary>
    public const string TraceeVariable = "HATRACE_DETACHED_TRACEE";

    private const int ReadyDescriptor = 3; // hatrace_spawn.h: where the tracer finds the pipe that releases the program

    /// <summary>Starts <paramref name="tracerCommand"/> (a program's absolute path, then its arguments) as a tracer
    /// beside this process, waits until it has attached to this process through <see cref="AttachToStarter"/>, and
    /// then replaces this process with the program, which keeps this process's id, parent and standard streams. Call
    /// it on the process's main thread, which the tracer attaches to.</summary>
    /// <exception cref="TraceStartException">The program is missing or could not run, or its user is unknown, or the
    /// tracer ended without attaching, or this is not the main thread (EINVAL): this process goes on as it was.</exception>
    [DoesNotReturn]
    public static void ExecBesideTracer(TraceStartInfo start, IReadOnlyList<string> tracerCommand, DetachedTracerIsolation isolation)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(tracerCommand);
        if (tracerCommand.Count == 0 || !Path.IsPathFullyQualified(tracerCommand[0]))
            throw new ArgumentException("The tracer command starts with an absolute path.", nameof(tracerCommand));
        string directory = start.WorkingDirectory ?? Directory.GetCurrentDirectory();
        (string program, string[] environment) = TraceSession.Resolve(start, directory);
        Interop.HatraceNative.Credentials? credentials = ProgramUser.Resolve(start);
        // The tracer's environment is this process's, and the variable that names this process to it.
        var tracer = new TraceStartInfo
        {
            FileName = tracerCommand[0],
            Environment = new Dictionary<string, string?> { [TraceeVariable] = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture) },
        };
        (string tracerPath, string[] tracerEnvironment) = TraceSession.Resolve(tracer, directory);
        string before = Directory.GetCurrentDirectory();
        if (start.WorkingDirectory is not null)
            Directory.SetCurrentDirectory(start.WorkingDirectory);
        int failed = Interop.HatraceNative.ExecBesideTracer(program, [start.FileName, .. start.Arguments], environment,
            tracerPath, tracerCommand, tracerEnvironment, (int)isolation, InterruptSignals.InheritedIgnored(), credentials);
        Directory.SetCurrentDirectory(before);
        throw failed < 0
            ? new TraceStartException(TraceStartError.SystemError, start.FileName, "The tracer ended before it attached.")
            : Tracer.ExecFailure(start.FileName, failed);
    }

    /// <summary>Whether this process is a tracer that <see cref="ExecBesideTracer"/> started.</summary>
    public static bool StartedAsTracer => StarterId is not null;

    private static int? StarterId =>
        int.TryParse(System.Environment.GetEnvironmentVariable(TraceeVariable), NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null;

    /// <summary>In a tracer that <see cref="ExecBesideTracer"/> started: attaches to the process that started it (and to
    /// <paramref name="alsoAttach"/>, as <see cref="TraceSession.Attach"/> does), lets it go on to run its program, and
    /// returns the session, whose calls of that process start with the program's execve.</summary>
    /// <exception cref="InvalidOperationException">This process was not started so (<see cref="StartedAsTracer"/>).</exception>
    /// <exception cref="TraceStartException">A process could not be traced; the starter ends without running its program.</exception>
    public static TraceSession AttachToStarter(IReadOnlyList<int> alsoAttach, TraceSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alsoAttach);
        int starter = StarterId ?? throw new InvalidOperationException($"This process was not started as a tracer ({TraceeVariable} is not set).");
        System.Environment.SetEnvironmentVariable(TraceeVariable, null); // not for what this tracer starts in turn
        TraceSession session = TraceSession.AttachBeforeExec([starter, .. alsoAttach.Where(id => id != starter)], options);
        Interop.HatraceNative.Release(ReadyDescriptor);
        return session;
    }
}
