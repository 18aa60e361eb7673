namespace Hatrace.TableGen;

/// <summary>One syscall ABI: which kernel table rows belong to it, how the kernel is configured for it, and the names
/// of its data file and generated code.</summary>
/// <param name="FileTag">The tag in the data file's name, such as <c>x64</c>.</param>
/// <param name="CodeTag">The tag in the generated file and method names, such as <c>X64</c>.</param>
/// <param name="ArchMember">The <c>SyscallArch</c> member the generated code uses.</param>
/// <param name="KernelTable">The kernel's table, relative to the kernel tree.</param>
/// <param name="AbiColumns">The values of the table's ABI column that belong to this ABI.</param>
/// <param name="BitsPerLong">The kernel's <c>BITS_PER_LONG</c> for this ABI.</param>
/// <param name="KernelConfig">The configuration symbols that choose between alternative prototypes, as the kernel
/// sets them for this ABI. Conditions on any other symbol keep both branches, and the first prototype wins.</param>
internal sealed record TableAbi(
    string FileTag,
    string CodeTag,
    string ArchMember,
    string KernelTable,
    IReadOnlySet<string> AbiColumns,
    int BitsPerLong,
    IReadOnlyDictionary<string, bool> KernelConfig)
{
    /// <summary>x86_64: the "common" and "64" rows of syscall_64.tbl (the "x32" rows are another ABI).</summary>
    public static readonly TableAbi X64 = new(
        "x64",
        "X64",
        "X86_64",
        "arch/x86/entry/syscalls/syscall_64.tbl",
        new HashSet<string>(["common", "64"], StringComparer.Ordinal),
        64,
        new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["CONFIG_X86_32"] = false,
            ["CONFIG_X86_64"] = true,
            ["CONFIG_CLONE_BACKWARDS"] = false,
            ["CONFIG_CLONE_BACKWARDS3"] = false,
            ["CONFIG_ARCH_SPLIT_ARG64"] = false,
        });

    /// <summary>i386: syscall_32.tbl. arch/x86/Kconfig selects CLONE_BACKWARDS, ARCH_SPLIT_ARG64 and
    /// OLD_SIGSUSPEND3 for X86_32, which decides the layout of clone, fanotify_mark and sigsuspend.</summary>
    public static readonly TableAbi I386 = new(
        "i386",
        "I386",
        "I386",
        "arch/x86/entry/syscalls/syscall_32.tbl",
        new HashSet<string>(["i386"], StringComparer.Ordinal),
        32,
        new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["CONFIG_X86_32"] = true,
            ["CONFIG_X86_64"] = false,
            ["CONFIG_CLONE_BACKWARDS"] = true,
            ["CONFIG_CLONE_BACKWARDS3"] = false,
            ["CONFIG_ARCH_SPLIT_ARG64"] = true,
            ["CONFIG_OLD_SIGSUSPEND"] = false,
            ["CONFIG_OLD_SIGSUSPEND3"] = true,
        });

    /// <summary>Both ABIs, in the order their files are written.</summary>
    public static readonly IReadOnlyList<TableAbi> All = [X64, I386];

    /// <summary>The data file's name, such as <c>syscalls.x64.tsv</c>.</summary>
    public string DataFileName => $"syscalls.{FileTag}.tsv";

    /// <summary>The generated file's name, such as <c>SyscallTable.X64.g.cs</c>.</summary>
    public string CodeFileName => $"SyscallTable.{CodeTag}.g.cs";

    /// <summary>The generated method that makes the definition of one call number, such as <c>CreateX64</c>.</summary>
    public string FactoryMethodName => $"Create{CodeTag}";

    /// <summary>The generated constant that is one past the highest call number, such as <c>X64Length</c>.</summary>
    public string LengthName => $"{CodeTag}Length";
}
