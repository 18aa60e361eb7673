namespace Hatrace.TableGen;

/// <summary>Where the syscall data and the generated code live in the repository.</summary>
/// <param name="Root">The repository root: the folder holding Hatrace.PowerShell.sln or global.json.</param>
internal sealed record RepositoryLayout(string Root)
{
    /// <summary>The committed data: one .tsv per ABI.</summary>
    public string DataDirectory => Path.Combine(Root, "src", "Hatrace.Engine", "Syscalls", "Data");

    /// <summary>The folder of SyscallTable.cs, where the generated partial files go.</summary>
    public string CodeDirectory => Path.Combine(Root, "src", "Hatrace.Engine", "Syscalls");

    /// <summary>The repository holding <paramref name="directory"/>, found by walking up to its root.</summary>
    public static RepositoryLayout FindFrom(string directory)
    {
        for (DirectoryInfo? current = new(directory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Hatrace.PowerShell.sln")) ||
                File.Exists(Path.Combine(current.FullName, "global.json")))
            {
                return new RepositoryLayout(current.FullName);
            }
        }

        throw new InvalidOperationException($"{directory} is not inside the Hatrace repository (no Hatrace.PowerShell.sln or global.json above it).");
    }
}
