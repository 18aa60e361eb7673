using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>sendmsg and recvmsg: the struct msghdr with its address, its iovec array and its control messages.
/// sendmsg prints at entry; recvmsg at exit, with only as much data as the call received; sendmmsg and recvmmsg at
/// exit, each message with the data it moved.</summary>
internal static class MessageDecoders
{
    private const int MsghdrSize = 56;   // x86_64: name, namelen, iov, iovlen, control, controllen, flags
    private const int MmsghdrSize = 64;  // a msghdr, then unsigned msg_len, padded
    private const int CmsghdrSize = 16;  // cmsg_len (size_t), cmsg_level, cmsg_type
    private const int MaxIovecs = 1024;
    private const int MaxControl = 4096;
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private static readonly NamedValues s_scmTypes = new("scm_types", "SCM_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sendmsg", DecodeSendmsg),
        ("recvmsg", DecodeRecvmsg),
        ("sendmmsg", DecodeMultiple),
        ("recvmmsg", DecodeMultiple),
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
            // The name's length as it went in: the failed call prints only that, {msg_namelen=110}.
            if (context.TryRead((ulong)context.Raw(1) + 8, out int nameLength))
                context.Set(1, ArgumentKind.Pointer, (long)nameLength, $"{{msg_namelen={nameLength.ToString(CultureInfo.InvariantCulture)}}}");
            return;
        }
        long? lengthIn = context.Arguments[1] is { Kind: ArgumentKind.Pointer, Value: long n } && n != context.Raw(1) ? n : null;
        if (!context.Failed)
            SetMessage(context, lengthIn, context.Result);
    }

    private static void SetFlags(DecodeContext context) =>
        context.Set(2, ArgumentKind.UInt, (long)context.Unsigned(2), SocketNames.MessageFlags((long)context.Unsigned(2)));

    private static void SetMessage(DecodeContext context, long? lengthIn, long dataLength)
    {
        if (FormatMessage(context, context.Raw(1), lengthIn, dataLength) is string text)
            context.Set(1, ArgumentKind.Pointer, context.Raw(1), text);
        else
            context.SetPointer(1);
    }

    // sendmmsg and recvmmsg, at exit: as many struct mmsghdr as the call handled, each with the length it moved.
    private static void DecodeMultiple(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            context.Defer(1);
            context.SetUInt(2);
            context.Set(3, ArgumentKind.UInt, (long)context.Unsigned(3), SocketNames.MessageFlags((long)context.Unsigned(3)));
            if (context.Parameters.Count > 4)
                TimeStructs.SetTimespec(context, 4);
            return;
        }
        if (context.Failed)
            return;
        var items = new List<string>();
        for (long i = 0; i < Math.Min(context.Result, MaxIovecs); i++)
        {
            long address = context.Raw(1) + i * MmsghdrSize;
            if (!context.TryRead((ulong)address + MsghdrSize, out uint moved)
                || FormatMessage(context, address, null, moved) is not string header)
                return;
            items.Add(new StructWriter().Field("msg_hdr", header).Field("msg_len", moved).ToString());
        }
        context.Set(1, ArgumentKind.Pointer, context.Raw(1), StructWriter.Array(items));
    }

    private static string? FormatMessage(DecodeContext context, long address, long? lengthIn, long dataLength)
    {
        var header = new byte[MsghdrSize];
        if (address == 0 || context.Memory.Read(context.Call.ProcessId, (ulong)address, header) != MsghdrSize)
            return null;
        long name = BinaryPrimitives.ReadInt64LittleEndian(header);
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        long iov = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
        long iovCount = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        long control = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(32));
        long controlLength = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(40));
        int flags = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(48));

        var text = new StructWriter()
            .Field("msg_name", Address(context, name, nameLength))
            .Field("msg_namelen", lengthIn is long before && before != nameLength
                ? $"{before.ToString(CultureInfo.InvariantCulture)} => {nameLength.ToString(CultureInfo.InvariantCulture)}"
                : nameLength.ToString(CultureInfo.InvariantCulture))
            .Field("msg_iov", IovecArray.Format(context, iov, iovCount, dataLength))
            .Field("msg_iovlen", iovCount);
        if (control != 0 && controlLength > 0)
            text.Field("msg_control", Control(context, control, controlLength));
        text.Field("msg_controllen", controlLength)
            .Field("msg_flags", SocketNames.MessageFlags((uint)flags));
        return text.ToString();
    }

    private static string Address(DecodeContext context, long address, int length)
    {
        if (address == 0 || length <= 0)
            return DecodeContext.FormatAddress(address);
        var bytes = new byte[Math.Min(length, SockaddrFormatter.MaxLength)];
        return context.TryReadBytes((ulong)address, bytes)
            ? SockaddrFormatter.Format(bytes, context.Escape) ?? DecodeContext.FormatAddress(address)
            : DecodeContext.FormatAddress(address);
    }

    // [{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}]: descriptors decoded, other data quoted.
    private static string Control(DecodeContext context, long address, long length)
    {
        var bytes = new byte[Math.Min(length, MaxControl)];
        if (!context.TryReadBytes((ulong)address, bytes))
            return DecodeContext.FormatAddress(address);
        var items = new List<string>();
        for (int at = 0; at + CmsghdrSize <= bytes.Length;)
        {
            long cmsgLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
            int level = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8));
            int type = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 12));
            if (cmsgLength < CmsghdrSize || at + cmsgLength > bytes.Length)
                break;
            ReadOnlySpan<byte> data = bytes.AsSpan(at + CmsghdrSize, (int)cmsgLength - CmsghdrSize);
            var item = new StructWriter().Field("cmsg_len", cmsgLength).Field("cmsg_level", SocketNames.Level(level))
                .Field("cmsg_type", level == SolSocket ? s_scmTypes.Format(type) : type.ToString(CultureInfo.InvariantCulture));
            item.Field("cmsg_data", level == SolSocket && type == ScmRights ? Descriptors(data) : context.Quote(data, truncated: false));
            items.Add(item.ToString());
            at += (int)((cmsgLength + 7) & ~7L);
        }
        return StructWriter.Array(items);
    }

    private static string Descriptors(ReadOnlySpan<byte> data)
    {
        var fds = new List<string>();
        for (int at = 0; at + 4 <= data.Length; at += 4)
            fds.Add(BinaryPrimitives.ReadInt32LittleEndian(data[at..]).ToString(CultureInfo.InvariantCulture));
        return StructWriter.Array(fds);
    }
}
