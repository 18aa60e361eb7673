using Hatrace.TableGen;

// Paths are relative to the repository root, so the tool behaves the same from any folder inside the repository.
var repository = RepositoryLayout.FindFrom(Environment.CurrentDirectory);

switch (args)
{
    case [] or ["generate"]:
        foreach (string file in TableGenerator.Generate(repository.DataDirectory, repository.CodeDirectory))
        {
            Console.WriteLine($"wrote {Path.GetRelativePath(repository.Root, file)}");
        }

        return 0;

    case ["import-syscalls", var kernelTree]:
        foreach (ImportedTable table in SyscallImporter.Import(kernelTree, repository.DataDirectory))
        {
            Console.WriteLine(
                $"wrote {Path.GetRelativePath(repository.Root, table.DataFile)}: {table.Rows.Count} rows, " +
                $"{table.Rows.Count(r => r.Parameters is null)} without a prototype");
        }

        return 0;

    case ["import-manpages", var manDirectory]:
        var (dataFile, rows) = ManPageImporter.Import(manDirectory, repository.DataDirectory);
        Console.WriteLine($"wrote {Path.GetRelativePath(repository.Root, dataFile)}: {rows.Count} prototypes of {rows.Select(r => r.Call).Distinct().Count()} calls");
        return 0;

    default:
        Console.Error.WriteLine("usage: Hatrace.TableGen [generate]");
        Console.Error.WriteLine("       Hatrace.TableGen import-syscalls <kernel-tree-dir>");
        Console.Error.WriteLine("       Hatrace.TableGen import-manpages <man2-dir>");
        return 2;
}
