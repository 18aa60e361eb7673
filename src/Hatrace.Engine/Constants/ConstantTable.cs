namespace Hatrace.Engine.Constants;

/// <summary>A table of named numbers read from one of the Constants/Data/*.txt files: lines of
/// "value, tab, name", with # comments. Values may be decimal, 0x hex or 0-prefixed octal.</summary>
/// <remarks>Read on first use, not when made: the decoders' static fields make every table at start-up, and a trace
/// uses a few of them.</remarks>
internal sealed class ConstantTable : Model.IConstantNames
{
    private readonly Lazy<Rows> _rows;

    private ConstantTable(Func<Rows> read) => _rows = new Lazy<Rows>(read, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The rows in file order.</summary>
    internal List<(long Value, string Name)> Entries => _rows.Value.Entries;

    internal string? NameOf(long value) => _rows.Value.Names.GetValueOrDefault(value);

    string? Model.IConstantNames.NameOf(long value) => NameOf(value);

    internal bool TryGetValue(string name, out long value) => _rows.Value.Values.TryGetValue(name, out value);

    internal static ConstantTable Load(string table) => new(() =>
    {
        using Stream stream = typeof(ConstantTable).Assembly.GetManifestResourceStream(table + ".txt")
            ?? throw new InvalidOperationException($"The constant table {table}.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return new Rows(reader.ReadToEnd());
    });

    private static long ParseNumber(ReadOnlySpan<char> text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? long.Parse(text[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture)
        : text.Length > 1 && text[0] == '0' ? Convert.ToInt64(text.ToString(), 8)
        : long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Rows
    {
        internal Rows(string text)
        {
            ReadOnlySpan<char> all = text;
            foreach (Range range in all.Split('\n'))
            {
                ReadOnlySpan<char> line = all[range];
                if (line.Length == 0 || line[0] == '#')
                    continue;
                int tab = line.IndexOf('\t');
                ReadOnlySpan<char> rest = line[(tab + 1)..];
                int end = rest.IndexOf('\t');
                long value = ParseNumber(line[..tab].Trim());
                string name = new((end < 0 ? rest : rest[..end]).Trim());
                Names.TryAdd(value, name);
                Values.TryAdd(name, value);
                Entries.Add((value, name));
            }
        }

        internal Dictionary<long, string> Names { get; } = [];

        internal Dictionary<string, long> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

        internal List<(long Value, string Name)> Entries { get; } = [];
    }
}
