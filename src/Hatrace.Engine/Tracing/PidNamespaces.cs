using System.Collections.Concurrent;
using System.Globalization;

namespace Hatrace.Engine.Tracing;

/// <summary>Which pid namespace each traced thread is in, and what it calls itself there, for
/// <see cref="TraceSession.TranslateProcessId"/> (strace's --pidns-translation). Both are read once, at a thread's
/// first event: a thread never changes namespace, and a pid seen in a call is translated only when it is printed,
/// when the thread behind it may be gone.</summary>
internal sealed class PidNamespaces
{
    private static readonly string? s_own = NamespaceOf("self");
    private readonly ConcurrentDictionary<int, (string? Namespace, int InnerId)> _threads = new();

    /// <summary>Notes the thread's namespace and its id there, the first time it is seen. On the tracer thread.</summary>
    public void Record(int threadId)
    {
        if (_threads.ContainsKey(threadId))
            return;
        string id = threadId.ToString(CultureInfo.InvariantCulture);
        _threads[threadId] = (NamespaceOf(id), InnerId(id) ?? threadId);
    }

    /// <summary>The id in this process's namespace of the process the thread calls <paramref name="id"/>, when the
    /// thread is in another namespace; null when it is in this one, or nothing is known of either.</summary>
    public int? Translate(int threadId, int id)
    {
        if (!_threads.TryGetValue(threadId, out var observer) || observer.Namespace is null || observer.Namespace == s_own)
            return null;
        foreach ((int thread, (string? space, int inner)) in _threads)
        {
            if (inner == id && space == observer.Namespace)
                return thread;
        }
        return FindLive(observer.Namespace, id);
    }

    // A process the trace does not hold: the one whose namespace is that and whose id there is id, if it is there now.
    private static int? FindLive(string space, int id)
    {
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            string name = Path.GetFileName(directory);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int process)
                && InnerId(name) == id && NamespaceOf(name) == space)
                return process;
        }
        return null;
    }

    private static string? NamespaceOf(string process)
    {
        try
        {
            return File.ResolveLinkTarget($"/proc/{process}/ns/pid", returnFinalTarget: false)?.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // The last of status's NSpid ids: the process's id in its own namespace.
    private static int? InnerId(string process)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{process}/status").FirstOrDefault(l => l.StartsWith("NSpid:", StringComparison.Ordinal));
            string? last = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[^1];
            return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
