using System.Globalization;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>Calls that make, copy, close or move file descriptors: pipe and pipe2 (their <c>[3, 4]</c> at exit),
/// dup3, close_range, eventfd2, lseek, flock, fallocate, fadvise64,
/// sync_file_range, inotify and memfd_create.</summary>
internal static class DescriptorDecoders
{
    private static readonly ConstantTable s_openFlags = ConstantTable.Load("open_flags");
    private static readonly ConstantTable s_closeRangeFlags = ConstantTable.Load("close_range_flags");
    private static readonly ConstantTable s_eventfdFlags = ConstantTable.Load("eventfd_flags");
    private static readonly ConstantTable s_seekWhence = ConstantTable.Load("seek_whence");
    private static readonly ConstantTable s_flockOperations = ConstantTable.Load("flock_operations");
    private static readonly ConstantTable s_fallocateModes = ConstantTable.Load("fallocate_modes");
    private static readonly ConstantTable s_fadviseAdvice = ConstantTable.Load("fadvise_advice");
    private static readonly ConstantTable s_inotifyInitFlags = ConstantTable.Load("inotify_init_flags");
    private static readonly ConstantTable s_inotifyMasks = ConstantTable.Load("inotify_masks");
    private static readonly ConstantTable s_memfdFlags = ConstantTable.Load("memfd_flags");
    private static readonly ConstantTable s_syncFileRangeFlags = ConstantTable.Load("sync_file_range_flags");
    private const int HugePageShift = 26;    // MFD_HUGE_SHIFT
    private const long HugePageMask = 0x3f;  // MFD_HUGE_MASK

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("pipe", DecodePipe),
        ("pipe2", context =>
        {
            DecodePipe(context);
            if (!context.Exiting)
                FlagText.SetFlags(context, 1, s_openFlags, "O_???");
        }),
        ("dup3", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 2, s_openFlags, "O_???");
        }),
        ("close_range", DecodeCloseRange),
        ("eventfd2", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 1, s_eventfdFlags, "EFD_???");
        }),
        ("lseek", context =>
        {
            if (!context.Exiting)
                FlagText.SetNamed(context, 2, s_seekWhence, "SEEK_???");
        }),
        ("flock", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 1, s_flockOperations, "LOCK_???");
        }),
        ("fallocate", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 1, s_fallocateModes, "FALLOC_FL_???");
        }),
        ("fadvise64", context =>
        {
            if (!context.Exiting)
                FlagText.SetNamed(context, 3, s_fadviseAdvice, "POSIX_FADV_???");
        }),
        ("inotify_init1", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 0, s_inotifyInitFlags, "IN_???");
        }),
        ("inotify_add_watch", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 2, s_inotifyMasks, "IN_???");
        }),
        ("sync_file_range", context =>
        {
            if (!context.Exiting)
                FlagText.SetFlags(context, 3, s_syncFileRangeFlags, "SYNC_FILE_RANGE_???");
        }),
        ("memfd_create", context =>
        {
            if (!context.Exiting)
                context.Set(1, ArgumentKind.UInt, (long)context.Unsigned(1), FormatMemfdFlags((long)context.Unsigned(1)));
        }),
    ];

    /// <summary>The two descriptors the call wrote, at exit; its address when the call failed.</summary>
    private static void DecodePipe(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(0);
        else if (context.Failed || !context.TryRead((ulong)context.Raw(0), out long pair))
            context.SetPointer(0);
        else
        {
            int[] fds = [(int)pair, (int)(pair >> 32)];
            context.Set(0, ArgumentKind.Pointer, fds, StructWriter.Array(fds.Select(fd => fd.ToString(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>The flags, then the huge page size as its log2 in the field strace shows: <c>MFD_HUGETLB|21&lt;&lt;MFD_HUGE_SHIFT</c>.</summary>
    internal static string FormatMemfdFlags(long flags)
    {
        long size = (flags >> HugePageShift) & HugePageMask;
        long rest = flags & ~(HugePageMask << HugePageShift);
        if (size == 0)
            return FlagText.Format(s_memfdFlags, rest, "MFD_???");
        string field = size.ToString(CultureInfo.InvariantCulture) + "<<MFD_HUGE_SHIFT";
        return rest == 0 ? field : FlagText.Format(s_memfdFlags, rest, "MFD_???").Replace(" /* MFD_??? */", "", StringComparison.Ordinal) + "|" + field;
    }

    /// <summary>Both bounds are unsigned (<c>~0U</c> prints as 4294967295), then the flags.</summary>
    private static void DecodeCloseRange(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetUInt(0);
        context.SetUInt(1);
        FlagText.SetFlags(context, 2, s_closeRangeFlags, "CLOSE_RANGE_???");
    }
}
