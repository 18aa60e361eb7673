using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>stat, lstat, fstat, newfstatat and statx (and i386's stat64 family): the flags at entry, the structure the call fills at exit,
/// abbreviated as strace prints it without -v (<c>{st_mode=S_IFREG|0644, st_size=832, ...}</c>).</summary>
internal static class StatDecoders
{
    private static readonly FlagSet s_atFlags = new("at_flags", "AT_???");
    private static readonly ConstantTable s_statxSyncTypes = ConstantTable.Load("statx_sync_types");
    private static readonly FlagSet s_statxMasks = new("statx_masks", "STATX_???");
    private static readonly FlagSet s_statxAttributes = new("statx_attributes", "STATX_ATTR_???");
    private const long StatxSyncTypeMask = 0x6000; // AT_STATX_SYNC_TYPE

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
            context.SetOutputStruct<KernelStat>(bufferIndex, FormatStat);
    }

    /// <summary>The i386 calls on struct stat64, whose layout differs from x86_64's struct stat.</summary>
    private static void DecodeStat64(DecodeContext context, int bufferIndex)
    {
        if (!context.Exiting)
            context.Defer(bufferIndex);
        else
            context.SetOutputStruct<KernelStat64>(bufferIndex, stat => FormatStat(stat.Mode, stat.RDev, stat.Size));
    }

    internal static string FormatStat(KernelStat stat) => FormatStat(stat.Mode, stat.RDev, stat.Size);

    private static string FormatStat(uint mode, ulong device, long size)
    {
        var text = new StructWriter().Field("st_mode", FileModes.Format(mode));
        if (FileModes.IsDevice(mode))
            text.Field("st_rdev", FileModes.FormatDevice(device));
        else
            text.Field("st_size", size);
        return text.More().ToString();
    }

    private static void DecodeStatx(DecodeContext context)
    {
        if (!context.Exiting)
        {
            long flags = (long)context.Unsigned(2);
            context.Set(2, ArgumentKind.UInt, flags, FormatStatxFlags(flags));
            context.SetFlags(3, s_statxMasks);
            context.Defer(4);
        }
        else
            context.SetOutputStruct<KernelStatx>(4, FormatStatx);
    }

    /// <summary>The synchronisation type first (it is a field, <c>AT_STATX_SYNC_AS_STAT</c> when zero), then the AT_* flags.</summary>
    internal static string FormatStatxFlags(long flags)
    {
        string sync = s_statxSyncTypes.NameOf(flags & StatxSyncTypeMask)!;
        long rest = flags & ~StatxSyncTypeMask;
        return rest == 0 ? sync : sync + "|" + s_atFlags.Format(rest).Replace(" /* AT_??? */", "", StringComparison.Ordinal);
    }

    internal static string FormatStatx(KernelStatx statx) =>
        new StructWriter()
            .Field("stx_mask", s_statxMasks.Format(statx.Mask))
            .Field("stx_attributes", s_statxAttributes.Format((long)statx.Attributes))
            .Field("stx_mode", FileModes.Format(statx.Mode))
            .Field("stx_size", (long)statx.Size)
            .More().ToString();

    /// <summary>struct stat of x86_64 (arch/x86/include/uapi/asm/stat.h).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    internal struct KernelStat
    {
        [FieldOffset(24)] public uint Mode;
        [FieldOffset(40)] public ulong RDev;
        [FieldOffset(48)] public long Size;
    }

    /// <summary>struct stat64 of i386 (arch/x86/include/uapi/asm/stat.h), 4-byte aligned.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 96)]
    internal struct KernelStat64
    {
        [FieldOffset(16)] public uint Mode;
        [FieldOffset(32)] public ulong RDev;
        [FieldOffset(44)] public long Size;
    }

    /// <summary>struct statx (include/uapi/linux/stat.h); only the fields strace prints abbreviated.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct KernelStatx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(8)] public ulong Attributes;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
    }
}
