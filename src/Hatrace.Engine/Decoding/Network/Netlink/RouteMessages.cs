using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_ROUTE's messages (include/uapi/linux/rtnetlink.h): links (struct ifinfomsg, IFLA_* attributes of
/// linux/if_link.h), addresses (struct ifaddrmsg, IFA_* of linux/if_addr.h) and routes (struct rtmsg, RTA_*), each
/// structure followed by its attributes; the other objects strace decodes are in RouteMessages.Objects.cs. Other types
/// print their family and their bytes, as strace prints those it does not decode.</summary>
internal static partial class RouteMessages
{
    private const int Base = 16;                                   // RTM_BASE: four types per kind of object
    private const int New = 0, Delete = 1, Get = 2;                // (type - RTM_BASE) % 4
    private const int AfBridge = 7;                                // AF_BRIDGE

    private static readonly NamedValues s_types = new("rtnetlink_types", "RTM_???");

    internal static MessageTypes Types { get; } = MessageTypes.Of(s_types);

    private static readonly FlagSet s_interfaceFlags = new("interface_flags");
    private static readonly FlagSet s_addressFlags = new("ifa_flags");
    private static readonly NamedValues s_scopes = new("rt_scopes", "RT_SCOPE_???");
    private static readonly NamedValues s_tables = new("rt_tables", "RT_TABLE_???");
    private static readonly NamedValues s_protocols = new("rt_protocols", "RTPROT_???");
    private static readonly NamedValues s_routeTypes = new("rtn_types", "RTN_???");
    private static readonly FlagSet s_routeFlags = new("rtm_flags");

    private static readonly AttributeSet s_linkInfo = new(new("ifla_info_attributes", "IFLA_INFO_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = CStringToNul, // IFLA_INFO_KIND
        [4] = CStringToNul, // IFLA_INFO_SLAVE_KIND
    });

    private static readonly AttributeSet s_linkXdp = new(new("ifla_xdp_attributes", "IFLA_XDP_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = S32,                                    // IFLA_XDP_FD
        [2] = Named(new("xdp_attached", "XDP_ATTACHED_???"), size: 1), // IFLA_XDP_ATTACHED
        [3] = Flags(new FlagSet("xdp_flags")),        // IFLA_XDP_FLAGS
        [4] = U32,                                    // IFLA_XDP_PROG_ID
        [5] = U32,                                    // IFLA_XDP_DRV_PROG_ID
        [6] = U32,                                    // IFLA_XDP_SKB_PROG_ID
        [7] = U32,                                    // IFLA_XDP_HW_PROG_ID
        [8] = S32,                                    // IFLA_XDP_EXPECTED_FD
    });

    // IFLA_AF_SPEC: each address family's part of a link, nested under its AF_* number.
    private static readonly AttributeSet s_linkInet = new(new("ifla_inet_attributes", "IFLA_INET_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = IndexedNumbers(new("ipv4_devconf", "IPV4_DEVCONF_???"), signed: true), // IFLA_INET_CONF
    });

    private static readonly AttributeSet s_linkInet6 = new(new("ifla_inet6_attributes", "IFLA_INET6_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Flags(new FlagSet("inet6_if_flags")),                                   // IFLA_INET6_FLAGS
        [2] = IndexedNumbers(new("ipv6_devconf", "DEVCONF_???"), signed: true),       // IFLA_INET6_CONF
        [3] = IndexedNumbers(new("ipstats_mib", "IPSTATS_MIB_???"), size: 8),         // IFLA_INET6_STATS
        [5] = Numbers("ifla_cacheinfo", 4, "max_reasm_len", "tstamp", "reachable_time", "retrans_time"), // IFLA_INET6_CACHEINFO
        [6] = IndexedNumbers(new("icmp6_mib", "ICMP6_MIB_???"), size: 8),             // IFLA_INET6_ICMP6STATS
        [7] = InetAddress,                                                           // IFLA_INET6_TOKEN
        [8] = Named(new("in6_addr_gen_modes", "IN6_ADDR_GEN_MODE_???"), size: 1),     // IFLA_INET6_ADDR_GEN_MODE
        [9] = U32,                                                                   // IFLA_INET6_RA_MTU
    });

