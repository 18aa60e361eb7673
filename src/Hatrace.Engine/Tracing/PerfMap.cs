using System.Globalization;
using System.Text;

namespace Hatrace.Engine.Tracing;

/// <summary>The map a JIT writes of the code it generated, which no ELF file describes: /tmp/perf-PID.map, a line per
/// method, <c>START SIZE NAME</c> in hexadecimal, with or without 0x (.NET with DOTNET_PerfMapEnabled=1, node with
/// --perf-basic-prof, the JVM with an agent). The JIT only appends to it: what was added is read when an address is not
/// found, and a map older than the process (left by an earlier process of the same pid) is not read.</summary>
internal sealed class PerfMap(int processId)
{
    private readonly string _path = $"/tmp/perf-{processId}.map";
    private readonly List<(ulong Start, ulong End, string Name)> _methods = [];
    private long _read;
    private DateTime? _processStart;

    /// <summary>The method whose code holds <paramref name="address"/>, and where that code starts; null when none does.</summary>
    internal (string Name, ulong Start)? Find(ulong address) => Lookup(address) ?? (ReadAdded() ? Lookup(address) : null);

    private (string Name, ulong Start)? Lookup(ulong address)
    {
        int low = 0, high = _methods.Count - 1, found = -1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (_methods[middle].Start <= address)
                (found, low) = (middle, middle + 1);
            else
                high = middle - 1;
        }
        return found >= 0 && address < _methods[found].End ? (_methods[found].Name, _methods[found].Start) : null;
    }

    // Reads the lines added since the last time; whether there were any.
    private bool ReadAdded()
    {
        var file = new FileInfo(_path);
        if (!file.Exists || file.Length <= _read || file.LastWriteTimeUtc < (_processStart ??= ProcessStart()))
            return false;
        string added;
        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Position = _read;
            var bytes = new byte[file.Length - _read];
            stream.ReadExactly(bytes);
            // A last line still being written is read the next time.
            int complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            added = Encoding.UTF8.GetString(bytes, 0, complete);
            _read += complete;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        foreach (string line in added.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ', 3);
            if (parts.Length == 3 && TryParseHex(parts[0], out ulong start) && TryParseHex(parts[1], out ulong size))
                _methods.Add((start, start + size, parts[2]));
        }
        // Code the JIT freed and used again for another method: the later line is the one that holds now.
        var latest = new Dictionary<ulong, (ulong, ulong, string)>();
        foreach (var method in _methods)
            latest[method.Start] = method;
        _methods.Clear();
        _methods.AddRange(latest.Values.OrderBy(m => m.Item1));
        return true;
    }

    private static bool TryParseHex(string text, out ulong value) =>
        ulong.TryParse(text.StartsWith("0x", StringComparison.Ordinal) ? text.AsSpan(2) : text, NumberStyles.AllowHexSpecifier,
            CultureInfo.InvariantCulture, out value);

    // When the process started: the boot time (/proc/stat's btime) plus its start in clock ticks (/proc/PID/stat's 22nd
    // field, 100 a second on Linux), to the second; the Unix epoch when it cannot be read.
    private DateTime ProcessStart()
    {
        try
        {
            if (ProcessStat.Field(processId, 22) is not long ticks)
                return DateTime.UnixEpoch;
            long boot = long.Parse(File.ReadLines("/proc/stat").First(l => l.StartsWith("btime ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
            return DateTime.UnixEpoch.AddSeconds(boot + ticks / 100 - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return DateTime.UnixEpoch;
        }
    }
}
