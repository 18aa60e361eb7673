using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_SOCK_DIAG's messages (include/uapi/linux/sock_diag.h): requests about unix sockets (struct
/// unix_diag_req, linux/unix_diag.h) and internet ones (struct inet_diag_req_v2, linux/inet_diag.h), and the replies
/// (struct unix_diag_msg, struct inet_diag_msg) with their attributes; netlink, packet and SMC sockets' in the same way
/// (SockDiagMessages.Families.cs holds packet and SMC sockets'). A request is a message with NLM_F_REQUEST; which
/// structure it holds, its first byte's family says.</summary>
internal static partial class SockDiagMessages
{
    private const ushort ByFamily = 20;                  // SOCK_DIAG_BY_FAMILY
    private const int UnixRequestSize = 24, UnixReplySize = 16, InetRequestSize = 56, InetReplySize = 72, SocketIdSize = 48;
    private const int NetlinkRequestSize = 20, NetlinkReplySize = 28;
    private const byte AllProtocols = 255;               // NDIAG_PROTO_ALL

    internal static MessageTypes Types { get; } = MessageTypes.Of(new("sock_diag_types", "SOCK_DIAG_???"));

    private static readonly FlagSet s_stateBits = new("tcp_state_bits");
    private static readonly NamedValues s_states = new("tcp_states", "TCP_???");
    private static readonly FlagSet s_unixShow = new("unix_diag_show");
    private static readonly FlagSet s_inetExtensions = new("inet_diag_ext_bits");

    private static readonly NamedValues s_memoryItems = new("sk_meminfo", "SK_MEMINFO_???");

    private static readonly AttributeSet s_unixAttributes = new(new("unix_diag_attributes", "UNIX_DIAG_???"), new Dictionary<int, AttributeDecoder>
    {
        [0] = CString,                                                       // UNIX_DIAG_NAME
        [1] = Numbers("unix_diag_vfs", 4, "udiag_vfs_ino", "udiag_vfs_dev"), // UNIX_DIAG_VFS
        [2] = U32,                                                           // UNIX_DIAG_PEER
        [3] = NumberArray(4),                                                // UNIX_DIAG_ICONS
        [4] = Numbers("unix_diag_rqlen", 4, "udiag_rqueue", "udiag_wqueue"), // UNIX_DIAG_RQLEN
        [5] = IndexedNumbers(s_memoryItems),                                 // UNIX_DIAG_MEMINFO
        [6] = U8,                                                            // UNIX_DIAG_SHUTDOWN
        [7] = U32,                                                           // UNIX_DIAG_UID
    });

    private static readonly FlagSet s_netlinkShow = new("netlink_diag_show");

    private static readonly AttributeSet s_netlinkAttributes = new(new("netlink_diag_attributes", "NETLINK_DIAG_???"), new Dictionary<int, AttributeDecoder>
    {
        [0] = IndexedNumbers(s_memoryItems),                   // NETLINK_DIAG_MEMINFO
        [1] = Of(Groups),                                      // NETLINK_DIAG_GROUPS
        [2] = Numbers<NetlinkDiagRing>(),                      // NETLINK_DIAG_RX_RING
        [3] = Numbers<NetlinkDiagRing>(),                      // NETLINK_DIAG_TX_RING
        [4] = Flags(new FlagSet("netlink_diag_flags")),        // NETLINK_DIAG_FLAGS
    });

    private static readonly NamedValues s_netlinkStates = new("netlink_diag_states", "NETLINK_???");
    private static readonly NamedValues s_bytecodes = new("inet_diag_bytecodes", "INET_DIAG_BC_???");

    // A request's attributes: the filter's first operation and the rest of its bytecode in hex, the protocol.
    private static readonly AttributeSet s_inetRequestAttributes = new(new("inet_diag_req_attributes", "INET_DIAG_REQ_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of(Bytecode),                                    // INET_DIAG_REQ_BYTECODE
        [3] = Named(new("ip_protocols", "IPPROTO_???")),       // INET_DIAG_REQ_PROTOCOL
    });

    // A 32-bit number in hex (an MPTCP token).
    private static AttributeDecoder HexU32 { get; } = Of((scope, payload, family) =>
        payload.Length == 4 && BinaryPrimitives.ReadUInt32LittleEndian(payload) is uint value ? new(DecodeContext.HexOrZero(value), value) : null);