    private static readonly AttributeSet s_linkFamilies = new(new("address_families", "AF_???"), new Dictionary<int, AttributeDecoder>
    {
        [SocketNames.AfInet] = Nested(() => s_linkInet, SocketNames.AfInet),
        [SocketNames.AfInet6] = Nested(() => s_linkInet6, SocketNames.AfInet6),
    });

    // IFLA_PORT_SELF and each of IFLA_VF_PORTS' ports: a port profile's attributes (the UUIDs in hex). strace 6.1 hints
    // an unknown one as IFLA_VF_PORT_???.
    private static readonly AttributeSet s_linkPort = new(new("ifla_port_attributes", "IFLA_VF_PORT_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = U32,                                    // IFLA_PORT_VF
        [2] = CString,                                // IFLA_PORT_PROFILE
        [3] = Of(PortVsi),                            // IFLA_PORT_VSI_TYPE
        [6] = U8,                                     // IFLA_PORT_REQUEST
        [7] = U16,                                    // IFLA_PORT_RESPONSE
    });

    private static readonly AttributeSet s_linkVfPorts = new(new("ifla_vf_port_attributes", "IFLA_VF_PORT_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_linkPort),               // IFLA_VF_PORT
    });

    // IFLA_PROTINFO of an AF_BRIDGE link: a bridge port's settings and spanning-tree state, its timers in ticks.
    private static readonly AttributeSet s_bridgePort = new(new("ifla_brport_attributes", "IFLA_BRPORT_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = U8,                                     // IFLA_BRPORT_STATE
        [2] = U16,                                    // IFLA_BRPORT_PRIORITY
        [3] = U32,                                    // IFLA_BRPORT_COST
        [4] = U8,                                     // IFLA_BRPORT_MODE
        [5] = U8,                                     // IFLA_BRPORT_GUARD
        [6] = U8,                                     // IFLA_BRPORT_PROTECT
        [7] = U8,                                     // IFLA_BRPORT_FAST_LEAVE
        [8] = U8,                                     // IFLA_BRPORT_LEARNING
        [9] = U8,                                     // IFLA_BRPORT_UNICAST_FLOOD
        [10] = U8,                                    // IFLA_BRPORT_PROXYARP
        [11] = U8,                                    // IFLA_BRPORT_LEARNING_SYNC
        [12] = U8,                                    // IFLA_BRPORT_PROXYARP_WIFI
        [13] = Of(BridgeId),                          // IFLA_BRPORT_ROOT_ID
        [14] = Of(BridgeId),                          // IFLA_BRPORT_BRIDGE_ID
        [15] = U16,                                   // IFLA_BRPORT_DESIGNATED_PORT
        [16] = U16,                                   // IFLA_BRPORT_DESIGNATED_COST
        [17] = U16,                                   // IFLA_BRPORT_ID
        [18] = U16,                                   // IFLA_BRPORT_NO
        [19] = U8,                                    // IFLA_BRPORT_TOPOLOGY_CHANGE_ACK
        [20] = U8,                                    // IFLA_BRPORT_CONFIG_PENDING
        [21] = ClockTicks(8),                         // IFLA_BRPORT_MESSAGE_AGE_TIMER
        [22] = ClockTicks(8),                         // IFLA_BRPORT_FORWARD_DELAY_TIMER
        [23] = ClockTicks(8),                         // IFLA_BRPORT_HOLD_TIMER
        [25] = U8,                                    // IFLA_BRPORT_MULTICAST_ROUTER
        [27] = U8,                                    // IFLA_BRPORT_MCAST_FLOOD
        [28] = U8,                                    // IFLA_BRPORT_MCAST_TO_UCAST
        [29] = U8,                                    // IFLA_BRPORT_VLAN_TUNNEL
        [30] = U8,                                    // IFLA_BRPORT_BCAST_FLOOD
        [31] = Hex(2),                                // IFLA_BRPORT_GROUP_FWD_MASK
        [32] = U8,                                    // IFLA_BRPORT_NEIGH_SUPPRESS
        [33] = U8,                                    // IFLA_BRPORT_ISOLATED
        [34] = U32,                                   // IFLA_BRPORT_BACKUP_PORT
        [35] = U8,                                    // IFLA_BRPORT_MRP_RING_OPEN
        [36] = U8,                                    // IFLA_BRPORT_MRP_IN_OPEN
        [37] = U32,                                   // IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT
        [38] = U32,                                   // IFLA_BRPORT_MCAST_EHT_HOSTS_CNT
        [39] = U8,                                    // IFLA_BRPORT_LOCKED
    });

