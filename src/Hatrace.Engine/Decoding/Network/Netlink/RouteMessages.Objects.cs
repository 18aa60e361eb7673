using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_ROUTE's other objects strace decodes: neighbours (struct ndmsg, NDA_* of linux/neighbour.h), routing
/// rules (struct fib_rule_hdr, FRA_* of linux/fib_rules.h), traffic control's qdiscs, classes and filters (struct
/// tcmsg, TCA_*), address labels (struct ifaddrlblmsg, IFAL_*), data center bridging (struct dcbmsg), per-interface
/// configuration (struct netconfmsg, NETCONFA_*), the bridge multicast database (struct br_port_msg) and network
/// namespace ids (struct rtgenmsg, NETNSA_*).</summary>
internal static partial class RouteMessages
{
    private static readonly FlagSet s_neighbourStates = new("nud_states");
    private static readonly FlagSet s_neighbourFlags = new("ntf_flags");
    private static readonly FlagSet s_ruleFlags = new("fib_rule_flags");
    private static readonly NamedValues s_ruleActions = new("fr_actions", "FR_ACT_???");
    private static readonly NamedValues s_dcbCommands = new("dcb_commands", "DCB_CMD_???");

    // FRA_IP_PROTO's names; strace 6.1 names NDA_PROTOCOL's byte from them too (RTPROT_STATIC prints as IPPROTO_IPIP).
    private static readonly NamedValues s_ipProtocols = new("ip_protocols", "IPPROTO_???");

    // NDA_FDB_EXT_ATTRS: a bridge FDB entry's NFEA_*.
    private static readonly AttributeSet s_fdbAttributes = new(new("nfea_attributes", "NFEA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Flags(new FlagSet("fdb_notify_flags"), size: 1), // NFEA_ACTIVITY_NOTIFY
    });

    private static readonly AttributeSet s_neighbourAttributes = new(new("nda_attributes", "NDA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InetAddress,                            // NDA_DST
        [2] = HardwareAddress,                        // NDA_LLADDR
        [3] = Numbers("nda_cacheinfo", 4, "ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"), // NDA_CACHEINFO
        [4] = U32,                                    // NDA_PROBES
        [5] = U16,                                    // NDA_VLAN
        [6] = BigEndian(2),                           // NDA_PORT
        [7] = U32,                                    // NDA_VNI
        [8] = InterfaceIndex,                         // NDA_IFINDEX
        [9] = InterfaceIndex,                         // NDA_MASTER
        [10] = U32,                                   // NDA_LINK_NETNSID: unsigned, as strace prints it
        [11] = U32,                                   // NDA_SRC_VNI
        [12] = Named(s_ipProtocols, size: 1),         // NDA_PROTOCOL
        [13] = U32,                                   // NDA_NH_ID
        [14] = Nested(() => s_fdbAttributes),         // NDA_FDB_EXT_ATTRS
        [17] = Flags(s_neighbourFlags, size: 1),      // NDA_NDM_FLAGS_MASK
    });

    private static readonly AttributeSet s_ruleAttributes = new(new("fra_attributes", "FRA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InetAddress,                            // FRA_DST
        [2] = InetAddress,                            // FRA_SRC
        [3] = CString,                                // FRA_IIFNAME
        [4] = U32,                                    // FRA_GOTO
        [6] = U32,                                    // FRA_PRIORITY
        [10] = U32,                                   // FRA_FWMARK
        [11] = U32,                                   // FRA_FLOW
        [12] = BigEndian(8),                          // FRA_TUN_ID
        [13] = U32,                                   // FRA_SUPPRESS_IFGROUP
        [14] = U32,                                   // FRA_SUPPRESS_PREFIXLEN
        [15] = Of(RuleTable),                         // FRA_TABLE
        [16] = U32,                                   // FRA_FWMASK
        [17] = CString,                               // FRA_OIFNAME
        [19] = U8,                                    // FRA_L3MDEV
        [20] = Numbers("fib_rule_uid_range", 4, "start", "end"), // FRA_UID_RANGE
        [21] = Named(s_protocols, size: 1),           // FRA_PROTOCOL
        [22] = Named(s_ipProtocols, size: 1),         // FRA_IP_PROTO
        [23] = Numbers("fib_rule_port_range", 2, "start", "end"), // FRA_SPORT_RANGE
        [24] = Numbers("fib_rule_port_range", 2, "start", "end"), // FRA_DPORT_RANGE
    });

