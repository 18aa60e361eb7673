namespace Hatrace.Engine.Constants;

/// <summary>A table of named numbers read from one of the Constants/Data/*.txt files: lines of
/// "value, tab, name", with # comments. Values may be decimal, 0x hex or 0-prefixed octal.</summary>
internal sealed class ConstantTable : Model.IConstantNames
{
    private readonly Dictionary<long, string> _names = [];
    private readonly Dictionary<string, long> _values = new(StringComparer.OrdinalIgnoreCase);

    private ConstantTable(IEnumerable<(long Value, string Name)> rows)
    {
        foreach ((long value, string name) in rows)
        {
            _names.TryAdd(value, name);
            _values.TryAdd(name, value);
            Entries.Add((value, name));
        }
    }

    /// <summary>The rows in file order.</summary>
    internal List<(long Value, string Name)> Entries { get; } = [];

    internal string? NameOf(long value) => _names.GetValueOrDefault(value);

    string? Model.IConstantNames.NameOf(long value) => NameOf(value);

    internal bool TryGetValue(string name, out long value) => _values.TryGetValue(name, out value);

    internal static ConstantTable Load(string table)
    {
        using Stream stream = typeof(ConstantTable).Assembly.GetManifestResourceStream(table + ".txt")
            ?? throw new InvalidOperationException($"The constant table {table}.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return new ConstantTable(Parse(reader.ReadToEnd()));
    }

    internal static IEnumerable<(long Value, string Name)> Parse(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] fields = line.Split('\t', StringSplitOptions.TrimEntries);
            yield return (ParseNumber(fields[0]), fields[1]);
        }
    }

    private static long ParseNumber(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Convert.ToInt64(text[2..], 16)
        : text.Length > 1 && text[0] == '0' ? Convert.ToInt64(text, 8)
        : long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
