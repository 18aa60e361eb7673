using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

// NETLINK_SOCK_DIAG about packet sockets (struct packet_diag_req and packet_diag_msg with PACKET_DIAG_*,
// linux/packet_diag.h) and SMC sockets (struct smc_diag_req and smc_diag_msg with SMC_DIAG_*, linux/smc_diag.h).
internal static partial class SockDiagMessages
{
    private const int AfPacket = 17, AfSmc = 43;

    private static readonly FlagSet s_packetShow = new("packet_diag_show");
    private static readonly NamedValues s_ethernetProtocols = new("ethernet_protocols", "ETH_P_???");
    private static readonly NamedValues s_ringVersions = new("tpacket_versions", "TPACKET_???");
    private static readonly FlagSet s_packetFlags = new("packet_diag_info_flags", "PDI_???");

    private static readonly FlagSet s_smcExtensions = new("smc_diag_ext_bits");
    private static readonly NamedValues s_smcStates = new("smc_states", "SMC_???");
    private static readonly NamedValues s_smcModes = new("smc_diag_modes", "SMC_DIAG_MODE_???");
    private static readonly NamedValues s_smcRoles = new("smc_roles", "SMC_???");
    private static readonly NamedValues s_declineReasons = new("smc_decline_reasons", "SMC_CLC_DECL_???");

    // RCV_SHUTDOWN|SEND_SHUTDOWN: a mask no name covers prints with this hint.
    private static readonly FlagSet s_shutdown = new("sock_shutdown_flags", "???_SHUTDOWN");

    // PACKET_DIAG_FILTER's classic BPF program is left in hex: strace prints its address, or with -v each instruction.
    private static readonly AttributeSet s_packetAttributes = new(new("packet_diag_attributes", "PACKET_DIAG_???"), new Dictionary<int, AttributeDecoder>
    {
        [0] = Of(PacketInfo),                        // PACKET_DIAG_INFO
        [1] = Of(MulticastList),                     // PACKET_DIAG_MCLIST
        [2] = Numbers<PacketDiagRing>(),           // PACKET_DIAG_RX_RING
        [3] = Numbers<PacketDiagRing>(),           // PACKET_DIAG_TX_RING
        [4] = U32,                                   // PACKET_DIAG_FANOUT
        [5] = U32,                                   // PACKET_DIAG_UID
        [6] = IndexedNumbers(new("sk_meminfo", "SK_MEMINFO_???")), // PACKET_DIAG_MEMINFO (the other file's table may not be made yet)
    });

    private static readonly AttributeSet s_smcAttributes = new(new("smc_diag_attributes", "SMC_DIAG_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of(ConnectionInfo),                    // SMC_DIAG_CONNINFO
        [2] = Of(LinkGroupInfo),                     // SMC_DIAG_LGRINFO
        [3] = Flags(s_shutdown, size: 1),            // SMC_DIAG_SHUTDOWN
        [4] = Of(BufferInfo),                        // SMC_DIAG_DMBINFO
        [5] = Of(Fallback),                          // SMC_DIAG_FALLBACK
    });

    private static readonly DiagnosticKind s_packetRequest = new("packet_diag_req", "sdiag_family", Unsafe.SizeOf<PacketDiagReq>(), null, PacketRequest);
    private static readonly DiagnosticKind s_packetReply = new("packet_diag_msg", "pdiag_family", Unsafe.SizeOf<PacketDiagMsg>(), s_packetAttributes, PacketReply);
    private static readonly DiagnosticKind s_smcRequest = new("smc_diag_req", "diag_family", SmcRequestSize, null, SmcRequest);
    private static readonly DiagnosticKind s_smcReply = new("smc_diag_msg", "diag_family", SmcReplySize, s_smcAttributes, SmcReply);

    private const int SmcRequestSize = 4 + SocketIdSize, SmcReplySize = 4 + SocketIdSize + 4 + 8;

