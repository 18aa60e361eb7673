namespace Hatrace.Engine.Syscalls;

/// <summary>Every syscall of the x86_64 and i386 ABIs, by number and by name, from the kernel's own tables.</summary>
public static partial class SyscallTable
{
    // Built by the generated CreateX64Table and CreateI386Table (SyscallTable.*.g.cs). All fields are
    // initialised here, in one file, because initialisers in different partial files run in no set order.
    private static readonly SyscallDefinition?[] s_x64 = CreateX64Table();

    // Made at the first i386 call, or at the first lookup by name (a filter names calls of both ABIs): a session that
    // traces every call of x86_64 programs never needs it.
    private static class I386Calls
    {
        internal static readonly SyscallDefinition?[] Table = CreateI386Table();
    }

    /// <summary>The call with this number in this ABI, or null for a number the kernel does not define.</summary>
    public static SyscallDefinition? Find(SyscallArch arch, long number)
    {
        SyscallDefinition?[] table = arch == SyscallArch.I386 ? I386Calls.Table : s_x64;
        return (ulong)number < (ulong)table.Length ? table[number] : null;
    }

    /// <summary>The call with this name in this ABI, or null.</summary>
    public static SyscallDefinition? Find(SyscallArch arch, string name) =>
        (arch == SyscallArch.I386 ? ByName.I386 : ByName.X64).GetValueOrDefault(name);

    /// <summary>Every call of this ABI, in order of number.</summary>
    public static IEnumerable<SyscallDefinition> All(SyscallArch arch) =>
        (arch == SyscallArch.I386 ? I386Calls.Table : s_x64).OfType<SyscallDefinition>();

    // Made at the first lookup by name (a filter by name), not at start-up with the tables.
    private static class ByName
    {
        internal static readonly Dictionary<string, SyscallDefinition> X64 = IndexByName(s_x64);
        internal static readonly Dictionary<string, SyscallDefinition> I386 = IndexByName(I386Calls.Table);

        private static Dictionary<string, SyscallDefinition> IndexByName(SyscallDefinition?[] table) =>
            table.OfType<SyscallDefinition>().ToDictionary(d => d.Name, StringComparer.Ordinal);
    }
}
