using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>stat, lstat, fstat, newfstatat and statx (and i386's stat64 family): the flags at entry, the structure the call fills at exit,
/// abbreviated as strace prints it without -v (<c>{st_mode=S_IFREG|0644, st_size=832, ...}</c>), whole with it.</summary>
internal static class StatDecoders
{
    private static readonly FlagSet s_atFlags = new("at_flags", "AT_???");
    private static readonly ConstantTable s_statxSyncTypes = ConstantTable.Load("statx_sync_types");
    private static readonly FlagSet s_statxMasks = new("statx_masks", "STATX_???");
    private static readonly FlagSet s_statxAttributes = new("statx_attributes", "STATX_ATTR_???");
    private const long StatxSyncTypeMask = 0x6000; // AT_STATX_SYNC_TYPE
    private const uint StatxBirthTime = 0x800;     // STATX_BTIME

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("stat", context => DecodeStat(context, bufferIndex: 1)),
        ("lstat", context => DecodeStat(context, bufferIndex: 1)),
        ("fstat", context => DecodeStat(context, bufferIndex: 1)),
        ("newfstatat", DecodeNewfstatat),
        ("statx", DecodeStatx),
        ("stat64", context => DecodeStat64(context, bufferIndex: 1)),
        ("lstat64", context => DecodeStat64(context, bufferIndex: 1)),
        ("fstat64", context => DecodeStat64(context, bufferIndex: 1)),
        ("fstatat64", context =>
        {
            if (!context.Exiting)
                context.SetFlags(3, s_atFlags);
            DecodeStat64(context, bufferIndex: 2);
        }),
    ];

    private static void DecodeNewfstatat(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFlags(3, s_atFlags);
        DecodeStat(context, bufferIndex: 2);
    }

    private static void DecodeStat(DecodeContext context, int bufferIndex)
    {
        if (!context.Exiting)
            context.Defer(bufferIndex);
        else if (context.WordSize != 8)
            context.SetPointer(bufferIndex);
        else
            context.SetOutputStruct<KernelStat>(bufferIndex, stat => FormatStat(stat, context.Render, context.Abbreviate));
    }

    /// <summary>The i386 calls on struct stat64, whose layout differs from x86_64's struct stat.</summary>
    private static void DecodeStat64(DecodeContext context, int bufferIndex)
    {
        if (!context.Exiting)
            context.Defer(bufferIndex);
        else
            context.SetOutputStruct<KernelStat64>(bufferIndex, stat => FormatStat(stat.Mode, stat.RDev, stat.Size, context.Render));
    }

    // struct stat's fields by their names in the kernel's and the man page's struct stat.
    private static KeyValuePair<string, object?>[] StatFields(in KernelStat stat) =>
    [
        new("st_dev", stat.Dev), new("st_ino", stat.Ino), new("st_mode", stat.Mode), new("st_nlink", stat.NLink),
        new("st_uid", stat.Uid), new("st_gid", stat.Gid), new("st_rdev", stat.RDev), new("st_size", stat.Size),
        new("st_blksize", stat.BlkSize), new("st_blocks", stat.Blocks),
        new("st_atime", Time(stat.ATime, stat.ATimeNsec)), new("st_atime_nsec", stat.ATimeNsec),
        new("st_mtime", Time(stat.MTime, stat.MTimeNsec)), new("st_mtime_nsec", stat.MTimeNsec),
        new("st_ctime", Time(stat.CTime, stat.CTimeNsec)), new("st_ctime_nsec", stat.CTimeNsec),
    ];

    // The fields this decoder reads of i386's struct stat64.
    private static KeyValuePair<string, object?>[] Stat64Fields(in KernelStat64 stat) =>
        [new("st_mode", stat.Mode), new("st_rdev", stat.RDev), new("st_size", stat.Size)];

    // A time as a DateTimeOffset; its seconds alone where they (or the nanoseconds) are out of range, as in a
    // structure a program made up.
    internal static object Time(long seconds, long nanoseconds) =>
        seconds is >= -62_135_596_800 and <= 253_402_300_799 && nanoseconds is >= 0 and < 1_000_000_000
            && DateTimeOffset.FromUnixTimeSeconds(seconds) is var time && time.UtcTicks + nanoseconds / 100 <= DateTimeOffset.MaxValue.UtcTicks
            ? time.AddTicks(nanoseconds / 100)
            : seconds;

    internal static string FormatStat(KernelStat stat, StraceRenderer render, bool abbreviate = true) =>
        abbreviate ? FormatStat(stat.Mode, stat.RDev, stat.Size, render) : FormatWholeStat(stat, render);

    private static string FormatStat(uint mode, ulong device, long size, StraceRenderer render)
    {
        var text = new StructWriter().Field("st_mode", FileModes.Format(mode, render));
        AddSizeOrDevice(text, mode, device, size, render);
        return text.More().ToString();
    }

    /// <summary>A device's number in place of its size, which means nothing for a device.</summary>
    private static void AddSizeOrDevice(StructWriter text, uint mode, ulong device, long size, StraceRenderer render)
    {
        if (FileModes.IsDevice(mode))
            text.Field("st_rdev", FileModes.FormatDevice(device, render));
        else
            text.Field("st_size", size);
    }

    /// <summary>Every field, in strace's order, as <c>-v</c> prints them.</summary>
    private static string FormatWholeStat(KernelStat stat, StraceRenderer render)
    {
        var text = new StructWriter()
            .Field("st_dev", FileModes.FormatDevice(stat.Dev, render))
            .Field("st_ino", (long)stat.Ino)
            .Field("st_mode", FileModes.Format(stat.Mode, render))
            .Field("st_nlink", (long)stat.NLink)
            .Field("st_uid", stat.Uid)
            .Field("st_gid", stat.Gid)
            .Field("st_blksize", stat.BlkSize)
            .Field("st_blocks", stat.Blocks);
        AddSizeOrDevice(text, stat.Mode, stat.RDev, stat.Size, render);
        AddTime(text, "st_atime", stat.ATime, stat.ATimeNsec);
        AddTime(text, "st_mtime", stat.MTime, stat.MTimeNsec);
        AddTime(text, "st_ctime", stat.CTime, stat.CTimeNsec);
        return text.ToString();
    }

    private static void AddTime(StructWriter text, string name, long seconds, long nanoseconds) =>
        text.Field(name, seconds.ToString(CultureInfo.InvariantCulture) + PathDecoders.TimeComment(new(seconds, nanoseconds)))
            .Field(name + "_nsec", nanoseconds);

    private static void DecodeStatx(DecodeContext context)
    {
        if (!context.Exiting)
        {
            long flags = (long)context.Unsigned(2);
            context.Set(2, ArgumentKind.UInt, flags, FormatStatxFlags(flags, context.Render));
            context.SetFlags(3, s_statxMasks);
            context.Defer(4);
        }
        else
            context.SetOutputStruct<KernelStatx>(4, statx => FormatStatx(statx, context.Render, context.Abbreviate));
    }

    /// <summary>The synchronisation type first (it is a field, <c>AT_STATX_SYNC_AS_STAT</c> when zero), then the AT_* flags.</summary>
    internal static string FormatStatxFlags(long flags, StraceRenderer render)
    {
        long syncType = flags & StatxSyncTypeMask;
        string sync = render.Value(syncType, s_statxSyncTypes.NameOf(syncType)!);
        long rest = flags & ~StatxSyncTypeMask;
        if (rest == 0)
            return sync;
        // strace's -X raw leaves out a zero synchronisation type before the flags, "|0x100".
        if (syncType == 0 && render.Style == ConstantStyle.Raw)
            sync = "";
        return sync + "|" + s_atFlags.Format(rest, render).Replace(" /* AT_??? */", "", StringComparison.Ordinal);
    }

    internal static string FormatStatx(KernelStatx statx, StraceRenderer render, bool abbreviate = true)
    {
        var text = new StructWriter().Field("stx_mask", s_statxMasks.Format(statx.Mask, render));
        if (abbreviate)
        {
            return text.Field("stx_attributes", s_statxAttributes.Format((long)statx.Attributes, render))
                .Field("stx_mode", FileModes.Format(statx.Mode, render))
                .Field("stx_size", (long)statx.Size)
                .More().ToString();
        }
        text.Field("stx_blksize", statx.BlkSize)
            .Field("stx_attributes", s_statxAttributes.Format((long)statx.Attributes, render))
            .Field("stx_nlink", statx.NLink)
            .Field("stx_uid", statx.Uid)
            .Field("stx_gid", statx.Gid)
            .Field("stx_mode", FileModes.Format(statx.Mode, render))
            .Field("stx_ino", (long)statx.Ino)
            .Field("stx_size", (long)statx.Size)
            .Field("stx_blocks", (long)statx.Blocks)
            .Field("stx_attributes_mask", s_statxAttributes.Format((long)statx.AttributesMask, render));
        AddStatxTime(text, "stx_atime", statx.ATime);
        if ((statx.Mask & StatxBirthTime) != 0)
            AddStatxTime(text, "stx_btime", statx.BTime);
        AddStatxTime(text, "stx_ctime", statx.CTime);
        AddStatxTime(text, "stx_mtime", statx.MTime);
        return text.Field("stx_rdev_major", statx.RDevMajor)
            .Field("stx_rdev_minor", statx.RDevMinor)
            .Field("stx_dev_major", statx.DevMajor)
            .Field("stx_dev_minor", statx.DevMinor)
            .Field("stx_mnt_id", DecodeContext.HexOrZero(statx.MountId))
            .ToString();
    }

    private static void AddStatxTime(StructWriter text, string name, StatxTimestamp time)
    {
        var timespec = new TimeStructs.Timespec(time.Seconds, time.Nanoseconds);
        text.Field(name, TimeStructs.Format(timespec) + PathDecoders.TimeComment(timespec));
    }

    /// <summary>struct stat of x86_64 (arch/x86/include/uapi/asm/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    internal struct KernelStat : IKernelStruct<KernelStat>
    {
        public static string TypeName => "stat";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => StatFields(this);

        [FieldOffset(0)] public ulong Dev;
        [FieldOffset(8)] public ulong Ino;
        [FieldOffset(16)] public ulong NLink;
        [FieldOffset(24)] public uint Mode;
        [FieldOffset(28)] public uint Uid;
        [FieldOffset(32)] public uint Gid;
        [FieldOffset(40)] public ulong RDev;
        [FieldOffset(48)] public long Size;
        [FieldOffset(56)] public long BlkSize;
        [FieldOffset(64)] public long Blocks;
        [FieldOffset(72)] public long ATime;
        [FieldOffset(80)] public long ATimeNsec;
        [FieldOffset(88)] public long MTime;
        [FieldOffset(96)] public long MTimeNsec;
        [FieldOffset(104)] public long CTime;
        [FieldOffset(112)] public long CTimeNsec;
    }

    /// <summary>struct stat64 of i386 (arch/x86/include/uapi/asm/stat.h), 4-byte aligned.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    internal struct KernelStat64 : IKernelStruct<KernelStat64>
    {
        public static string TypeName => "stat64";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => Stat64Fields(this);

        [FieldOffset(16)] public uint Mode;
        [FieldOffset(32)] public ulong RDev;
        [FieldOffset(44)] public long Size;
    }

    /// <summary>struct statx (include/uapi/linux/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct KernelStatx : IKernelStruct<KernelStatx>
    {
        public static string TypeName => "statx";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("stx_mask", new FlagsValue(Mask, s_statxMasks)), new("stx_blksize", BlkSize),
            new("stx_attributes", new FlagsValue((long)Attributes, s_statxAttributes)), new("stx_nlink", NLink),
            new("stx_uid", Uid), new("stx_gid", Gid), new("stx_mode", Mode), new("stx_ino", Ino), new("stx_size", Size),
            new("stx_blocks", Blocks), new("stx_attributes_mask", new FlagsValue((long)AttributesMask, s_statxAttributes)),
            new("stx_atime", ATime.Value()), new("stx_btime", BTime.Value()), new("stx_ctime", CTime.Value()),
            new("stx_mtime", MTime.Value()), new("stx_rdev_major", RDevMajor), new("stx_rdev_minor", RDevMinor),
            new("stx_dev_major", DevMajor), new("stx_dev_minor", DevMinor), new("stx_mnt_id", MountId),
        ];

        [FieldOffset(0)] public uint Mask;
        [FieldOffset(4)] public uint BlkSize;
        [FieldOffset(8)] public ulong Attributes;
        [FieldOffset(16)] public uint NLink;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(48)] public ulong Blocks;
        [FieldOffset(56)] public ulong AttributesMask;
        [FieldOffset(64)] public StatxTimestamp ATime;
        [FieldOffset(80)] public StatxTimestamp BTime;
        [FieldOffset(96)] public StatxTimestamp CTime;
        [FieldOffset(112)] public StatxTimestamp MTime;
        [FieldOffset(128)] public uint RDevMajor;
        [FieldOffset(132)] public uint RDevMinor;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
        [FieldOffset(144)] public ulong MountId;
    }

    /// <summary>struct statx_timestamp: 16 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    internal struct StatxTimestamp
    {
        public long Seconds;
        public uint Nanoseconds;

        /// <summary>The time as a DateTimeOffset, as struct stat's times are.</summary>
        public readonly object Value() => Time(Seconds, Nanoseconds);
    }
}
