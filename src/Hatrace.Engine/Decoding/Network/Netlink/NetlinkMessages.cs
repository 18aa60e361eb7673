using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>The names of a protocol's message types (for the <see cref="ConstantValue"/> of nlmsg_type) and how strace
/// prints a type, named or not.</summary>
internal sealed record MessageTypes(IConstantNames Names, Func<long, StraceRenderer, string> Format)
{
    internal static MessageTypes Of(NamedValues table) => new(table, table.Format);
}

/// <summary>A decoded piece of a netlink buffer: its text as strace prints it (written with the template renderer) and
/// its value.</summary>
internal readonly record struct NetlinkPart(string Text, object Value);

/// <summary>The buffer of a socket call on a netlink socket as strace prints it: each message its struct nlmsghdr
/// (include/uapi/linux/netlink.h), then its payload decoded by the socket's protocol,
/// <c>[{nlmsg_len=40, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, ...}, {ifi_family=...}, [attributes]]</c>;
/// several messages in brackets, a message or a list of one item without them. Its value is always an
/// <see cref="ArrayValue"/> of messages, each an <see cref="ArrayValue"/> of its header (a <see cref="StructValue"/>
/// <c>nlmsghdr</c>, whose <c>nlmsg_type</c> is a <see cref="ConstantValue"/> named <c>RTM_NEWADDR</c>) and its
/// payload's parts.</summary>
internal static class NetlinkMessages
{
    internal const int HeaderSize = 16;              // struct nlmsghdr
    private const int MaxRead = 1 << 20;             // more than a socket buffer holds
    private const ushort NlmsgError = 2, NlmsgDone = 3;
    private const ushort MinType = 0x10;             // NLMSG_MIN_TYPE: the protocols' types start here
    private const ushort RequestFlag = 0x1;          // NLM_F_REQUEST
    private const ushort CappedFlag = 0x100;         // NLM_F_CAPPED: an error echoes the request's header alone
    private const int NetlinkRoute = 0, NetlinkSockDiag = 4, NetlinkXfrm = 6, NetlinkSelinux = 7, NetlinkAudit = 9;
    private const int NetlinkNetfilter = 12, NetlinkGeneric = 16;
    private const int NetlinkKobjectUevent = 15;     // its messages are text, not netlink headers

    /// <summary>Stands for the protocol of a netlink socket the kernel does not list yet (not bound), which strace does
    /// not know either: its messages print with their types as numbers and their payloads in hex.</summary>
    internal const int UnknownProtocol = -1;

    private static readonly MessageTypes s_controlTypes = MessageTypes.Of(new("netlink_control_types", "NLMSG_???"));
    private static readonly FlagSet s_flags = new("netlink_flags");
    private static readonly FlagSet s_ackFlags = new("netlink_ack_flags");
    private static readonly MessageTypes s_xfrmTypes = MessageTypes.Of(new("xfrm_types", "XFRM_MSG_???"));
    // An extended acknowledgement's attributes (NLMSGERR_ATTR_*); the policy and the missing attribute print in hex.
    private static readonly AttributeSet s_ackAttributes = new(new("nlmsgerr_attributes", "NLMSGERR_ATTR_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = NetlinkAttributes.CString,                   // NLMSGERR_ATTR_MSG
        [2] = NetlinkAttributes.U32,                       // NLMSGERR_ATTR_OFFS
        [3] = NetlinkAttributes.NumberArray(1),                 // NLMSGERR_ATTR_COOKIE
    });

    private static readonly MessageTypes s_auditTypes = MessageTypes.Of(new("audit_types", "AUDIT_???"));

    // Audit's messages carry no request flags strace names: flags no name covers print with its hint.
    private static readonly FlagSet s_auditFlags = new("netlink_flags", "NLM_F_???");

    /// <summary>The flags of a GET request (NLM_F_DUMP...).</summary>
    internal static FlagSet GetFlags { get; } = new("netlink_get_flags");

    /// <summary>The flags of a NEW request (NLM_F_CREATE...).</summary>
    internal static FlagSet NewFlags { get; } = new("netlink_new_flags");

    /// <summary>The flags of a DELETE request (NLM_F_NONREC...).</summary>
    internal static FlagSet DeleteFlags { get; } = new("netlink_delete_flags");

    /// <summary>Decides argument <paramref name="index"/> as the netlink messages in the <paramref name="length"/> bytes it
    /// points to; its address when not even their start can be read.</summary>
    internal static void Set(DecodeContext context, int index, int protocol, long length)
    {
        if (Read(context, protocol, context.Raw(index), length) is NetlinkPart part)
            context.Set(index, ArgumentKind.InputBuffer, part.Value, part.Text);
        else
            context.SetPointer(index);
    }

