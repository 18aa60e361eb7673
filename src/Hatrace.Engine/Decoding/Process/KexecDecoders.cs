using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>kexec_load: the segments of the kernel to load, and its flags with the architecture in their high half
/// (<c>KEXEC_ARCH_X86_64|KEXEC_ON_CRASH</c>).</summary>
internal static class KexecDecoders
{
    private const long ArchMask = 0xffff0000; // KEXEC_ARCH_MASK (include/uapi/linux/kexec.h)
    private const long MaxSegments = 16;      // KEXEC_SEGMENT_MAX: the kernel refuses more, and strace reads none then

    private static readonly NamedValues s_arches = new("kexec_arches", "KEXEC_ARCH_???");
    private static readonly FlagSet s_flags = new("kexec_flags");

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("kexec_load", DecodeKexecLoad)];

    /// <summary>struct kexec_segment (include/uapi/linux/kexec.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KexecSegment : IKernelStruct<KexecSegment>
    {
        public ulong buf, bufsz, mem, memsz;

        public static string TypeName => "kexec_segment";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("buf", DecodeContext.Pointer((long)buf, PointerReason.NotDecoded)), new("bufsz", bufsz),
            new("mem", DecodeContext.Pointer((long)mem, PointerReason.NotDecoded)), new("memsz", memsz),
        ];
    }

    /// <summary>kexec_load(entry, nr_segments, segments, flags).</summary>
    private static void DecodeKexecLoad(DecodeContext context)
    {
        if (context.Exiting || context.WordSize != 8)
            return; // inputs only, read in x86_64's layout (on i386 the kinds print the addresses)
        context.SetPointer(0, PointerReason.NotDecoded);
        long count = (long)context.Unsigned(1);
        if (count > MaxSegments)
            context.SetPointer(2, PointerReason.NotDecoded);
        else
            StructArrays.Set<KexecSegment>(context, 2, count, (segment, _, _) => FormatSegment(segment));
        long flags = (long)context.Unsigned(3);
        (IReadOnlyList<string> names, long unknown) = s_flags.Split(flags & ~ArchMask);
        string? arch = s_arches.NameOf(flags & ArchMask);
        var value = new FlagsValue(flags, arch is null ? names : [arch, .. names], unknown | (arch is null ? flags & ArchMask : 0));
        context.Set(3, ArgumentKind.UInt, value, render => FormatFlags(flags, render));
    }

    private static string FormatSegment(KexecSegment segment) => new StructWriter()
        .Field("buf", DecodeContext.FormatAddress((long)segment.buf)).Field("bufsz", segment.bufsz.ToString(CultureInfo.InvariantCulture))
        .Field("mem", DecodeContext.FormatAddress((long)segment.mem)).Field("memsz", segment.memsz.ToString(CultureInfo.InvariantCulture))
        .ToString();

    /// <summary>The architecture (in hex with the hint when it has no name), then the flags of the low half: two
    /// values, each styled as -X asks (<c>0x3e0000|0x1</c> raw).</summary>
    private static string FormatFlags(long flags, StraceRenderer render)
    {
        string arch = s_arches.Format(flags & ArchMask, render);
        return (flags & ~ArchMask) == 0 ? arch : arch + "|" + s_flags.Format(flags & ~ArchMask, render);
    }
}
