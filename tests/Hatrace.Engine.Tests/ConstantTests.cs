using System.Reflection;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tests;

public class ConstantTests
{
    [Fact]
    public void ErrnoNamesAndMessagesComeFromTheKernelAndLibc()
    {
        Assert.Equal("ENOENT", Errno.GetName(2));
        Assert.Equal(28, Errno.GetValue("enospc"));
        Assert.Equal("No such file or directory", Errno.GetMessage(2));
        Assert.Equal("ERESTARTSYS", Errno.GetName(512));
        Assert.Null(Errno.GetName(9999));
        Assert.Null(Errno.GetValue("ENOTANERROR"));
    }

    [Theory]
    [InlineData(9, "SIGKILL")]
    [InlineData(17, "SIGCHLD")]
    [InlineData(32, "SIGRTMIN")]
    [InlineData(34, "SIGRT_2")]
    [InlineData(64, "SIGRT_32")]
    public void SignalNamesAsStracePrintsThem(int signal, string name)
    {
        Assert.Equal(name, Signals.GetName(signal));
        Assert.Equal(signal, Signals.GetValue(name));
    }

    [Fact]
    public void SignalNamesMayOmitTheirPrefix() => Assert.Equal(15, Signals.GetValue("term"));

    [Fact]
    public void EveryTableParsesAsItsFileReads()
    {
        string directory = Path.Combine(TestPrograms.RepositoryRoot, "src", "Hatrace.Engine", "Constants", "Data");
        string[] files = [.. Directory.GetFiles(directory, "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
        Assert.Equal(files, ConstantData.Names);
        foreach (string table in files)
        {
            // The values as written (decimal, 0x hex, 0 octal) and the names, comments left out.
            var rows = File.ReadLines(Path.Combine(directory, table + ".txt")).Where(l => l.Length > 0 && l[0] != '#')
                .Select(l => l.Split('\t')).Select(c => (c[0].Trim(), c[1].Trim())).ToList();
            List<(long Value, string Name)> entries = ConstantTable.Load(table).Entries;
            Assert.Equal(rows.Select(r => r.Item2), entries.Select(e => e.Name));
            Assert.All(entries, row => Assert.False(string.IsNullOrWhiteSpace(row.Name), table));
            Assert.Equal(rows.Select(r => r.Item1.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(r.Item1[2..], 16)
                : r.Item1.Length > 1 && r.Item1[0] == '0' ? Convert.ToInt64(r.Item1, 8) : long.Parse(r.Item1, System.Globalization.CultureInfo.InvariantCulture)),
                entries.Select(e => e.Value));
        }
        Assert.Throws<InvalidOperationException>(() => ConstantTable.Load("no_such_table").Entries);
    }

    [Fact]
    public void EveryTableADecoderHoldsIsEmbedded()
    {
        // Tables are read at their first use: a name with no file behind it would fail only when its call is decoded.
        const BindingFlags all = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        int checkedTables = 0;
        foreach (Type type in typeof(ConstantTable).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            // Only the fields that are a table or hold one: reading a field runs its type's static initializer, and
            // others may look at the machine.
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(ConstantTable) || f.FieldType.GetFields(all).Any(h => h.FieldType == typeof(ConstantTable))))
            {
                object? value = field.GetValue(null);
                ConstantTable? table = value as ConstantTable
                    ?? value?.GetType().GetFields(all).Select(f => f.GetValue(value)).OfType<ConstantTable>().FirstOrDefault();
                if (table is null)
                    continue;
                Assert.NotNull(table.Entries);
                checkedTables++;
            }
        }
        Assert.True(checkedTables > 100, $"only {checkedTables} tables found");
    }
}
