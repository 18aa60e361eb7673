namespace Hatrace.TableGen.Tests;

/// <summary>The importer on the handcrafted kernel tree in inputs/kernel.</summary>
public sealed class ImporterTests : IDisposable
{
    private static readonly string KernelTree = Path.Combine(AppContext.BaseDirectory, "inputs", "kernel");

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("tablegen-import-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void X64TakesCommonAnd64RowsInNumberOrderAndSkipsX32()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.X64).Rows;

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 424], rows.Where(r => r.Number < 426).Select(r => r.Number));
        Assert.DoesNotContain(rows, r => r.Name == "read32");
    }

    [Fact]
    public void ParametersComeFromSyscallsHWithWhitespaceCollapsed()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.X64).Rows;

        Assert.Equal(new SyscallRow(1, "openat", "sys_openat", "int dfd, const char __user *filename, int flags, umode_t mode"), rows[1]);
        Assert.Equal("unsigned int fd, char __user *buf, size_t count", rows[0].Parameters);
    }

    [Fact]
    public void ReservedAndRetiredNumbersKeepTheirNamesWithoutParameters()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.X64).Rows;

        Assert.Equal(new SyscallRow(2, "reserved", null, string.Empty), rows[2]);
        Assert.Equal(new SyscallRow(3, "retired", "sys_ni_syscall", string.Empty), rows[3]);
    }

    [Fact]
    public void ACallWhosePrototypeIsOnlyInACommentHasNone()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.X64).Rows;

        Assert.Null(rows.Single(r => r.Name == "unknown_call").Parameters);
    }

    [Fact]
    public void SyscallDefineInAnArchSourceFillsWhatSyscallsHLacks()
    {
        var (rows, files, _) = SyscallImporter.ImportRows(KernelTree, TableAbi.X64);

        Assert.Equal("int fd, void __user *ptr", rows.Single(r => r.Name == "defined_in_c").Parameters);
        Assert.Contains("arch/x86/kernel/demo.c", files);
    }

    [Fact]
    public void MixedBlanksVoidAndTheNoreturnColumnAreRead()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.X64).Rows;

        Assert.Equal(new SyscallRow(6, "spaced", "sys_spaced", string.Empty), rows[6]);
        Assert.Equal(new SyscallRow(7, "leave", "sys_leave", "int error_code"), rows[7]);
    }

    [Fact]
    public void TheGenericTableAddsItsCommonRowsFrom424OnThatTheArchTableLacks()
    {
        var (rows, files, fromGenericTable) = SyscallImporter.ImportRows(KernelTree, TableAbi.X64);

        Assert.Equal([426, 427], fromGenericTable);
        Assert.Equal(new SyscallRow(424, "arch_named", "sys_arch_named", null), rows.Single(r => r.Number == 424));
        Assert.Equal(new SyscallRow(426, "newer_call", "sys_newer_call", "int fd"), rows.Single(r => r.Number == 426));
        Assert.Equal(new SyscallRow(427, "newest_call", "sys_newest_call", null), rows[^1]);
        Assert.DoesNotContain(rows, r => r.Name is "below_unified" or "only_32bit" or "generic_named");
        Assert.Contains("tools/scripts/syscall.tbl", files);
    }

    [Fact]
    public void TheGenericTableFillsEveryUnifiedNumberTheI386TableLacks()
    {
        var (rows, _, fromGenericTable) = SyscallImporter.ImportRows(KernelTree, TableAbi.I386);

        Assert.Equal([424, 426, 427], fromGenericTable);
        Assert.Equal(["clone", "split_mark", "wide_only", "generic_named", "newer_call", "newest_call"], rows.Select(r => r.Name));
    }

    [Fact]
    public void I386ChoosesTheBranchesX86_32Selects()
    {
        var rows = SyscallImporter.ImportRows(KernelTree, TableAbi.I386).Rows;

        Assert.Equal("unsigned long, unsigned long, int __user *, unsigned long, int __user *", rows[0].Parameters);
        Assert.Equal("int fd, unsigned int mask_1, unsigned int mask_2", rows[1].Parameters);
        Assert.Equal("unsigned int fd, loff_t length", rows[2].Parameters);
    }

    [Fact]
    public void X64ChoosesTheOtherBranches()
    {
        string code = Preprocessor.Apply(File.ReadAllText(Path.Combine(KernelTree, "include", "linux", "syscalls.h")), TableAbi.X64);
        var prototypes = PrototypeScanner.Scan(code).ToList();

        Assert.Equal("unsigned long, unsigned long, int __user *, int __user *, unsigned long", prototypes.Single(p => p.EntryPoint == "sys_clone").Parameters);
        Assert.Equal("int fd, u64 mask", prototypes.Single(p => p.EntryPoint == "sys_split_mark").Parameters);
        Assert.DoesNotContain(prototypes, p => p.EntryPoint == "sys_wide_only");
        Assert.DoesNotContain(prototypes, p => p.EntryPoint.Contains('#'));
    }

    [Fact]
    public void DataFilesNameTheCommitsOfTheFilesUsedAndReadBack()
    {
        var tables = SyscallImporter.Import(KernelTree, _dataDirectory);

        string x64 = File.ReadAllText(Path.Combine(_dataDirectory, "syscalls.x64.tsv"));
        Assert.Contains("arch/x86/entry/syscalls/syscall_64.tbl @ 1111111111111111111111111111111111111111", x64);
        Assert.Contains("include/linux/syscalls.h @ 3333333333333333333333333333333333333333", x64);
        Assert.Contains("arch/x86/kernel/demo.c @ 4444444444444444444444444444444444444444", x64);
        Assert.Contains("5\tunknown_call\tsys_unknown_call\t?\n", x64);
        Assert.Contains(
            "tools/scripts/syscall.tbl @ 5555555555555555555555555555555555555555: rows 426-427, its \"common\" rows the arch table lacks (one number on every architecture from 424 on)\n",
            x64);
        string i386 = File.ReadAllText(Path.Combine(_dataDirectory, "syscalls.i386.tsv"));
        Assert.DoesNotContain("demo.c", i386);
        Assert.Contains("tools/scripts/syscall.tbl @ 5555555555555555555555555555555555555555: rows 424, 426, 427, its", i386);

        foreach (ImportedTable table in tables)
        {
            Assert.Equal(table.Rows, SyscallDataFile.Read(table.DataFile));
        }
    }
}