    // struct packet_diag_req: the protocol's low byte in hex, as strace prints it.
    private static NetlinkPart PacketRequest(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        PacketDiagReq request = MemoryMarshal.Read<PacketDiagReq>(payload);
        var writer = new StructWriter(PacketDiagReq.TypeName)
            .Field("sdiag_family", SocketNames.FamilyValue(request.sdiag_family), SocketNames.Family(request.sdiag_family, render))
            .Field("sdiag_protocol", request.sdiag_protocol, DecodeContext.HexOrZero(request.sdiag_protocol))
            .Field("pdiag_ino", request.pdiag_ino)
            .Field("pdiag_show", new FlagsValue(request.pdiag_show, s_packetShow), s_packetShow.Format(request.pdiag_show, render));
        Cookie(writer, "pdiag_cookie", payload[12..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct packet_diag_msg: the protocol as it lies in memory (network order), named as a host-order ETH_P_*.
    private static NetlinkPart PacketReply(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        PacketDiagMsg message = MemoryMarshal.Read<PacketDiagMsg>(payload);
        var writer = new StructWriter(PacketDiagMsg.TypeName)
            .Field("pdiag_family", SocketNames.FamilyValue(message.pdiag_family), SocketNames.Family(message.pdiag_family, render))
            .Field("pdiag_type", SocketNames.SocketTypeValue(message.pdiag_type), SocketNames.SocketType(message.pdiag_type, render))
            .Field("pdiag_num", new ConstantValue(message.pdiag_num, s_ethernetProtocols), s_ethernetProtocols.Format(message.pdiag_num, render))
            .Field("pdiag_ino", message.pdiag_ino);
        Cookie(writer, "pdiag_cookie", payload[8..]);
        return new(writer.ToString(), writer.Value);
    }

    // struct packet_diag_info
    private static NetlinkPart? PacketInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < Unsafe.SizeOf<PacketDiagInfo>())
            return null;
        StraceRenderer render = scope.Context.Render;
        PacketDiagInfo info = MemoryMarshal.Read<PacketDiagInfo>(payload);
        var writer = new StructWriter(PacketDiagInfo.TypeName)
            .Field("pdi_index", info.pdi_index, FormatInterfaceIndex(scope.Context, info.pdi_index).Text)
            .Field("pdi_version", new ConstantValue(info.pdi_version, s_ringVersions), s_ringVersions.Format(info.pdi_version, render))
            .Field("pdi_reserve", info.pdi_reserve)
            .Field("pdi_copy_thresh", info.pdi_copy_thresh)
            .Field("pdi_tstamp", info.pdi_tstamp)
            .Field("pdi_flags", new FlagsValue(info.pdi_flags, s_packetFlags), s_packetFlags.Format(info.pdi_flags, render));
        return new(writer.ToString(), writer.Value);
    }

    // An array of struct packet_diag_mclist, each address as many bytes as its length says, in hex.
    private static NetlinkPart? MulticastList(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        Items(scope, payload, Unsafe.SizeOf<PacketDiagMclist>(), bytes =>
        {
            PacketDiagMclist entry = MemoryMarshal.Read<PacketDiagMclist>(bytes);
            ReadOnlySpan<byte> address = bytes.Slice(12, Math.Min((int)entry.pdmc_alen, PacketDiagMclist.AddressSize));
            var writer = new StructWriter(PacketDiagMclist.TypeName)
                .Field("pdmc_index", entry.pdmc_index, FormatInterfaceIndex(scope.Context, entry.pdmc_index).Text)
                .Field("pdmc_count", entry.pdmc_count)
                .Field("pdmc_type", entry.pdmc_type)
                .Field("pdmc_alen", entry.pdmc_alen)
                .Field("pdmc_addr", address.ToArray(), scope.Context.Render.QuoteHex(address, truncated: false));
            return new(writer.ToString(), writer.Value);
        });

    // struct smc_diag_req: its socket id's addresses as IPv4 ones, as strace prints them.
    private static NetlinkPart SmcRequest(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        NetlinkPart id = SocketId(scope, SocketNames.AfInet, payload.Slice(4, SocketIdSize));
        var writer = new StructWriter("smc_diag_req")
            .Field("diag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("diag_ext", new FlagsValue(payload[3], s_smcExtensions), s_smcExtensions.Format(payload[3], render))
            .Field("id", id.Value, id.Text);
        return new(writer.ToString(), writer.Value);
    }

    // struct smc_diag_msg: diag_mode under its old name, diag_fallback, as strace 6.1 prints it.
    private static NetlinkPart SmcReply(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        NetlinkPart id = SocketId(scope, SocketNames.AfInet, payload.Slice(4, SocketIdSize));
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(payload[(8 + SocketIdSize)..]);
        var writer = new StructWriter("smc_diag_msg")
            .Field("diag_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("diag_state", new ConstantValue(payload[1], s_smcStates), s_smcStates.Format(payload[1], render))
            .Field("diag_fallback", new ConstantValue(payload[2], s_smcModes), s_smcModes.Format(payload[2], render))
            .Field("diag_shutdown", payload[3])
            .Field("id", id.Value, id.Text)
            .Field("diag_uid", BinaryPrimitives.ReadUInt32LittleEndian(payload[(4 + SocketIdSize)..]))
            .Field("diag_inode", inode, inode.ToString(CultureInfo.InvariantCulture));
        return new(writer.ToString(), writer.Value);
    }

    // struct smc_diag_conninfo: sizes, cursors as structures, the four flag bytes in hex.
    private static NetlinkPart? ConnectionInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < Unsafe.SizeOf<SmcDiagConninfo>())
            return null;
        SmcDiagConninfo info = MemoryMarshal.Read<SmcDiagConninfo>(payload);
        var writer = new StructWriter(SmcDiagConninfo.TypeName)
            .Field("token", info.token)
            .Field("sndbuf_size", info.sndbuf_size)
            .Field("rmbe_size", info.rmbe_size)
            .Field("peer_rmbe_size", info.peer_rmbe_size);
        Cursor(writer, "rx_prod", info.rx_prod);
        Cursor(writer, "rx_cons", info.rx_cons);
        Cursor(writer, "tx_prod", info.tx_prod);
        Cursor(writer, "tx_cons", info.tx_cons);
        writer.Field("rx_prod_flags", info.rx_prod_flags, FlagByte(info.rx_prod_flags))
            .Field("rx_conn_state_flags", info.rx_conn_state_flags, FlagByte(info.rx_conn_state_flags))
            .Field("tx_prod_flags", info.tx_prod_flags, FlagByte(info.tx_prod_flags))
            .Field("tx_conn_state_flags", info.tx_conn_state_flags, FlagByte(info.tx_conn_state_flags));
        Cursor(writer, "tx_prep", info.tx_prep);
        Cursor(writer, "tx_sent", info.tx_sent);
        Cursor(writer, "tx_fin", info.tx_fin);
        return new(writer.ToString(), writer.Value);
    }

    // A flag byte as C's %#02x writes it, which strace uses: 0x1, and 00 for zero.
    private static string FlagByte(byte flags) => flags == 0 ? "00" : DecodeContext.HexOrZero(flags);

    private static void Cursor(StructWriter writer, string name, SmcDiagCursor cursor)
    {
        var fields = new StructWriter(SmcDiagCursor.TypeName)
            .Field("reserved", cursor.reserved)
            .Field("wrap", cursor.wrap)
            .Field("count", cursor.count);
        writer.Field(name, fields.Value, fields.ToString());
    }

    // struct smc_diag_lgrinfo: its one link, the names as strings, then the role.
    private static NetlinkPart? LinkGroupInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < SmcLinkInfoSize + 1)
            return null;
        StraceRenderer render = scope.Context.Render;
        var link = new StructWriter("smc_diag_linkinfo")
            .Field("link_id", payload[0])
            .Field("ibname", Text(payload.Slice(1, 64)), render.QuoteFixed(payload.Slice(1, 64)))
            .Field("ibport", payload[65])
            .Field("gid", Text(payload.Slice(66, 40)), render.QuoteFixed(payload.Slice(66, 40)))
            .Field("peer_gid", Text(payload.Slice(106, 40)), render.QuoteFixed(payload.Slice(106, 40)));
        byte role = payload[SmcLinkInfoSize];
        var writer = new StructWriter("smc_diag_lgrinfo")
            .Field("lnk", new ArrayValue([link.Value]), StructWriter.Array([link.ToString()]))
            .Field("role", new ConstantValue(role, s_smcRoles), s_smcRoles.Format(role, render));
        return new(writer.ToString(), writer.Value);
    }

