namespace Hatrace.Engine.Syscalls;

/// <summary>Every syscall of the x86_64 and i386 ABIs, by number and by name, from the kernel's own tables.</summary>
public static partial class SyscallTable
{
    // Each definition is made at its first lookup (CreateX64 and CreateI386, SyscallTable.*.g.cs): a trace uses a few
    // dozen calls, and making all of them took 0.3 ms of hatrace's 6 ms start. All fields are initialised here, in one
    // file, because initialisers in different partial files run in no set order.
    private static readonly SyscallDefinition?[] s_x64 = new SyscallDefinition?[X64Length];
    private static readonly SyscallDefinition?[] s_i386 = new SyscallDefinition?[I386Length];

    /// <summary>The call with this number in this ABI, or null for a number the kernel does not define.</summary>
    public static SyscallDefinition? Find(SyscallArch arch, long number)
    {
        SyscallDefinition?[] table = arch == SyscallArch.I386 ? s_i386 : s_x64;
        if ((ulong)number >= (ulong)table.Length)
            return null;
        if (table[number] is { } known)
            return known;
        SyscallDefinition? made = arch == SyscallArch.I386 ? CreateI386(number) : CreateX64(number);
        // Threads may look the same call up at once: all of them get the definition stored first.
        return made is null ? null : Interlocked.CompareExchange(ref table[number], made, null) ?? made;
    }

    /// <summary>The call with this name in this ABI, or null. i386's accept, send and recv, which it makes only through
    /// socketcall, have socketcall's number.</summary>
    public static SyscallDefinition? Find(SyscallArch arch, string name) =>
        FindNumbered(arch, name) ?? (arch == SyscallArch.I386 ? Socketcall.OwnCalls.FirstOrDefault(d => d.Name == name) : null);

    /// <summary>The call with this name and a number of its own in this ABI, or null.</summary>
    internal static SyscallDefinition? FindNumbered(SyscallArch arch, string name) =>
        (arch == SyscallArch.I386 ? ByName.I386 : ByName.X64).GetValueOrDefault(name);

    /// <summary>Every call of this ABI, in order of number; on i386, then accept, send and recv, which it makes only
    /// through socketcall.</summary>
    public static IEnumerable<SyscallDefinition> All(SyscallArch arch) =>
        arch == SyscallArch.I386 ? Numbered(arch).Concat(Socketcall.OwnCalls) : Numbered(arch);

    private static IEnumerable<SyscallDefinition> Numbered(SyscallArch arch) =>
        Enumerable.Range(0, arch == SyscallArch.I386 ? I386Length : X64Length).Select(number => Find(arch, number)).OfType<SyscallDefinition>();

    // Made at the first lookup by name (a filter by name), not at start-up with the tables.
    private static class ByName
    {
        internal static readonly Dictionary<string, SyscallDefinition> X64 = IndexByName(SyscallArch.X86_64);
        internal static readonly Dictionary<string, SyscallDefinition> I386 = IndexByName(SyscallArch.I386);

        private static Dictionary<string, SyscallDefinition> IndexByName(SyscallArch arch) =>
            Numbered(arch).ToDictionary(d => d.Name, StringComparer.Ordinal);
    }
}
