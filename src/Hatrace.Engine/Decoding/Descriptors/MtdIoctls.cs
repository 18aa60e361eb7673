using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The MTD flash requests (type 'M', include/uapi/mtd/mtd-abi.h): the device's geometry, the ranges erased,
/// locked and read or written with their out-of-band data, the erase regions, the NAND layouts and ECC statistics,
/// the bad blocks and the one-time-programmable areas. strace names a _IOR or _IOW request of this type as an OSS sound
/// mixer's first (<c>MIXER_READ(1) or MEMGETINFO</c>), and so does this; it leaves MEMREAD and OTPERASE, and x86's
/// machine-check requests of the same type, in hex.</summary>
internal static class MtdIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("mtd_ioctls");
    private static readonly NamedValues s_types = new("mtd_types", "MTD_???");
    private static readonly FlagSet s_flags = new("mtd_flags", "MTD_???");
    private static readonly NamedValues s_eccPlacements = new("mtd_nandecc", "MTD_NANDECC_???");
    private static readonly NamedValues s_otpModes = new("mtd_otp_modes", "MTD_OTP_???");
    private static readonly NamedValues s_fileModes = new("mtd_file_modes", "MTD_FILE_MODE_???");
    private static readonly NamedValues s_opsModes = new("mtd_ops_modes", "MTD_OPS_???");

    internal static IoctlFamily Family { get; } = new(NameOf, Decode);

    // linux/soundcard.h's MIXER_READ(dev) and MIXER_WRITE(dev) are _IOR/_IOW('M', dev, int): strace names every
    // request of those directions so, whatever its size, before the name the tables give it.
    private static string? NameOf(uint request, bool hints)
    {
        string? mixer = (request >> 30) switch
        {
            2 => $"MIXER_READ({IoctlDecoders.Number(request).ToString(CultureInfo.InvariantCulture)})",
            1 => $"MIXER_WRITE({IoctlDecoders.Number(request).ToString(CultureInfo.InvariantCulture)})",
            _ => null,
        };
        string? name = s_requests.NameOf(request);
        return mixer is null ? name : name is null ? mixer : mixer + " or " + name;
    }

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "MEMGETINFO":
                IoctlArgument.Output<MtdInfoUser>(context, (info, render, _) => Format(info, render));
                break;
            case "MEMERASE" or "MEMLOCK" or "MEMUNLOCK" or "MEMISLOCKED":
                IoctlArgument.Input<EraseInfoUser>(context, (erase, _, _) => new StructWriter().Field("start", Hex(erase.start))
                    .Field("length", Hex(erase.length)).ToString());
                break;
            case "MEMERASE64":
                IoctlArgument.Input<EraseInfoUser64>(context, (erase, _, _) => new StructWriter().Field("start", Hex(erase.start))
                    .Field("length", Hex(erase.length)).ToString());
                break;
            case "MEMWRITEOOB" or "MEMREADOOB":
                IoctlArgument.Input<MtdOobBuf>(context, (oob, _, _) => new StructWriter().Field("start", Hex(oob.start))
                    .Field("length", Hex(oob.length)).Field("ptr", DecodeContext.FormatAddress((long)oob.ptr)).ToString());
                break;
            case "MEMWRITEOOB64" or "MEMREADOOB64":
                IoctlArgument.Input<MtdOobBuf64>(context, (oob, _, _) => new StructWriter().Field("start", Hex(oob.start))
                    .Field("length", Hex(oob.length)).Field("usr_ptr", DecodeContext.FormatAddress((long)oob.usr_ptr)).ToString());
                break;
            case "MEMWRITE":
                IoctlArgument.Input<MtdWriteReq>(context, (write, render, _) => new StructWriter().Field("start", Hex(write.start))
                    .Field("len", Hex(write.len)).Field("ooblen", Hex(write.ooblen))
                    .Field("usr_data", DecodeContext.FormatAddress((long)write.usr_data)).Field("usr_oob", DecodeContext.FormatAddress((long)write.usr_oob))
                    .Field("mode", s_opsModes.FormatUnsigned(write.mode, render)).ToString());
                break;
            case "MEMGETREGIONCOUNT" or "OTPGETREGIONCOUNT":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "MEMGETREGIONINFO":
                // The index asked for, then the region the kernel wrote back in its place.
                IoctlArgument.InOut<RegionInfoUser>(context, (region, _, _) => new StructWriter().Field("regionindex", Hex(region.regionindex)).ToString(),
                    (_, _, _) => (region, _, _) => new StructWriter().Field("regionindex", Hex(region.regionindex)).Field("offset", Hex(region.offset))
                        .Field("erasesize", Hex(region.erasesize)).Field("numblocks", Hex(region.numblocks)).ToString());
                break;
            case "MEMGETOOBSEL":
                IoctlArgument.Output<NandOobinfo>(context, (info, render, _) => Format(info, render));
                break;
            case "ECCGETLAYOUT":
                int limit = context.StringLength;
                IoctlArgument.Output<NandEcclayoutUser>(context, (layout, _, abbreviate) => Format(layout, abbreviate ? limit : int.MaxValue));
                break;
            case "ECCGETSTATS":
                IoctlArgument.Output<MtdEccStats>(context, (stats, _, _) => new StructWriter().Field("corrected", Hex(stats.corrected))
                    .Field("failed", Hex(stats.failed)).Field("badblocks", Hex(stats.badblocks)).Field("bbtblocks", Hex(stats.bbtblocks)).ToString());
                break;
            case "MEMGETBADBLOCK" or "MEMSETBADBLOCK":
                IoctlArgument.InputNumber<long>(context);
                break;
            case "OTPSELECT":
                IoctlArgument.InputNumber<int>(context, (mode, render) => s_otpModes.FormatUnsigned((uint)mode, render));
                break;
            case "OTPGETREGIONINFO":
                IoctlArgument.Output<OtpInfo>(context, (otp, _, _) => Format(otp));
                break;
            case "OTPLOCK":
                IoctlArgument.Input<OtpInfo>(context, (otp, _, _) => Format(otp));
                break;
            case "MTDFILEMODE":
                IoctlArgument.Named(context, s_fileModes);
                break;
            default:
                return false;
        }
        return true;
    }

    private static string Hex(ulong value) => DecodeContext.HexOrZero(value);

    private static ArrayValue Numbers(ReadOnlySpan<uint> values) => new(values.ToArray().Select(value => (object?)(long)value));

    private static string Format(MtdInfoUser info, StraceRenderer render) =>
        new StructWriter().Field("type", s_types.FormatUnsigned(info.type, render)).Field("flags", s_flags.Format(info.flags, render))
            .Field("size", Hex(info.size)).Field("erasesize", Hex(info.erasesize)).Field("writesize", Hex(info.writesize))
            .Field("oobsize", Hex(info.oobsize)).Field("padding", Hex(info.padding)).ToString();

    private static string Format(NandOobinfo info, StraceRenderer render)
    {
        var free = new string[NandOobinfo.FreeCount];
        for (int i = 0; i < free.Length; i++)
            free[i] = StructWriter.Array([Hex(info.oobfree[2 * i]), Hex(info.oobfree[2 * i + 1])]);
        return new StructWriter().Field("useecc", s_eccPlacements.FormatUnsigned(info.useecc, render)).Field("eccbytes", Hex(info.eccbytes))
            .Field("oobfree", StructWriter.Array(free))
            .Field("eccpos", StructWriter.Array(((ReadOnlySpan<uint>)info.eccpos).ToArray().Select(position => Hex(position)))).ToString();
    }

    // Without -v strace prints as many of the 64 ECC positions as the string length allows.
    private static string Format(NandEcclayoutUser layout, int limit)
    {
        uint[] positions = ((ReadOnlySpan<uint>)layout.eccpos).ToArray();
        IEnumerable<string> shown = positions.Take(limit).Select(position => Hex(position));
        var free = new string[NandEcclayoutUser.FreeCount];
        for (int i = 0; i < free.Length; i++)
            free[i] = new StructWriter().Field("offset", Hex(layout.oobfree[i].offset)).Field("length", Hex(layout.oobfree[i].length)).ToString();
        return new StructWriter().Field("eccbytes", Hex(layout.eccbytes))
            .Field("eccpos", StructWriter.Array(positions.Length > limit ? shown.Append("...") : shown))
            .Field("oobavail", Hex(layout.oobavail)).Field("oobfree", StructWriter.Array(free)).ToString();
    }

    private static string Format(OtpInfo otp) =>
        new StructWriter().Field("start", Hex(otp.start)).Field("length", Hex(otp.length)).Field("locked", otp.locked).ToString();

    /// <summary>struct mtd_info_user (MEMGETINFO): the device's type, flags and sizes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MtdInfoUser : IKernelStruct<MtdInfoUser>
    {
        public byte type;
        public uint flags, size, erasesize, writesize, oobsize;
        public ulong padding;

        public static string TypeName => "mtd_info_user";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("type", new ConstantValue(type, s_types)), new("flags", new FlagsValue(flags, s_flags)), new("size", size),
            new("erasesize", erasesize), new("writesize", writesize), new("oobsize", oobsize), new("padding", padding),
        ];
    }

    /// <summary>struct erase_info_user: a range of the device, by 32-bit offset and length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct EraseInfoUser : IKernelStruct<EraseInfoUser>
    {
        public uint start, length;

        public static string TypeName => "erase_info_user";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("start", start), new("length", length)];
    }

    /// <summary>struct erase_info_user64: a range of the device, by 64-bit offset and length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct EraseInfoUser64 : IKernelStruct<EraseInfoUser64>
    {
        public ulong start, length;

        public static string TypeName => "erase_info_user64";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("start", start), new("length", length)];
    }

    /// <summary>struct mtd_oob_buf: out-of-band data at a 32-bit offset, and the caller's buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MtdOobBuf : IKernelStruct<MtdOobBuf>
    {
        public uint start, length;
        public ulong ptr;

        public static string TypeName => "mtd_oob_buf";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("start", start), new("length", length), new("ptr", DecodeContext.Pointer((long)ptr, PointerReason.NotDecoded))];
    }

    /// <summary>struct mtd_oob_buf64: out-of-band data at a 64-bit offset, and the caller's buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MtdOobBuf64 : IKernelStruct<MtdOobBuf64>
    {
        public ulong start;
        public uint pad, length;
        public ulong usr_ptr;

        public static string TypeName => "mtd_oob_buf64";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("start", start), new("length", length), new("usr_ptr", DecodeContext.Pointer((long)usr_ptr, PointerReason.NotDecoded))];
    }

    /// <summary>struct mtd_write_req (MEMWRITE): data and out-of-band data to write, and how to place them.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MtdWriteReq : IKernelStruct<MtdWriteReq>
    {
        public ulong start, len, ooblen, usr_data, usr_oob;
        public byte mode;
        public Padding7 padding;

        public static string TypeName => "mtd_write_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("start", start), new("len", len), new("ooblen", ooblen), new("usr_data", DecodeContext.Pointer((long)usr_data, PointerReason.NotDecoded)),
            new("usr_oob", DecodeContext.Pointer((long)usr_oob, PointerReason.NotDecoded)), new("mode", new ConstantValue(mode, s_opsModes)),
        ];
    }

    /// <summary>struct region_info_user (MEMGETREGIONINFO): an erase region, asked for by its index.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RegionInfoUser : IKernelStruct<RegionInfoUser>
    {
        public uint offset, erasesize, numblocks, regionindex;

        public static string TypeName => "region_info_user";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("offset", offset), new("erasesize", erasesize), new("numblocks", numblocks), new("regionindex", regionindex)];
    }

    /// <summary>struct otp_info: a one-time-programmable area, and whether it is locked.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OtpInfo : IKernelStruct<OtpInfo>
    {
        public uint start, length, locked;

        public static string TypeName => "otp_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("start", start), new("length", length), new("locked", locked)];
    }

    /// <summary>struct nand_oobinfo (MEMGETOOBSEL, obsolete): the ECC placement, the free out-of-band ranges as
    /// [offset, length] pairs, and the ECC bytes' positions.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NandOobinfo : IKernelStruct<NandOobinfo>
    {
        internal const int FreeCount = 8;

        public uint useecc, eccbytes;
        public OobFreePairs oobfree;
        public EccPositions32 eccpos;

        public static string TypeName => "nand_oobinfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("useecc", new ConstantValue(useecc, s_eccPlacements)), new("eccbytes", eccbytes),
            new("oobfree", Numbers(oobfree)), new("eccpos", Numbers(eccpos)),
        ];
    }

    /// <summary>struct nand_ecclayout_user (ECCGETLAYOUT): the ECC bytes' positions and the free out-of-band ranges.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NandEcclayoutUser : IKernelStruct<NandEcclayoutUser>
    {
        internal const int FreeCount = 8; // MTD_MAX_OOBFREE_ENTRIES

        public uint eccbytes;
        public EccPositions64 eccpos;
        public uint oobavail;
        public OobFree oobfree;

        public static string TypeName => "nand_ecclayout_user";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("eccbytes", eccbytes), new("eccpos", Numbers(eccpos)), new("oobavail", oobavail),
            new("oobfree", new ArrayValue(((ReadOnlySpan<NandOobfree>)oobfree).ToArray().Select(free => (object?)StructValue.Of(free)))),
        ];
    }

    /// <summary>struct nand_oobfree: a free out-of-band range.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NandOobfree : IKernelStruct<NandOobfree>
    {
        public uint offset, length;

        public static string TypeName => "nand_oobfree";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("offset", offset), new("length", length)];
    }

    /// <summary>struct mtd_ecc_stats (ECCGETSTATS): the bit flips corrected, the failures, and the bad and BBT blocks.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MtdEccStats : IKernelStruct<MtdEccStats>
    {
        public uint corrected, failed, badblocks, bbtblocks;

        public static string TypeName => "mtd_ecc_stats";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("corrected", corrected), new("failed", failed), new("badblocks", badblocks), new("bbtblocks", bbtblocks)];
    }

    /// <summary>mtd_write_req's padding[7].</summary>
    [InlineArray(7)]
    internal struct Padding7
    {
        private byte _byte;
    }

    /// <summary>nand_oobinfo's oobfree[8][2], row by row.</summary>
    [InlineArray(16)]
    internal struct OobFreePairs
    {
        private uint _value;
    }

    /// <summary>nand_oobinfo's eccpos[32].</summary>
    [InlineArray(32)]
    internal struct EccPositions32
    {
        private uint _value;
    }

    /// <summary>nand_ecclayout_user's eccpos[MTD_MAX_ECCPOS_ENTRIES].</summary>
    [InlineArray(64)]
    internal struct EccPositions64
    {
        private uint _value;
    }

    /// <summary>nand_ecclayout_user's oobfree[MTD_MAX_OOBFREE_ENTRIES].</summary>
    [InlineArray(NandEcclayoutUser.FreeCount)]
    internal struct OobFree
    {
        private NandOobfree _value;
    }
}
