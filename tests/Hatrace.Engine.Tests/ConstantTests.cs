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
    public void EveryEmbeddedTableParses()
    {
        string[] tables = [.. typeof(ConstantTable).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".txt", StringComparison.Ordinal))];
        Assert.NotEmpty(tables);
        foreach (string table in tables)
            Assert.All(ConstantTable.Load(table[..^".txt".Length]).Entries, row => Assert.False(string.IsNullOrWhiteSpace(row.Name), table));
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