    // INET_DIAG_ULP_INFO: the upper layer protocol's name, and kernel TLS's or an MPTCP subflow's attributes.
    private static readonly AttributeSet s_tlsAttributes = new(new("tls_info_attributes", "TLS_INFO_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Named16(new("tls_versions", "TLS_???_VERSION")),     // TLS_INFO_VERSION
        [2] = Named16(new("tls_ciphers", "TLS_CIPHER_???")),       // TLS_INFO_CIPHER
        [3] = Named16(new("tls_configurations", "TLS_CONF_???")),  // TLS_INFO_TXCONF
        [4] = Named16(new("tls_configurations", "TLS_CONF_???")),  // TLS_INFO_RXCONF
    });

    private static readonly AttributeSet s_mptcpAttributes = new(new("mptcp_subflow_attributes", "MPTCP_SUBFLOW_ATTR_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = HexU32,                                              // MPTCP_SUBFLOW_ATTR_TOKEN_REM
        [2] = HexU32,                                              // MPTCP_SUBFLOW_ATTR_TOKEN_LOC
        [3] = U32,                                                 // MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ
        [4] = U64,                                                 // MPTCP_SUBFLOW_ATTR_MAP_SEQ
        [5] = U32,                                                 // MPTCP_SUBFLOW_ATTR_MAP_SFSEQ
        [6] = U32,                                                 // MPTCP_SUBFLOW_ATTR_SSN_OFFSET
        [7] = U16,                                                 // MPTCP_SUBFLOW_ATTR_MAP_DATALEN
        [8] = Flags(new FlagSet("mptcp_subflow_flags", "MPTCP_SUBFLOW_FLAG_???")), // MPTCP_SUBFLOW_ATTR_FLAGS
        [9] = U8,                                                  // MPTCP_SUBFLOW_ATTR_ID_REM
        [10] = U8,                                                 // MPTCP_SUBFLOW_ATTR_ID_LOC
    });

    private static readonly AttributeSet s_ulpAttributes = new(new("inet_ulp_info_attributes", "INET_ULP_INFO_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = CString,                                             // INET_ULP_INFO_NAME
        [2] = Nested(() => s_tlsAttributes),                       // INET_ULP_INFO_TLS
        [3] = Nested(() => s_mptcpAttributes),                     // INET_ULP_INFO_MPTCP
    });

    private static readonly AttributeSet s_inetAttributes = new(new("inet_diag_attributes", "INET_DIAG_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Numbers("inet_diag_meminfo", 4, "idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"), // INET_DIAG_MEMINFO
        [3] = Numbers("tcpvegas_info", 4, "tcpv_enabled", "tcpv_rttcnt", "tcpv_rtt", "tcpv_minrtt"), // INET_DIAG_VEGASINFO
        [4] = CString,                    // INET_DIAG_CONG
        [5] = U8,                         // INET_DIAG_TOS
        [6] = U8,                         // INET_DIAG_TCLASS
        [7] = IndexedNumbers(s_memoryItems), // INET_DIAG_SKMEMINFO
        [8] = Of(CommentedShutdown),      // INET_DIAG_SHUTDOWN
        [9] = Numbers("tcp_dctcp_info", ("dctcp_enabled", 2), ("dctcp_ce_state", 2), ("dctcp_alpha", 4), ("dctcp_ab_ecn", 4),
            ("dctcp_ab_tot", 4)),         // INET_DIAG_DCTCPINFO
        [10] = Named(new("ip_protocols", "IPPROTO_???"), size: 1), // INET_DIAG_PROTOCOL
        [11] = U8,                        // INET_DIAG_SKV6ONLY
        [15] = U32,                       // INET_DIAG_MARK
        [16] = Of(BbrInfo),               // INET_DIAG_BBRINFO
        [17] = U32,                       // INET_DIAG_CLASS_ID
        [21] = U64,                       // INET_DIAG_CGROUP_ID
        [19] = Nested(() => s_ulpAttributes), // INET_DIAG_ULP_INFO
        [22] = Of(SocketOptions),         // INET_DIAG_SOCKOPT
    });

    // struct inet_diag_sockopt's one-bit fields, in order from the lowest bit.
    private static readonly string[] s_socketOptionBits =
        ["recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all", "nodefrag",
         "bind_address_no_port", "recverr_rfc4884", "defer_connect"];

    /// <summary>SOCK_DIAG_BY_FAMILY asks, as a GET request does; null for other types.</summary>
    internal static FlagSet? FlagsOf(ushort type) => type == ByFamily ? NetlinkMessages.GetFlags : null;