    // IFLA_PROP_LIST: a link's properties, its alternative names.
    private static readonly AttributeSet s_linkProperties = new(new("ifla_attributes", "IFLA_???"), new Dictionary<int, AttributeDecoder>
    {
        [53] = CString,                               // IFLA_ALT_IFNAME
    });

    private static readonly AttributeSet s_linkDownReasons = new(new("ifla_proto_down_reason_attributes", "IFLA_PROTO_DOWN_REASON_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Hex(4),                                 // IFLA_PROTO_DOWN_REASON_MASK
        [2] = Hex(4),                                 // IFLA_PROTO_DOWN_REASON_VALUE
    });

    private static readonly AttributeSet s_linkAttributes = new(new("ifla_attributes", "IFLA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = HardwareAddress,                        // IFLA_ADDRESS
        [2] = HardwareAddress,                        // IFLA_BROADCAST
        [3] = CString,                                // IFLA_IFNAME
        [4] = U32,                                    // IFLA_MTU
        [5] = U32,                                    // IFLA_LINK
        [6] = CString,                                // IFLA_QDISC
        [7] = Numbers("rtnl_link_stats", 4, StatsFields[..^1]),    // IFLA_STATS
        [10] = U32,                                   // IFLA_MASTER
        [12] = LinkProtocolInfo,                      // IFLA_PROTINFO
        [13] = U32,                                   // IFLA_TXQLEN
        [14] = Of(InterfaceMap),                      // IFLA_MAP
        [15] = U32,                                   // IFLA_WEIGHT
        [16] = U8,                                    // IFLA_OPERSTATE
        [17] = U8,                                    // IFLA_LINKMODE
        [18] = Nested(() => s_linkInfo),              // IFLA_LINKINFO
        [19] = U32,                                   // IFLA_NET_NS_PID
        [20] = CString,                               // IFLA_IFALIAS
        [21] = U32,                                   // IFLA_NUM_VF
        [22] = Nested(() => VfInfoList),              // IFLA_VFINFO_LIST
        [23] = Numbers("rtnl_link_stats64", 8, StatsFields),       // IFLA_STATS64
        [24] = Nested(() => s_linkVfPorts),           // IFLA_VF_PORTS
        [25] = Nested(() => s_linkPort),              // IFLA_PORT_SELF
        [26] = Nested(() => s_linkFamilies),          // IFLA_AF_SPEC
        [27] = U32,                                   // IFLA_GROUP
        [28] = S32,                                   // IFLA_NET_NS_FD
        [29] = Flags(new FlagSet("rtext_filters")),   // IFLA_EXT_MASK
        [30] = U32,                                   // IFLA_PROMISCUITY
        [31] = U32,                                   // IFLA_NUM_TX_QUEUES
        [32] = U32,                                   // IFLA_NUM_RX_QUEUES
        [33] = U8,                                    // IFLA_CARRIER
        [35] = U32,                                   // IFLA_CARRIER_CHANGES
        [37] = S32,                                   // IFLA_LINK_NETNSID
        [38] = CString,                               // IFLA_PHYS_PORT_NAME
        [39] = U8,                                    // IFLA_PROTO_DOWN
        [40] = U32,                                   // IFLA_GSO_MAX_SEGS
        [41] = U32,                                   // IFLA_GSO_MAX_SIZE
        [43] = Nested(() => s_linkXdp),               // IFLA_XDP
        [44] = Named(new("ifla_events", "IFLA_EVENT_???")), // IFLA_EVENT
        [45] = S32,                                   // IFLA_NEW_NETNSID
        [46] = S32,                                   // IFLA_IF_NETNSID
        [47] = U32,                                   // IFLA_CARRIER_UP_COUNT
        [48] = U32,                                   // IFLA_CARRIER_DOWN_COUNT
        [49] = S32,                                   // IFLA_NEW_IFINDEX
        [50] = U32,                                   // IFLA_MIN_MTU
        [51] = U32,                                   // IFLA_MAX_MTU
        [52] = Nested(() => s_linkProperties),        // IFLA_PROP_LIST
        [53] = CString,                               // IFLA_ALT_IFNAME
        [54] = HardwareAddress,                       // IFLA_PERM_ADDRESS
        [55] = Nested(() => s_linkDownReasons),       // IFLA_PROTO_DOWN_REASON
        [56] = CString,                               // IFLA_PARENT_DEV_NAME
        [57] = CString,                               // IFLA_PARENT_DEV_BUS_NAME
        [58] = U32,                                   // IFLA_GRO_MAX_SIZE
        [59] = U32,                                   // IFLA_TSO_MAX_SIZE
        [60] = U32,                                   // IFLA_TSO_MAX_SEGS
        [61] = U32,                                   // IFLA_ALLMULTI
    });

