using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>The flags argument of open and openat: the access mode, then the other flags.</summary>
internal static class OpenFlags
{
    private const long AccessModeMask = 3;
    private const long Create = 0x40;          // O_CREAT
    private const long TemporaryFile = 0x400000; // __O_TMPFILE

    private static readonly ConstantTable s_accessModes = ConstantTable.Load("open_access_modes");
    private static readonly FlagSet s_flags = new("open_flags");

    /// <summary>The flags as a value: the access mode's name first, then the other flags'.</summary>
    internal static Model.FlagsValue Value(long flags) => new(flags, s_names);

    internal static string Format(long flags, StraceRenderer render) => render.Flags(flags & 0xffffffffL, Names(flags));

    private static readonly AccessModeFirst s_names = new();

    private sealed class AccessModeFirst : Model.IFlagNames
    {
        public (IReadOnlyList<string> Names, long Unknown) Split(long mask)
        {
            long mode = mask & AccessModeMask;
            // open_flags has no name for zero: no flag beside the mode names none.
            (IReadOnlyList<string> flags, long unknown) = s_flags.Split(mask & ~AccessModeMask & 0xffffffffL);
            // Arrays, not the compiler's own list types, which PowerShell cannot index.
            return s_accessModes.NameOf(mode) is { } name ? (new[] { name }.Concat(flags).ToArray(), unknown) : (flags, unknown | mode);
        }
    }

    private static string Names(long flags)
    {
        var text = new StringBuilder();
        long mode = flags & AccessModeMask;
        text.Append(s_accessModes.NameOf(mode) ?? "0x3");
        long rest = flags & ~AccessModeMask & 0xffffffffL;
        if (rest != 0)
        {
            text.Append('|');
            s_flags.Append(text, rest);
        }
        return text.ToString();
    }

    /// <summary>Whether the call reads its mode argument: only when it may create a file.</summary>
    internal static bool TakesMode(long flags) => (flags & (Create | TemporaryFile)) != 0;
}
