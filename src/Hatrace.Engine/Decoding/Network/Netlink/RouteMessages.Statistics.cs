using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_ROUTE's objects that are mostly counters and settings: neighbour tables (struct ndtmsg, NDTA_* of
/// linux/neighbour.h with struct ndt_config, struct ndt_stats and the NDTPA_* parameters), interface statistics
/// (struct if_stats_msg, IFLA_STATS_* of linux/if_link.h) and traffic-control actions (struct tcamsg, whose
/// attributes strace 6.1 reads as an action's TCA_ACT_* of linux/pkt_cls.h).</summary>
internal static partial class RouteMessages
{
    private static readonly AttributeSet s_neighbourTableParameters = new(new("ndtpa_attributes", "NDTPA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = InterfaceIndex,                         // NDTPA_IFINDEX
        [2] = U32,                                    // NDTPA_REFCNT
        [3] = U64,                                    // NDTPA_REACHABLE_TIME
        [4] = U64,                                    // NDTPA_BASE_REACHABLE_TIME
        [5] = U64,                                    // NDTPA_RETRANS_TIME
        [6] = U64,                                    // NDTPA_GC_STALETIME
        [7] = U64,                                    // NDTPA_DELAY_PROBE_TIME
        [8] = U32,                                    // NDTPA_QUEUE_LEN
        [9] = U32,                                    // NDTPA_APP_PROBES
        [10] = U32,                                   // NDTPA_UCAST_PROBES
        [11] = U32,                                   // NDTPA_MCAST_PROBES
        [12] = U64,                                   // NDTPA_ANYCAST_DELAY
        [13] = U64,                                   // NDTPA_PROXY_DELAY
        [14] = U32,                                   // NDTPA_PROXY_QLEN
        [15] = U64,                                   // NDTPA_LOCKTIME
        [16] = U32,                                   // NDTPA_QUEUE_LENBYTES
        [17] = U32,                                   // NDTPA_MCAST_REPROBES
        [19] = U64,                                   // NDTPA_INTERVAL_PROBE_TIME_MS
    });

    private static readonly AttributeSet s_neighbourTableAttributes = new(new("ndta_attributes", "NDTA_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = CString,                                // NDTA_NAME
        [2] = U32,                                    // NDTA_THRESH1
        [3] = U32,                                    // NDTA_THRESH2
        [4] = U32,                                    // NDTA_THRESH3
        [5] = Of(NeighbourTableConfig),               // NDTA_CONFIG
        [6] = Nested(() => s_neighbourTableParameters), // NDTA_PARMS
        [7] = Numbers<NdtStats>(),                    // NDTA_STATS
        [8] = U64,                                    // NDTA_GC_INTERVAL
    });

    private static readonly FlagSet s_statsFilter = new("ifla_stats_filter_bits");

    // A bridge's and a bond's extended statistics: a VLAN's, multicast's and spanning tree's counters, 802.3ad's.
    private static readonly FlagSet s_bridgeVlanFlags = new("bridge_vlan_info_flags");

    private static readonly AttributeSet s_bridgeStats = new(new("bridge_xstats_attributes", "BRIDGE_XSTATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of(BridgeVlanStats),                    // BRIDGE_XSTATS_VLAN
        [2] = Of(BridgeMulticastStats),               // BRIDGE_XSTATS_MCAST
        [4] = Numbers("bridge_stp_xstats", 8, "transition_blk", "transition_fwd", "rx_bpdu", "tx_bpdu", "rx_tcn", "tx_tcn"), // BRIDGE_XSTATS_STP
    });

