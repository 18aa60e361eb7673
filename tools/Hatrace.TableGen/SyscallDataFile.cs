using System.Globalization;
using System.Text;

namespace Hatrace.TableGen;

/// <summary>The committed data of one ABI: comment lines starting with <c>#</c>, then one tab-separated row per
/// syscall: number, name, entry point (empty when there is none) and parameters (<c>?</c> when no prototype was found).</summary>
internal static class SyscallDataFile
{
    private const string UnknownParameters = "?";

    /// <summary>Writes the rows under the given comment lines, with LF line ends so the file is the same on every machine.</summary>
    public static void Write(string path, IEnumerable<string> comments, IEnumerable<SyscallRow> rows)
    {
        var text = new StringBuilder();
        foreach (string comment in comments)
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        foreach (SyscallRow row in rows)
        {
            text.Append(row.Number.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(row.Name).Append('\t')
                .Append(row.EntryPoint).Append('\t')
                .Append(row.Parameters ?? UnknownParameters).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads the rows, skipping the comments.</summary>
    public static IReadOnlyList<SyscallRow> Read(string path)
    {
        var rows = new List<SyscallRow>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split('\t');
            if (fields.Length != 4)
            {
                throw new FormatException($"{path}: expected 4 tab-separated fields in \"{line}\"");
            }

            rows.Add(new SyscallRow(
                int.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture),
                fields[1],
                fields[2].Length == 0 ? null : fields[2],
                fields[3] == UnknownParameters ? null : fields[3]));
        }

        return rows;
    }
}
