using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>Linux AIO: the context io_setup makes (printed in hex, as it is an address), the control blocks io_submit
/// and io_cancel take, the events io_getevents and io_pgetevents return.</summary>
internal static class AioDecoders
{
    // aio_lio_opcode values whose buffer strace shows (include/uapi/linux/aio_abi.h).
    private const int Pread = 0, Pwrite = 1, Poll = 5, Preadv = 7, Pwritev = 8;
    private const uint FlagResfd = 1, FlagIoprio = 2; // IOCB_FLAG_RESFD, IOCB_FLAG_IOPRIO
    private const int MaxBlocks = 1024;

    private static readonly NamedValues s_commands = new("aio_commands", "IOCB_CMD_???");
    private static readonly FlagSet s_iocbFlags = new("aio_iocb_flags");
    private static readonly FlagSet s_rwFlags = new("rwf_flags");
    private static readonly FlagSet s_pollEvents = new("poll_events");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("io_setup", DecodeIoSetup),
        ("io_destroy", DecodeIoDestroy),
        ("io_submit", DecodeIoSubmit),
        ("io_cancel", DecodeIoCancel),
        ("io_getevents", DecodeIoGetevents),
        ("io_pgetevents", DecodeIoPgetevents),
    ];

    /// <summary>struct iocb (include/uapi/linux/aio_abi.h), little-endian.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Iocb : IKernelStruct<Iocb>
    {
        public ulong aio_data;
        public uint aio_key;
        public int aio_rw_flags;
        public ushort aio_lio_opcode;
        public short aio_reqprio;
        public uint aio_fildes;
        public ulong aio_buf, aio_nbytes;
        public long aio_offset;
        public ulong aio_reserved2;
        public uint aio_flags, aio_resfd;

        public static string TypeName => "iocb";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("aio_data", aio_data), new("aio_key", aio_key), new("aio_rw_flags", new FlagsValue((uint)aio_rw_flags, s_rwFlags)),
            new("aio_lio_opcode", new ConstantValue(aio_lio_opcode, s_commands)), new("aio_reqprio", aio_reqprio),
            new("aio_fildes", aio_fildes), new("aio_buf", aio_buf), new("aio_nbytes", aio_nbytes), new("aio_offset", aio_offset),
            new("aio_flags", new FlagsValue(aio_flags, s_iocbFlags)), new("aio_resfd", aio_resfd),
        ];
    }

    /// <summary>struct io_event (include/uapi/linux/aio_abi.h): one completed request.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoEvent : IKernelStruct<IoEvent>
    {
        public ulong data, obj;
        public long res, res2;

        public static string TypeName => "io_event";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("data", data), new("obj", obj), new("res", res), new("res2", res2)];
    }

    /// <summary>struct __aio_sigset (include/uapi/linux/aio_abi.h): the signal mask io_pgetevents waits with.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct AioSigset : IKernelStruct<AioSigset>
    {
        public ulong sigmask, sigsetsize;

        public static string TypeName => "__aio_sigset";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("sigmask", sigmask), new("sigsetsize", sigsetsize)];
    }

    private static string Format(IoEvent e) => new StructWriter().Field("data", DecodeContext.HexOrZero(e.data))
        .Field("obj", DecodeContext.HexOrZero(e.obj)).Field("res", e.res).Field("res2", e.res2).ToString();

    /// <summary>io_setup(nr_events, ctx_idp): the context the kernel wrote, at exit.</summary>
    private static void DecodeIoSetup(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(1);
        else if (context.Failed)
            context.SetPointer(1);
        else
            context.SetPointee<ulong>(1, id => StructWriter.Array([DecodeContext.FormatAddress((long)id)]));
    }

    private static void DecodeIoDestroy(DecodeContext context)
    {
        if (!context.Exiting)
            SetContextId(context);
    }

    private static void SetContextId(DecodeContext context) =>
        context.Set(0, ArgumentKind.UInt, context.Raw(0), DecodeContext.HexOrZero((ulong)context.Raw(0)));

    /// <summary>io_submit(ctx_id, nr, iocbpp): each control block the array points to; NULL or its address where one
    /// cannot be read.</summary>
    private static void DecodeIoSubmit(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetContextId(context);
        long count = Math.Clamp(context.Signed(1), 0, MaxBlocks);
        int shown = (int)(context.Abbreviate ? Math.Min(count, context.StringLength) : count);
        var pointers = new ulong[shown];
        if (!context.Dereference || context.Raw(2) == 0 || !context.TryReadBytes((ulong)context.Raw(2), MemoryMarshal.AsBytes(pointers.AsSpan())))
        {
            context.SetPointer(2);
            return;
        }
        var texts = new List<string>();
        var values = new List<object?>();
        foreach (ulong pointer in pointers)
        {
            if (context.TryRead(pointer, out Iocb block))
            {
                texts.Add(Format(context, block, whole: true));
                values.Add(StructValue.Of(block));
            }
            else
            {
                texts.Add(DecodeContext.FormatAddress((long)pointer));
                values.Add(DecodeContext.Pointer((long)pointer, PointerReason.Unreadable));
            }
        }
        if (shown < count)
            texts.Add("...");
        context.Set(2, ArgumentKind.Pointer, new ArrayValue(values, shown < count, stoppedAt: null), StructWriter.Array(texts));
    }

    /// <summary>A control block as strace prints it: what every request has, then, when <paramref name="whole"/>, what
    /// its command uses (the data written, the buffer read into, the events polled for).</summary>
    private static string Format(DecodeContext context, Iocb block, bool whole)
    {
        StraceRenderer render = context.Render;
        var text = new StructWriter().Field("aio_data", DecodeContext.HexOrZero(block.aio_data));
        if (block.aio_key != 0)
            text.Field("aio_key", block.aio_key);
        if (block.aio_rw_flags != 0)
            text.Field("aio_rw_flags", s_rwFlags.Format((uint)block.aio_rw_flags, render));
        text.Field("aio_lio_opcode", s_commands.FormatDecimal(block.aio_lio_opcode, render));
        if ((block.aio_flags & FlagIoprio) != 0)
            text.Field("aio_reqprio", Process.PriorityDecoders.FormatIoprio((ushort)block.aio_reqprio, render, DecodeContext.HexOrZero((ushort)block.aio_reqprio)));
        else if (block.aio_reqprio != 0)
            text.Field("aio_reqprio", block.aio_reqprio);
        text.Field("aio_fildes", (int)block.aio_fildes, context.FormatFd((int)block.aio_fildes));
        if (!whole)
            return text.ToString();
        switch (block.aio_lio_opcode)
        {
            case Pread or Pwrite or Preadv or Pwritev:
                text.Field("aio_buf", Buffer(context, block));
                if (block.aio_lio_opcode is Pread or Pwrite)
                    text.Field("aio_nbytes", block.aio_nbytes.ToString(CultureInfo.InvariantCulture));
                text.Field("aio_offset", block.aio_offset);
                if (block.aio_flags != 0)
                    text.Field("aio_flags", s_iocbFlags.Format(block.aio_flags, render));
                if ((block.aio_flags & FlagResfd) != 0)
                    text.Field("aio_resfd", (int)block.aio_resfd, context.FormatFd((int)block.aio_resfd));
                break;
            case Poll:
                text.Field("aio_buf", s_pollEvents.Format((long)block.aio_buf, render));
                break;
        }
        return text.ToString();
    }

    // What a write sends, as the call's data; a read's buffer, not yet filled, as its address.
    private static string Buffer(DecodeContext context, Iocb block)
    {
        if (block.aio_lio_opcode == Pwritev)
            return IovecArray.Read(context, (long)block.aio_buf, (long)block.aio_nbytes, long.MaxValue).Text;
        var bytes = new byte[Math.Min(block.aio_nbytes, (ulong)context.StringLength)];
        if (block.aio_lio_opcode != Pwrite || !context.TryReadData(block.aio_buf, bytes))
            return DecodeContext.FormatAddress((long)block.aio_buf);
        return context.Quote(bytes, bytes.Length < (long)block.aio_nbytes);
    }

    /// <summary>io_cancel(ctx_id, iocb, result): the request's common fields, and the event the kernel wrote.</summary>
    private static void DecodeIoCancel(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetContextId(context);
            if (context.Dereference && context.TryRead((ulong)context.Raw(1), out Iocb block))
                context.Set(1, ArgumentKind.Pointer, StructValue.Of(block), Format(context, block, whole: false));
            else
                context.SetPointer(1);
        }
        context.SetX64OutputStruct<IoEvent>(2, (e, _, _) => Format(e));
    }

    /// <summary>io_getevents(ctx_id, min_nr, nr, events, timeout): the events, as many as the result says.</summary>
    private static void DecodeIoGetevents(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetContextId(context);
            context.Defer(3);
            TimeStructs.SetTimespec(context, 4);
        }
        else if (context.Failed)
            context.SetPointer(3);
        else
            StructArrays.Set<IoEvent>(context, 3, context.Result, (e, _, _) => Format(e));
    }

    /// <summary>io_pgetevents(..., sig): io_getevents' arguments and the signal mask to wait with.</summary>
    private static void DecodeIoPgetevents(DecodeContext context)
    {
        DecodeIoGetevents(context);
        if (context.Exiting)
            return;
        if (!context.Dereference || !context.TryRead((ulong)context.Raw(5), out AioSigset sig))
        {
            context.SetPointer(5);
            return;
        }
        string mask = SignalFamily.SignalSets.Read(context, sig.sigmask, sig.sigsetsize) is ulong set
            ? SignalFamily.SignalSets.Format(set, context.Render)
            : DecodeContext.FormatAddress((long)sig.sigmask);
        context.Set(5, ArgumentKind.Pointer, StructValue.Of(sig), new StructWriter().Field("sigmask", mask)
            .Field("sigsetsize", sig.sigsetsize.ToString(CultureInfo.InvariantCulture)).ToString());
    }
}
