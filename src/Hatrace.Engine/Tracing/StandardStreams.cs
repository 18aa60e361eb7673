using Hatrace.Engine.Model;
using Microsoft.Win32.SafeHandles;

namespace Hatrace.Engine.Tracing;

/// <summary>What a program is started with as its standard input, output and error: the files named in
/// <see cref="TraceStartInfo"/>, or with <see cref="TraceStartInfo.CaptureOutput"/> pipes that the session reads, open
/// for as long as the spawn takes: the child gets its own copies, and the tracer's are closed after, but for the read
/// ends of the pipes, which <see cref="TakeCapturedPipes"/> hands over. Everything here is close-on-exec, so no other
/// child inherits it.</summary>
internal sealed class StandardStreams : IDisposable
{
    private readonly SafeFileHandle?[] _handles;
    private List<(ProgramStream Stream, SafeFileHandle Pipe)> _captured;

    private StandardStreams(SafeFileHandle?[] handles, List<(ProgramStream, SafeFileHandle)> captured)
    {
        _handles = handles;
        _captured = captured;
    }

    /// <summary>fds 0, 1 and 2 for the spawn helper (-1 inherits one), or null when all are inherited.</summary>
    internal int[]? Descriptors =>
        _handles.All(h => h is null) ? null : [.. _handles.Select(h => h is null ? -1 : (int)h.DangerousGetHandle())];

    /// <exception cref="TraceStartException">A file cannot be opened or created, or a pipe made.</exception>
    internal static StandardStreams Open(TraceStartInfo start)
    {
        var handles = new SafeFileHandle?[3];
        var captured = new List<(ProgramStream, SafeFileHandle)>();
        try
        {
            // A program whose output is captured must not read what reaches this process's standard input either.
            handles[0] = OpenOne(start, start.StandardInputPath ?? (start.CaptureOutput ? "/dev/null" : null), FileMode.Open, FileAccess.Read);
            handles[1] = OpenOutput(start, start.StandardOutputPath, ProgramStream.StandardOutput, captured);
            // One file for both, as a shell's `>file 2>&1`: two opens of it would write over each other.
            handles[2] = start.StandardErrorPath is { } error && start.StandardOutputPath is { } output && Path.GetFullPath(error) == Path.GetFullPath(output)
                ? handles[1]
                : OpenOutput(start, start.StandardErrorPath, ProgramStream.StandardError, captured);
            return new StandardStreams(handles, captured);
        }
        catch
        {
            foreach (SafeFileHandle? handle in handles)
                handle?.Dispose();
            foreach ((_, SafeFileHandle pipe) in captured)
                pipe.Dispose();
            throw;
        }
    }

    /// <summary>The read ends of the pipes of the captured streams, now the caller's to close.</summary>
    internal List<(ProgramStream Stream, SafeFileHandle Pipe)> TakeCapturedPipes()
    {
        List<(ProgramStream, SafeFileHandle)> captured = _captured;
        _captured = [];
        return captured;
    }

    private static SafeFileHandle? OpenOutput(TraceStartInfo start, string? path, ProgramStream stream, List<(ProgramStream, SafeFileHandle)> captured) =>
        path is not null ? OpenOne(start, path, FileMode.Create, FileAccess.Write)
        : start.CaptureOutput ? OpenPipe(start, stream, captured)
        : null;

    private static SafeFileHandle? OpenOne(TraceStartInfo start, string? path, FileMode mode, FileAccess access)
    {
        if (path is null)
            return null;
        try
        {
            return File.OpenHandle(path, mode, access, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceStartException(TraceStartError.SystemError, start.FileName, $"Could not open '{path}' for the program: {e.Message}");
        }
    }

    // The write end, for the program; the read end goes to captured.
    private static unsafe SafeFileHandle OpenPipe(TraceStartInfo start, ProgramStream stream, List<(ProgramStream, SafeFileHandle)> captured)
    {
        int* ends = stackalloc int[2];
        if (Interop.Libc.Pipe2(ends, Interop.Libc.O_CLOEXEC) != 0)
        {
            int errno = Interop.Errno.Last;
            throw new TraceStartException(TraceStartError.SystemError, start.FileName, $"Could not make a pipe for the program's {stream}: {Interop.Errno.Message(errno)}.", errno);
        }
        captured.Add((stream, new SafeFileHandle(ends[0], ownsHandle: true)));
        return new SafeFileHandle(ends[1], ownsHandle: true);
    }

    public void Dispose()
    {
        foreach (SafeFileHandle? handle in _handles)
            handle?.Dispose();
        foreach ((_, SafeFileHandle pipe) in _captured)
            pipe.Dispose();
    }
}