    // TCA_STATS2: the generic statistics of linux/gen_stats.h.
    private static readonly AttributeSet s_trafficStats = new(new("tca_stats_attributes", "TCA_STATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Numbers("gnet_stats_basic", ("bytes", 8), ("packets", 4)),                      // TCA_STATS_BASIC
        [2] = Numbers("gnet_stats_rate_est", 4, "bps", "pps"),                                // TCA_STATS_RATE_EST
        [3] = Numbers("gnet_stats_queue", 4, "qlen", "backlog", "drops", "requeues", "overlimits"), // TCA_STATS_QUEUE
        [5] = Numbers("gnet_stats_rate_est64", 8, "bps", "pps"),                              // TCA_STATS_RATE_EST64
        [7] = Numbers("gnet_stats_basic", ("bytes", 8), ("packets", 4)),                      // TCA_STATS_BASIC_HW
        [8] = U64,                                                                           // TCA_STATS_PKT64
    });

    // TCA_STAB: a size table's struct tc_sizespec and its cells.
    private static readonly AttributeSet s_sizeTable = new(new("tca_stab_attributes", "TCA_STAB_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Numbers<TcSizespec>(),                  // TCA_STAB_BASE
        [2] = NumberArray(2),                         // TCA_STAB_DATA
    });

    private static readonly AttributeSet s_trafficAttributes = new(new("tca_attributes", "TCA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = CString,                                // TCA_KIND
        [3] = Numbers("tc_stats", ("bytes", 8), ("packets", 4), ("drops", 4), ("overlimits", 4), ("bps", 4), ("pps", 4),
            ("qlen", 4), ("backlog", 4)),             // TCA_STATS
        [5] = Numbers("tc_estimator", 1, "interval", "ewma_log"), // TCA_RATE
        [6] = U32,                                    // TCA_FCNT
        [7] = Nested(() => s_trafficStats),           // TCA_STATS2
        [11] = U32,                                   // TCA_CHAIN
        [12] = U8,                                    // TCA_HW_OFFLOAD
        [13] = U32,                                   // TCA_INGRESS_BLOCK
        [8] = Nested(() => s_sizeTable),              // TCA_STAB
        [14] = U32,                                   // TCA_EGRESS_BLOCK
    });

    private static readonly ObjectKind s_trafficControl = new(Tcmsg.TypeName, "tcm_family", Unsafe.SizeOf<Tcmsg>(), s_trafficAttributes, TrafficControl);

    private static readonly AttributeSet s_labelAttributes = new(new("ifal_attributes", "IFAL_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InetAddress,                            // IFAL_ADDRESS
        [2] = U32,                                    // IFAL_LABEL
    });

    // DCB_ATTR_* are named; their payloads, which differ by command, print in hex.
    private static readonly AttributeSet s_dcbAttributes = new(new("dcb_attributes", "DCB_ATTR_???"), new Dictionary<int, AttributeDecoder>());

    private static readonly AttributeSet s_netconfAttributes = new(new("netconfa_attributes", "NETCONFA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InterfaceIndex,                         // NETCONFA_IFINDEX
        [2] = S32,                                    // NETCONFA_FORWARDING
        [3] = S32,                                    // NETCONFA_RP_FILTER
        [4] = S32,                                    // NETCONFA_MC_FORWARDING
        [5] = S32,                                    // NETCONFA_PROXY_NEIGH
        [6] = S32,                                    // NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN
        [7] = S32,                                    // NETCONFA_INPUT
        [8] = S32,                                    // NETCONFA_BC_FORWARDING
    });

    private static readonly NamedValues s_mdbStates = new("mdb_states", "MDB_???");
    private static readonly FlagSet s_mdbFlags = new("mdb_flags", "MDB_FLAGS_???");
    private static readonly NamedValues s_addressFamilies = new("address_families", "AF_???");

    // MDBA_* and the attributes nested in them are named; an entry's struct br_mdb_entry decoded, a router's port an
    // interface.
    private static readonly AttributeSet s_mdbEntry = new(new("mdba_mdb_entry_attributes", "MDBA_MDB_ENTRY_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of(MdbEntry),                           // MDBA_MDB_ENTRY_INFO
    });

    private static readonly AttributeSet s_mdbEntries = new(new("mdba_mdb_attributes", "MDBA_MDB_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_mdbEntry),               // MDBA_MDB_ENTRY
    });

    private static readonly AttributeSet s_mdbRouters = new(new("mdba_router_attributes", "MDBA_ROUTER_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InterfaceIndex,                         // MDBA_ROUTER_PORT
    });

