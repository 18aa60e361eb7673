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
    // The STATX_* bits of stx_mask (include/uapi/linux/stat.h): which fields the kernel filled in.
    private const uint StatxType = 0x1, StatxMode = 0x2, StatxNlink = 0x4, StatxUid = 0x8, StatxGid = 0x10;
    private const uint StatxAccessTime = 0x20, StatxModifyTime = 0x40, StatxChangeTime = 0x80, StatxIno = 0x100;
    private const uint StatxSize = 0x200, StatxBlocks = 0x400, StatxBirthTime = 0x800, StatxMountId = 0x1000;

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

    private static void DecodeStat(DecodeContext context, int bufferIndex) =>
        context.SetOutputStructAtExit<KernelStat, KernelStat32>(bufferIndex, FormatStat);

    /// <summary>The i386 calls on struct stat64, whose layout differs from both ABIs' struct stat.</summary>
    private static void DecodeStat64(DecodeContext context, int bufferIndex) =>
        context.SetOutputStructAtExit<KernelStat, KernelStat64>(bufferIndex, FormatStat);

    // struct stat's fields by their names in the kernel's and the man page's struct stat.
    private static KeyValuePair<string, object?>[] StatFields(in KernelStat stat) =>
    [
        new("st_dev", stat.st_dev), new("st_ino", stat.st_ino), new("st_mode", stat.st_mode), new("st_nlink", stat.st_nlink),
        new("st_uid", stat.st_uid), new("st_gid", stat.st_gid), new("st_rdev", stat.st_rdev), new("st_size", stat.st_size),
        new("st_blksize", stat.st_blksize), new("st_blocks", stat.st_blocks),
        new("st_atime", Time(stat.st_atime, stat.st_atime_nsec)), new("st_atime_nsec", stat.st_atime_nsec),
        new("st_mtime", Time(stat.st_mtime, stat.st_mtime_nsec)), new("st_mtime_nsec", stat.st_mtime_nsec),
        new("st_ctime", Time(stat.st_ctime, stat.st_ctime_nsec)), new("st_ctime_nsec", stat.st_ctime_nsec),
    ];

    // A time as a DateTimeOffset; its seconds alone where they (or the nanoseconds) are out of range, as in a
    // structure a program made up.
    internal static object Time(long seconds, long nanoseconds) =>
        seconds is >= -62_135_596_800 and <= 253_402_300_799 && nanoseconds is >= 0 and < 1_000_000_000
            && DateTimeOffset.FromUnixTimeSeconds(seconds) is var time && time.UtcTicks + nanoseconds / 100 <= DateTimeOffset.MaxValue.UtcTicks
            ? time.AddTicks(nanoseconds / 100)
            : seconds;

    internal static string FormatStat(KernelStat stat, StraceRenderer render, bool abbreviate = true) =>
        abbreviate ? FormatStat(stat.st_mode, stat.st_rdev, stat.st_size, render) : FormatWholeStat(stat, render);

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
            .Field("st_dev", FileModes.FormatDevice(stat.st_dev, render))
            .Field("st_ino", (long)stat.st_ino)
            .Field("st_mode", FileModes.Format(stat.st_mode, render))
            .Field("st_nlink", (long)stat.st_nlink)
            .Field("st_uid", stat.st_uid)
            .Field("st_gid", stat.st_gid)
            .Field("st_blksize", stat.st_blksize)
            .Field("st_blocks", stat.st_blocks);
        AddSizeOrDevice(text, stat.st_mode, stat.st_rdev, stat.st_size, render);
        AddTime(text, "st_atime", stat.st_atime, stat.st_atime_nsec);
        AddTime(text, "st_mtime", stat.st_mtime, stat.st_mtime_nsec);
        AddTime(text, "st_ctime", stat.st_ctime, stat.st_ctime_nsec);
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
            context.Set(2, ArgumentKind.UInt, StatxFlagsValue(flags), render => FormatStatxFlags(flags, render));
            context.SetFlags(3, s_statxMasks);
            context.Defer(4);
        }
        else
            context.SetOutputStruct<KernelStatx>(4, FormatStatx);
    }

    /// <summary>The synchronisation type's name first, then the AT_* flags'.</summary>
    private static FlagsValue StatxFlagsValue(long flags)
    {
        (IReadOnlyList<string> names, long unknown) = s_atFlags.Split(flags & ~StatxSyncTypeMask);
        return s_statxSyncTypes.NameOf(flags & StatxSyncTypeMask) is string sync
            ? new FlagsValue(flags, [sync, .. names], unknown)
            : new FlagsValue(flags, names, unknown | (flags & StatxSyncTypeMask));
    }

    /// <summary>The synchronisation type first (it is a field, <c>AT_STATX_SYNC_AS_STAT</c> when zero), then the AT_* flags.</summary>
    internal static string FormatStatxFlags(long flags, StraceRenderer render)
    {
        long syncType = flags & StatxSyncTypeMask;
        long rest = flags & ~StatxSyncTypeMask;
        // strace's -X raw leaves out a zero synchronisation type: before the flags, "|0x100", and alone, nothing at all.
        string sync = syncType == 0 && render.Style == ConstantStyle.Raw ? "" : render.Value(syncType, s_statxSyncTypes.NameOf(syncType)!);
        if (rest == 0)
            return sync;
        return sync + "|" + s_atFlags.Format(rest, render).Replace(" /* AT_??? */", "", StringComparison.Ordinal);
    }

    /// <summary>struct statx as strace prints it: a field only where stx_mask says the kernel filled it in (the
    /// STATX_* bit of each), but the mask, the block size, the attributes and the device numbers, always there.</summary>
    internal static string FormatStatx(KernelStatx statx, StraceRenderer render, bool abbreviate = true)
    {
        bool Has(uint bits) => (statx.stx_mask & bits) != 0;
        var text = new StructWriter().Field("stx_mask", s_statxMasks.Format(statx.stx_mask, render));
        if (abbreviate)
        {
            text.Field("stx_attributes", s_statxAttributes.Format((long)statx.stx_attributes, render));
            if (Has(StatxType | StatxMode))
                text.Field("stx_mode", FileModes.Format(statx.stx_mode, render));
            if (Has(StatxSize))
                text.Field("stx_size", (long)statx.stx_size);
            return text.More().ToString();
        }
        text.Field("stx_blksize", statx.stx_blksize)
            .Field("stx_attributes", s_statxAttributes.Format((long)statx.stx_attributes, render));
        if (Has(StatxNlink))
            text.Field("stx_nlink", statx.stx_nlink);
        if (Has(StatxUid))
            text.Field("stx_uid", statx.stx_uid);
        if (Has(StatxGid))
            text.Field("stx_gid", statx.stx_gid);
        if (Has(StatxType | StatxMode))
            text.Field("stx_mode", FileModes.Format(statx.stx_mode, render));
        if (Has(StatxIno))
            text.Field("stx_ino", (long)statx.stx_ino);
        if (Has(StatxSize))
            text.Field("stx_size", (long)statx.stx_size);
        if (Has(StatxBlocks))
            text.Field("stx_blocks", (long)statx.stx_blocks);
        text.Field("stx_attributes_mask", s_statxAttributes.Format((long)statx.stx_attributes_mask, render));
        if (Has(StatxAccessTime))
            AddStatxTime(text, "stx_atime", statx.stx_atime);
        if (Has(StatxBirthTime))
            AddStatxTime(text, "stx_btime", statx.stx_btime);
        if (Has(StatxChangeTime))
            AddStatxTime(text, "stx_ctime", statx.stx_ctime);
        if (Has(StatxModifyTime))
            AddStatxTime(text, "stx_mtime", statx.stx_mtime);
        text.Field("stx_rdev_major", statx.stx_rdev_major)
            .Field("stx_rdev_minor", statx.stx_rdev_minor)
            .Field("stx_dev_major", statx.stx_dev_major)
            .Field("stx_dev_minor", statx.stx_dev_minor);
        if (Has(StatxMountId))
            text.Field("stx_mnt_id", DecodeContext.HexOrZero(statx.stx_mnt_id));
        return text.ToString();
    }

    private static void AddStatxTime(StructWriter text, string name, StatxTimestamp time)
    {
        var timespec = new TimeStructs.Timespec(time.tv_sec, time.tv_nsec);
        text.Field(name, TimeStructs.Format(timespec) + PathDecoders.TimeComment(timespec));
    }

    /// <summary>struct stat of x86_64 (arch/x86/include/uapi/asm/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    internal struct KernelStat : IKernelStruct<KernelStat>
    {
        public static string TypeName => "stat";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => StatFields(this);

        [FieldOffset(0)] public ulong st_dev;
        [FieldOffset(8)] public ulong st_ino;
        [FieldOffset(16)] public ulong st_nlink;
        [FieldOffset(24)] public uint st_mode;
        [FieldOffset(28)] public uint st_uid;
        [FieldOffset(32)] public uint st_gid;
        [FieldOffset(40)] public ulong st_rdev;
        [FieldOffset(48)] public long st_size;
        [FieldOffset(56)] public long st_blksize;
        [FieldOffset(64)] public long st_blocks;
        [FieldOffset(72)] public long st_atime;
        [FieldOffset(80)] public long st_atime_nsec;
        [FieldOffset(88)] public long st_mtime;
        [FieldOffset(96)] public long st_mtime_nsec;
        [FieldOffset(104)] public long st_ctime;
        [FieldOffset(112)] public long st_ctime_nsec;
    }

    /// <summary>struct stat64 of i386 (arch/x86/include/uapi/asm/stat.h), packed.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    internal struct KernelStat64 : ICompatStruct<KernelStat64, KernelStat>
    {
        public static string TypeName => "stat64";

        public readonly KernelStat Widen() => new()
        {
            st_dev = st_dev, st_ino = st_ino, st_nlink = st_nlink, st_mode = st_mode, st_uid = st_uid, st_gid = st_gid,
            st_rdev = st_rdev, st_size = st_size, st_blksize = st_blksize, st_blocks = (long)st_blocks,
            st_atime = st_atime, st_atime_nsec = st_atime_nsec, st_mtime = st_mtime, st_mtime_nsec = st_mtime_nsec,
            st_ctime = st_ctime, st_ctime_nsec = st_ctime_nsec,
        };

        [FieldOffset(0)] public ulong st_dev;
        [FieldOffset(16)] public uint st_mode;
        [FieldOffset(20)] public uint st_nlink;
        [FieldOffset(24)] public uint st_uid;
        [FieldOffset(28)] public uint st_gid;
        [FieldOffset(32)] public ulong st_rdev;
        [FieldOffset(44)] public long st_size;
        [FieldOffset(52)] public uint st_blksize;
        [FieldOffset(56)] public ulong st_blocks;
        [FieldOffset(64)] public uint st_atime;
        [FieldOffset(68)] public uint st_atime_nsec;
        [FieldOffset(72)] public uint st_mtime;
        [FieldOffset(76)] public uint st_mtime_nsec;
        [FieldOffset(80)] public uint st_ctime;
        [FieldOffset(84)] public uint st_ctime_nsec;
        [FieldOffset(88)] public ulong st_ino;
    }

    /// <summary>struct stat of i386 (arch/x86/include/uapi/asm/stat.h), stat's, lstat's and fstat's there.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KernelStat32 : ICompatStruct<KernelStat32, KernelStat>
    {
        public static string TypeName => "stat";

        public readonly KernelStat Widen() => new()
        {
            st_dev = st_dev, st_ino = st_ino, st_nlink = st_nlink, st_mode = st_mode, st_uid = st_uid, st_gid = st_gid,
            st_rdev = st_rdev, st_size = st_size, st_blksize = st_blksize, st_blocks = st_blocks,
            st_atime = st_atime, st_atime_nsec = st_atime_nsec, st_mtime = st_mtime, st_mtime_nsec = st_mtime_nsec,
            st_ctime = st_ctime, st_ctime_nsec = st_ctime_nsec,
        };

        public uint st_dev, st_ino;
        public ushort st_mode, st_nlink, st_uid, st_gid;
        public uint st_rdev, st_size, st_blksize, st_blocks;
        public uint st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
        public uint __unused4, __unused5;
    }

    /// <summary>struct statx (include/uapi/linux/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct KernelStatx : IKernelStruct<KernelStatx>
    {
        public static string TypeName => "statx";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("stx_mask", new FlagsValue(stx_mask, s_statxMasks)), new("stx_blksize", stx_blksize),
            new("stx_attributes", new FlagsValue((long)stx_attributes, s_statxAttributes)), new("stx_nlink", stx_nlink),
            new("stx_uid", stx_uid), new("stx_gid", stx_gid), new("stx_mode", stx_mode), new("stx_ino", stx_ino), new("stx_size", stx_size),
            new("stx_blocks", stx_blocks), new("stx_attributes_mask", new FlagsValue((long)stx_attributes_mask, s_statxAttributes)),
            new("stx_atime", stx_atime.Value()), new("stx_btime", stx_btime.Value()), new("stx_ctime", stx_ctime.Value()),
            new("stx_mtime", stx_mtime.Value()), new("stx_rdev_major", stx_rdev_major), new("stx_rdev_minor", stx_rdev_minor),
            new("stx_dev_major", stx_dev_major), new("stx_dev_minor", stx_dev_minor), new("stx_mnt_id", stx_mnt_id),
        ];

        [FieldOffset(0)] public uint stx_mask;
        [FieldOffset(4)] public uint stx_blksize;
        [FieldOffset(8)] public ulong stx_attributes;
        [FieldOffset(16)] public uint stx_nlink;
        [FieldOffset(20)] public uint stx_uid;
        [FieldOffset(24)] public uint stx_gid;
        [FieldOffset(28)] public ushort stx_mode;
        [FieldOffset(32)] public ulong stx_ino;
        [FieldOffset(40)] public ulong stx_size;
        [FieldOffset(48)] public ulong stx_blocks;
        [FieldOffset(56)] public ulong stx_attributes_mask;
        [FieldOffset(64)] public StatxTimestamp stx_atime;
        [FieldOffset(80)] public StatxTimestamp stx_btime;
        [FieldOffset(96)] public StatxTimestamp stx_ctime;
        [FieldOffset(112)] public StatxTimestamp stx_mtime;
        [FieldOffset(128)] public uint stx_rdev_major;
        [FieldOffset(132)] public uint stx_rdev_minor;
        [FieldOffset(136)] public uint stx_dev_major;
        [FieldOffset(140)] public uint stx_dev_minor;
        [FieldOffset(144)] public ulong stx_mnt_id;
    }

    /// <summary>struct statx_timestamp: 16 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    internal struct StatxTimestamp
    {
        public long tv_sec;
        public uint tv_nsec;

        /// <summary>The time as a DateTimeOffset, as struct stat's times are.</summary>
        public readonly object Value() => Time(tv_sec, tv_nsec);
    }
}
