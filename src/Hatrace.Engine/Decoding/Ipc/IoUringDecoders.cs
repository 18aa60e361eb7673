using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>io_uring: the parameters io_uring_setup reads and fills in, io_uring_enter's flags, io_uring_register's
/// opcode and the descriptors it registers.</summary>
internal static class IoUringDecoders
{
    private const uint AttachWq = 0x20; // IORING_SETUP_ATTACH_WQ: wq_fd is read
    private const int MaxDescriptors = 1024;

    private static readonly FlagSet s_setupFlags = new("io_uring_setup_flags");
    private static readonly FlagSet s_features = new("io_uring_features");
    private static readonly FlagSet s_enterFlags = new("io_uring_enter_flags", "IORING_ENTER_???");
    private static readonly NamedValues s_opcodes = new("io_uring_register_opcodes", "IORING_REGISTER_???");

    // The opcodes whose argument is an array of nr_args descriptors (include/uapi/linux/io_uring.h).
    private static readonly HashSet<long> s_descriptorOpcodes = [2, 4, 7]; // REGISTER_FILES, REGISTER_EVENTFD, REGISTER_EVENTFD_ASYNC
    private const long RegisterBuffers = 0; // IORING_REGISTER_BUFFERS: an array of nr_args struct iovec

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("io_uring_setup", DecodeIoUringSetup),
        ("io_uring_enter", DecodeIoUringEnter),
        ("io_uring_register", DecodeIoUringRegister),
    ];

    /// <summary>struct io_sqring_offsets (include/uapi/linux/io_uring.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SqringOffsets : IKernelStruct<SqringOffsets>
    {
        public uint head, tail, ring_mask, ring_entries, flags, dropped, array, resv1;
        public ulong resv2;

        public static string TypeName => "io_sqring_offsets";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("head", head), new("tail", tail), new("ring_mask", ring_mask), new("ring_entries", ring_entries),
            new("flags", flags), new("dropped", dropped), new("array", array),
        ];
    }

    /// <summary>struct io_cqring_offsets (include/uapi/linux/io_uring.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CqringOffsets : IKernelStruct<CqringOffsets>
    {
        public uint head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1;
        public ulong resv2;

        public static string TypeName => "io_cqring_offsets";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("head", head), new("tail", tail), new("ring_mask", ring_mask), new("ring_entries", ring_entries),
            new("overflow", overflow), new("cqes", cqes), new("flags", flags),
        ];
    }

    /// <summary>struct io_uring_params (include/uapi/linux/io_uring.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoUringParams : IKernelStruct<IoUringParams>
    {
        public uint sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
        public Reserved resv;
        public SqringOffsets sq_off;
        public CqringOffsets cq_off;

        public static string TypeName => "io_uring_params";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("sq_entries", sq_entries), new("cq_entries", cq_entries), new("flags", new FlagsValue(flags, s_setupFlags)),
            new("sq_thread_cpu", sq_thread_cpu), new("sq_thread_idle", sq_thread_idle),
            new("features", new FlagsValue(features, s_features)), new("wq_fd", wq_fd),
            new("resv", new ArrayValue([resv[0], resv[1], resv[2]])), new("sq_off", StructValue.Of(sq_off)),
            new("cq_off", StructValue.Of(cq_off)),
        ];
    }

    /// <summary>struct iovec (include/uapi/linux/uio.h): a buffer io_uring_register registers, printed by its address.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Iovec : IKernelStruct<Iovec>
    {
        public ulong iov_base, iov_len;

        public static string TypeName => "iovec";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("iov_base", iov_base), new("iov_len", iov_len)];
    }

    /// <summary>io_uring_params' resv[3].</summary>
    [InlineArray(3)]
    internal struct Reserved
    {
        private uint _word;
    }

    /// <summary>io_uring_setup(entries, p): what the caller asked for, and, when the ring was made, what the kernel
    /// wrote back.</summary>
    private static void DecodeIoUringSetup(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(1);
        else
        {
            bool written = !context.Failed; // read now: the printer runs after the context has moved on
            context.SetStruct<IoUringParams>(1, (p, render, _) => Format(p, written, render));
        }
    }

    private static string Format(IoUringParams p, bool written, StraceRenderer render)
    {
        var text = new StructWriter().Field("flags", s_setupFlags.Format(p.flags, render))
            .Field("sq_thread_cpu", p.sq_thread_cpu).Field("sq_thread_idle", p.sq_thread_idle);
        if ((p.flags & AttachWq) != 0)
            text.Field("wq_fd", (int)p.wq_fd);
        if (p.resv[0] != 0 || p.resv[1] != 0 || p.resv[2] != 0)
            text.Field("resv", StructWriter.Array([Hex(p.resv[0]), Hex(p.resv[1]), Hex(p.resv[2])]));
        if (!written)
            return text.ToString();
        return text.Field("sq_entries", p.sq_entries).Field("cq_entries", p.cq_entries)
            .Field("features", s_features.Format(p.features, render))
            .Field("sq_off", new StructWriter().Field("head", p.sq_off.head).Field("tail", p.sq_off.tail)
                .Field("ring_mask", p.sq_off.ring_mask).Field("ring_entries", p.sq_off.ring_entries).Field("flags", p.sq_off.flags)
                .Field("dropped", p.sq_off.dropped).Field("array", p.sq_off.array).ToString())
            .Field("cq_off", new StructWriter().Field("head", p.cq_off.head).Field("tail", p.cq_off.tail)
                .Field("ring_mask", p.cq_off.ring_mask).Field("ring_entries", p.cq_off.ring_entries)
                .Field("overflow", p.cq_off.overflow).Field("cqes", p.cq_off.cqes).Field("flags", p.cq_off.flags).ToString())
            .ToString();
    }

    private static string Hex(uint value) => DecodeContext.HexOrZero(value);

    /// <summary>io_uring_enter(fd, to_submit, min_complete, flags, argp, argsz).</summary>
    private static void DecodeIoUringEnter(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFlags(3, s_enterFlags);
    }

    /// <summary>io_uring_register(fd, opcode, arg, nr_args): the opcode, and the descriptors or buffers registered.</summary>
    private static void DecodeIoUringRegister(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetUnsignedNamed(1, s_opcodes);
        long opcode = (long)context.Unsigned(1);
        if (opcode == RegisterBuffers)
        {
            StructArrays.Set<Iovec>(context, 2, (long)context.Unsigned(3), (buffer, _, _) => new StructWriter()
                .Field("iov_base", DecodeContext.FormatAddress((long)buffer.iov_base))
                .Field("iov_len", buffer.iov_len.ToString(CultureInfo.InvariantCulture)).ToString());
            return;
        }
        if (!s_descriptorOpcodes.Contains(opcode))
        {
            context.SetPointer(2, PointerReason.NotDecoded);
            return;
        }
        var descriptors = new int[Math.Min(context.Unsigned(3), MaxDescriptors)];
        if (!context.Dereference || context.Raw(2) == 0 || !context.TryReadBytes((ulong)context.Raw(2), MemoryMarshal.AsBytes(descriptors.AsSpan())))
        {
            context.SetPointer(2);
            return;
        }
        context.Set(2, ArgumentKind.Pointer, new ArrayValue(descriptors.Select(fd => (object?)fd)),
            StructWriter.Array(descriptors.Select(fd => fd.ToString(CultureInfo.InvariantCulture))));
    }
}