    private static readonly AttributeSet s_mdbAttributes = new(new("mdba_attributes", "MDBA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_mdbEntries),             // MDBA_MDB
        [2] = Nested(() => s_mdbRouters),             // MDBA_ROUTER
    });

    // RTM_*NEXTHOP: struct nhmsg, then NHA_* (a resilient group's and its buckets' attributes named, their values in
    // hex as strace 6.1 prints them).
    private static readonly FlagSet s_nexthopFlags = new("rtnh_flags");

    private static readonly AttributeSet s_resilientGroup = new(new("nha_res_group_attributes", "NHA_RES_GROUP_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = U16,                                    // NHA_RES_GROUP_BUCKETS
        [2] = ClockTicks(4),                          // NHA_RES_GROUP_IDLE_TIMER
        [3] = ClockTicks(4),                          // NHA_RES_GROUP_UNBALANCED_TIMER
        [4] = ClockTicks(8),                          // NHA_RES_GROUP_UNBALANCED_TIME
    });

    private static readonly AttributeSet s_resilientBucket = new(new("nha_res_bucket_attributes", "NHA_RES_BUCKET_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = U16,                                    // NHA_RES_BUCKET_INDEX
        [2] = ClockTicks(8),                          // NHA_RES_BUCKET_IDLE_TIME
        [3] = U32,                                    // NHA_RES_BUCKET_NH_ID
    });

    private static readonly AttributeSet s_nexthopAttributes = new(new("nha_attributes", "NHA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = U32,                                    // NHA_ID
        [2] = Of(NexthopGroup),                       // NHA_GROUP
        [3] = Named16(new("nexthop_group_types", "NEXTHOP_GRP_TYPE_???")), // NHA_GROUP_TYPE
        [5] = InterfaceIndex,                         // NHA_OIF
        [6] = Of(FamilyAddress),                      // NHA_GATEWAY
        [7] = Named16(new("lwtunnel_encap_types", "LWTUNNEL_ENCAP_???")), // NHA_ENCAP_TYPE
        [10] = InterfaceIndex,                        // NHA_MASTER
        [12] = Nested(() => s_resilientGroup),        // NHA_RES_GROUP
        [13] = Nested(() => s_resilientBucket),       // NHA_RES_BUCKET
    });

    private static readonly AttributeSet s_nsidAttributes = new(new("netnsa_attributes", "NETNSA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = S32,                                    // NETNSA_NSID
        [2] = U32,                                    // NETNSA_PID
        [3] = U32,                                    // NETNSA_FD
        [4] = S32,                                    // NETNSA_TARGET_NSID
        [5] = S32,                                    // NETNSA_CURRENT_NSID
    });

    // The structures as the UAPI headers declare them, checked against them by KernelLayoutTests.
    [StructLayout(LayoutKind.Sequential)]
    internal struct Ndmsg : IKernelStruct<Ndmsg>
    {
        public byte ndm_family;
        public byte ndm_pad1;
        public ushort ndm_pad2;
        public int ndm_ifindex;
        public ushort ndm_state;
        public byte ndm_flags;
        public byte ndm_type;

