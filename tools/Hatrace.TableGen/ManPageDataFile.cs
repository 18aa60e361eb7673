using System.Text;

namespace Hatrace.TableGen;

/// <summary>One prototype a man page gives for a syscall.</summary>
/// <param name="Call">The syscall's name in the kernel's table.</param>
/// <param name="Page">The page that documents it, such as <c>open.2</c> for openat.</param>
/// <param name="Parameters">The parameters as the page declares them, in the data files' form
/// (<c>const char *pathname, int flags</c>), empty for none.</param>
internal sealed record ManPageRow(string Call, string Page, string Parameters);

/// <summary>The committed man-page prototypes: comment lines starting with <c>#</c>, then one tab-separated row per
/// prototype: call, page and parameters. A call has a row for each prototype its page gives it (open has two).</summary>
internal static class ManPageDataFile
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "manpages.tsv";

    /// <summary>Writes the rows under the given comment lines, with LF line ends so the file is the same on every machine.</summary>
    public static void Write(string path, IEnumerable<string> comments, IEnumerable<ManPageRow> rows)
    {
        var text = new StringBuilder();
        foreach (string comment in comments)
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        foreach (ManPageRow row in rows)
        {
            text.Append(row.Call).Append('\t').Append(row.Page).Append('\t').Append(row.Parameters).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads the rows, skipping the comments.</summary>
    public static IReadOnlyList<ManPageRow> Read(string path)
    {
        var rows = new List<ManPageRow>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new FormatException($"{path}: expected 3 tab-separated fields in \"{line}\"");
            }

            rows.Add(new ManPageRow(fields[0], fields[1], fields[2]));
        }

        return rows;
    }

    /// <summary>A parameter list in the data files' form: <c>int dirfd, const char *pathname</c>.</summary>
    public static string Format(IEnumerable<ParameterDeclaration> parameters) =>
        string.Join(", ", parameters.Select(p => p.Name is null ? p.Type : p.Type.EndsWith('*') ? p.Type + p.Name : $"{p.Type} {p.Name}"));
}
