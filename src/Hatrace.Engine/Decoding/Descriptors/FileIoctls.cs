using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The file requests of include/uapi/linux/fs.h (types 0, 'X', 'f', 'v' and btrfs' 0x94): the inode flags by
/// name, the clone source descriptor, freeze and thaw, FITRIM's range, the extended attributes of struct fsxattr, and
/// FIEMAP's request and the extents it mapped (include/uapi/linux/fiemap.h).</summary>
internal static class FileIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("file_ioctls");
    private static readonly FlagSet s_inodeFlags = new("fs_inode_flags");
    private static readonly FlagSet s_xflags = new("fs_xflags", "FS_XFLAG_???");
    private static readonly FlagSet s_fiemapFlags = new("fiemap_flags", "FIEMAP_FLAG_???");
    private static readonly FlagSet s_extentFlags = new("fiemap_extent_flags", "FIEMAP_EXTENT_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "FS_IOC_GETFLAGS" or "FS_IOC32_GETFLAGS":
                IoctlArgument.OutputNumber<uint>(context, (flags, render) => s_inodeFlags.Format(flags, render));
                break;
            case "FS_IOC_SETFLAGS" or "FS_IOC32_SETFLAGS":
                IoctlArgument.InputNumber<uint>(context, (flags, render) => s_inodeFlags.Format(flags, render));
                break;
            case "BTRFS_IOC_CLONE or FICLONE":
                IoctlArgument.Int(context); // the source descriptor, which strace prints as a number, even with -y
                break;
            case "BTRFS_IOC_CLONE_RANGE or FICLONERANGE" or "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE":
                if (!context.Exiting)
                    context.SetPointer(IoctlArgument.Index, Model.PointerReason.NotDecoded);
                break;
            case "FITRIM":
                // The kernel writes back the bytes it trimmed; strace prints only the request.
                IoctlArgument.Input<FstrimRange>(context, (range, _, _) => new StructWriter().Field("start", DecodeContext.HexOrZero(range.start))
                    .Field("len", Unsigned(range.len)).Field("minlen", Unsigned(range.minlen)).ToString());
                break;
            case "FS_IOC_FSGETXATTR":
                IoctlArgument.Output<Fsxattr>(context, (attr, render, _) => Format(attr, render, written: true));
                break;
            case "FS_IOC_FSSETXATTR":
                IoctlArgument.Input<Fsxattr>(context, (attr, render, _) => Format(attr, render, written: false));
                break;
            case "FS_IOC_FIEMAP":
                IoctlArgument.InOut<Fiemap>(context, (map, render, _) => FormatRequest(map, render), MappedExtents);
                break;
            case "FIFREEZE" or "FITHAW":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    private static string Unsigned(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // fsx_nextents is the kernel's to report: strace leaves it out of what FS_IOC_FSSETXATTR reads.
    private static string Format(Fsxattr attr, StraceRenderer render, bool written)
    {
        var text = new StructWriter().Field("fsx_xflags", s_xflags.Format(attr.fsx_xflags, render)).Field("fsx_extsize", attr.fsx_extsize);
        if (written)
            text.Field("fsx_nextents", attr.fsx_nextents);
        return text.Field("fsx_projid", DecodeContext.HexOrZero(attr.fsx_projid)).Field("fsx_cowextsize", attr.fsx_cowextsize).ToString();
    }

    private static string FormatRequest(Fiemap map, StraceRenderer render) =>
        new StructWriter().Field("fm_start", Unsigned(map.fm_start)).Field("fm_length", Unsigned(map.fm_length))
            .Field("fm_flags", s_fiemapFlags.Format(map.fm_flags, render)).Field("fm_extent_count", map.fm_extent_count).ToString();

    /// <summary>What FIEMAP wrote after the request: its flags, how many extents it mapped and, with -v, those extents,
    /// as many as fm_mapped_extents says (strace reads them even when fm_extent_count asked for none).</summary>
    private static StructPrinter<Fiemap> MappedExtents(DecodeContext context, Fiemap before, Fiemap after)
    {
        long address = context.Raw(IoctlArgument.Index) + Marshal.SizeOf<Fiemap>(); // fm_extents, right after the header
        var extents = StructArrays.Read<FiemapExtent>(context, address, after.fm_mapped_extents,
            (extent, render, _) => new StructWriter().Field("fe_logical", Unsigned(extent.fe_logical)).Field("fe_physical", Unsigned(extent.fe_physical))
                .Field("fe_length", Unsigned(extent.fe_length)).Field("fe_flags", s_extentFlags.Format(extent.fe_flags, render)).ToString());
        return (map, render, abbreviate) =>
        {
            var text = new StructWriter().Field("fm_flags", s_fiemapFlags.Format(map.fm_flags, render)).Field("fm_mapped_extents", map.fm_mapped_extents);
            if (abbreviate)
                text.More();
            else
                text.Field("fm_extents", extents?.Text(render) ?? DecodeContext.FormatAddress(address));
            return FormatRequest(before, render) + " => " + text;
        };
    }

    /// <summary>struct fstrim_range: the bytes to trim, and the smallest free extent worth trimming.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FstrimRange : IKernelStruct<FstrimRange>
    {
        public ulong start, len, minlen;

        public static string TypeName => "fstrim_range";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("start", start), new("len", len), new("minlen", minlen)];
    }

    /// <summary>struct fsxattr: a file's extended attributes, as XFS first defined them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Fsxattr : IKernelStruct<Fsxattr>
    {
        public uint fsx_xflags, fsx_extsize, fsx_nextents, fsx_projid, fsx_cowextsize;
        public FsxattrPad fsx_pad;

        public static string TypeName => "fsxattr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("fsx_xflags", new FlagsValue(fsx_xflags, s_xflags)), new("fsx_extsize", fsx_extsize), new("fsx_nextents", fsx_nextents),
            new("fsx_projid", fsx_projid), new("fsx_cowextsize", fsx_cowextsize),
        ];
    }

    /// <summary>fsx_pad's 8 bytes, unused.</summary>
    [InlineArray(8)]
    internal struct FsxattrPad
    {
        private byte _byte;
    }

    /// <summary>struct fiemap without its flexible array of extents, which follows it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Fiemap : IKernelStruct<Fiemap>
    {
        public ulong fm_start, fm_length;
        public uint fm_flags, fm_mapped_extents, fm_extent_count, fm_reserved;

        public static string TypeName => "fiemap";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("fm_start", fm_start), new("fm_length", fm_length), new("fm_flags", new FlagsValue(fm_flags, s_fiemapFlags)),
            new("fm_mapped_extents", fm_mapped_extents), new("fm_extent_count", fm_extent_count),
        ];
    }

    /// <summary>struct fiemap_extent: one extent, its offset in the file and on the disk.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FiemapExtent : IKernelStruct<FiemapExtent>
    {
        public ulong fe_logical, fe_physical, fe_length;
        public Reserved64 fe_reserved64;
        public uint fe_flags;
        public Reserved32 fe_reserved;

        public static string TypeName => "fiemap_extent";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("fe_logical", fe_logical), new("fe_physical", fe_physical), new("fe_length", fe_length),
            new("fe_flags", new FlagsValue(fe_flags, s_extentFlags)),
        ];
    }

    [InlineArray(2)]
    internal struct Reserved64
    {
        private ulong _word;
    }

    [InlineArray(3)]
    internal struct Reserved32
    {
        private uint _word;
    }
}