    // An unknown counter's hint is BOND_XSTATS_???, as strace 6.1 prints it.
    private static readonly AttributeSet s_bond3adStats = new(new("bond_3ad_stat_attributes", "BOND_XSTATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [0] = U64,                                    // BOND_3AD_STAT_LACPDU_RX
        [1] = U64,                                    // BOND_3AD_STAT_LACPDU_TX
        [2] = U64,                                    // BOND_3AD_STAT_LACPDU_UNKNOWN_RX
        [3] = U64,                                    // BOND_3AD_STAT_LACPDU_ILLEGAL_RX
        [4] = U64,                                    // BOND_3AD_STAT_MARKER_RX
        [5] = U64,                                    // BOND_3AD_STAT_MARKER_TX
        [6] = U64,                                    // BOND_3AD_STAT_MARKER_RESP_RX
        [7] = U64,                                    // BOND_3AD_STAT_MARKER_RESP_TX
        [8] = U64,                                    // BOND_3AD_STAT_MARKER_UNKNOWN_RX
    });

    private static readonly AttributeSet s_bondStats = new(new("bond_xstats_attributes", "BOND_XSTATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_bond3adStats),           // BOND_XSTATS_3AD
    });

    private static readonly AttributeSet s_extendedStats = new(new("link_xstats_types", "LINK_XSTATS_TYPE_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_bridgeStats),            // LINK_XSTATS_TYPE_BRIDGE
        [2] = Nested(() => s_bondStats),              // LINK_XSTATS_TYPE_BOND
    });

    private static readonly AttributeSet s_offloadStats = new(new("ifla_offload_xstats_attributes", "IFLA_OFFLOAD_XSTATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Numbers("rtnl_link_stats64", 8, StatsFields), // IFLA_OFFLOAD_XSTATS_CPU_HIT
    });

    // IFLA_STATS_AF_SPEC: each family's statistics under its AF_* number, in hex.
    private static readonly AttributeSet s_statsFamilies = new(new("address_families", "AF_???"), new Dictionary<int, AttributeDecoder>());

    private static readonly AttributeSet s_statsAttributes = new(new("ifla_stats_attributes", "IFLA_STATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Numbers("rtnl_link_stats64", 8, StatsFields), // IFLA_STATS_LINK_64
        [2] = Nested(() => s_extendedStats),          // IFLA_STATS_LINK_XSTATS
        [3] = Nested(() => s_extendedStats),          // IFLA_STATS_LINK_XSTATS_SLAVE
        [4] = Nested(() => s_offloadStats),           // IFLA_STATS_LINK_OFFLOAD_XSTATS
        [5] = Nested(() => s_statsFamilies),          // IFLA_STATS_AF_SPEC
    });

    private static readonly FlagSet s_actionHardwareStats = new("tca_act_hw_stats");

    private static readonly AttributeSet s_actionAttributes = new(new("tca_act_attributes", "TCA_ACT_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = CString,                                // TCA_ACT_KIND
        [3] = U32,                                    // TCA_ACT_INDEX
        [4] = Nested(() => s_trafficStats),           // TCA_ACT_STATS
        [7] = Flags(new FlagSet("tca_act_flags"), firstOfLonger: true), // TCA_ACT_FLAGS
        [8] = Flags(s_actionHardwareStats, firstOfLonger: true),        // TCA_ACT_HW_STATS
        [9] = Flags(s_actionHardwareStats, firstOfLonger: true),        // TCA_ACT_USED_HW_STATS
        [10] = U32,                                   // TCA_ACT_IN_HW_COUNT
    });

