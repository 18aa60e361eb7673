using System.Globalization;

namespace Hatrace.Engine.Tracing;

/// <summary>The map a JIT writes of the code it generated, which no ELF file describes: /tmp/perf-PID.map, a line per
/// method, <c>START SIZE NAME</c> in hexadecimal, with or without 0x (.NET with DOTNET_PerfMapEnabled=1, node with
/// --perf-basic-prof, the JVM with an agent). Read again when it has grown, as the JIT adds a line for each method it compiles.</summary>
internal sealed class PerfMap(int processId)
{
    private readonly string _path = $"/tmp/perf-{processId}.map";
    private long _length;
    private (ulong Start, ulong End, string Name)[] _methods = [];

    /// <summary>The method whose code holds <paramref name="address"/>, and where that code starts; null when none does.</summary>
    internal (string Name, ulong Start)? Find(ulong address)
    {
        Refresh();
        int low = 0, high = _methods.Length - 1, found = -1;
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

    private static bool TryParseHex(string text, out ulong value) =>
        ulong.TryParse(text.StartsWith("0x", StringComparison.Ordinal) ? text.AsSpan(2) : text, NumberStyles.AllowHexSpecifier,
            CultureInfo.InvariantCulture, out value);

    private void Refresh()
    {
        var file = new FileInfo(_path);
        if (!file.Exists || file.Length == _length)
            return;
        var methods = new List<(ulong, ulong, string)>();
        try
        {
            foreach (string line in File.ReadLines(_path))
            {
                string[] parts = line.Split(' ', 3);
                // The last line may be half written: what does not read is left for the next time.
                if (parts.Length == 3 && TryParseHex(parts[0], out ulong start) && TryParseHex(parts[1], out ulong size))
                    methods.Add((start, start + size, parts[2]));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        methods.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        _methods = [.. methods];
        _length = file.Length;
    }
}