    /// <summary>The messages in <paramref name="length"/> bytes at <paramref name="address"/>, for a socket of
    /// <paramref name="protocol"/> (NETLINK_ROUTE's 0...); null for NULL, or when not even the first header can be read
    /// (strace prints the address). Fewer bytes than a header print in hex.</summary>
    internal static NetlinkPart? Read(DecodeContext context, int protocol, long address, long length)
    {
        if (address == 0)
            return null;
        var bytes = new byte[Math.Clamp(length, 0, MaxRead)];
        int read = context.Memory.Read(context.Call.ThreadId, (ulong)address, bytes);
        if (bytes.Length < HeaderSize)
            return read < bytes.Length ? null : Hex(context, bytes);
        if (read < HeaderSize)
            return null;
        var scope = new NetlinkScope(context, protocol, address, bytes, read);
        return Messages(scope, 0, bytes.Length);
    }

    // The messages between start and end: each header and its payload, bytes too few for a header in hex, and an
    // unreadable header as its address. A length shorter than a header ends the list.
    private static NetlinkPart Messages(NetlinkScope scope, int start, int end)
    {
        var items = new List<NetlinkPart>();
        bool more = false;
        for (long at = start; at < end;)
        {
            if (scope.Full(items.Count))
            {
                more = true;
                break;
            }
            int offset = (int)at;
            if (end - offset < HeaderSize)
            {
                items.Add(scope.Readable(offset, end) ? Hex(scope.Context, scope.Bytes.AsSpan(offset, end - offset)) : scope.AddressAt(offset));
                break;
            }
            if (!scope.Readable(offset, offset + HeaderSize))
            {
                items.Add(scope.AddressAt(offset));
                break;
            }
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(scope.Bytes.AsSpan(offset));
            items.Add(Message(scope, offset, (int)Math.Min(length, (uint)(end - offset))));
            if (length < HeaderSize)
                break;
            at += (length + 3L) & ~3L;
        }
        return NetlinkScope.List(items, more);
    }

    // How deep errors that echo errors are decoded; deeper ones print in hex, so that no buffer (a megabyte of nested
    // headers) takes the decoder's stack. strace decodes them to any depth.
    private const int MaxEchoDepth = 16;

    // One message: its header, then its payload's parts, if any. An error's echoed request is itself a message, one
    // level deeper.
    private static NetlinkPart Message(NetlinkScope scope, int at, int length, int depth = 0)
    {
        ReadOnlySpan<byte> header = scope.Bytes.AsSpan(at, HeaderSize);
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var parts = new List<NetlinkPart> { Header(scope, header) };
        int payload = at + HeaderSize, end = at + Math.Max(length, HeaderSize);
        if (end > payload)
        {
            if (!scope.Readable(payload, end))
                parts.Add(scope.AddressAt(payload));
            else
                parts.AddRange(depth >= MaxEchoDepth ? [Hex(scope.Context, scope.Bytes.AsSpan(payload, end - payload))] : Payload(scope, type, flags, payload, end, depth));
        }
        return NetlinkScope.List(parts, more: false);
    }

    private static NetlinkPart Header(NetlinkScope scope, ReadOnlySpan<byte> header)
    {
        StraceRenderer render = scope.Context.Render;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        uint sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        int port = BinaryPrimitives.ReadInt32LittleEndian(header[12..]); // strace prints it signed, as the kernel's ids above 2^31 show
        MessageTypes types = (type < MinType ? s_controlTypes : TypesOf(scope.Protocol)) ?? s_controlTypes;
        FlagSet flagSet = FlagsOf(scope.Protocol, type);
        var writer = new StructWriter("nlmsghdr")
            .Field("nlmsg_len", length)
            .Field("nlmsg_type", new ConstantValue(type, types.Names), types.Format(type, render))
            .Field("nlmsg_flags", new FlagsValue(flags, flagSet), flagSet.Format(flags, render))
            .Field("nlmsg_seq", sequence)
            .Field("nlmsg_pid", port);
        return new(writer.ToString(), writer.Value);
    }

    private static MessageTypes? TypesOf(int protocol) => protocol switch
    {
        NetlinkRoute => RouteMessages.Types,
        NetlinkSockDiag => SockDiagMessages.Types,
        NetlinkXfrm => s_xfrmTypes,
        NetlinkSelinux => SelinuxMessages.Types,
        NetlinkAudit => s_auditTypes,
        NetlinkNetfilter => NetfilterMessages.Types,
        NetlinkGeneric => GenericFamilies.Types,
        _ => null,
    };

    /// <summary>Whether strace decodes the messages of a protocol's sockets: not a kobject uevent's, which are text.</summary>
    internal static bool Decodes(int protocol) => protocol != NetlinkKobjectUevent;

