using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Hatrace.Cli;

/// <summary>Where the trace goes: stderr, the -o file, the standard input of an -o |COMMAND, or with -ff -o one file
/// per task, FILE.TID, opened when the task first has something to say. Lines are buffered; <see cref="Flush"/> writes
/// them out.</summary>
internal sealed class TraceOutput : IDisposable
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter? _shared;
    private readonly bool _ownsShared;
    private readonly string? _perTaskPrefix;
    private readonly bool _append;
    private readonly Dictionary<int, TextWriter> _perTask = [];
    private readonly Action<string> _report;
    private readonly Process? _command;

    private TraceOutput(TextWriter? shared, bool ownsShared, string? perTaskPrefix, bool append, Action<string> report, bool isTerminal = false,
        Process? command = null)
    {
        _command = command;
        _report = report;
        _shared = shared;
        _ownsShared = ownsShared;
        _perTaskPrefix = perTaskPrefix;
        _append = append;
        IsTerminal = isTerminal;
    }

    /// <summary>Whether the trace goes to a file (strace's -o), not to stderr.</summary>
    public bool IsFile => _ownsShared || _perTaskPrefix is not null;

    /// <summary>Whether each task has a file of its own (-ff -o).</summary>
    public bool IsPerTask => _perTaskPrefix is not null;

    /// <summary>Whether the trace goes to a terminal: stderr, when it is one. Files never count, /dev/tty included:
    /// telling a terminal from a file needs isatty on the file's descriptor, which only the engine's native layer may call.</summary>
    public bool IsTerminal { get; }

    /// <summary>Opens the output the options ask for. A single -o file is opened now, before the program starts.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="stderr">hatrace's stderr.</param>
    /// <param name="stderrIsTerminal">Whether <paramref name="stderr"/> is a terminal.</param>
    /// <param name="report">Says on stderr that a file could not be written (<c>FILE: No space left on device</c>);
    /// the trace goes on, what was not written is lost.</param>
    /// <exception cref="HatraceUsageException">The file cannot be opened: <c>Can't fopen 'FILE': reason</c>.</exception>
    public static TraceOutput Open(StraceOptions options, TextWriter stderr, bool stderrIsTerminal, Action<string> report)
    {
        if (options.OutputFile is not { } file)
            return new TraceOutput(stderr, ownsShared: false, perTaskPrefix: null, append: false, report, stderrIsTerminal);
        if (options.OutputCommand is { } command)
        {
            Process shell = StartCommand(file, command);
            // A command that stops reading loses the rest of the trace, said once; the program goes on, as under strace.
            var input = new GuardedOutputStream(shell.StandardInput.BaseStream, file, report, brokenPipeEnds: false);
            var writer = new StreamWriter(input, s_utf8, bufferSize: 64 * 1024) { NewLine = "\n" };
            return new TraceOutput(writer, ownsShared: true, perTaskPrefix: null, append: false, report, command: shell);
        }
        if (options.OutputSeparately && options.FollowForks)
            return new TraceOutput(null, ownsShared: false, perTaskPrefix: file, append: options.AppendOutput, report);
        return new TraceOutput(OpenFile(file, options.AppendOutput, report), ownsShared: true, perTaskPrefix: null, append: false, report);
    }

    /// <summary>The writer for one task's lines.</summary>
    public TextWriter For(int threadId)
    {
        if (_perTaskPrefix is null)
            return _shared!;
        if (!_perTask.TryGetValue(threadId, out TextWriter? writer))
        {
            writer = OpenFile($"{_perTaskPrefix}.{threadId}", _append, _report);
            _perTask[threadId] = writer;
        }
        return writer;
    }

    /// <summary>The writer for the -c table: the -o file, or stderr (-c and -ff do not go together).</summary>
    public TextWriter Summary => _shared!;

    /// <summary>Writes out what is buffered.</summary>
    public void Flush()
    {
        _shared?.Flush();
        foreach (TextWriter writer in _perTask.Values)
            writer.Flush();
    }

    /// <summary>Flushes, and closes the files this output opened.</summary>
    public void Dispose()
    {
        try
        {
            Flush();
        }
        catch (BrokenPipeException)
        {
            // stderr is a closed pipe: what is lost is lost, the files still get closed.
        }
        if (_ownsShared)
            _shared!.Dispose();
        foreach (TextWriter writer in _perTask.Values)
            writer.Dispose();
        _perTask.Clear();
        // Its input closed, the command reads the end of the trace: hatrace ends after it, as strace's pclose waits.
        _command?.WaitForExit();
        _command?.Dispose();
    }

    // The command run by /bin/sh, as popen runs it, with hatrace's standard output and error.
    private static Process StartCommand(string option, string command)
    {
        try
        {
            return Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardInput = true })!;
        }
        catch (Win32Exception e)
        {
            throw new HatraceUsageException($"Can't popen '{option}': {e.Message}");
        }
    }

    private static StreamWriter OpenFile(string path, bool append, Action<string> report)
    {
        try
        {
            // Unbuffered below the writer's buffer, so that a write that fails fails in the guard.
            var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            return new StreamWriter(new GuardedOutputStream(stream, path, report), s_utf8, bufferSize: 64 * 1024) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // strace's words, from strerror of fopen's errno.
            string reason = Directory.Exists(path) ? "Is a directory"
                : e is UnauthorizedAccessException ? "Permission denied"
                : UnderFile(path) ? "Not a directory"
                : e is DirectoryNotFoundException or FileNotFoundException ? "No such file or directory"
                : e.Message;
            throw new HatraceUsageException($"Can't fopen '{path}': {reason}");
        }
    }

    // Whether a directory the path goes through is a file (or a device): open's ENOTDIR, which .NET reports as a
    // directory not found.
    private static bool UnderFile(string path)
    {
        for (string? parent = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                return true;
        }
        return false;
    }
}
