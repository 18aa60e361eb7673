using System.Buffers.Text;
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

    private static long ParseNumber(ReadOnlySpan<byte> text)
    {
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
            return Utf8Parser.TryParse(text[2..], out ulong hex, out int used, 'x') && used == text.Length - 2 ? (long)hex : throw NotANumber(text);
        if (text.Length > 1 && text[0] == '0')
        {
            long octal = 0;
            foreach (byte digit in text[1..])
                octal = digit is >= (byte)'0' and <= (byte)'7' ? octal * 8 + (digit - '0') : throw NotANumber(text);
            return octal;
        }
        return Utf8Parser.TryParse(text, out long value, out int consumed) && consumed == text.Length ? value : throw NotANumber(text);
    }

    private static FormatException NotANumber(ReadOnlySpan<byte> text) => new($"'{Encoding.ASCII.GetString(text)}' is not a number.");

    private sealed class Rows
    {
        private Dictionary<string, long>? _values;

        internal Rows(ReadOnlySpan<byte> text)
        {
            int lines = text.Count((byte)'\n') + 1;
            Names = new(lines);
            Entries = new(lines);
            foreach (Range range in text.Split((byte)'\n'))
            {
                ReadOnlySpan<byte> line = text[range];
                if (line.Length == 0 || line[0] == '#')
                    continue;
                int tab = line.IndexOf((byte)'\t');
                ReadOnlySpan<byte> rest = line[(tab + 1)..];
                int end = rest.IndexOf((byte)'\t');
                long value = ParseNumber(line[..tab].Trim((byte)' '));
                string name = Encoding.ASCII.GetString((end < 0 ? rest : rest[..end]).Trim((byte)' '));
                Names.TryAdd(value, name);
                Entries.Add((value, name));
            }
        }

        internal Dictionary<long, string> Names { get; }

        /// <summary>The values by name, ignoring case: made when first asked for, as few traces look a name up.</summary>
        internal Dictionary<string, long> Values => _values ?? MakeValues();

        internal List<(long Value, string Name)> Entries { get; }

        private Dictionary<string, long> MakeValues()
        {
            var values = new Dictionary<string, long>(Entries.Count, StringComparer.OrdinalIgnoreCase);
            foreach ((long value, string name) in Entries)
                values.TryAdd(name, value);
            return Interlocked.CompareExchange(ref _values, values, null) ?? values;
        }
    }
}
