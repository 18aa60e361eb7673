using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The UBI requests (include/uapi/mtd/ubi-user.h): a UBI device's and the control device's (type 'o') that
/// make, remove, resize and rename volumes and attach and detach MTD devices, and a volume's (type 'O') that update it,
/// change, map and unmap its eraseblocks and set its properties. Type 'o' is the DVB devices' too, whose requests are
/// named and left in hex, as strace leaves them.</summary>
internal static class UbiIoctls
{
    private const int MaxVolumeName = 127; // UBI_MAX_VOLUME_NAME
    private const int MaxRenames = 32;     // UBI_MAX_RNVOL

    private static readonly ConstantTable s_requests = ConstantTable.Load("ubi_ioctls");
    private static readonly NamedValues s_volumeTypes = new("ubi_volume_types", "UBI_???_VOLUME");
    private static readonly FlagSet s_volumeFlags = new("ubi_volume_flags", "UBI_VOL_???");
    private static readonly NamedValues s_properties = new("ubi_volume_properties", "UBI_VOL_PROP_???");
    private static readonly NamedValues s_dataTypes = new("ubi_data_types", "UBI_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "UBI_IOCMKVOL":
                IoctlArgument.Input<UbiMkvolReq>(context, (make, render, _) => Format(make, render));
                break;
            case "UBI_IOCRSVOL":
                IoctlArgument.Input<UbiRsvolReq>(context, (resize, _, _) => new StructWriter().Field("bytes", resize.bytes).Field("vol_id", resize.vol_id).ToString());
                break;
            case "UBI_IOCRNVOL":
                IoctlArgument.Input<UbiRnvolReq>(context, (rename, render, _) => Format(rename, render));
                break;
            case "UBI_IOCATT":
                // The device number asked for, then the one the kernel chose.
                IoctlArgument.InOut<UbiAttachReq>(context, (attach, _, _) => Format(attach),
                    (_, before, _) => (after, _, _) => $"{Format(before)} => [{after.ubi_num}]");
                break;
            case "UBI_IOCRMVOL" or "UBI_IOCRPEB" or "UBI_IOCSPEB" or "UBI_IOCDET" or "UBI_IOCEBER" or "UBI_IOCEBUNMAP" or "UBI_IOCEBISMAP":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "UBI_IOCVOLUP":
                IoctlArgument.InputNumber<long>(context);
                break;
            case "UBI_IOCEBCH":
                IoctlArgument.Input<UbiLebChangeReq>(context, (change, render, _) => new StructWriter().Field("lnum", change.lnum)
                    .Field("bytes", change.bytes).Field("dtype", s_dataTypes.FormatUnsigned((byte)change.dtype, render)).ToString());
                break;
            case "UBI_IOCEBMAP":
                IoctlArgument.Input<UbiMapReq>(context, (map, render, _) => new StructWriter().Field("lnum", map.lnum)
                    .Field("dtype", s_dataTypes.FormatUnsigned((byte)map.dtype, render)).ToString());
                break;
            case "UBI_IOCSETVOLPROP":
                IoctlArgument.Input<UbiSetVolPropReq>(context, (property, render, _) => new StructWriter()
                    .Field("property", s_properties.FormatUnsigned(property.property, render)).Field("value", DecodeContext.HexOrZero(property.value)).ToString());
                break;
            case "UBI_IOCVOLCRBLK" or "UBI_IOCVOLRMBLK":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    private static string Format(UbiMkvolReq make, StraceRenderer render) =>
        new StructWriter().Field("vol_id", make.vol_id).Field("alignment", make.alignment).Field("bytes", make.bytes)
            .Field("vol_type", s_volumeTypes.FormatUnsigned((byte)make.vol_type, render)).Field("flags", s_volumeFlags.Format((byte)make.flags, render))
            .Field("name_len", make.name_len).Field("name", Name(make.name, make.name_len, render)).ToString();

    private static string Format(UbiRnvolReq rename, StraceRenderer render)
    {
        var entries = new List<string>();
        for (int i = 0; i < Math.Clamp(rename.count, 0, MaxRenames); i++)
        {
            UbiRnvolEnt entry = rename.ents[i];
            entries.Add(new StructWriter().Field("vol_id", entry.vol_id).Field("name_len", entry.name_len)
                .Field("name", Name(entry.name, entry.name_len, render)).ToString());
        }
        return new StructWriter().Field("count", rename.count).Field("ents", StructWriter.Array(entries)).ToString();
    }

    private static string Format(UbiAttachReq attach) =>
        new StructWriter().Field("ubi_num", attach.ubi_num).Field("mtd_num", attach.mtd_num).Field("vid_hdr_offset", attach.vid_hdr_offset)
            .Field("max_beb_per1024", attach.max_beb_per1024).ToString();

    // A name of name_len chars, as far as its NUL: strace reads one char more than the length says, and prints "..."
    // when that one is not the NUL.
    private static string Name(ReadOnlySpan<byte> name, short length, StraceRenderer render) =>
        render.QuoteFixed(name[..(1 + Math.Clamp((int)length, 0, MaxVolumeName))]);

    private static string NameValue(ReadOnlySpan<byte> name) => StraceQuoting.Display(StraceQuoting.BeforeNul(name));

    /// <summary>struct ubi_mkvol_req (UBI_IOCMKVOL): the volume to make.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiMkvolReq : IKernelStruct<UbiMkvolReq>
    {
        public int vol_id, alignment;
        public long bytes;
        public sbyte vol_type, flags;
        public short name_len;
        public Padding4 padding2;
        public VolumeName name;

        public static string TypeName => "ubi_mkvol_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("vol_id", vol_id), new("alignment", alignment), new("bytes", bytes), new("vol_type", new ConstantValue((byte)vol_type, s_volumeTypes)),
            new("flags", new FlagsValue((byte)flags, s_volumeFlags)), new("name_len", name_len), new("name", NameValue(name)),
        ];
    }

