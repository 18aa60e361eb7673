using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>Which of the chosen syscalls (<see cref="TraceSessionOptions.Syscalls"/>) become events, by what they touch
/// and how they end. The tracer applies it before decoding: paths, descriptors and strings are read from the stopped
/// thread's registers and memory, so a call the filter rejects is never decoded and costs no event. Every condition
/// set must hold; a filter with none set passes every call.</summary>
public sealed class CallFilter
{
    private const int MaxSymlinkDepth = 40;

    /// <summary>Paths a call must take (strace's <c>-P</c>): a path argument, or a file descriptor argument open on the
    /// path when the call is entered. <c>*</c> and <c>?</c> are wildcards (<c>\</c> escapes them), as in
    /// <see cref="Tampering.SyscallFault.PathPattern"/>; a path without wildcards also matches the file it names once
    /// symbolic links are resolved (<see cref="ResolvePath"/>). Paths are compared as the program gives them, relative
    /// ones included. Empty for any path.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>File descriptors one of a call's descriptor arguments must be (as given, before the call runs; the
    /// descriptor a call returns does not count). Empty for any call.</summary>
    public IReadOnlyCollection<int> Descriptors { get; init; } = [];

    /// <summary>How a call must have ended: at its exit, after fault rules changed its result.</summary>
    public SyscallStatus Status { get; init; } = SyscallStatus.All;

    /// <summary>Text (compared as UTF-8 bytes) one of the call's strings or buffers must contain, whole, whatever
    /// <see cref="TraceSessionOptions.StringLength"/> shows: paths and other strings, argv and envp, and the data a call
    /// reads from the program (write's buffer) when it is entered; the data a call gives the program (read's buffer, as
    /// many bytes as it returned) when it returns. A call that matches only by its output is known to match only then:
    /// it has no <see cref="Model.SyscallEntryEvent"/> and no entry hook. Null for any call.</summary>
    public string? Contains { get; init; }

    /// <summary>Whether no condition is set.</summary>
    internal bool PassesAll => Paths.Count == 0 && Descriptors.Count == 0 && Status == SyscallStatus.All && Contains is null;

    /// <summary>How <paramref name="call"/> ended: detached when the session let its thread go inside it, unfinished
    /// when it otherwise never returned, failed when it returned an errno.</summary>
    public static SyscallStatus StatusOf(SyscallEvent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.IsDetached ? SyscallStatus.Detached
            : call.IsUnfinished ? SyscallStatus.Unfinished
            : call.ErrnoValue != 0 ? SyscallStatus.Failed
            : SyscallStatus.Successful;
    }

    /// <summary><paramref name="path"/> as a pattern of <see cref="Paths"/> that matches only itself: <c>*</c>, <c>?</c> and
    /// <c>\</c> escaped.</summary>
    public static string EscapePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var escaped = new System.Text.StringBuilder(path.Length);
        foreach (char c in path)
            escaped.Append(c is '*' or '?' or '\\' ? "\\" + c : c);
        return escaped.ToString();
    }

    /// <summary>The path a pattern of <see cref="Paths"/> stands for when it has no wildcard, unescaped; null when it has one.</summary>
    internal static string? LiteralPath(string pattern)
    {
        var literal = new System.Text.StringBuilder(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] is '*' or '?')
                return null;
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
                i++;
            literal.Append(pattern[i]);
        }
        return literal.ToString();
    }

    /// <summary>The absolute path <paramref name="path"/> names with every symbolic link resolved (realpath(3), from the
    /// current directory); null when some part of it does not exist.</summary>
    public static string? ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return RealPath(path, 0);
    }

    private static string? RealPath(string path, int depth)
    {
        if (depth > MaxSymlinkDepth || path.Length == 0)
            return null;
        string current = path.StartsWith('/') ? "/" : Directory.GetCurrentDirectory();
        try
        {
            foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == ".")
                    continue;
                if (part == "..")
                {
                    current = System.IO.Path.GetDirectoryName(current) ?? "/";
                    continue;
                }
                string next = current == "/" ? "/" + part : current + "/" + part;
                var info = new FileInfo(next);
                if (info.LinkTarget is string target)
                {
                    string? resolved = RealPath(target.StartsWith('/') ? target : current + "/" + target, depth + 1);
                    if (resolved is null)
                        return null;
                    current = resolved;
                }
                else if (info.Exists || Directory.Exists(next))
                {
                    current = next;
                }
                else
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return current;
    }
}