    private static readonly AttributeSet s_addressAttributes = new(new("ifa_attributes", "IFA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InetAddress,                            // IFA_ADDRESS
        [2] = InetAddress,                            // IFA_LOCAL
        [3] = CString,                                // IFA_LABEL
        [4] = InetAddress,                            // IFA_BROADCAST
        [5] = InetAddress,                            // IFA_ANYCAST
        [6] = Numbers("ifa_cacheinfo", 4, "ifa_prefered", "ifa_valid", "cstamp", "tstamp"), // IFA_CACHEINFO
        [7] = InetAddress,                            // IFA_MULTICAST
        [8] = Flags(s_addressFlags),                  // IFA_FLAGS
        [9] = U32,                                    // IFA_RT_PRIORITY
        [10] = S32,                                   // IFA_TARGET_NETNSID
    });

    private static readonly AttributeSet s_routeAttributes = new(new("rta_attributes", "RTA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InetAddress,                            // RTA_DST
        [2] = InetAddress,                            // RTA_SRC
        [3] = InterfaceIndex,                         // RTA_IIF
        [4] = InterfaceIndex,                         // RTA_OIF
        [5] = InetAddress,                            // RTA_GATEWAY
        [6] = U32,                                    // RTA_PRIORITY
        [7] = InetAddress,                            // RTA_PREFSRC
        [11] = U32,                                   // RTA_FLOW
        [12] = Numbers("rta_cacheinfo", 4, "rta_clntref", "rta_lastuse", "rta_expires", "rta_error", "rta_used", "rta_id", "rta_ts", "rta_tsage"), // RTA_CACHEINFO
        [15] = Named(s_tables),                       // RTA_TABLE
        [16] = U32,                                   // RTA_MARK
        [20] = U8,                                    // RTA_PREF
        [21] = U16,                                   // RTA_ENCAP_TYPE
        [23] = U64,                                   // RTA_EXPIRES
        [25] = U32,                                   // RTA_UID
        [26] = U8,                                    // RTA_TTL_PROPAGATE
        [27] = U8,                                    // RTA_IP_PROTO
        [30] = U32,                                   // RTA_NH_ID
    });

    // struct rtnl_link_stats64's fields; struct rtnl_link_stats has all but the last, 32 bits each.
    private static string[] StatsFields =>
    [
        "rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
        "multicast", "collisions", "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
        "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
        "tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler", "rx_otherhost_dropped",
    ];

    /// <summary>The flags of a type's messages by what it asks (NEW, DELETE, GET); null for other types.</summary>
    internal static FlagSet? FlagsOf(ushort type) => s_types.NameOf(type) is null ? null : ((type - Base) % 4) switch
    {
        New => NetlinkMessages.NewFlags,
        Delete => NetlinkMessages.DeleteFlags,
        Get => NetlinkMessages.GetFlags,
        _ => null,
    };

    /// <summary>The payload of a message of <paramref name="type"/>: its structure, then its attributes.</summary>
    internal static IEnumerable<NetlinkPart> Payload(NetlinkScope scope, ushort type, int start, int end)
    {
        ReadOnlySpan<byte> payload = scope.Slice(start, end);
        int kind = (type - Base) / 4;
        if (type >= 0x100 || kind >= Kinds.Length || Kinds[kind] is not ObjectKind of)
            return [Unknown(scope, payload)];
        int family = payload[0];
        if (payload.Length < of.Size)
        {
            // Too short for its structure: its family, as strace prints it, and nothing more.
            var writer = new StructWriter(of.TypeName)
                .Field(of.FamilyField, SocketNames.FamilyValue(family), SocketNames.Family(family, scope.Context.Render)).More();
            return [new(writer.ToString(), writer.Value)];
        }
        NetlinkPart structure = of.Decode(scope, payload);
        int attributes = start + ((of.Size + 3) & ~3);
        if (attributes >= end)
            return [structure];
        return [structure, of.Attributes is null
            ? NetlinkMessages.Hex(scope.Context, scope.Slice(attributes, end))
            : NetlinkAttributes.Read(scope, attributes, end, of.Attributes, family)];
    }

