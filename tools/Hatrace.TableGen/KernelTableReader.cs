using System.Globalization;

namespace Hatrace.TableGen;

/// <summary>A row of a kernel syscall table (<c>arch/x86/entry/syscalls/syscall_*.tbl</c>).</summary>
/// <param name="Number">The syscall number.</param>
/// <param name="Abi">The ABI column: <c>common</c>, <c>64</c>, <c>x32</c> or <c>i386</c>.</param>
/// <param name="Name">The call's name.</param>
/// <param name="EntryPoint">The native entry point, or null when the kernel only reserves the name.</param>
internal sealed record KernelTableRow(int Number, string Abi, string Name, string? EntryPoint);

/// <summary>Reads the kernel's <c>&lt;number&gt; &lt;abi&gt; &lt;name&gt; [&lt;entry point&gt; [&lt;compat entry point&gt; [noreturn]]]</c> tables.</summary>
internal static class KernelTableReader
{
    /// <summary>The rows of the table, in file order. Fields are separated by any run of blanks, as the kernel's
    /// own scripts read them (some rows mix spaces and tabs).</summary>
    public static IReadOnlyList<KernelTableRow> Read(string path)
    {
        var rows = new List<KernelTableRow>();
        foreach (string line in File.ReadLines(path))
        {
            string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            if (fields.Length < 3)
            {
                throw new FormatException($"{path}: expected at least a number, an ABI and a name in \"{line}\"");
            }

            rows.Add(new KernelTableRow(
                int.Parse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture),
                fields[1],
                fields[2],
                fields.Length > 3 ? fields[3] : null));
        }

        return rows;
    }
}
