using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>POSIX message queues: mq_open's flags (its mode and attributes only when it may create the queue, as the
/// kernel reads them only then), the messages mq_timedsend and mq_timedreceive move, and mq_getsetattr's attributes.</summary>
internal static class MessageQueueDecoders
{
    private static readonly FlagSet s_queueFlags = new("mq_attr_flags", "O_???");
    private const long Create = 0x40; // O_CREAT (include/uapi/asm-generic/fcntl.h): O_TMPFILE, unlike open's, makes no queue

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("mq_open", DecodeMqOpen),
        ("mq_unlink", DecodeMqUnlink),
        ("mq_timedsend", DecodeMqTimedsend),
        ("mq_timedreceive", DecodeMqTimedreceive),
        ("mq_getsetattr", DecodeMqGetsetattr),
    ];

    /// <summary>struct mq_attr (include/uapi/linux/mqueue.h).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    internal struct MqAttr : IKernelStruct<MqAttr>
    {
        public long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs;

        public static string TypeName => "mq_attr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("mq_flags", new FlagsValue(mq_flags, s_queueFlags)), new("mq_maxmsg", mq_maxmsg),
            new("mq_msgsize", mq_msgsize), new("mq_curmsgs", mq_curmsgs),
        ];
    }

    // mq_open's attributes give the flags in hex: the kernel ignores them there (O_NONBLOCK comes from oflag).
    private static string Format(MqAttr attr, StraceRenderer render, bool namedFlags = true) => new StructWriter()
        .Field("mq_flags", namedFlags ? s_queueFlags.Format(attr.mq_flags, render) : DecodeContext.HexOrZero((ulong)attr.mq_flags))
        .Field("mq_maxmsg", attr.mq_maxmsg)
        .Field("mq_msgsize", attr.mq_msgsize).Field("mq_curmsgs", attr.mq_curmsgs).ToString();

    /// <summary>mq_open(name, oflag, mode, attr). The name prints whole, as a path does.</summary>
    private static void DecodeMqOpen(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetString(0, ArgumentKind.Path);
        long flags = context.Signed(1);
        context.Set(1, ArgumentKind.Int, Files.OpenFlags.Value(flags), render => Files.OpenFlags.Format(flags, render));
        if ((flags & Create) != 0)
            context.SetStruct<MqAttr>(3, (attr, render, _) => Format(attr, render, namedFlags: false));
        else
            context.ShownCount = 2;
    }

    /// <summary>mq_unlink(name): the name whole, as mq_open's.</summary>
    private static void DecodeMqUnlink(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetString(0, ArgumentKind.Path);
    }

    /// <summary>mq_timedsend(mqdes, msg_ptr, msg_len, msg_prio, abs_timeout).</summary>
    private static void DecodeMqTimedsend(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetBuffer(1, (long)context.Unsigned(2));
        TimeStructs.SetTimespec(context, 4);
    }

    /// <summary>mq_timedreceive(mqdes, msg_ptr, msg_len, msg_prio, abs_timeout): the message and its priority at exit,
    /// as long as the result says.</summary>
    private static void DecodeMqTimedreceive(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(1);
            context.Defer(3);
            TimeStructs.SetTimespec(context, 4);
        }
        else if (context.Failed)
        {
            context.SetPointer(1);
            context.SetPointer(3);
        }
        else
        {
            context.SetBuffer(1, context.Result);
            context.SetPointee<uint>(3, priority => StructWriter.Array([priority.ToString(CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>mq_getsetattr(mqdes, newattr, oldattr): the new attributes at entry, the old ones at exit.</summary>
    private static void DecodeMqGetsetattr(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetStruct<MqAttr>(1, (attr, render, _) => Format(attr, render));
        context.SetX64OutputStruct<MqAttr>(2, (attr, render, _) => Format(attr, render));
    }
}
