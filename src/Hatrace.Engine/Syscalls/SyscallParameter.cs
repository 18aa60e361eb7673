namespace Hatrace.Engine.Syscalls;

/// <summary>One parameter of a syscall: its type as the kernel declares it, its name as the man page gives it.</summary>
/// <param name="Type">The C type in the kernel's prototype, such as <c>const char __user *</c>.</param>
/// <param name="Name">The parameter's name in the call's man page, such as openat's <c>pathname</c>; the kernel's name
/// where the man page documents another prototype (clone's glibc wrapper) or none.</param>
/// <param name="Kind">How the argument is decoded.</param>
/// <param name="LengthIndex">For <see cref="ArgumentKind.InputBuffer"/> and <see cref="ArgumentKind.OutputBuffer"/>,
/// the index of the argument that holds the buffer's length; otherwise -1.</param>
public sealed record SyscallParameter(string Type, string Name, ArgumentKind Kind, int LengthIndex = -1)
{
    // C types of the x86_64 ABI that fill a whole register; any other integer is 32 bits wide.
    private static readonly string[] s_wideTypes = ["long", "size_t", "off_t", "loff_t", "u64", "s64", "__u64", "__s64", "aio_context_t"];

    /// <summary>The parameter's name in the kernel's prototype, such as openat's <c>filename</c>; <c>arg1</c>,
    /// <c>arg2</c>... where the kernel leaves it unnamed.</summary>
    public string KernelName { get; init; } = Name;

    /// <summary>The width of the argument in bytes on x86_64: 8 for pointers and 64-bit integers, else 4.</summary>
    public int Size { get; } = WidthOf(Type);

    // Without allocating: every parameter of both tables is made at start-up.
    private static int WidthOf(string type)
    {
        if (type.Contains('*'))
            return 8;
        ReadOnlySpan<char> words = type;
        foreach (Range word in words.Split(' '))
        {
            foreach (string wide in s_wideTypes)
            {
                if (words[word].SequenceEqual(wide))
                    return 8;
            }
        }
        return 4;
    }
}