    /// <summary>What a kind of object's messages hold: a structure, then attributes of a set (bytes in hex with none).</summary>
    private sealed record ObjectKind(string TypeName, string FamilyField, int Size, AttributeSet? Attributes,
        Func<NetlinkScope, ReadOnlySpan<byte>, NetlinkPart> Decode);

    // By (type - RTM_BASE) / 4; null for the kinds strace does not decode (prefixes, ND options).
    // Made on first use: the attribute sets it refers to are in both files, whose static fields start in no set order.
    private static ObjectKind?[] Kinds => field ??=
    [
        new("ifinfomsg", "ifi_family", 16, s_linkAttributes, Link),
        new("ifaddrmsg", "ifa_family", 8, s_addressAttributes, Address),
        new("rtmsg", "rtm_family", 12, s_routeAttributes, Route),
        new(Ndmsg.TypeName, "ndm_family", Unsafe.SizeOf<Ndmsg>(), s_neighbourAttributes, Neighbour),
        new(FibRuleHdr.TypeName, "family", Unsafe.SizeOf<FibRuleHdr>(), s_ruleAttributes, Rule),
        s_trafficControl,                             // qdiscs
        s_trafficControl,                             // classes
        s_trafficControl,                             // filters
        new(Tcamsg.TypeName, "tca_family", Unsafe.SizeOf<Tcamsg>(), s_actionAttributes, FamilyOnly(Tcamsg.TypeName, "tca_family")),
        null,                                         // prefixes
        new("ifaddrmsg", "ifa_family", 8, s_addressAttributes, Address), // multicast addresses
        new("ifaddrmsg", "ifa_family", 8, s_addressAttributes, Address), // anycast addresses
        new(Ndtmsg.TypeName, "ndtm_family", Unsafe.SizeOf<Ndtmsg>(), s_neighbourTableAttributes, FamilyOnly(Ndtmsg.TypeName, "ndtm_family")),
        null,                                         // ND options
        new(Ifaddrlblmsg.TypeName, "ifal_family", Unsafe.SizeOf<Ifaddrlblmsg>(), s_labelAttributes, AddressLabel),
        new(Dcbmsg.TypeName, "dcb_family", Unsafe.SizeOf<Dcbmsg>(), s_dcbAttributes, DataCenterBridging),
        new("netconfmsg", "ncm_family", 1, s_netconfAttributes, FamilyOnly("netconfmsg", "ncm_family")),
        new(BrPortMsg.TypeName, "family", Unsafe.SizeOf<BrPortMsg>(), s_mdbAttributes, BridgePort),
        new("rtgenmsg", "rtgen_family", 1, s_nsidAttributes, FamilyOnly("rtgenmsg", "rtgen_family")),
        new(IfStatsMsg.TypeName, "family", Unsafe.SizeOf<IfStatsMsg>(), s_statsAttributes, InterfaceStats),
        new("rtgenmsg", "rtgen_family", 1, null, FamilyOnly("rtgenmsg", "rtgen_family")), // cache reports: bytes after
        s_trafficControl,                             // chains
        new(Nhmsg.TypeName, "nh_family", Unsafe.SizeOf<Nhmsg>(), s_nexthopAttributes, Nexthop),
    ];

