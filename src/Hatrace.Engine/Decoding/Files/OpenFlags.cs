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

    internal static string Format(long flags) => ConstantText.Flags(flags & 0xffffffffL, Names(flags));

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