    // struct ndt_config: the hash mask in hex of at least 8 characters, as strace prints it (C's %#08x).
    private static NetlinkPart? NeighbourTableConfig(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < Unsafe.SizeOf<NdtConfig>())
            return null;
        NdtConfig config = MemoryMarshal.Read<NdtConfig>(payload);
        string mask = config.ndtc_hash_mask == 0 ? "00000000" : "0x" + config.ndtc_hash_mask.ToString("x6", CultureInfo.InvariantCulture);
        var writer = new StructWriter(NdtConfig.TypeName)
            .Field("ndtc_key_len", config.ndtc_key_len)
            .Field("ndtc_entry_size", config.ndtc_entry_size)
            .Field("ndtc_entries", config.ndtc_entries)
            .Field("ndtc_last_flush", config.ndtc_last_flush)
            .Field("ndtc_last_rand", config.ndtc_last_rand)
            .Field("ndtc_hash_rnd", config.ndtc_hash_rnd)
            .Field("ndtc_hash_mask", config.ndtc_hash_mask, mask)
            .Field("ndtc_hash_chain_gc", config.ndtc_hash_chain_gc)
            .Field("ndtc_proxy_qlen", config.ndtc_proxy_qlen);
        return new(writer.ToString(), writer.Value);
    }

    // struct bridge_vlan_xstats: the counters, the VLAN, its flags named, the padding in hex as strace prints it.
    private static NetlinkPart? BridgeVlanStats(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 40)
            return null;
        var writer = new StructWriter("bridge_vlan_xstats");
        string[] counters = ["rx_bytes", "rx_packets", "tx_bytes", "tx_packets"];
        for (int i = 0; i < counters.Length; i++)
        {
            ulong counter = BinaryPrimitives.ReadUInt64LittleEndian(payload[(i * 8)..]);
            writer.Field(counters[i], counter, counter.ToString(CultureInfo.InvariantCulture));
        }
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(payload[34..]);
        uint pad = BinaryPrimitives.ReadUInt32LittleEndian(payload[36..]);
        writer.Field("vid", BinaryPrimitives.ReadUInt16LittleEndian(payload[32..]))
            .Field("flags", new FlagsValue(flags, s_bridgeVlanFlags), s_bridgeVlanFlags.Format(flags, scope.Context.Render))
            .Field("pad2", pad, DecodeContext.HexOrZero(pad));
        return new(writer.ToString(), writer.Value);
    }

    private static readonly NamedValues s_multicastDirections = new("br_mcast_dirs", "BR_MCAST_DIR_???");

    // struct br_mcast_stats: 64-bit counters, most of them a pair indexed by direction (null for a single one).
    private static readonly (string Name, bool Pair)[] s_multicastCounters =
    [
        ("igmp_v1queries", true), ("igmp_v2queries", true), ("igmp_v3queries", true), ("igmp_leaves", true),
        ("igmp_v1reports", true), ("igmp_v2reports", true), ("igmp_v3reports", true), ("igmp_parse_errors", false),
        ("mld_v1queries", true), ("mld_v2queries", true), ("mld_leaves", true), ("mld_v1reports", true),
        ("mld_v2reports", true), ("mld_parse_errors", false), ("mcast_bytes", true), ("mcast_packets", true),
    ];

    // struct br_mcast_stats, each pair printed as strace prints an indexed array: [[BR_MCAST_DIR_RX]=1, [BR_MCAST_DIR_TX]=2].
    private static NetlinkPart? BridgeMulticastStats(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        int size = s_multicastCounters.Sum(c => c.Pair ? 16 : 8);
        if (payload.Length < size)
            return null;
        StraceRenderer render = scope.Context.Render;
        var writer = new StructWriter("br_mcast_stats");
        int at = 0;
        foreach ((string name, bool pair) in s_multicastCounters)
        {
            if (!pair)
            {
                ulong single = BinaryPrimitives.ReadUInt64LittleEndian(payload[at..]);
                writer.Field(name, single, single.ToString(CultureInfo.InvariantCulture));
                at += 8;
                continue;
            }
            ulong[] values = [BinaryPrimitives.ReadUInt64LittleEndian(payload[at..]), BinaryPrimitives.ReadUInt64LittleEndian(payload[(at + 8)..])];
            string text = StructWriter.Array(values.Select((value, i) =>
                $"[{s_multicastDirections.FormatDecimal(i, render)}]={value.ToString(CultureInfo.InvariantCulture)}"));
            writer.Field(name, new ArrayValue(values.Cast<object?>(), truncated: false, stoppedAt: null), text);
            at += 16;
        }
        return new(writer.ToString(), writer.Value);
    }

    // struct if_stats_msg
    private static NetlinkPart InterfaceStats(NetlinkScope scope, ReadOnlySpan<byte> payload)
    {
        StraceRenderer render = scope.Context.Render;
        IfStatsMsg stats = MemoryMarshal.Read<IfStatsMsg>(payload);
        var writer = new StructWriter(IfStatsMsg.TypeName)
            .Field("family", SocketNames.FamilyValue(stats.family), SocketNames.Family(stats.family, render));
        UnsignedInterfaceIndex(writer, scope, "ifindex", stats.ifindex)
            .Field("filter_mask", new FlagsValue(stats.filter_mask, s_statsFilter), s_statsFilter.Format(stats.filter_mask, render));
        return new(writer.ToString(), writer.Value);
    }

    /// <summary>struct ndtmsg (linux/rtnetlink.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Ndtmsg : IKernelStruct<Ndtmsg>
    {
        public byte ndtm_family;
        public byte ndtm_pad1;
        public ushort ndtm_pad2;

        public static string TypeName => "ndtmsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("ndtm_family", ndtm_family)];
    }

    /// <summary>struct ndt_config (linux/neighbour.h): NDTA_CONFIG.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NdtConfig : IKernelStruct<NdtConfig>
    {
        public ushort ndtc_key_len;
        public ushort ndtc_entry_size;
        public uint ndtc_entries;
        public uint ndtc_last_flush;
        public uint ndtc_last_rand;
        public uint ndtc_hash_rnd;
        public uint ndtc_hash_mask;
        public uint ndtc_hash_chain_gc;
        public uint ndtc_proxy_qlen;

        public static string TypeName => "ndt_config";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ndtc_key_len", ndtc_key_len), new("ndtc_entry_size", ndtc_entry_size), new("ndtc_entries", ndtc_entries),
             new("ndtc_last_flush", ndtc_last_flush), new("ndtc_last_rand", ndtc_last_rand), new("ndtc_hash_rnd", ndtc_hash_rnd),
             new("ndtc_hash_mask", ndtc_hash_mask), new("ndtc_hash_chain_gc", ndtc_hash_chain_gc), new("ndtc_proxy_qlen", ndtc_proxy_qlen)];
    }

    /// <summary>struct ndt_stats (linux/neighbour.h): NDTA_STATS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NdtStats : IKernelStruct<NdtStats>
    {
        public ulong ndts_allocs;
        public ulong ndts_destroys;
        public ulong ndts_hash_grows;
        public ulong ndts_res_failed;
        public ulong ndts_lookups;
        public ulong ndts_hits;
        public ulong ndts_rcv_probes_mcast;
        public ulong ndts_rcv_probes_ucast;
        public ulong ndts_periodic_gc_runs;
        public ulong ndts_forced_gc_runs;
        public ulong ndts_table_fulls;

        public static string TypeName => "ndt_stats";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ndts_allocs", ndts_allocs), new("ndts_destroys", ndts_destroys), new("ndts_hash_grows", ndts_hash_grows),
             new("ndts_res_failed", ndts_res_failed), new("ndts_lookups", ndts_lookups), new("ndts_hits", ndts_hits),
             new("ndts_rcv_probes_mcast", ndts_rcv_probes_mcast), new("ndts_rcv_probes_ucast", ndts_rcv_probes_ucast),
             new("ndts_periodic_gc_runs", ndts_periodic_gc_runs), new("ndts_forced_gc_runs", ndts_forced_gc_runs),
             new("ndts_table_fulls", ndts_table_fulls)];
    }

    /// <summary>struct if_stats_msg (linux/if_link.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IfStatsMsg : IKernelStruct<IfStatsMsg>
    {
        public byte family;
        public byte pad1;
        public ushort pad2;
        public uint ifindex;
        public uint filter_mask;

        public static string TypeName => "if_stats_msg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("family", family), new("ifindex", ifindex), new("filter_mask", filter_mask)];
    }

    /// <summary>struct tcamsg (linux/rtnetlink.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Tcamsg : IKernelStruct<Tcamsg>
    {
        public byte tca_family;
        public byte tca__pad1;
        public ushort tca__pad2;

        public static string TypeName => "tcamsg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("tca_family", tca_family)];
    }
}