    // struct ifinfomsg
    private static NetlinkPart Link(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        ushort hardware = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        uint change = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]);
        var writer = new StructWriter("ifinfomsg")
            .Field("ifi_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("ifi_type", new ConstantValue(hardware, SocketNames.HardwareTypes), SocketNames.HardwareTypes.Format(hardware, render));
        SignedInterfaceIndex(writer, scope, "ifi_index", payload[4..])
            .Field("ifi_flags", new FlagsValue(flags, s_interfaceFlags), s_interfaceFlags.Format(flags, render))
            .Field("ifi_change", change, DecodeContext.HexOrZero(change));
        return new(writer.ToString(), writer.Value);
    }

    // struct ifaddrmsg
    private static NetlinkPart Address(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        uint index = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        var writer = new StructWriter("ifaddrmsg")
            .Field("ifa_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("ifa_prefixlen", payload[1])
            .Field("ifa_flags", new FlagsValue(payload[2], s_addressFlags), s_addressFlags.Format(payload[2], render))
            .Field("ifa_scope", new ConstantValue(payload[3], s_scopes), s_scopes.Format(payload[3], render))
            .Field("ifa_index", index, FormatInterfaceIndex(scope.Context, index).Text);
        return new(writer.ToString(), writer.Value);
    }

    // struct rtmsg
    private static NetlinkPart Route(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        var writer = new StructWriter("rtmsg")
            .Field("rtm_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("rtm_dst_len", payload[1])
            .Field("rtm_src_len", payload[2])
            .Field("rtm_tos", payload[3])
            .Field("rtm_table", new ConstantValue(payload[4], s_tables), s_tables.Format(payload[4], render))
            .Field("rtm_protocol", new ConstantValue(payload[5], s_protocols), s_protocols.Format(payload[5], render))
            .Field("rtm_scope", new ConstantValue(payload[6], s_scopes), s_scopes.Format(payload[6], render))
            .Field("rtm_type", new ConstantValue(payload[7], s_routeTypes), s_routeTypes.Format(payload[7], render))
            .Field("rtm_flags", new FlagsValue(flags, s_routeFlags), s_routeFlags.Format(flags, render));
        return new(writer.ToString(), writer.Value);
    }

    // struct rtnl_link_ifmap (IFLA_MAP).
    private static NetlinkPart? InterfaceMap(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 32)
            return null;
        var writer = new StructWriter("rtnl_link_ifmap");
        string[] addresses = ["mem_start", "mem_end", "base_addr"];
        for (int i = 0; i < addresses.Length; i++)
        {
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(payload[(i * 8)..]);
            writer.Field(addresses[i], address, DecodeContext.HexOrZero(address));
        }
        writer.Field("irq", BinaryPrimitives.ReadUInt16LittleEndian(payload[24..])).Field("dma", payload[26]).Field("port", payload[27]);
        return new(writer.ToString(), writer.Value);
    }

    // struct ifla_port_vsi (IFLA_PORT_VSI_TYPE): the type's id in hex, as strace prints it.
    private static NetlinkPart? PortVsi(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 8)
            return null;
        var writer = new StructWriter("ifla_port_vsi")
            .Field("vsi_mgr_id", payload[0])
            .Field("vsi_type_id", payload.Slice(1, 3).ToArray(), StraceQuoting.QuoteHex(payload.Slice(1, 3), truncated: false))
            .Field("vsi_type_version", payload[4]);
        return new(writer.ToString(), writer.Value);
    }

    // IFLA_PROTINFO: a bridge port's attributes in an AF_BRIDGE link, IPv6's in an AF_INET6 one, bytes in others.
    private static NetlinkPart? LinkProtocolInfo(NetlinkScope scope, int start, int end, int family) => family switch
    {
        AfBridge => Read(scope, start, end, s_bridgePort, family),
        SocketNames.AfInet6 => Read(scope, start, end, s_linkInet6, family),
        _ => null,
    };

    // struct ifla_bridge_id: the priority's two bytes, then the bridge's address.
    private static NetlinkPart? BridgeId(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 8)
            return null;
        byte[] priority = payload[..2].ToArray();
        ReadOnlySpan<byte> address = payload.Slice(2, 6);
        var writer = new StructWriter("ifla_bridge_id")
            .Field("prio", priority, StructWriter.Array(priority.Select(b => b.ToString(CultureInfo.InvariantCulture))))
            .Field("addr", address.ToArray(), Bytes(scope.Context.Render, address, string.Join(':', address.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))));
        return new(writer.ToString(), writer.Value);
    }

    // A type not decoded here: the family its payload starts with, then the rest in hex.
    private static NetlinkPart Unknown(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        var writer = new StructWriter("rtgenmsg").Field("family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], scope.Context.Render));
        if (payload.Length > 1)
        {
            NetlinkPart data = NetlinkMessages.Hex(scope.Context, payload[1..]);
            writer.Field("data", data.Value, data.Text);
        }
        return new(writer.ToString(), writer.Value);
    }
}