    // Which flags the type's messages carry: a request's by what it asks (GET, NEW, DELETE), an acknowledgement's.
    private static FlagSet FlagsOf(int protocol, ushort type) => type switch
    {
        NlmsgError => s_ackFlags,
        < MinType => s_flags,
        _ => protocol switch
        {
            NetlinkRoute => RouteMessages.FlagsOf(type) ?? s_flags,
            NetlinkSockDiag => SockDiagMessages.FlagsOf(type) ?? s_flags,
            NetlinkXfrm => FlagsByName(s_xfrmTypes.Names.NameOf(type)) ?? s_flags,
            NetlinkAudit => s_auditFlags,
            NetlinkNetfilter => FlagsByName(NetfilterMessages.MessageName(type)) ?? s_flags,
            _ => s_flags,
        },
    };

    // The flags of a request by what its name says it asks: _GET, _NEW, _DEL.
    private static FlagSet? FlagsByName(string? name) => name switch
    {
        null => null,
        _ when name.Contains("_GET", StringComparison.Ordinal) => GetFlags,
        _ when name.Contains("_NEW", StringComparison.Ordinal) => NewFlags,
        _ when name.Contains("_DEL", StringComparison.Ordinal) => DeleteFlags,
        _ => null,
    };

    private static IEnumerable<NetlinkPart> Payload(NetlinkScope scope, ushort type, ushort flags, int start, int end, int depth)
    {
        ReadOnlySpan<byte> payload = scope.Bytes.AsSpan(start, end - start);
        switch (type)
        {
            case NlmsgError:
                return [Error(scope, flags, start, end, depth)];
            case NlmsgDone when payload.Length >= 4:
                int done = BinaryPrimitives.ReadInt32LittleEndian(payload);
                return [new NetlinkPart(done.ToString(CultureInfo.InvariantCulture), done)];
            case < MinType:
                return [Hex(scope.Context, payload)];
        }
        bool request = (flags & RequestFlag) != 0;
        return scope.Protocol switch
        {
            NetlinkRoute => RouteMessages.Payload(scope, type, start, end),
            NetlinkSockDiag => SockDiagMessages.Payload(scope, type, request, start, end),
            NetlinkSelinux => SelinuxMessages.Payload(scope, type, start, end),
            NetlinkNetfilter => NetfilterMessages.Payload(scope, type, start, end),
            _ => [Hex(scope.Context, payload)],
        };
    }

    // struct nlmsgerr: the error, then the request it answers, echoed (its header only when NLM_F_CAPPED), then the
    // extended acknowledgement's NLMSGERR_ATTR_* attributes in the bytes after it, if any (strace reads them whether
    // NLM_F_ACK_TLVS says so or not): [{error=-EINVAL, msg={...}}, [attributes]].
    private static NetlinkPart Error(NetlinkScope scope, ushort flags, int start, int end, int depth)
    {
        ReadOnlySpan<byte> payload = scope.Bytes.AsSpan(start, end - start);
        if (payload.Length < 4)
            return Hex(scope.Context, payload);
        int error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        string number = error.ToString(CultureInfo.InvariantCulture);
        var writer = new StructWriter("nlmsgerr").Field("error", error,
            error < 0 && Errno.GetName(-error) is string name ? scope.Context.Render.Format(number, "-" + name) : number);
        int rest = end;
        if (payload.Length > 4)
        {
            NetlinkPart request;
            if (payload.Length < 4 + HeaderSize)
                request = Hex(scope.Context, payload[4..]);
            else if ((flags & CappedFlag) != 0)
            {
                request = Header(scope, payload.Slice(4, HeaderSize));
                rest = start + 4 + HeaderSize;
            }
            else
            {
                uint length = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
                request = Message(scope, start + 4, (int)Math.Min(length, (uint)(payload.Length - 4)), depth + 1);
                rest = (int)Math.Min(start + 4L + length, end); // unaligned, as strace reads on
            }
            writer.Field("msg", request.Value, request.Text);
        }
        var acknowledgement = new NetlinkPart(writer.ToString(), writer.Value);
        return rest < end
            ? NetlinkScope.List([acknowledgement, NetlinkAttributes.Read(scope, rest, end, s_ackAttributes, 0)], more: false)
            : acknowledgement;
    }

    /// <summary>Bytes strace prints in hex whatever -x says (<c>"\x73\x68"</c>): data of a netlink buffer it does not
    /// decode, at most the string length of them.</summary>
    internal static NetlinkPart Hex(DecodeContext context, ReadOnlySpan<byte> bytes)
    {
        bool truncated = bytes.Length > context.StringLength;
        ReadOnlySpan<byte> shown = truncated ? bytes[..context.StringLength] : bytes;
        return new(context.Render.QuoteHex(shown, truncated), new StringValue(shown.ToArray(), truncated, unterminated: false));
    }
}
