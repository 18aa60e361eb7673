using System.Text;

namespace Hatrace.Engine.Constants;

/// <summary>A table of named numbers from one of the Constants/Data/*.txt files, which the build compiles in
/// (<c>ConstantData</c>): lines of "value, tab, name", with # comments. Values may be decimal, 0x hex or 0-prefixed
/// octal.</summary>
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
        Array.BinarySearch(ConstantData.Names, table, StringComparer.Ordinal) < 0
            ? throw new InvalidOperationException($"There is no constant table {table}.txt.")
            : new Rows(ConstantData.Text(table)));

    private static long ParseNumber(ReadOnlySpan<char> text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? long.Parse(text[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture)
        : text.Length > 1 && text[0] == '0' ? Convert.ToInt64(text.ToString(), 8)
        : long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Rows
    {
        internal Rows(ReadOnlySpan<byte> text)
        {
            Span<char> number = stackalloc char[32];
            foreach (Range range in text.Split((byte)'\n'))
            {
                ReadOnlySpan<byte> line = text[range];
                if (line.Length == 0 || line[0] == '#')
                    continue;
                int tab = line.IndexOf((byte)'\t');
                ReadOnlySpan<byte> rest = line[(tab + 1)..];
                int end = rest.IndexOf((byte)'\t');
                long value = ParseNumber(number[..Encoding.ASCII.GetChars(line[..tab].Trim((byte)' '), number)]);
                string name = Encoding.ASCII.GetString((end < 0 ? rest : rest[..end]).Trim((byte)' '));
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
