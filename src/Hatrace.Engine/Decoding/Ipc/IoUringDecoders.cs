using System.Diagnostics.CodeAnalysis;
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

    private static readonly FlagSet s_setupFlags = new("io_uring_setup_flags");
    private static readonly FlagSet s_features = new("io_uring_features");
    private static readonly FlagSet s_enterFlags = new("io_uring_enter_flags", "IORING_ENTER_???");
    private static readonly NamedValues s_opcodes = new("io_uring_register_opcodes", "IORING_REGISTER_???");
    private static readonly NamedValues s_operations = new("io_uring_ops", "IORING_OP_???");
    private static readonly FlagSet s_operationFlags = new("io_uring_probe_op_flags", "IO_URING_OP_???");
    private static readonly FlagSet s_sqeFlags = new("io_uring_sqe_flags", "IOSQE_???");
    private static readonly NamedValues s_restrictions = new("io_uring_restriction_opcodes", "IORING_RESTRICTION_???");
    private static readonly NamedValues s_workerKinds = new("io_wq_categories", "IO_WQ_???");
    private static readonly FlagSet s_resourceFlags = new("io_uring_rsrc_register_flags", "IORING_RSRC_REGISTER_???");

    // io_uring_register's opcodes whose argument is decoded (include/uapi/linux/io_uring.h).
    private const ulong RegisterBuffers = 0, RegisterFiles = 2, RegisterEventfd = 4, RegisterFilesUpdate = 6, RegisterEventfdAsync = 7,
        RegisterProbe = 8, RegisterRestrictions = 11, RegisterFiles2 = 13, RegisterFilesUpdate2 = 14, RegisterBuffers2 = 15,
        RegisterBuffersUpdate = 16, RegisterIowqAffinity = 17, RegisterIowqMaxWorkers = 19, RegisterRingFds = 20,
        UnregisterRingFds = 21, RegisterPbufRing = 22, UnregisterPbufRing = 23;

    // What a restriction restricts (IORING_RESTRICTION_*).
    private const ushort RestrictRegisterOp = 0, RestrictSqeOp = 1, RestrictSqeFlagsAllowed = 2, RestrictSqeFlagsRequired = 3;

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

    /// <summary>struct io_uring_files_update: descriptors replacing the registered ones from offset on.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FilesUpdate : IKernelStruct<FilesUpdate>
    {
        public uint offset, resv;
        public ulong fds;

        public static string TypeName => "io_uring_files_update";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("offset", offset), new("resv", resv), new("fds", fds)];
    }

    /// <summary>struct io_uring_probe, the header of the operations' array the kernel fills in.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Probe : IKernelStruct<Probe>
    {
        public byte last_op, ops_len;
        public ushort resv;
        public Reserved resv2;

        public static string TypeName => "io_uring_probe";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("last_op", new ConstantValue(last_op, s_operations)), new("ops_len", ops_len), new("resv", resv),
            new("resv2", new ArrayValue([resv2[0], resv2[1], resv2[2]])),
        ];
    }

    /// <summary>struct io_uring_probe_op: whether the kernel supports one operation.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProbeOp : IKernelStruct<ProbeOp>
    {
        public byte op, resv;
        public ushort flags;
        public uint resv2;

        public static string TypeName => "io_uring_probe_op";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("op", new ConstantValue(op, s_operations)), new("resv", resv), new("flags", new FlagsValue(flags, s_operationFlags)), new("resv2", resv2)];
    }

    /// <summary>struct io_uring_restriction: its union's one byte is the register opcode, the operation or the flags,
    /// as opcode says; the value names it so.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Restriction : IKernelStruct<Restriction>
    {
        public ushort opcode;
        public byte register_op;
        public byte resv;
        public Reserved resv2;

        public static string TypeName => "io_uring_restriction";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("opcode", new ConstantValue(opcode, s_restrictions)),
            opcode switch
            {
                RestrictRegisterOp => new("register_op", new ConstantValue(register_op, s_opcodes)),
                RestrictSqeOp => new("sqe_op", new ConstantValue(register_op, s_operations)),
                RestrictSqeFlagsAllowed or RestrictSqeFlagsRequired => new("sqe_flags", new FlagsValue(register_op, s_sqeFlags)),
                _ => new("register_op", register_op),
            },
            new("resv", resv), new("resv2", new ArrayValue([resv2[0], resv2[1], resv2[2]])),
        ];
    }

    /// <summary>struct io_uring_rsrc_register: nr descriptors or buffers at data, each with its tag.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceRegister : IKernelStruct<ResourceRegister>
    {
        public uint nr, flags;
        public ulong resv2, data, tags;

        public static string TypeName => "io_uring_rsrc_register";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("nr", nr), new("flags", new FlagsValue(flags, s_resourceFlags)), new("resv2", resv2), new("data", data), new("tags", tags)];
    }

    /// <summary>struct io_uring_rsrc_update: one registered ring descriptor.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceUpdate : IKernelStruct<ResourceUpdate>
    {
        public uint offset, resv;
        public ulong data;

        public static string TypeName => "io_uring_rsrc_update";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("offset", (int)offset), new("resv", resv), new("data", data)];
    }

    /// <summary>struct io_uring_rsrc_update2: nr descriptors or buffers replacing the registered ones from offset on.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceUpdate2 : IKernelStruct<ResourceUpdate2>
    {
        public uint offset, resv;
        public ulong data, tags;
        public uint nr, resv2;

        public static string TypeName => "io_uring_rsrc_update2";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("offset", offset), new("resv", resv), new("data", data), new("tags", tags), new("nr", nr), new("resv2", resv2)];
    }

    /// <summary>struct io_uring_buf_reg: a ring of provided buffers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BufferRing : IKernelStruct<BufferRing>
    {
        public ulong ring_addr;
        public uint ring_entries;
        public ushort bgid, pad;
        public ReservedLongs resv;

        public static string TypeName => "io_uring_buf_reg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("ring_addr", ring_addr), new("ring_entries", ring_entries), new("bgid", bgid), new("pad", pad),
            new("resv", new ArrayValue([resv[0], resv[1], resv[2]])),
        ];
    }

    /// <summary>io_uring_buf_reg's resv[3].</summary>
    [InlineArray(3)]
    internal struct ReservedLongs
    {
        private ulong _word;
    }

    /// <summary>Three reserved words: io_uring_params' resv, io_uring_probe's and io_uring_restriction's resv2.</summary>
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

    /// <summary>io_uring_register(fd, opcode, arg, nr_args): the opcode, and what arg points to as the opcode says:
    /// descriptors or buffers and updates of them, the probe the kernel fills in, restrictions, the workers' CPUs and
    /// limits, registered rings and buffer rings. nr_args counts an array's items, or is the size of a structure.</summary>
    private static void DecodeIoUringRegister(DecodeContext context)
    {
        ulong opcode = context.Unsigned(1);
        long count = (long)context.Unsigned(3);
        if (context.Exiting)
        {
            if (opcode == RegisterProbe)
                SetProbe(context, count);
            else if (opcode == RegisterIowqMaxWorkers && count > 0 && context.Arguments[2]?.Value is ArrayValue)
                SetWorkerLimitsWritten(context, count);
            return;
        }
        context.SetUnsignedNamed(1, s_opcodes);
        switch (opcode)
        {
            case RegisterBuffers:
                StructArrays.Set<Iovec>(context, 2, count, (buffer, _, _) => Format(buffer));
                break;
            case RegisterFiles or RegisterEventfd or RegisterEventfdAsync:
                if (ReadDescriptors(context, context.Raw(2), count) is var (descriptors, text))
                    context.Set(2, ArgumentKind.Pointer, descriptors, text);
                else
                    context.SetPointer(2);
                break;
            case RegisterFilesUpdate:
                SetStruct<FilesUpdate>(context, update =>
                {
                    Func<StraceRenderer, string> fds = Descriptors(context, update.fds, count);
                    return render => WithReserved(new StructWriter().Field("offset", update.offset), update.resv).Field("fds", fds(render)).ToString();
                });
                break;
            case RegisterProbe:
                context.Defer(2);
                break;
            case RegisterRestrictions:
                StructArrays.Set<Restriction>(context, 2, count, (restriction, render, _) => Format(restriction, render));
                break;
            case RegisterFiles2 or RegisterBuffers2 when count >= Unsafe.SizeOf<ResourceRegister>():
                SetStruct<ResourceRegister>(context, resources =>
                {
                    Func<StraceRenderer, string> data = Resources(context, opcode == RegisterFiles2, resources.data, resources.nr);
                    Func<StraceRenderer, string> tags = Tags(context, resources.tags, resources.nr);
                    string? tail = ExtraBytes<ResourceRegister>(context, count);
                    return render =>
                    {
                        var text = new StructWriter().Field("nr", resources.nr).Field("flags", s_resourceFlags.Format(resources.flags, render));
                        if (resources.resv2 != 0)
                            text.Field("resv2", DecodeContext.Hex(resources.resv2));
                        return text.Field("data", data(render)).Field("tags", tags(render)).Unnamed(tail is null ? null : render.Resolve(tail)).ToString();
                    };
                });
                break;
            case RegisterFilesUpdate2 or RegisterBuffersUpdate when count >= Unsafe.SizeOf<ResourceUpdate2>():
                SetStruct<ResourceUpdate2>(context, update =>
                {
                    Func<StraceRenderer, string> data = Resources(context, opcode == RegisterFilesUpdate2, update.data, update.nr);
                    Func<StraceRenderer, string> tags = Tags(context, update.tags, update.nr);
                    string? tail = ExtraBytes<ResourceUpdate2>(context, count);
                    return render =>
                    {
                        var text = WithReserved(new StructWriter().Field("offset", update.offset), update.resv)
                            .Field("data", data(render)).Field("tags", tags(render)).Field("nr", update.nr);
                        if (update.resv2 != 0)
                            text.Field("resv2", Hex(update.resv2));
                        return text.Unnamed(tail is null ? null : render.Resolve(tail)).ToString();
                    };
                });
                break;
            case RegisterIowqAffinity:
                Process.UsageDecoders.SetCpuSet(context, 2, count);
                break;
            case RegisterIowqMaxWorkers:
                SetWorkerLimits(context, count);
                if (count > 0 && context.Arguments[2]?.Value is ArrayValue)
                    context.ContinueAtExit(2);
                break;
            case RegisterRingFds or UnregisterRingFds:
                SetRings(context, count, registering: opcode == RegisterRingFds);
                break;
            case RegisterPbufRing or UnregisterPbufRing:
                SetStruct<BufferRing>(context, ring => _ => Format(ring));
                break;
            default:
                context.SetPointer(2, PointerReason.NotDecoded);
                break;
        }
    }

    /// <summary>Argument 2 as the structure it points to, printed by what <paramref name="read"/> makes of it, now, while
    /// the memory the structure points to can still be read.</summary>
    private static void SetStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, Func<T, Func<StraceRenderer, string>> read)
        where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Dereference || context.Raw(2) == 0 || !context.TryRead((ulong)context.Raw(2), out T value))
            context.SetPointer(2);
        else
            context.Set(2, ArgumentKind.Pointer, StructValue.Of(value), read(value));
    }

    /// <summary>The bytes nr_args gives past the structure, up to the page the kernel reads at most.</summary>
    private static string? ExtraBytes<T>(DecodeContext context, long size) where T : unmanaged =>
        context.ExtraBytes((ulong)context.Raw(2), Unsafe.SizeOf<T>(), (ulong)size, Environment.SystemPageSize);

    /// <summary>The descriptors at <paramref name="address"/>, each as -y describes it (<c>[0&lt;/dev/null&gt;, -1]</c>),
    /// described now, while they are the tracee's; null when they cannot be read.</summary>
    private static (ArrayValue Value, string Text)? ReadDescriptors(DecodeContext context, long address, long count)
    {
        if (NumberArrays.Read<int>(context, address, count, (fd, _) => fd.ToString(CultureInfo.InvariantCulture)) is not var (descriptors, _))
            return null;
        IEnumerable<string> texts = descriptors.Select(fd => context.FormatFd((int)(long)fd!));
        return (descriptors, StructWriter.Array(descriptors.Truncated ? texts.Append("...") : texts));
    }

    private static Func<StraceRenderer, string> Descriptors(DecodeContext context, ulong address, long count) =>
        ReadDescriptors(context, (long)address, count) is var (_, text) ? render => render.Resolve(text) : _ => DecodeContext.FormatAddress((long)address);

    /// <summary>The descriptors (IORING_REGISTER_FILES2, FILES_UPDATE2) or buffers (BUFFERS2, BUFFERS_UPDATE) a
    /// resource structure's data points to.</summary>
    private static Func<StraceRenderer, string> Resources(DecodeContext context, bool descriptors, ulong address, long count) =>
        descriptors ? Descriptors(context, address, count)
            : StructArrays.Read<Iovec>(context, (long)address, count, (buffer, _, _) => Format(buffer))?.Text ?? (_ => DecodeContext.FormatAddress((long)address));

    private static Func<StraceRenderer, string> Tags(DecodeContext context, ulong address, long count) =>
        NumberArrays.Read<ulong>(context, (long)address, count, (tag, _) => DecodeContext.HexOrZero(tag))?.Text ?? (_ => DecodeContext.FormatAddress((long)address));

    private static StructWriter WithReserved(StructWriter text, uint reserved) => reserved == 0 ? text : text.Field("resv", Hex(reserved));

    private static string Format(Iovec buffer) =>
        new StructWriter().Field("iov_base", DecodeContext.FormatAddress((long)buffer.iov_base))
            .Field("iov_len", buffer.iov_len.ToString(CultureInfo.InvariantCulture)).ToString();

    private static string FormatReserved(Reserved words) => StructWriter.Array([Hex(words[0]), Hex(words[1]), Hex(words[2])]);

    private static bool Any(Reserved words) => words[0] != 0 || words[1] != 0 || words[2] != 0;

    /// <summary>IORING_REGISTER_PROBE: what the kernel wrote (or, when it refused, what was there): the last operation it
    /// knows and, for each of nr_args entries, whether it supports the operation.</summary>
    private static void SetProbe(DecodeContext context, long count)
    {
        long address = context.Raw(2);
        if (!context.Dereference || address == 0 || !context.TryRead((ulong)address, out Probe probe) || (context.Failed && Zeroed(probe)))
        {
            context.SetPointer(2);
            return;
        }
        long opsAddress = address + Unsafe.SizeOf<Probe>();
        var ops = StructArrays.Read<ProbeOp>(context, opsAddress, count, (op, render, _) =>
        {
            var text = new StructWriter().Field("op", s_operations.FormatDecimal(op.op, render));
            if (op.resv != 0)
                text.Field("resv", Hex(op.resv));
            text.Field("flags", s_operationFlags.Format(op.flags, render));
            return (op.resv2 != 0 ? text.Field("resv2", Hex(op.resv2)) : text).ToString();
        });
        context.Set(2, ArgumentKind.Pointer, StructValue.Of(probe), render =>
        {
            var text = new StructWriter().Field("last_op", s_operations.FormatDecimal(probe.last_op, render)).Field("ops_len", probe.ops_len);
            if (probe.resv != 0)
                text.Field("resv", Hex(probe.resv));
            if (Any(probe.resv2))
                text.Field("resv2", FormatReserved(probe.resv2));
            return text.Field("ops", ops?.Text(render) ?? DecodeContext.FormatAddress(opsAddress)).ToString();
        });
    }

    // A probe whose header is all zero, as a caller passes it: when the call failed, the kernel wrote nothing and
    // strace shows the address; a header with anything set is what made the call fail, and prints.
    private static bool Zeroed(Probe probe) => probe.last_op == 0 && probe.ops_len == 0 && probe.resv == 0 && !Any(probe.resv2);

    /// <summary>A restriction: the register opcode or operation it allows, or the submission flags it allows or
    /// requires; for a kind it does not know, the byte that would say which, in a comment as strace prints it.</summary>
    private static string Format(Restriction restriction, StraceRenderer render)
    {
        var text = new StructWriter();
        switch (restriction.opcode)
        {
            case RestrictRegisterOp:
                text.Field("opcode", s_restrictions.FormatUnsigned(restriction.opcode, render))
                    .Field("register_op", s_opcodes.FormatUnsigned(restriction.register_op, render));
                break;
            case RestrictSqeOp:
                text.Field("opcode", s_restrictions.FormatUnsigned(restriction.opcode, render))
                    .Field("sqe_op", s_operations.FormatUnsigned(restriction.register_op, render));
                break;
            case RestrictSqeFlagsAllowed or RestrictSqeFlagsRequired:
                text.Field("opcode", s_restrictions.FormatUnsigned(restriction.opcode, render))
                    .Field("sqe_flags", s_sqeFlags.Format(restriction.register_op, render));
                break;
            default:
                text.Field("opcode", s_restrictions.FormatUnsigned(restriction.opcode, render) + $" /* op: {Hex(restriction.register_op)} */");
                break;
        }
        if (restriction.resv != 0)
            text.Field("resv", Hex(restriction.resv));
        return (Any(restriction.resv2) ? text.Field("resv2", FormatReserved(restriction.resv2)) : text).ToString();
    }

    /// <summary>IORING_REGISTER_RING_FDS registers the ring descriptors in data at the offsets given (-1: any);
    /// IORING_UNREGISTER_RING_FDS takes the offsets back, data unused (printed in hex when set).</summary>
    private static void SetRings(DecodeContext context, long count, bool registering)
    {
        // The array prints later: its descriptors are described once it is read, while they are the tracee's.
        Func<int, StraceRenderer, string>? descriptor = null;
        var rings = StructArrays.Read<ResourceUpdate>(context, context.Raw(2), count, (ring, render, _) =>
        {
            var text = WithReserved(new StructWriter().Field("offset", (int)ring.offset), ring.resv);
            if (registering)
                text.Field("data", descriptor!((int)ring.data, render));
            else if (ring.data != 0)
                text.Field("data", DecodeContext.Hex(ring.data));
            return text.ToString();
        });
        if (rings is not var (value, print))
        {
            context.SetPointer(2);
            return;
        }
        descriptor = context.DescribedNow([.. value.Select(ring => (int)((ResourceUpdate)((StructValue)ring!).Source!).data)]);
        context.Set(2, ArgumentKind.Pointer, value, print);
    }

    private static string Format(BufferRing ring)
    {
        var text = new StructWriter().Field("ring_addr", DecodeContext.FormatAddress((long)ring.ring_addr))
            .Field("ring_entries", ring.ring_entries).Field("bgid", ring.bgid);
        if (ring.pad != 0)
            text.Field("pad", Hex(ring.pad));
        if (ring.resv[0] != 0 || ring.resv[1] != 0 || ring.resv[2] != 0)
            text.Field("resv", StructWriter.Array([DecodeContext.HexOrZero(ring.resv[0]), DecodeContext.HexOrZero(ring.resv[1]), DecodeContext.HexOrZero(ring.resv[2])]));
        return text.ToString();
    }

    /// <summary>IORING_REGISTER_IOWQ_MAX_WORKERS' limits, indexed by the kind of worker: <c>[[IO_WQ_BOUND]=3, [IO_WQ_UNBOUND]=4]</c>.</summary>
    private static void SetWorkerLimits(DecodeContext context, long count)
    {
        if (ReadWorkerLimits(context, count) is var (value, text))
            context.Set(2, ArgumentKind.Pointer, value, text);
        else
            context.SetPointer(2);
    }

    /// <summary>The limits as given, then what they were (the kernel writes the old ones back): <c>[...] =&gt; [...]</c>,
    /// or the address when the call failed.</summary>
    private static void SetWorkerLimitsWritten(DecodeContext context, long count)
    {
        SyscallArgument entered = context.Arguments[2]!;
        var written = context.Failed ? null : ReadWorkerLimits(context, count);
        string address = DecodeContext.FormatAddress(context.Raw(2));
        context.Set(2, ArgumentKind.Pointer, written?.Value ?? entered.Value,
            render => entered.Render(render) + " => " + (written?.Text(render) ?? address));
    }

    private static (ArrayValue Value, Func<StraceRenderer, string> Text)? ReadWorkerLimits(DecodeContext context, long count) =>
        NumberArrays.Read<uint>(context, context.Raw(2), count,
            (limit, kind, render) => $"[{s_workerKinds.FormatDecimal(kind, render)}]={limit.ToString(CultureInfo.InvariantCulture)}");
}
