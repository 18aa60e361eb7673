using Microsoft.Win32.SafeHandles;

namespace Hatrace.Engine.Tracing;

/// <summary>The files a program is started with as its standard input, output and error
/// (<see cref="TraceStartInfo.StandardInputPath"/> and the others), open for as long as the spawn takes: the child
/// gets its own copies, and the tracer's are closed after. .NET opens them close-on-exec, so no other child
/// inherits them.</summary>
internal sealed class StandardStreams : IDisposable
{
    private readonly SafeFileHandle?[] _handles;

    private StandardStreams(SafeFileHandle?[] handles) => _handles = handles;

    /// <summary>fds 0, 1 and 2 for the spawn helper (-1 inherits one), or null when all are inherited.</summary>
    internal int[]? Descriptors =>
        _handles.All(h => h is null) ? null : [.. _handles.Select(h => h is null ? -1 : (int)h.DangerousGetHandle())];

    /// <exception cref="TraceStartException">A file cannot be opened or created.</exception>
    internal static StandardStreams Open(TraceStartInfo start)
    {
        var handles = new SafeFileHandle?[3];
        try
        {
            handles[0] = OpenOne(start, start.StandardInputPath, FileMode.Open, FileAccess.Read);
            handles[1] = OpenOne(start, start.StandardOutputPath, FileMode.Create, FileAccess.Write);
            handles[2] = OpenOne(start, start.StandardErrorPath, FileMode.Create, FileAccess.Write);
            return new StandardStreams(handles);
        }
        catch
        {
            foreach (SafeFileHandle? handle in handles)
                handle?.Dispose();
            throw;
        }
    }

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

    public void Dispose()
    {
        foreach (SafeFileHandle? handle in _handles)
            handle?.Dispose();
    }
}
