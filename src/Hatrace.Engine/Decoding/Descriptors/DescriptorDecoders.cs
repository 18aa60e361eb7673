using System.Globalization;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>Calls that make, copy, close or move file descriptors: pipe and pipe2 (their <c>[3, 4]</c> at exit),
/// dup3, close_range, eventfd2, lseek and i386's _llseek, flock, fallocate, fadvise64,
/// sync_file_range, inotify, memfd_create and userfaultfd.</summary>
internal static class DescriptorDecoders
{
    private static readonly FlagSet s_openFlags = new("open_flags", "O_???");
    private static readonly FlagSet s_closeRangeFlags = new("close_range_flags", "CLOSE_RANGE_???");
    private static readonly FlagSet s_memfdSecretFlags = new("memfd_secret_flags");
    private static readonly FlagSet s_eventfdFlags = new("eventfd_flags", "EFD_???");
    private static readonly NamedValues s_seekWhence = new("seek_whence", "SEEK_???");
    private static readonly FlagSet s_flockOperations = new("flock_operations", "LOCK_???");
    private static readonly FlagSet s_fallocateModes = new("fallocate_modes", "FALLOC_FL_???");
    private static readonly NamedValues s_fadviseAdvice = new("fadvise_advice", "POSIX_FADV_???");
    private static readonly FlagSet s_inotifyInitFlags = new("inotify_init_flags", "IN_???");
    private static readonly FlagSet s_inotifyMasks = new("inotify_masks", "IN_???");
    private static readonly FlagSet s_memfdFlags = new("memfd_flags", "MFD_???");
    private static readonly FlagSet s_userfaultfdFlags = new("userfaultfd_flags", "UFFD_???");
    private static readonly FlagSet s_syncFileRangeFlags = new("sync_file_range_flags", "SYNC_FILE_RANGE_???");
    private const int HugePageShift = 26;    // MFD_HUGE_SHIFT
    private const long HugePageMask = 0x3f;  // MFD_HUGE_MASK

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("pipe", DecodePipe),
        ("pipe2", context =>
        {
            DecodePipe(context);
            if (!context.Exiting)
                context.SetFlags(1, s_openFlags);
        }),
        ("dup3", context =>
        {
            if (!context.Exiting)
                context.SetFlags(2, s_openFlags);
        }),
        ("close_range", context =>
        {
            // Its bounds are numbers, as the table says (~0U prints as 4294967295).
            if (!context.Exiting)
                context.SetFlags(2, s_closeRangeFlags);
        }),
        ("eventfd2", context =>
        {
            if (!context.Exiting)
                context.SetFlags(1, s_eventfdFlags);
        }),
        ("lseek", context =>
        {
            if (!context.Exiting)
                context.SetUnsignedNamed(2, s_seekWhence);
        }),
        ("_llseek", DecodeLlseek),
        ("flock", context =>
        {
            if (!context.Exiting)
                context.SetFlags(1, s_flockOperations);
        }),
        ("fallocate", context =>
        {
            if (!context.Exiting)
                context.SetFlags(1, s_fallocateModes);
        }),
        ("fadvise64", DecodeFadvise),
        ("fadvise64_64", DecodeFadvise), // i386's, its offset and length each in two registers, joined
        ("inotify_init1", context =>
        {
            if (!context.Exiting)
                context.SetFlags(0, s_inotifyInitFlags);
        }),
        ("inotify_add_watch", context =>
        {
            if (!context.Exiting)
                context.SetFlags(2, s_inotifyMasks);
        }),
        ("userfaultfd", context =>
        {
            if (!context.Exiting)
                context.SetFlags(0, s_userfaultfdFlags);
        }),
        ("sync_file_range", context =>
        {
            if (!context.Exiting)
                context.SetFlags(3, s_syncFileRangeFlags);
        }),
        ("memfd_create", context =>
        {
            long flags = (long)context.Unsigned(1);
            if (!context.Exiting)
                context.Set(1, ArgumentKind.UInt, flags, render => FormatMemfdFlags(flags, render));
        }),
        ("memfd_secret", context =>
        {
            if (!context.Exiting)
                context.SetFlags(0, s_memfdSecretFlags);
        }),
    ];

    /// <summary>fadvise64(fd, offset, len, advice): the advice by name.</summary>
    private static void DecodeFadvise(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetUnsignedNamed(3, s_fadviseAdvice);
    }

    /// <summary>i386's _llseek(fd, offset, result, whence), its offset joined from two registers (SplitArguments): the
    /// position the call moved to, which it writes at result, at exit (<c>[4096]</c>).</summary>
    private static void DecodeLlseek(DecodeContext context)
    {
        const int Result = 2;
        if (!context.Exiting)
        {
            context.Defer(Result);
            context.SetUnsignedNamed(3, s_seekWhence);
        }
        else if (context.Failed)
            context.SetPointer(Result);
        else
            context.SetPointee<long>(Result, position => "[" + position.ToString(CultureInfo.InvariantCulture) + "]");
    }

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
            context.Set(0, ArgumentKind.Pointer, fds, context.ArrayText([.. fds.Select(context.FormatFd)]));
        }
    }

    /// <summary>The flags, then the huge page size as its log2 in the field strace shows: <c>MFD_HUGETLB|21&lt;&lt;MFD_HUGE_SHIFT</c>.
    /// -X raw prints the number, -X verbose the number and that text as a comment, as strace does (its text of bits no
    /// name covers holds a comment of its own).</summary>
    internal static string FormatMemfdFlags(long flags, StraceRenderer render)
    {
        if (flags == 0)
            return "0";
        long size = (flags >> HugePageShift) & HugePageMask;
        long rest = flags & ~(HugePageMask << HugePageShift);
        string names = s_memfdFlags.Format(rest, StraceRenderer.Default);
        if (size != 0)
        {
            string field = size.ToString(CultureInfo.InvariantCulture) + "<<MFD_HUGE_SHIFT";
            names = rest == 0 ? field : names + "|" + field;
        }
        return render.Value(flags, names);
    }
}