        public static string TypeName => "ndmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ndm_family", ndm_family), new("ndm_ifindex", ndm_ifindex), new("ndm_state", ndm_state), new("ndm_flags", ndm_flags), new("ndm_type", ndm_type)];
    }

    /// <summary>struct nhmsg (linux/nexthop.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Nhmsg : IKernelStruct<Nhmsg>
    {
        public byte nh_family;
        public byte nh_scope;
        public byte nh_protocol;
        public byte resvd;
        public uint nh_flags;

        public static string TypeName => "nhmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("nh_family", nh_family), new("nh_scope", nh_scope), new("nh_protocol", nh_protocol), new("nh_flags", nh_flags)];
    }

    /// <summary>struct nexthop_grp (NHA_GROUP's items).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NexthopGrp : IKernelStruct<NexthopGrp>
    {
        public uint id;
        public byte weight;
        public byte resvd1;
        public ushort resvd2;

        public static string TypeName => "nexthop_grp";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("id", id), new("weight", weight)];
    }

    /// <summary>struct br_mdb_entry (linux/if_bridge.h) up to its group, whose union and protocol are read as bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BrMdbEntry : IKernelStruct<BrMdbEntry>
    {
        public uint ifindex;
        public byte state;
        public byte flags;
        public ushort vid;
        public MdbGroup addr;

        public static string TypeName => "br_mdb_entry";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ifindex", ifindex), new("state", state), new("flags", flags), new("vid", vid)];
    }

    /// <summary>br_mdb_entry's addr: a 16-byte union of addresses, then the protocol in network order.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 20)]
    internal struct MdbGroup
    {
        private readonly uint _u0, _u1, _u2, _u3;     // 32-bit parts: the union aligns as __be32, not as 64 bits
        private readonly ushort _proto;
    }

    /// <summary>struct tc_sizespec (linux/pkt_sched.h): TCA_STAB_BASE.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TcSizespec : IKernelStruct<TcSizespec>
    {
        public byte cell_log;
        public byte size_log;
        public short cell_align;
        public int overhead;
        public uint linklayer;
        public uint mpu;
        public uint mtu;
        public uint tsize;

        public static string TypeName => "tc_sizespec";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("cell_log", cell_log), new("size_log", size_log), new("cell_align", cell_align), new("overhead", overhead),
             new("linklayer", linklayer), new("mpu", mpu), new("mtu", mtu), new("tsize", tsize)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct FibRuleHdr : IKernelStruct<FibRuleHdr>
    {
        public byte family;
        public byte dst_len;
        public byte src_len;
        public byte tos;
        public byte table;
        public byte res1;
        public byte res2;
        public byte action;
        public uint flags;

        public static string TypeName => "fib_rule_hdr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("family", family), new("dst_len", dst_len), new("src_len", src_len), new("tos", tos), new("table", table), new("action", action), new("flags", flags)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Tcmsg : IKernelStruct<Tcmsg>
    {
        public byte tcm_family;
        public byte tcm__pad1;
        public ushort tcm__pad2;
        public int tcm_ifindex;
        public uint tcm_handle;
        public uint tcm_parent;
        public uint tcm_info;

        public static string TypeName => "tcmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("tcm_family", tcm_family), new("tcm_ifindex", tcm_ifindex), new("tcm_handle", tcm_handle), new("tcm_parent", tcm_parent), new("tcm_info", tcm_info)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Ifaddrlblmsg : IKernelStruct<Ifaddrlblmsg>
    {
        public byte ifal_family;
        public byte __ifal_reserved;
        public byte ifal_prefixlen;
        public byte ifal_flags;
        public uint ifal_index;
        public uint ifal_seq;

        public static string TypeName => "ifaddrlblmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ifal_family", ifal_family), new("ifal_prefixlen", ifal_prefixlen), new("ifal_flags", ifal_flags), new("ifal_index", ifal_index), new("ifal_seq", ifal_seq)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Dcbmsg : IKernelStruct<Dcbmsg>
    {
        public byte dcb_family;
        public byte cmd;
        public ushort dcb_pad;

        public static string TypeName => "dcbmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("dcb_family", dcb_family), new("cmd", cmd)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct BrPortMsg : IKernelStruct<BrPortMsg>
    {
        public byte family;
        public uint ifindex;

        public static string TypeName => "br_port_msg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("family", family), new("ifindex", ifindex)];
    }

    // struct br_mdb_entry: the group's address as its protocol says (an IPv4 or IPv6 one, else its bytes), the
    // protocol as an address family in network order, as strace 6.1 prints it (htons(AF_INET)).
    private static NetlinkPart? MdbEntry(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < Unsafe.SizeOf<BrMdbEntry>())
            return null;
        StraceRenderer render = scope.Context.Render;
        BrMdbEntry entry = MemoryMarshal.Read<BrMdbEntry>(payload);
        ReadOnlySpan<byte> group = payload.Slice(8, 16);
        ushort protocol = BinaryPrimitives.ReadUInt16BigEndian(payload[24..]);
        string bytes = StraceQuoting.QuoteHex(group, truncated: false);
        var address = new StructWriter("br_mdb_entry.addr");
        switch (protocol)
        {
            case SocketNames.AfInet:
                address.Field("u", new IPAddress(group[..4]), Bytes(render, group, $"inet_addr(\"{new IPAddress(group[..4])}\")"));
                break;
            case SocketNames.AfInet6:
                string text = Inet6Text(group);
                address.Item("u", new IPAddress(group), render.Format("u=" + bytes, $"inet_pton(AF_INET6, \"{text}\", &u)", $"inet_pton(AF_INET6, \"{text}\")"));
                break;
            default:
                address.Field("u", group.ToArray(), bytes);
                break;
        }
        address.Field("proto", new ConstantValue(protocol, s_addressFamilies), $"htons({s_addressFamilies.Format(protocol, render)})");
        var writer = new StructWriter(BrMdbEntry.TypeName);
        UnsignedInterfaceIndex(writer, scope, "ifindex", entry.ifindex)
            .Field("state", new ConstantValue(entry.state, s_mdbStates), s_mdbStates.Format(entry.state, render))
            .Field("flags", new FlagsValue(entry.flags, s_mdbFlags), s_mdbFlags.Format(entry.flags, render))
            .Field("vid", entry.vid)
            .Field("addr", address.Value, address.ToString());
        return new(writer.ToString(), writer.Value);
    }

    // struct nhmsg
    private static NetlinkPart Nexthop(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        Nhmsg nexthop = MemoryMarshal.Read<Nhmsg>(payload);
        var writer = new StructWriter(Nhmsg.TypeName)
            .Field("nh_family", SocketNames.FamilyValue(nexthop.nh_family), SocketNames.Family(nexthop.nh_family, render))
            .Field("nh_scope", new ConstantValue(nexthop.nh_scope, s_scopes), s_scopes.Format(nexthop.nh_scope, render))
            .Field("nh_protocol", new ConstantValue(nexthop.nh_protocol, s_protocols), s_protocols.Format(nexthop.nh_protocol, render))
            .Field("nh_flags", new FlagsValue(nexthop.nh_flags, s_nexthopFlags), s_nexthopFlags.Format(nexthop.nh_flags, render));
        return new(writer.ToString(), writer.Value);
    }

    // NHA_GROUP: an array of struct nexthop_grp, each its id and weight.
    private static NetlinkPart? NexthopGroup(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        Items(scope, payload, Unsafe.SizeOf<NexthopGrp>(), bytes =>
        {
            NexthopGrp member = MemoryMarshal.Read<NexthopGrp>(bytes);
            var writer = new StructWriter(NexthopGrp.TypeName).Field("id", member.id).Field("weight", member.weight);
            return new(writer.ToString(), writer.Value);
        });

    // An address of the message's family read from the payload's start, however long it is, as strace reads
    // NHA_GATEWAY: inet_addr of the first 4 bytes of an AF_INET nexthop's.
    private static NetlinkPart? FamilyAddress(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) => (family, payload.Length) switch
    {
        (SocketNames.AfInet, >= 4) => AddressAt(scope, family, payload[..4]),
        (SocketNames.AfInet6, >= 16) => AddressAt(scope, family, payload[..16]),
        _ => null,
    };

    private static NetlinkPart AddressAt(NetlinkScope scope, int family, ReadOnlySpan<byte> address)
    {
        string name = family == SocketNames.AfInet ? $"inet_addr(\"{new IPAddress(address)}\")" : $"inet_pton(AF_INET6, \"{Inet6Text(address)}\")";
        return new(Bytes(scope.Context.Render, address, name), new IPAddress(address));
    }

    // FRA_TABLE: a table no name covers prints in hex without the hint RTA_TABLE's has.
    private static NetlinkPart? RuleTable(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length != 4)
            return null;
        uint table = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        string text = s_tables.NameOf(table) is string name ? scope.Context.Render.Value(table, name) : DecodeContext.HexOrZero(table);
        return new(text, new ConstantValue(table, s_tables));
    }

    // struct ndmsg
    private static NetlinkPart Neighbour(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        Ndmsg neighbour = MemoryMarshal.Read<Ndmsg>(payload);
        var writer = new StructWriter(Ndmsg.TypeName)
            .Field("ndm_family", SocketNames.FamilyValue(neighbour.ndm_family), SocketNames.Family(neighbour.ndm_family, render));
        UnsignedInterfaceIndex(writer, scope, "ndm_ifindex", (uint)neighbour.ndm_ifindex)
            .Field("ndm_state", new FlagsValue(neighbour.ndm_state, s_neighbourStates), s_neighbourStates.Format(neighbour.ndm_state, render))
            .Field("ndm_flags", new FlagsValue(neighbour.ndm_flags, s_neighbourFlags), s_neighbourFlags.Format(neighbour.ndm_flags, render))
            .Field("ndm_type", new ConstantValue(neighbour.ndm_type, s_routeTypes), s_routeTypes.Format(neighbour.ndm_type, render));
        return new(writer.ToString(), writer.Value);
    }

    // struct fib_rule_hdr: its fields have no prefix.
    private static NetlinkPart Rule(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        FibRuleHdr rule = MemoryMarshal.Read<FibRuleHdr>(payload);
        var writer = new StructWriter(FibRuleHdr.TypeName)
            .Field("family", SocketNames.FamilyValue(rule.family), SocketNames.Family(rule.family, render))
            .Field("dst_len", rule.dst_len)
            .Field("src_len", rule.src_len)
            .Field("tos", rule.tos)
            .Field("table", new ConstantValue(rule.table, s_tables), s_tables.Format(rule.table, render))
            .Field("action", new ConstantValue(rule.action, s_ruleActions), s_ruleActions.Format(rule.action, render))
            .Field("flags", new FlagsValue(rule.flags, s_ruleFlags), s_ruleFlags.Format(rule.flags, render));
        return new(writer.ToString(), writer.Value);
    }

    // struct tcmsg: handles and the parent in decimal, as strace prints them.
    private static NetlinkPart TrafficControl(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        Tcmsg traffic = MemoryMarshal.Read<Tcmsg>(payload);
        var writer = new StructWriter(Tcmsg.TypeName)
            .Field("tcm_family", SocketNames.FamilyValue(traffic.tcm_family), SocketNames.Family(traffic.tcm_family, scope.Context.Render));
        UnsignedInterfaceIndex(writer, scope, "tcm_ifindex", (uint)traffic.tcm_ifindex)
            .Field("tcm_handle", traffic.tcm_handle)
            .Field("tcm_parent", traffic.tcm_parent)
            .Field("tcm_info", traffic.tcm_info);
        return new(writer.ToString(), writer.Value);
    }

    // struct ifaddrlblmsg
    private static NetlinkPart AddressLabel(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        Ifaddrlblmsg label = MemoryMarshal.Read<Ifaddrlblmsg>(payload);
        var writer = new StructWriter(Ifaddrlblmsg.TypeName)
            .Field("ifal_family", SocketNames.FamilyValue(label.ifal_family), SocketNames.Family(label.ifal_family, scope.Context.Render))
            .Field("ifal_prefixlen", label.ifal_prefixlen)
            .Field("ifal_flags", label.ifal_flags);
        UnsignedInterfaceIndex(writer, scope, "ifal_index", label.ifal_index)
            .Field("ifal_seq", label.ifal_seq);
        return new(writer.ToString(), writer.Value);
    }

    // struct dcbmsg
    private static NetlinkPart DataCenterBridging(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        Dcbmsg dcb = MemoryMarshal.Read<Dcbmsg>(payload);
        var writer = new StructWriter(Dcbmsg.TypeName)
            .Field("dcb_family", SocketNames.FamilyValue(dcb.dcb_family), SocketNames.Family(dcb.dcb_family, render))
            .Field("cmd", new ConstantValue(dcb.cmd, s_dcbCommands), s_dcbCommands.Format(dcb.cmd, render));
        return new(writer.ToString(), writer.Value);
    }

    // struct br_port_msg
    private static NetlinkPart BridgePort(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        BrPortMsg port = MemoryMarshal.Read<BrPortMsg>(payload);
        var writer = new StructWriter(BrPortMsg.TypeName)
            .Field("family", SocketNames.FamilyValue(port.family), SocketNames.Family(port.family, scope.Context.Render));
        UnsignedInterfaceIndex(writer, scope, "ifindex", port.ifindex);
        return new(writer.ToString(), writer.Value);
    }

    // A structure that is its family alone (struct netconfmsg, struct rtgenmsg).
    private static Func<NetlinkScope, ReadOnlySpan<byte>, NetlinkPart> FamilyOnly(string typeName, string field) => (scope, payload) =>
    {
        var writer = new StructWriter(typeName).Field(field, SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], scope.Context.Render));
        return new(writer.ToString(), writer.Value);
    };

    // An int interface index strace prints unsigned (ndm_ifindex, tcm_ifindex: 4294967293 for -3), named when it is one.
    private static StructWriter UnsignedInterfaceIndex(StructWriter writer, NetlinkScope scope, string field, uint index) =>
        writer.Field(field, index, FormatInterfaceIndex(scope.Context, index).Text);

    // An int interface index strace prints signed (ifi_index): named when it is one, a negative number as it is.
    private static StructWriter SignedInterfaceIndex(StructWriter writer, NetlinkScope scope, string field, ReadOnlySpan<byte> bytes)
    {
        int index = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        string text = index < 0 ? index.ToString(CultureInfo.InvariantCulture) : FormatInterfaceIndex(scope.Context, (uint)index).Text;
        return writer.Field(field, index, text);
    }
}