    /// <summary>struct ubi_rsvol_req (UBI_IOCRSVOL): a volume's new size.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiRsvolReq : IKernelStruct<UbiRsvolReq>
    {
        public long bytes;
        public int vol_id;

        public static string TypeName => "ubi_rsvol_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("bytes", bytes), new("vol_id", vol_id)];
    }

    /// <summary>struct ubi_rnvol_req (UBI_IOCRNVOL): volumes to rename at once, up to UBI_MAX_RNVOL.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiRnvolReq : IKernelStruct<UbiRnvolReq>
    {
        public int count;
        public Padding12 padding1;
        public RenameEntries ents;

        public static string TypeName => "ubi_rnvol_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            UbiRnvolEnt[] entries = ((ReadOnlySpan<UbiRnvolEnt>)ents)[..Math.Clamp(count, 0, MaxRenames)].ToArray();
            return [new("count", count), new("ents", new ArrayValue(entries.Select(entry => (object?)StructValue.Of(entry))))];
        }
    }

    /// <summary>An entry of ubi_rnvol_req's ents: a volume and its new name.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiRnvolEnt : IKernelStruct<UbiRnvolEnt>
    {
        public int vol_id;
        public short name_len;
        public Padding2 padding2;
        public VolumeName name;

        public static string TypeName => "ubi_rnvol_req_ent";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("vol_id", vol_id), new("name_len", name_len), new("name", NameValue(name))];
    }

    /// <summary>struct ubi_attach_req (UBI_IOCATT): the MTD device to attach, and the UBI device number asked for.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UbiAttachReq : IKernelStruct<UbiAttachReq>
    {
        public int ubi_num, mtd_num, vid_hdr_offset;
        public short max_beb_per1024;
        public sbyte disable_fm;
        public Padding9 padding;

        public static string TypeName => "ubi_attach_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("ubi_num", ubi_num), new("mtd_num", mtd_num), new("vid_hdr_offset", vid_hdr_offset), new("max_beb_per1024", max_beb_per1024),
            new("disable_fm", disable_fm),
        ];
    }

    /// <summary>struct ubi_leb_change_req (UBI_IOCEBCH): a logical eraseblock to change, and the bytes it takes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiLebChangeReq : IKernelStruct<UbiLebChangeReq>
    {
        public int lnum, bytes;
        public sbyte dtype;
        public Padding7 padding;

        public static string TypeName => "ubi_leb_change_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("lnum", lnum), new("bytes", bytes), new("dtype", new ConstantValue((byte)dtype, s_dataTypes))];
    }

    /// <summary>struct ubi_map_req (UBI_IOCEBMAP): a logical eraseblock to map.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiMapReq : IKernelStruct<UbiMapReq>
    {
        public int lnum;
        public sbyte dtype;
        public Padding3 padding;

        public static string TypeName => "ubi_map_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("lnum", lnum), new("dtype", new ConstantValue((byte)dtype, s_dataTypes))];
    }

    /// <summary>struct ubi_set_vol_prop_req (UBI_IOCSETVOLPROP): a volume's property and its value.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct UbiSetVolPropReq : IKernelStruct<UbiSetVolPropReq>
    {
        public byte property;
        public Padding7 padding;
        public ulong value;

        public static string TypeName => "ubi_set_vol_prop_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("property", new ConstantValue(property, s_properties)), new("value", value)];
    }

    /// <summary>A volume's name, UBI_MAX_VOLUME_NAME chars and a NUL.</summary>
    [InlineArray(MaxVolumeName + 1)]
    internal struct VolumeName
    {
        private byte _byte;
    }

    /// <summary>ubi_rnvol_req's ents[UBI_MAX_RNVOL].</summary>
    [InlineArray(MaxRenames)]
    internal struct RenameEntries
    {
        private UbiRnvolEnt _entry;
    }

    /// <summary>Two bytes of padding.</summary>
    [InlineArray(2)]
    internal struct Padding2
    {
        private byte _byte;
    }

    /// <summary>Three bytes of padding.</summary>
    [InlineArray(3)]
    internal struct Padding3
    {
        private byte _byte;
    }

    /// <summary>Four bytes of padding.</summary>
    [InlineArray(4)]
    internal struct Padding4
    {
        private byte _byte;
    }

    /// <summary>Seven bytes of padding.</summary>
    [InlineArray(7)]
    internal struct Padding7
    {
        private byte _byte;
    }

    /// <summary>Nine bytes of padding.</summary>
    [InlineArray(9)]
    internal struct Padding9
    {
        private byte _byte;
    }

    /// <summary>Twelve bytes of padding.</summary>
    [InlineArray(12)]
    internal struct Padding12
    {
        private byte _byte;
    }
}
