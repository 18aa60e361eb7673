using System.Globalization;
using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>File modes with their type (<c>S_IFREG|0644</c>, <c>S_IFDIR|S_ISVTX|0777</c>) and device numbers
/// (<c>makedev(0x1, 0x3)</c>), as strace prints them in struct stat, statx and mknod.</summary>
internal static class FileModes
{
    private const long TypeMask = 0xf000;      // S_IFMT
    private const long CharDevice = 0x2000;    // S_IFCHR
    private const long BlockDevice = 0x6000;   // S_IFBLK

    private static readonly ConstantTable s_types = ConstantTable.Load("stat_file_types");
    private static readonly FlagSet s_setIdBits = new("stat_mode_bits");

    /// <summary>The mode by name, or, as strace's -X raw prints it, in octal (<c>0100644</c>); -X verbose comments the
    /// number with the names even where they read the same (<c>000 /* 000 */</c>), as strace does.</summary>
    internal static string Format(long mode, StraceRenderer render)
    {
        string names = Names(mode);
        return render.Format(GenericDecoder.FormatMode((ulong)mode), names, names);
    }

    private static string Names(long mode)
    {
        var text = new StringBuilder();
        long type = mode & TypeMask;
        if (type != 0)
            text.Append(s_types.NameOf(type) ?? DecodeContext.Hex((ulong)type)).Append('|');
        long rest = mode & ~TypeMask;
        int start = text.Length;
        rest = s_setIdBits.AppendNames(text, rest);
        if (text.Length > start)
            text.Append('|');
        text.Append(GenericDecoder.FormatMode((ulong)rest));
        return text.ToString();
    }

    internal static bool IsDevice(long mode) => (mode & TypeMask) is CharDevice or BlockDevice;

    /// <summary>A dev_t as glibc's makedev splits it: the major in bits 8-19 and 32-63, the minor in 0-7 and 20-31.</summary>
    internal static string FormatDevice(ulong device, StraceRenderer render)
    {
        ulong major = ((device >> 8) & 0xfff) | ((device >> 32) & 0xfffff000);
        ulong minor = (device & 0xff) | ((device >> 12) & 0xffffff00);
        return render.Format(DecodeContext.HexOrZero(device), FormatMakedev(major, minor));
    }

    internal static string FormatMakedev(ulong major, ulong minor) =>
        string.Create(CultureInfo.InvariantCulture, $"makedev({DecodeContext.HexOrZero(major)}, {DecodeContext.HexOrZero(minor)})");
}