    /// <summary>The payload of a message of <paramref name="type"/>: a request's or a reply's structure, then its attributes.</summary>
    internal static IEnumerable<NetlinkPart> Payload(NetlinkScope scope, ushort type, bool request, int start, int end)
    {
        ReadOnlySpan<byte> payload = scope.Slice(start, end);
        int family = payload[0];
        if (type != ByFamily || Kind(family, request) is not DiagnosticKind kind)
            return [NetlinkMessages.Hex(scope.Context, payload)];
        if (payload.Length < kind.Size)
        {
            // Too short for its structure: its family, as strace prints it, and nothing more.
            var writer = new StructWriter(kind.TypeName)
                .Field(kind.FamilyField, SocketNames.FamilyValue(family), SocketNames.Family(family, scope.Context.Render)).More();
            return [new(writer.ToString(), writer.Value)];
        }
        NetlinkPart structure = kind.Decode(scope, payload);
        return kind.Attributes is null || start + kind.Size >= end
            ? [structure]
            : [structure, NetlinkAttributes.Read(scope, start + kind.Size, end, kind.Attributes, family)];
    }

    /// <summary>What a family's requests or replies hold: a structure, then (replies) attributes of a set.</summary>
    private sealed record DiagnosticKind(string TypeName, string FamilyField, int Size, AttributeSet? Attributes,
        Func<NetlinkScope, ReadOnlySpan<byte>, NetlinkPart> Decode);

    private static readonly DiagnosticKind s_unixRequest = new("unix_diag_req", "sdiag_family", UnixRequestSize, null, UnixRequest);
    private static readonly DiagnosticKind s_unixReply = new("unix_diag_msg", "udiag_family", UnixReplySize, s_unixAttributes, UnixReply);
    private static readonly DiagnosticKind s_inetRequest = new("inet_diag_req_v2", "sdiag_family", InetRequestSize, s_inetRequestAttributes, InetRequest);
    private static readonly DiagnosticKind s_inetReply = new("inet_diag_msg", "idiag_family", InetReplySize, s_inetAttributes, InetReply);
    private static readonly DiagnosticKind s_netlinkRequest = new("netlink_diag_req", "sdiag_family", NetlinkRequestSize, null, NetlinkRequest);
    private static readonly DiagnosticKind s_netlinkReply = new("netlink_diag_msg", "ndiag_family", NetlinkReplySize, s_netlinkAttributes, NetlinkReply);

    private static DiagnosticKind? Kind(int family, bool request) => family switch
    {
        SocketNames.AfUnix => request ? s_unixRequest : s_unixReply,
        SocketNames.AfInet or SocketNames.AfInet6 => request ? s_inetRequest : s_inetReply,
        SocketNames.AfNetlink => request ? s_netlinkRequest : s_netlinkReply,
        AfPacket => request ? s_packetRequest : s_packetReply,
        AfSmc => request ? s_smcRequest : s_smcReply,
        _ => null,
    };

