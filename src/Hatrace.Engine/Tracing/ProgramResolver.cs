namespace Hatrace.Engine.Tracing;

/// <summary>Finds the file execvp would run, so that a missing or unrunnable program is an error before anything starts.
/// Returns the path to give execve: a name found in PATH becomes that directory's file; a path stays as given.</summary>
internal static class ProgramResolver
{
    internal static string Resolve(string fileName, string workingDirectory, string? searchPath)
    {
        if (fileName.Length == 0)
            throw new TraceStartException(TraceStartError.ProgramNotFound, fileName, "The program name is empty.");
        // A path runs as given, as strace shows it: the child calls execve in the working directory, where the
        // check below found it.
        if (fileName.Contains('/'))
        {
            Check(fileName, Path.GetFullPath(fileName, workingDirectory));
            return fileName;
        }

        TraceStartException? firstRefusal = null;
        foreach (string directory in (searchPath ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            // An empty PATH entry means the current directory, as for execvp.
            string candidate = Path.Combine(Path.GetFullPath(directory.Length == 0 ? "." : directory, workingDirectory), fileName);
            if (!File.Exists(candidate))
                continue;
            try
            {
                return Check(fileName, candidate);
            }
            catch (TraceStartException refused)
            {
                firstRefusal ??= refused;
            }
        }
        throw firstRefusal ?? new TraceStartException(TraceStartError.ProgramNotFound, fileName,
            $"The program '{fileName}' was not found in PATH.", Interop.Errno.ENOENT);
    }

    private static string Check(string fileName, string path)
    {
        if (Directory.Exists(path))
            throw new TraceStartException(TraceStartError.IsDirectory, fileName, $"'{path}' is a directory, not a program.", Interop.Errno.EACCES);
        if (!File.Exists(path))
            throw new TraceStartException(TraceStartError.ProgramNotFound, fileName, $"The program '{path}' does not exist.", Interop.Errno.ENOENT);
        if (Interop.Libc.Access(path, Interop.Libc.X_OK) != 0)
            throw new TraceStartException(TraceStartError.NotExecutable, fileName, $"The program '{path}' is not executable.", Interop.Errno.Last);
        return path;
    }
}
