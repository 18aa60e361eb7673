using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>sendmsg and recvmsg: the struct msghdr with its address, its iovec array and its control messages.
/// sendmsg prints at entry; recvmsg at exit, with only as much data as the call received; sendmmsg and recvmmsg at
/// exit, each message with the data it moved. The structures are words of the call's ABI: a msghdr is seven (name,
/// namelen, iov, iovlen, control, controllen, flags), a cmsghdr's header one and two ints.</summary>
internal static class MessageDecoders
{
    private const int MaxIovecs = 1024;
    private const int MaxControl = 4096;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private static readonly NamedValues s_scmTypes = new("scm_types", "SCM_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sendmsg", DecodeSendmsg),
        ("recvmsg", DecodeRecvmsg),
        ("sendmmsg", context => DecodeMultiple(context, sending: true)),
        ("recvmmsg", context => DecodeMultiple(context, sending: false)),
    ];

    private static void DecodeSendmsg(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        SetMessage(context, lengthIn: null, dataLength: long.MaxValue);
        SetFlags(context);
    }

    private static void DecodeRecvmsg(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            SetFlags(context);
            // The name's length as it went in: the failed call prints only that, {msg_namelen=110}, at exit as strace
            // prints the whole structure.
            if (context.TryRead((ulong)context.Raw(1) + (ulong)context.WordSize, out int nameLength))
                context.Set(1, ArgumentKind.Pointer, (long)nameLength, $"{{msg_namelen={nameLength.ToString(CultureInfo.InvariantCulture)}}}");
            context.Defer(1);
            return;
        }
        long? lengthIn = context.Arguments[1] is { Kind: ArgumentKind.Pointer, Value: long n } && n != context.Raw(1) ? n : null;
        if (!context.Failed)
            SetMessage(context, lengthIn, context.Result);
    }

    private static void SetFlags(DecodeContext context) => context.SetFlags(2, SocketNames.MessageFlagNames);

    private static void SetMessage(DecodeContext context, long? lengthIn, long dataLength)
    {
        if (ReadMessage(context, context.Raw(1), lengthIn, dataLength) is StructWriter message)
            context.Set(1, ArgumentKind.Pointer, message.Value, message.ToString());
        else
            context.SetPointer(1);
    }

    // sendmmsg and recvmmsg, at exit: the messages with the length each moved (msg_len). sendmmsg shows every message
    // it was given, msg_len on those it sent (none when it failed); recvmmsg those it received.
    private static void DecodeMultiple(DecodeContext context, bool sending)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            context.Defer(1);
            context.SetUInt(2);
            context.SetFlags(3, SocketNames.MessageFlagNames);
            if (!sending)
                TimeStructs.SetTimespec(context, 4);
            return;
        }
        if (!sending && context.Failed)
            return;
        long handled = context.Failed ? 0 : context.Result;
        // With a timeout, recvmmsg's result says that it ran out before a message came (read or not: -e verbose=none),
        // or what is left of it.
        if (!sending && context.Raw(4) != 0)
        {
            if (handled == 0)
                context.SetResultText("0 (Timeout)");
            else if (TimeStructs.ReadTimespec(context, context.Raw(4)) is string left)
                context.SetResultText($"{handled.ToString(CultureInfo.InvariantCulture)} (left {left})");
        }
        long count = sending ? (long)context.Unsigned(2) : handled;
        if (!context.Dereference)
        {
            context.SetPointer(1);
            return;
        }
        var items = new List<string>();
        var values = new List<object?>();
        int headerSize = 7 * context.WordSize, size = headerSize + context.WordSize; // a msghdr, then msg_len, padded
        for (long i = 0; i < Math.Min(count, MaxIovecs); i++)
        {
            long address = context.Raw(1) + i * size;
            if (!context.TryRead((ulong)address + (ulong)headerSize, out uint moved)
                || ReadMessage(context, address, null, sending ? long.MaxValue : moved) is not StructWriter header)
                return;
            var message = new StructWriter("mmsghdr").Field("msg_hdr", header.Value, header.ToString());
            if (i < handled)
                message.Field("msg_len", moved);
            items.Add(message.ToString());
            values.Add(message.Value);
        }
        context.Set(1, ArgumentKind.Pointer, new Model.ArrayValue(values), context.ArrayText(items));
    }

    private static StructWriter? ReadMessage(DecodeContext context, long address, long? lengthIn, long dataLength)
    {
        int word = context.WordSize;
        var header = new byte[7 * word];
        if (address == 0 || !context.TryReadBytes((ulong)address, header))
            return null;
        long name = (long)context.Word(header);
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(word));
        long iov = (long)context.Word(header.AsSpan(2 * word));
        long iovCount = (long)context.Word(header.AsSpan(3 * word));
        long control = (long)context.Word(header.AsSpan(4 * word));
        long controlLength = (long)context.Word(header.AsSpan(5 * word));
        int flags = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(6 * word));

        (string nameText, object nameValue) = Address(context, name, nameLength);
        (string iovText, object iovValue) = IovecArray.Read(context, iov, iovCount, dataLength, NetlinkData(context, name, nameLength));
        var message = new StructWriter("msghdr")
            .Field("msg_name", nameValue, nameText)
            .Field("msg_namelen", nameLength, lengthIn is long before && before != nameLength
                ? $"{before.ToString(CultureInfo.InvariantCulture)} => {nameLength.ToString(CultureInfo.InvariantCulture)}"
                : nameLength.ToString(CultureInfo.InvariantCulture))
            .Field("msg_iov", iovValue, iovText)
            .Field("msg_iovlen", iovCount);
        if (control != 0 && controlLength > 0)
        {
            (string controlText, object controlValue) = Control(context, control, controlLength);
            message.Field("msg_control", controlValue, controlText);
        }
        return message.Field("msg_controllen", controlLength)
            .Field("msg_flags", new Model.FlagsValue((uint)flags, SocketNames.MessageFlagNames), SocketNames.MessageFlags((uint)flags, context.Render));
    }

    // strace decodes the data as netlink messages where the message's address is a netlink one, by the socket's protocol.
    private static Func<long, long, (string, object)?>? NetlinkData(DecodeContext context, long name, int nameLength)
    {
        if (name == 0 || nameLength < 2 || !context.Dereference || !context.TryRead((ulong)name, out ushort family) || family != SocketNames.AfNetlink
            || context.NetlinkProtocolOf((int)context.Signed(0)) is not int protocol
            || !Netlink.NetlinkMessages.Decodes(protocol))
            return null;
        return (address, length) => Netlink.NetlinkMessages.Read(context, protocol, address, length) is Netlink.NetlinkPart part ? (part.Text, part.Value) : null;
    }

    private static (string, object) Address(DecodeContext context, long address, int length)
    {
        if (address == 0 || length <= 0)
            return (DecodeContext.FormatAddress(address), DecodeContext.Pointer(address, Model.PointerReason.NotDecoded));
        var bytes = new byte[Math.Min(length, SockaddrFormatter.MaxLength)];
        return context.TryReadBytes((ulong)address, bytes) && SockaddrFormatter.Format(bytes, context.Render) is string text
            ? (text, new Model.SocketAddressValue(bytes))
            : (DecodeContext.FormatAddress(address), DecodeContext.Pointer(address, Model.PointerReason.Unreadable));
    }

    // [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]: descriptors decoded (described as -y
    // asks, in the process that passes or receives them), other data quoted.
    private static (string, object) Control(DecodeContext context, long address, long length)
    {
        var bytes = new byte[Math.Min(length, MaxControl)];
        if (!context.TryReadBytes((ulong)address, bytes))
            return (DecodeContext.FormatAddress(address), DecodeContext.Pointer(address, Model.PointerReason.Unreadable));
        var items = new List<string>();
        var values = new List<object?>();
        int word = context.WordSize, headerSize = word + 8; // cmsg_len (a size_t), cmsg_level, cmsg_type
        for (int at = 0; at + headerSize <= bytes.Length;)
        {
            long cmsgLength = (long)context.Word(bytes.AsSpan(at));
            int level = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + word));
            int type = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + word + 4));
            if (cmsgLength < headerSize || at + cmsgLength > bytes.Length)
                break;
            ReadOnlySpan<byte> data = bytes.AsSpan(at + headerSize, (int)cmsgLength - headerSize);
            var item = new StructWriter("cmsghdr").Field("cmsg_len", cmsgLength)
                .Field("cmsg_level", new Model.ConstantValue(level, SocketNames.LevelNames), SocketNames.Level(level, context.Render))
                .Field("cmsg_type", level == SolSocket ? new Model.ConstantValue(type, s_scmTypes) : type,
                    level == SolSocket ? s_scmTypes.Format(type, context.Render) : type.ToString(CultureInfo.InvariantCulture));
            if (level == SolSocket && type == ScmRights)
            {
                int[] fds = Descriptors(data);
                item.Field("cmsg_data", fds, context.ArrayTextNow([.. fds.Select(context.FormatFd)]));
            }
            else
                item.Field("cmsg_data", new Model.StringValue(data.ToArray(), truncated: false, unterminated: false), context.Quote(data, truncated: false));
            items.Add(item.ToString());
            values.Add(item.Value);
            at += (int)((cmsgLength + word - 1) & ~(long)(word - 1)); // CMSG_ALIGN: to a long
        }
        return (StructWriter.Array(items), new Model.ArrayValue(values));
    }

    private static int[] Descriptors(ReadOnlySpan<byte> data)
    {
        var fds = new int[data.Length / 4];
        for (int i = 0; i < fds.Length; i++)
            fds[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]);
        return fds;
    }
}
