using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>Which events reach the output: <c>-e trace=</c>, <c>-P</c> (applied by the engine, so that other calls
/// cost no decoding), <c>-e status=</c> with <c>-z</c> and <c>-Z</c> (by the engine too unless -c counts every call),
/// and <c>-e signal=</c>.</summary>
internal sealed class SyscallFilter
{
    private readonly StraceOptions _options;

    /// <summary>Tells <paramref name="messages"/> where a -P path resolves to another path, as strace does.</summary>
    public SyscallFilter(StraceOptions options, Action<string> messages)
    {
        _options = options;
        foreach (string path in options.Paths)
        {
            // strace matches the path as given and, when it is a symbolic link or not canonical, the file it names.
            if (CallFilter.ResolvePath(path) is { } real && real != path && (options.Quiet & QuietMessages.PathResolution) == 0)
                messages($"Requested path \"{path}\" resolved into \"{real}\"");
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

    /// <summary>What the engine filters before decoding: -P's paths (taken literally, and following descriptors), and
    /// the statuses to show unless -c counts every call whatever its status.</summary>
    public CallFilter Calls => new()
    {
        Paths = [.. _options.Paths.Select(CallFilter.EscapePath)],
        Status = _options.Summary != SummaryMode.None ? SyscallStatus.All : _options.Status,
    };

    /// <summary>-e status=, -z, -Z: whether the call ended in a way to show.</summary>
    public bool MatchesStatus(SyscallEvent call) => (_options.Status & CallFilter.StatusOf(call)) != 0;

    /// <summary>-e signal=: whether deliveries of (and deaths by) this signal are shown.</summary>
    public bool MatchesSignal(int signal) => _options.Signals.Contains(signal);
}
