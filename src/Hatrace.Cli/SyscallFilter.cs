using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>Which events reach the output: <c>-e trace=</c> (applied by the engine, so that other calls cost no
/// decoding), <c>-P</c>, <c>-e status=</c> with <c>-z</c> and <c>-Z</c>, and <c>-e signal=</c>.</summary>
internal sealed class SyscallFilter
{
    private const int MaxSymlinkDepth = 40;

    private readonly StraceOptions _options;
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    /// <summary>Resolves the -P paths, telling <paramref name="messages"/> where one resolves to another path, as strace does.</summary>
    public SyscallFilter(StraceOptions options, Action<string> messages)
    {
        _options = options;
        foreach (string path in options.Paths)
        {
            _paths.Add(path);
            // strace matches the path as given and, when it is a symbolic link or not canonical, the file it names.
            if (RealPath(path, 0) is { } real && real != path)
            {
                _paths.Add(real);
                if ((options.Quiet & QuietMessages.PathResolution) == 0)
                    messages($"Requested path \"{path}\" resolved into \"{real}\"");
            }
        }
    }

    /// <summary>The calls the engine should trace, or null for all of them (unknown numbers included):
    /// <c>-e trace=</c>'s, without the runtime's noise when <c>--exclude-runtime-noise</c> asks.</summary>
    public Func<SyscallDefinition, bool>? Syscalls
    {
        get
        {
            Func<SyscallDefinition, bool>? chosen = _options.Trace.IsAll ? null : _options.Trace.Contains;
            return _options.ExcludeRuntimeNoise ? SyscallClasses.ExceptRuntimeNoise(chosen) : chosen;
        }
    }

    /// <summary>-P: whether the call takes one of the paths (all calls do when there is no -P). strace also matches
    /// descriptors open on the path; the engine does not track descriptors yet, so only path arguments count.</summary>
    public bool MatchesPaths(SyscallEvent call) => MatchesPaths(call.Arguments);

    /// <summary>-P, at a call's entry: whether one of the arguments decided then is one of the paths.</summary>
    public bool MatchesPaths(IEnumerable<SyscallArgument> arguments)
    {
        if (_paths.Count == 0)
            return true;
        foreach (SyscallArgument argument in arguments)
        {
            if (argument.Kind == ArgumentKind.Path && argument.Value is string path && _paths.Contains(path))
                return true;
        }
        return false;
    }

    /// <summary>-e status=, -z, -Z: whether the call ended in a way to show.</summary>
    public bool MatchesStatus(SyscallEvent call)
    {
        CallStatus status = call.IsUnfinished ? CallStatus.Unfinished
            : call.ErrnoValue != 0 ? CallStatus.Failed
            : CallStatus.Successful;
        return (_options.Status & status) != 0;
    }

    /// <summary>-e signal=: whether deliveries of (and deaths by) this signal are shown.</summary>
    public bool MatchesSignal(int signal) => _options.Signals.Contains(signal);

    // realpath(3): the absolute path with every symbolic link resolved, or null when some part does not exist.
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
                    current = Path.GetDirectoryName(current) ?? "/";
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
