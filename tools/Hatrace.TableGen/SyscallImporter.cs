namespace Hatrace.TableGen;

/// <summary>The data of one ABI as imported from a kernel tree.</summary>
/// <param name="DataFile">The data file written.</param>
/// <param name="Rows">Its rows, in order of number.</param>
internal sealed record ImportedTable(string DataFile, IReadOnlyList<SyscallRow> Rows);

/// <summary>Turns a kernel tree's syscall tables and prototypes into the committed data files.</summary>
/// <remarks>The kernel tree holds, laid out as in the kernel: the two .tbl files, the generic table
/// tools/scripts/syscall.tbl, include/linux/syscalls.h, any other C files whose <c>SYSCALL_DEFINEn</c> or
/// <c>sys_*()</c> definitions give the prototypes syscalls.h lacks, and a <c>SOURCES</c> file of "path, tab,
/// torvalds/linux commit" lines naming where each came from, which the data files' headers repeat.</remarks>
internal static class SyscallImporter
{
    private const string PrototypeHeader = "include/linux/syscalls.h";
    // The tools/ copy of scripts/syscall.tbl, the kernel's table of the syscall numbers shared by the newer architectures.
    private const string GenericTable = "tools/scripts/syscall.tbl";
    private const int FirstUnifiedNumber = 424;
    private const string SourcesFile = "SOURCES";
    private const string NotImplemented = "sys_ni_syscall";

    /// <summary>Imports both ABIs from <paramref name="kernelTree"/> into <paramref name="dataDirectory"/>.</summary>
    public static IReadOnlyList<ImportedTable> Import(string kernelTree, string dataDirectory)
    {
        IReadOnlyDictionary<string, string> commits = ReadSources(kernelTree);
        var imported = new List<ImportedTable>();
        foreach (TableAbi abi in TableAbi.All)
        {
            (IReadOnlyList<SyscallRow> rows, IReadOnlyList<string> filesUsed, IReadOnlyList<int> fromGenericTable) = ImportRows(kernelTree, abi);
            string dataFile = Path.Combine(dataDirectory, abi.DataFileName);
            SyscallDataFile.Write(dataFile, Header(abi, filesUsed, fromGenericTable, commits), rows);
            imported.Add(new ImportedTable(dataFile, rows));
        }

        return imported;
    }

    /// <summary>The rows of <paramref name="abi"/>, the kernel files (relative paths) they were taken from, and the
    /// numbers of the rows taken from the generic table.</summary>
    public static (IReadOnlyList<SyscallRow> Rows, IReadOnlyList<string> FilesUsed, IReadOnlyList<int> FromGenericTable) ImportRows(string kernelTree, TableAbi abi)
    {
        // include/linux/syscalls.h first, then the other C sources in a fixed order: the first prototype of a name wins.
        var prototypes = new Dictionary<string, (string Parameters, string File)>(StringComparer.Ordinal);
        foreach (string file in PrototypeFiles(kernelTree))
        {
            string code = Preprocessor.Apply(File.ReadAllText(Path.Combine(kernelTree, file)), abi);
            foreach (Prototype prototype in PrototypeScanner.Scan(code))
            {
                prototypes.TryAdd(prototype.EntryPoint, (prototype.Parameters, file));
            }
        }

        // Since Linux 5.1 (424, pidfd_send_signal) every new call has one number on every architecture, and the generic
        // table lists it as "common": its rows from 424 on that the arch table lacks are calls newer than the arch table.
        IReadOnlyList<KernelTableRow> archRows = KernelTableReader.Read(Path.Combine(kernelTree, abi.KernelTable));
        var archNumbers = archRows.Select(r => r.Number).ToHashSet();
        var fromGenericTable = KernelTableReader.Read(Path.Combine(kernelTree, GenericTable))
            .Where(r => r.Number >= FirstUnifiedNumber && r.Abi == "common" && !archNumbers.Contains(r.Number))
            .ToList();

        var rows = new List<SyscallRow>();
        var filesUsed = new SortedSet<string>(StringComparer.Ordinal) { abi.KernelTable };
        if (fromGenericTable.Count > 0)
        {
            filesUsed.Add(GenericTable);
        }

        foreach (KernelTableRow row in archRows.Where(r => abi.AbiColumns.Contains(r.Abi)).Concat(fromGenericTable))
        {
            string? parameters;
            if (row.EntryPoint is null or NotImplemented)
            {
                // Numbers the kernel names but does not implement: strace still prints their names.
                parameters = string.Empty;
            }
            else if (prototypes.TryGetValue(row.EntryPoint, out var prototype))
            {
                parameters = prototype.Parameters;
                filesUsed.Add(prototype.File);
            }
            else
            {
                parameters = null;
            }

            rows.Add(new SyscallRow(row.Number, row.Name, row.EntryPoint, parameters));
        }

        return (rows.OrderBy(r => r.Number).ToList(), filesUsed.ToList(), fromGenericTable.Select(r => r.Number).Order().ToList());
    }

    private static IEnumerable<string> PrototypeFiles(string kernelTree)
    {
        IEnumerable<string> sources = Directory
            .EnumerateFiles(kernelTree, "*.c", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(kernelTree, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        return sources.Prepend(PrototypeHeader);
    }

    private static IReadOnlyDictionary<string, string> ReadSources(string kernelTree)
    {
        string path = Path.Combine(kernelTree, SourcesFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: list each kernel file with the torvalds/linux commit it was read at, as \"path<TAB>commit\" lines.", path);
        }

        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);
    }

    private static IEnumerable<string> Header(
        TableAbi abi, IEnumerable<string> filesUsed, IReadOnlyList<int> fromGenericTable, IReadOnlyDictionary<string, string> commits)
    {
        yield return $"{abi.ArchMember} syscalls (\"{string.Join("\", \"", abi.AbiColumns.Order(StringComparer.Ordinal))}\" rows of {abi.KernelTable}) and their prototypes,";
        yield return "from the Linux kernel's own files in torvalds/linux, at these commits:";
        foreach (string file in filesUsed)
        {
            string rows = file == GenericTable
                ? $": {RowNumbers(fromGenericTable)}, its \"common\" rows the arch table lacks (one number on every architecture from {FirstUnifiedNumber} on)"
                : string.Empty;
            yield return $"  {file} @ {(commits.TryGetValue(file, out string? commit) ? commit : "unknown commit")}{rows}";
        }

        yield return "Written by \"dotnet run --project tools/Hatrace.TableGen -- import-syscalls <kernel-tree>\"; do not edit by hand.";
        yield return "number, name, entry point (none: a reserved name), parameters (\"?\": no prototype found)";
    }

    // "row 470", "rows 467-470" for consecutive numbers, else "rows 467, 470".
    private static string RowNumbers(IReadOnlyList<int> numbers) =>
        numbers.Count == 1 ? $"row {numbers[0]}"
        : numbers[^1] - numbers[0] == numbers.Count - 1 ? $"rows {numbers[0]}-{numbers[^1]}"
        : $"rows {string.Join(", ", numbers)}";
}