    // struct smcd_diag_dmbinfo: the link in decimal, the GIDs and tokens in hex.
    private static NetlinkPart? BufferInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < Unsafe.SizeOf<SmcdDiagDmbinfo>())
            return null;
        SmcdDiagDmbinfo info = MemoryMarshal.Read<SmcdDiagDmbinfo>(payload);
        var writer = new StructWriter(SmcdDiagDmbinfo.TypeName)
            .Field("linkid", info.linkid)
            .Field("peer_gid", info.peer_gid, DecodeContext.HexOrZero(info.peer_gid))
            .Field("my_gid", info.my_gid, DecodeContext.HexOrZero(info.my_gid))
            .Field("token", info.token, DecodeContext.HexOrZero(info.token))
            .Field("peer_token", info.peer_token, DecodeContext.HexOrZero(info.peer_token));
        return new(writer.ToString(), writer.Value);
    }

    // struct smc_diag_fallback: two reasons, each its number with its name in a comment whatever -X asks but raw.
    private static NetlinkPart? Fallback(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 8)
            return null;
        var writer = new StructWriter("smc_diag_fallback");
        foreach ((string name, int at) in (ReadOnlySpan<(string, int)>)[("reason", 0), ("peer_diagnosis", 4)])
        {
            uint reason = BinaryPrimitives.ReadUInt32LittleEndian(payload[at..]);
            writer.Field(name, new ConstantValue(reason, s_declineReasons),
                scope.Context.Render.Unnamed(DecodeContext.HexOrZero(reason), s_declineReasons.NameOf(reason) ?? "SMC_CLC_DECL_???"));
        }
        return new(writer.ToString(), writer.Value);
    }

    private const int SmcLinkInfoSize = 146;         // struct smc_diag_linkinfo: an id, 64 chars, a port, two GIDs

    private static StringValue Text(ReadOnlySpan<byte> array)
    {
        ReadOnlySpan<byte> text = StraceQuoting.BeforeNul(array, out bool truncated);
        return new StringValue(text.ToArray(), truncated, unterminated: truncated);
    }

    /// <summary>struct packet_diag_req (linux/packet_diag.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PacketDiagReq : IKernelStruct<PacketDiagReq>
    {
        public byte sdiag_family;
        public byte sdiag_protocol;
        public ushort pad;
        public uint pdiag_ino;
        public uint pdiag_show;
        public CookieWords pdiag_cookie;

        public static string TypeName => "packet_diag_req";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("sdiag_family", sdiag_family), new("sdiag_protocol", sdiag_protocol), new("pdiag_ino", pdiag_ino), new("pdiag_show", pdiag_show),
             new("pdiag_cookie", pdiag_cookie.Value)];
    }

    /// <summary>struct packet_diag_msg (linux/packet_diag.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PacketDiagMsg : IKernelStruct<PacketDiagMsg>
    {
        public byte pdiag_family;
        public byte pdiag_type;
        public ushort pdiag_num;
        public uint pdiag_ino;
        public CookieWords pdiag_cookie;

        public static string TypeName => "packet_diag_msg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pdiag_family", pdiag_family), new("pdiag_type", pdiag_type), new("pdiag_num", pdiag_num), new("pdiag_ino", pdiag_ino),
             new("pdiag_cookie", pdiag_cookie.Value)];
    }

    /// <summary>A socket's cookie: two 32-bit words.</summary>
    [InlineArray(2)]
    internal struct CookieWords
    {
        private uint _word;

        internal readonly ArrayValue Value => new(((ReadOnlySpan<uint>)this).ToArray().Select(word => (object?)word));
    }

    /// <summary>struct packet_diag_info (PACKET_DIAG_INFO).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PacketDiagInfo : IKernelStruct<PacketDiagInfo>
    {
        public uint pdi_index;
        public uint pdi_version;
        public uint pdi_reserve;
        public uint pdi_copy_thresh;
        public uint pdi_tstamp;
        public uint pdi_flags;

        public static string TypeName => "packet_diag_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pdi_index", pdi_index), new("pdi_version", pdi_version), new("pdi_reserve", pdi_reserve),
             new("pdi_copy_thresh", pdi_copy_thresh), new("pdi_tstamp", pdi_tstamp), new("pdi_flags", pdi_flags)];
    }

    /// <summary>struct packet_diag_mclist (PACKET_DIAG_MCLIST's items).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PacketDiagMclist : IKernelStruct<PacketDiagMclist>
    {
        internal const int AddressSize = 32;         // MAX_ADDR_LEN

        public uint pdmc_index;
        public uint pdmc_count;
        public ushort pdmc_type;
        public ushort pdmc_alen;
        public HardwareAddressBytes pdmc_addr;

        public static string TypeName => "packet_diag_mclist";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pdmc_index", pdmc_index), new("pdmc_count", pdmc_count), new("pdmc_type", pdmc_type), new("pdmc_alen", pdmc_alen),
             new("pdmc_addr", ((ReadOnlySpan<byte>)pdmc_addr)[..Math.Min((int)pdmc_alen, AddressSize)].ToArray())];
    }

    /// <summary>MAX_ADDR_LEN bytes of a hardware address.</summary>
    [InlineArray(PacketDiagMclist.AddressSize)]
    internal struct HardwareAddressBytes
    {
        private byte _byte;
    }

    /// <summary>struct packet_diag_ring (PACKET_DIAG_RX_RING, PACKET_DIAG_TX_RING).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PacketDiagRing : IKernelStruct<PacketDiagRing>
    {
        public uint pdr_block_size;
        public uint pdr_block_nr;
        public uint pdr_frame_size;
        public uint pdr_frame_nr;
        public uint pdr_retire_tmo;
        public uint pdr_sizeof_priv;
        public uint pdr_features;

        public static string TypeName => "packet_diag_ring";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pdr_block_size", pdr_block_size), new("pdr_block_nr", pdr_block_nr), new("pdr_frame_size", pdr_frame_size),
             new("pdr_frame_nr", pdr_frame_nr), new("pdr_retire_tmo", pdr_retire_tmo), new("pdr_sizeof_priv", pdr_sizeof_priv),
             new("pdr_features", pdr_features)];
    }

    /// <summary>struct smc_diag_cursor.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SmcDiagCursor : IKernelStruct<SmcDiagCursor>
    {
        public ushort reserved;
        public ushort wrap;
        public uint count;

        public static string TypeName => "smc_diag_cursor";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("reserved", reserved), new("wrap", wrap), new("count", count)];
    }

    /// <summary>struct smc_diag_conninfo (SMC_DIAG_CONNINFO).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SmcDiagConninfo : IKernelStruct<SmcDiagConninfo>
    {
        public uint token;
        public uint sndbuf_size;
        public uint rmbe_size;
        public uint peer_rmbe_size;
        public SmcDiagCursor rx_prod;
        public SmcDiagCursor rx_cons;
        public SmcDiagCursor tx_prod;
        public SmcDiagCursor tx_cons;
        public byte rx_prod_flags;
        public byte rx_conn_state_flags;
        public byte tx_prod_flags;
        public byte tx_conn_state_flags;
        public SmcDiagCursor tx_prep;
        public SmcDiagCursor tx_sent;
        public SmcDiagCursor tx_fin;

        public static string TypeName => "smc_diag_conninfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("token", token), new("sndbuf_size", sndbuf_size), new("rmbe_size", rmbe_size), new("peer_rmbe_size", peer_rmbe_size),
             new("rx_prod", StructValue.Of(rx_prod)), new("rx_cons", StructValue.Of(rx_cons)), new("tx_prod", StructValue.Of(tx_prod)),
             new("tx_cons", StructValue.Of(tx_cons)), new("rx_prod_flags", rx_prod_flags), new("rx_conn_state_flags", rx_conn_state_flags),
             new("tx_prod_flags", tx_prod_flags), new("tx_conn_state_flags", tx_conn_state_flags), new("tx_prep", StructValue.Of(tx_prep)),
             new("tx_sent", StructValue.Of(tx_sent)), new("tx_fin", StructValue.Of(tx_fin))];
    }

    /// <summary>struct smcd_diag_dmbinfo (SMC_DIAG_DMBINFO): 64-bit fields at their natural alignment.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SmcdDiagDmbinfo : IKernelStruct<SmcdDiagDmbinfo>
    {
        public uint linkid;
        public ulong peer_gid;
        public ulong my_gid;
        public ulong token;
        public ulong peer_token;

        public static string TypeName => "smcd_diag_dmbinfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("linkid", linkid), new("peer_gid", peer_gid), new("my_gid", my_gid), new("token", token), new("peer_token", peer_token)];
    }
}
