namespace Hatrace.TableGen;

/// <summary>What the kind rules look at: the call, and one of its parameters.</summary>
/// <param name="Call">The call's name, such as <c>openat</c>.</param>
/// <param name="Type">The parameter's C type, whitespace collapsed.</param>
/// <param name="Name">The parameter's name; empty when the prototype leaves it unnamed.</param>
internal sealed record ParameterFacts(string Call, string Type, string Name)
{
    /// <summary>The type without <c>const</c>, as the integer tables list it.</summary>
    public string BareType => Type.StartsWith("const ", StringComparison.Ordinal) ? Type["const ".Length..] : Type;

    /// <summary>A pointer, spelled with <c>*</c> or through one of the kernel's pointer typedefs.</summary>
    public bool IsPointer => Type.Contains('*') || ArgumentKindRules.PointerTypedefs.Contains(BareType);

    /// <summary>Neither a pointer nor a struct passed by value: a number.</summary>
    public bool IsInteger => !IsPointer && !Type.StartsWith("struct ", StringComparison.Ordinal) && !Type.StartsWith("union ", StringComparison.Ordinal);

    /// <summary><c>const char __user *</c> (or without <c>__user</c>): a string or buffer the call reads.</summary>
    public bool IsConstCharPointer => Type is "const char __user *" or "const char *";

    /// <summary><c>char __user *</c> (or without <c>__user</c>): a string or buffer the call may write.</summary>
    public bool IsMutableCharPointer => Type is "char __user *" or "char *";
}

/// <summary>Infers how an argument is decoded from the kernel's prototype. The rules are tried in order and the first
/// that matches decides; a parameter no rule matches is a signed integer.</summary>
internal static class ArgumentKindRules
{
    /// <summary>Directory descriptors of the *at calls (and move_mount's from_dfd and to_dfd).</summary>
    public static readonly IReadOnlySet<string> DirFdNames = Set("dfd", "olddfd", "newdfd", "dirfd");

    /// <summary><c>const char *</c> (or <c>char *</c>) parameters with these names are file-system paths.</summary>
    public static readonly IReadOnlySet<string> PathNames = Set(
        "filename", "pathname", "path", "oldname", "newname", "old", "new", "specialfile", "special", "library",
        "dev_name", "dir_name", "target", "new_root", "put_old", "from_path", "to_path");

    /// <summary>Calls whose parameter called just "name" is a path (elsewhere it names a host, queue, key or module).</summary>
    public static readonly IReadOnlySet<string> CallsWithPathName = Set("acct", "umount", "umount2");

    /// <summary>Calls whose "flags" are the O_* flags of open.</summary>
    public static readonly IReadOnlySet<string> OpenCalls = Set("open", "openat");

    /// <summary>The type of execve's and execveat's argv and envp: a NULL-terminated array of strings.</summary>
    public const string StringArrayType = "const char __user *const __user *";

    /// <summary>Kernel (and, for the man pages' prototypes, C library) typedefs that are pointers although their spelling
    /// has no <c>*</c>.</summary>
    public static readonly IReadOnlySet<string> PointerTypedefs = Set("cap_user_header_t", "cap_user_data_t", "__sighandler_t", "sighandler_t", "caddr_t");

    /// <summary>Unsigned integer types (after dropping <c>const</c>); any type starting "unsigned " is one too.</summary>
    public static readonly IReadOnlySet<string> UnsignedTypes = Set(
        "unsigned", "size_t", "u8", "u16", "u32", "u64", "__u8", "__u16", "__u32", "__u64", "uint32_t",
        "uid_t", "gid_t", "old_uid_t", "old_gid_t", "qid_t", "aio_context_t", "old_sigset_t");

    /// <summary>A buffer's length is the first later integer parameter whose name contains one of these.</summary>
    public static readonly IReadOnlyList<string> LengthNameParts = ["count", "len", "siz", "nbytes"];

    private static readonly (string Rule, ArgumentKind Kind, Func<ParameterFacts, bool> Matches)[] Rules =
    [
        ("directory descriptor", ArgumentKind.DirFd, p => DirFdNames.Contains(p.Name) || p.Name.EndsWith("_dfd", StringComparison.Ordinal)),
        // close_range's bounds are descriptor numbers, not descriptors: strace neither describes them (-y) nor follows
        // them to a path (-P).
        ("descriptor range", ArgumentKind.UInt, p => p.Call == "close_range" && IsFdName(p.Name)),
        // pidfd_getfd's descriptor is the other process's: its decoder describes it there, and -P does not follow it here.
        ("another process's descriptor", ArgumentKind.Int, p => p.Call == "pidfd_getfd" && p.Name is "fd" or "targetfd"),
        ("file descriptor", ArgumentKind.Fd, p => p.IsInteger && IsFdName(p.Name)),
        ("message queue descriptor", ArgumentKind.Fd, p => p.BareType == "mqd_t"),
        ("open flags", ArgumentKind.OpenFlags, p => p.Name == "flags" && OpenCalls.Contains(p.Call)),
        ("file mode", ArgumentKind.Mode, p => p.BareType == "umode_t"),
        ("input buffer", ArgumentKind.InputBuffer, p => p.IsConstCharPointer && p.Name.Contains("buf", StringComparison.Ordinal)),
        ("output buffer", ArgumentKind.OutputBuffer, p => p.IsMutableCharPointer && p.Name.Contains("buf", StringComparison.Ordinal)),
        ("path", ArgumentKind.Path, p => (p.IsConstCharPointer || p.IsMutableCharPointer) && IsPathName(p)),
        ("string", ArgumentKind.String, p => p.IsConstCharPointer),
        ("argument strings", ArgumentKind.StringArray, p => p.Type == StringArrayType && p.Name == "argv"),
        ("environment strings", ArgumentKind.EnvironmentArray, p => p.Type == StringArrayType && p.Name == "envp"),
        ("pointer", ArgumentKind.Pointer, p => p.IsPointer),
        ("unsigned integer", ArgumentKind.UInt, p => UnsignedTypes.Contains(p.BareType) || p.BareType.StartsWith("unsigned ", StringComparison.Ordinal)),
    ];

    /// <summary>The kind of <paramref name="parameter"/>.</summary>
    public static ArgumentKind KindOf(ParameterFacts parameter)
    {
        foreach (var (_, kind, matches) in Rules)
        {
            if (matches(parameter))
            {
                return kind;
            }
        }

        return ArgumentKind.Int;
    }

    /// <summary>For a buffer at <paramref name="index"/>, the index of the parameter holding its length, or -1.</summary>
    public static int LengthIndexOf(IReadOnlyList<ParameterFacts> parameters, int index)
    {
        for (int i = index + 1; i < parameters.Count; i++)
        {
            if (parameters[i].IsInteger && LengthNameParts.Any(part => parameters[i].Name.Contains(part, StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return -1;
    }

    // fd, oldfd, epfd, out_fd, pidfd; fd_in, fdout; dup's fildes.
    private static bool IsFdName(string name) =>
        name.EndsWith("fd", StringComparison.Ordinal) || name.StartsWith("fd", StringComparison.Ordinal) || name == "fildes";

    private static bool IsPathName(ParameterFacts p) =>
        PathNames.Contains(p.Name) || (p.Name == "name" && CallsWithPathName.Contains(p.Call));

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