    // struct netlink_diag_req
    private static NetlinkPart NetlinkRequest(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        uint show = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        var writer = new StructWriter("netlink_diag_req")
            .Field("sdiag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("sdiag_protocol", SocketNames.ProtocolValue(SocketNames.AfNetlink, payload[1]), payload[1] == AllProtocols
                ? render.Value(AllProtocols, "NDIAG_PROTO_ALL")
                : SocketNames.Protocol(SocketNames.AfNetlink, payload[1], render))
            .Field("ndiag_ino", BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]))
            .Field("ndiag_show", new FlagsValue(show, s_netlinkShow), s_netlinkShow.Format(show, render));
        Cookie(writer, "ndiag_cookie", payload[12..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct netlink_diag_msg
    private static NetlinkPart NetlinkReply(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        var writer = new StructWriter("netlink_diag_msg")
            .Field("ndiag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("ndiag_type", SocketNames.SocketTypeValue(payload[1]), SocketNames.SocketType(payload[1], render))
            .Field("ndiag_protocol", SocketNames.ProtocolValue(SocketNames.AfNetlink, payload[2]), SocketNames.Protocol(SocketNames.AfNetlink, payload[2], render))
            .Field("ndiag_state", new ConstantValue(payload[3], s_netlinkStates), s_netlinkStates.Format(payload[3], render));
        string[] fields = ["ndiag_portid", "ndiag_dst_portid", "ndiag_dst_group", "ndiag_ino"];
        for (int i = 0; i < fields.Length; i++)
            writer.Field(fields[i], BinaryPrimitives.ReadUInt32LittleEndian(payload[(4 + i * 4)..]));
        Cookie(writer, "ndiag_cookie", payload[20..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct unix_diag_req
    private static NetlinkPart UnixRequest(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        uint states = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        uint show = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]);
        var writer = new StructWriter("unix_diag_req")
            .Field("sdiag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("sdiag_protocol", payload[1])
            .Field("udiag_states", new FlagsValue(states, s_stateBits), s_stateBits.Format(states, render))
            .Field("udiag_ino", BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]))
            .Field("udiag_show", new FlagsValue(show, s_unixShow), s_unixShow.Format(show, render));
        Cookie(writer, "udiag_cookie", payload[16..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct unix_diag_msg
    private static NetlinkPart UnixReply(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        var writer = new StructWriter("unix_diag_msg")
            .Field("udiag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("udiag_type", SocketNames.SocketTypeValue(payload[1]), SocketNames.SocketType(payload[1], render))
            .Field("udiag_state", new ConstantValue(payload[2], s_states), s_states.Format(payload[2], render))
            .Field("udiag_ino", BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]));
        Cookie(writer, "udiag_cookie", payload[8..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct inet_diag_req_v2
    private static NetlinkPart InetRequest(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        int family = payload[0];
        uint states = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        NetlinkPart id = SocketId(scope, family, payload.Slice(8, SocketIdSize));
        var writer = new StructWriter("inet_diag_req_v2")
            .Field("sdiag_family", SocketNames.FamilyValue(family), SocketNames.Family(family, render))
            .Field("sdiag_protocol", SocketNames.ProtocolValue(family, payload[1]), SocketNames.Protocol(family, payload[1], render))
            .Field("idiag_ext", new FlagsValue(payload[2], s_inetExtensions), s_inetExtensions.Format(payload[2], render))
            .Field("idiag_states", new FlagsValue(states, s_stateBits), s_stateBits.Format(states, render))
            .Field("id", id.Value, id.Text);
        return new(writer.ToString(), writer.Value);
    }

    // struct inet_diag_msg
    private static NetlinkPart InetReply(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        int family = payload[0];
        NetlinkPart id = SocketId(scope, family, payload.Slice(4, SocketIdSize));
        var writer = new StructWriter("inet_diag_msg")
            .Field("idiag_family", SocketNames.FamilyValue(family), SocketNames.Family(family, render))
            .Field("idiag_state", new ConstantValue(payload[1], s_states), s_states.Format(payload[1], render))
            .Field("idiag_timer", payload[2])
            .Field("idiag_retrans", payload[3])
            .Field("id", id.Value, id.Text);
        string[] fields = ["idiag_expires", "idiag_rqueue", "idiag_wqueue", "idiag_uid", "idiag_inode"];
        for (int i = 0; i < fields.Length; i++)
            writer.Field(fields[i], BinaryPrimitives.ReadUInt32LittleEndian(payload[(4 + SocketIdSize + i * 4)..]));
        return new(writer.ToString(), writer.Value);
    }

    // struct inet_diag_sockid: ports and addresses in network order, the interface, the cookie.
    private static NetlinkPart SocketId(NetlinkScope scope, int family, ReadOnlySpan<byte> id)
    {
        StraceRenderer render = scope.Context.Render;
        var writer = new StructWriter("inet_diag_sockid");
        Port(writer, render, "idiag_sport", id[..2]);
        Port(writer, render, "idiag_dport", id[2..4]);
        Address(writer, render, "idiag_src", family, id.Slice(4, 16));
        Address(writer, render, "idiag_dst", family, id.Slice(20, 16));
        uint index = BinaryPrimitives.ReadUInt32LittleEndian(id[36..]);
        writer.Field("idiag_if", index, FormatInterfaceIndex(scope.Context, index).Text);
        Cookie(writer, "idiag_cookie", id[40..]);
        return new(writer.ToString(), writer.Value);
    }

    private static void Port(StructWriter writer, StraceRenderer render, string name, ReadOnlySpan<byte> port)
    {
        ushort number = BinaryPrimitives.ReadUInt16BigEndian(port);
        writer.Field(name, number, Bytes(render, port, $"htons({number.ToString(CultureInfo.InvariantCulture)})"));
    }

    // An address field holds 16 bytes whatever the family; an IPv4 address is the first 4. strace writes an IPv6 one
    // as the call that fills the field, <c>inet_pton(AF_INET6, "::1", &idiag_src)</c>, without the field's name.
    private static void Address(StructWriter writer, StraceRenderer render, string name, int family, ReadOnlySpan<byte> address)
    {
        if (family == SocketNames.AfInet)
        {
            var ip = new IPAddress(address[..4]);
            writer.Field(name, ip, Bytes(render, address, $"inet_addr(\"{ip}\")"));
            return;
        }
        string text = Inet6Text(address);
        writer.Item(name, new IPAddress(address), render.Format(name + "=" + StraceQuoting.QuoteHex(address, truncated: false),
            $"inet_pton(AF_INET6, \"{text}\", &{name})", $"inet_pton(AF_INET6, \"{text}\")"));
    }

    // A cookie: two 32-bit words, [4294967295, 4294967295] for none (INET_DIAG_NOCOOKIE).
    private static void Cookie(StructWriter writer, string name, ReadOnlySpan<byte> cookie)
    {
        uint[] words = [BinaryPrimitives.ReadUInt32LittleEndian(cookie), BinaryPrimitives.ReadUInt32LittleEndian(cookie[4..])];
        writer.Field(name, new ArrayValue(words.Select(word => (object?)word)),
            StructWriter.Array(words.Select(word => word.ToString(CultureInfo.InvariantCulture))));
    }

    // NETLINK_DIAG_GROUPS: the groups' bit mask as 64-bit words, each as C's %#016lx writes it (0x00000000000005, and
    // sixteen zeros for zero), as strace prints them.
    private static NetlinkPart? Groups(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        Items(scope, payload, 8, bytes =>
        {
            ulong word = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            return new(word == 0 ? new string('0', 16) : "0x" + word.ToString("x14", CultureInfo.InvariantCulture), word);
        });

    private const byte BcSourceAtLeast = 2, BcDestinationAtMost = 5;     // INET_DIAG_BC_S_GE..INET_DIAG_BC_D_LE
    private const byte BcSourceCondition = 7, BcDestinationCondition = 8, BcDevice = 9, BcMark = 10;

    // INET_DIAG_REQ_BYTECODE as strace 6.1 prints it: the first struct inet_diag_bc_op, then what its code takes (the
    // port in a second operation, a struct inet_diag_hostcond, an interface's index, a struct inet_diag_markcond) and nothing
    // after that, or the bytes after it in hex for a code that takes nothing or bytes too few. Two items of the
    // attribute: the text holds both, the value is the pair.
    private static NetlinkPart? Bytecode(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 4)
            return null;
        NetlinkPart operation = Operation(scope, payload);
        if (payload.Length == 4)
            return operation;
        ReadOnlySpan<byte> rest = payload[4..];
        NetlinkPart argument = payload[0] switch
        {
            >= BcSourceAtLeast and <= BcDestinationAtMost when rest.Length >= 4 => Operation(scope, rest),
            BcDevice when rest.Length >= 4 => FormatInterfaceIndex(scope.Context, BinaryPrimitives.ReadUInt32LittleEndian(rest)),
            BcMark when rest.Length >= 8 => MarkCondition(rest),
            BcSourceCondition or BcDestinationCondition when rest.Length >= 8 => HostCondition(scope, rest),
            _ => NetlinkMessages.Hex(scope.Context, rest),
        };
        return new(operation.Text + ", " + argument.Text, new ArrayValue([operation.Value, argument.Value]));
    }

    // struct inet_diag_bc_op
    private static NetlinkPart Operation(NetlinkScope scope, ReadOnlySpan<byte> bytes)
    {
        var writer = new StructWriter("inet_diag_bc_op")
            .Field("code", new ConstantValue(bytes[0], s_bytecodes), s_bytecodes.Format(bytes[0], scope.Context.Render))
            .Field("yes", bytes[1])
            .Field("no", BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]));
        return new(writer.ToString(), writer.Value);
    }

    // struct inet_diag_markcond
    private static NetlinkPart MarkCondition(ReadOnlySpan<byte> bytes)
    {
        var writer = new StructWriter("inet_diag_markcond")
            .Field("mark", BinaryPrimitives.ReadUInt32LittleEndian(bytes))
            .Field("mask", BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]));
        return new(writer.ToString(), writer.Value);
    }

    // struct inet_diag_hostcond: the port unsigned, the address after it by the family when it is whole (IPv6 as
    // inet_pton(..., &addr)), else its bytes, none when the condition ends with the port.
    private static NetlinkPart HostCondition(NetlinkScope scope, ReadOnlySpan<byte> bytes)
    {
        StraceRenderer render = scope.Context.Render;
        ReadOnlySpan<byte> address = bytes[8..];
        var writer = new StructWriter("inet_diag_hostcond")
            .Field("family", SocketNames.FamilyValue(bytes[0]), SocketNames.Family(bytes[0], render))
            .Field("prefix_len", bytes[1])
            .Field("port", BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]));
        if (bytes[0] == SocketNames.AfInet && address.Length >= 4)
            writer.Field("addr", new IPAddress(address[..4]), Bytes(render, address[..4], $"inet_addr(\"{new IPAddress(address[..4])}\")"));
        else if (bytes[0] == SocketNames.AfInet6 && address.Length >= 16)
        {
            string text = Inet6Text(address[..16]);
            writer.Item("addr", new IPAddress(address[..16]), render.Format("addr=" + StraceQuoting.QuoteHex(address[..16], truncated: false),
                $"inet_pton(AF_INET6, \"{text}\", &addr)", $"inet_pton(AF_INET6, \"{text}\")"));
        }
        else if (address.Length > 0)
        {
            NetlinkPart hex = NetlinkMessages.Hex(scope.Context, address);
            writer.Field("addr", hex.Value, hex.Text);
        }
        return new(writer.ToString(), writer.Value);
    }

    /// <summary>struct netlink_diag_ring (NETLINK_DIAG_RX_RING, NETLINK_DIAG_TX_RING).</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    internal struct NetlinkDiagRing : IKernelStruct<NetlinkDiagRing>
    {
        public uint ndr_block_size;
        public uint ndr_block_nr;
        public uint ndr_frame_size;
        public uint ndr_frame_nr;

        public static string TypeName => "netlink_diag_ring";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ndr_block_size", ndr_block_size), new("ndr_block_nr", ndr_block_nr), new("ndr_frame_size", ndr_frame_size),
             new("ndr_frame_nr", ndr_frame_nr)];
    }

    // struct tcp_bbr_info: the bandwidth's low word in hex, as strace prints it.
    private static NetlinkPart? BbrInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 20)
            return null;
        uint low = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        var writer = new StructWriter("tcp_bbr_info").Field("bbr_bw_lo", low, DecodeContext.HexOrZero(low));
        string[] fields = ["bbr_bw_hi", "bbr_min_rtt", "bbr_pacing_gain", "bbr_cwnd_gain"];
        for (int i = 0; i < fields.Length; i++)
            writer.Field(fields[i], BinaryPrimitives.ReadUInt32LittleEndian(payload[(4 + i * 4)..]));
        return new(writer.ToString(), writer.Value);
    }

    // INET_DIAG_SHUTDOWN's byte: its number, the bits' names in a comment (0x3 /* RCV_SHUTDOWN|SEND_SHUTDOWN */), as
    // strace prints it whatever -X asks but raw.
    private static NetlinkPart? CommentedShutdown(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length != 1)
            return null;
        byte bits = payload[0];
        (IReadOnlyList<string> names, long left) = s_shutdown.Split(bits);
        string comment = names.Count == 0 ? "???_SHUTDOWN" : string.Join('|', left == 0 ? names : names.Append(DecodeContext.HexOrZero((ulong)left)));
        return new(bits == 0 ? "0" : scope.Context.Render.Unnamed(bits, comment), new FlagsValue(bits, s_shutdown));
    }

    // struct inet_diag_sockopt: its one-bit fields, only those set unless -v, then the five unused bits.
    private static NetlinkPart? SocketOptions(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 2)
            return null;
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        var writer = new StructWriter("inet_diag_sockopt");
        for (int bit = 0; bit < s_socketOptionBits.Length; bit++)
        {
            if ((bits & (1 << bit)) != 0 || !scope.Context.Abbreviate)
                writer.Field(s_socketOptionBits[bit], (bits >> bit) & 1);
        }
        int unused = bits >> s_socketOptionBits.Length;
        if (unused != 0 || !scope.Context.Abbreviate)
            writer.Field("unused", unused, unused.ToString(CultureInfo.InvariantCulture) + " /* bits 3..8 */");
        return new(writer.ToString(), writer.Value);
    }
}
