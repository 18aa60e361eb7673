using System.Collections.Concurrent;
using System.Threading.Channels;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tracing;

/// <summary>Where a backend's events go: into the session's channel, waiting while the reader is behind until the session
/// stops; on the way, each event's thread's name and pid namespace are noted where the session asks for them
/// (<see cref="TraceSessionOptions.ProcessNames"/>, <see cref="TraceSessionOptions.PidNamespaces"/>).</summary>
internal sealed class EventWriter(ChannelWriter<TraceEvent> events, TraceSessionOptions options, CancellationToken stopping)
{
    private readonly ConcurrentDictionary<int, string>? _names = options.ProcessNames ? new() : null;

    /// <summary>The traced threads' pid namespaces, or null.</summary>
    internal PidNamespaces? Namespaces { get; } = options.PidNamespaces ? new() : null;

    /// <summary>A traced thread's name at its latest event, or null.</summary>
    internal string? ProcessName(int threadId) => _names?.GetValueOrDefault(threadId);

    /// <summary>The profile the started program runs under, or null.</summary>
    internal SeccompProfile? Profile { get; set; }

    internal void Write(TraceEvent e)
    {
        if (Profile is not null && e is SyscallEvent call)
            call.DeniedByProfile = Profile.Denied(call);
        if (_names is not null)
            RecordName(e.ThreadId);
        Namespaces?.Record(e.ThreadId);
        if (events.TryWrite(e))
            return;
        try
        {
            // The reader is behind: the ptrace backend's tracees stay stopped until it catches up, or until the session stops.
            events.WriteAsync(e, stopping).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    // The thread is stopped, or a zombie for its exit, or (the eBPF backend) maybe gone: its name is read if still there.
    private void RecordName(int threadId)
    {
        try
        {
            _names![threadId] = File.ReadAllText($"/proc/{threadId}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
