using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Network.Netlink.NetlinkAttributes;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>A link's virtual functions (IFLA_VFINFO_LIST of linux/if_link.h): each IFLA_VF_INFO's IFLA_VF_*
/// attributes, structures that begin with the function's number (struct ifla_vf_mac, ifla_vf_vlan, ...).</summary>
internal static partial class RouteMessages
{
    private static readonly NamedValues s_vfLinkStates = new("ifla_vf_link_states", "IFLA_VF_LINK_STATE_???");
    private static readonly NamedValues s_vlanProtocols = new("ethernet_protocols", "ETH_P_???");

    private static readonly AttributeSet s_vfStats = new(new("ifla_vf_stats_attributes", "IFLA_VF_STATS_???"), new Dictionary<int, AttributeDecoder>
    {
        [0] = U64,                                    // IFLA_VF_STATS_RX_PACKETS
        [1] = U64,                                    // IFLA_VF_STATS_TX_PACKETS
        [2] = U64,                                    // IFLA_VF_STATS_RX_BYTES
        [3] = U64,                                    // IFLA_VF_STATS_TX_BYTES
        [4] = U64,                                    // IFLA_VF_STATS_BROADCAST
        [5] = U64,                                    // IFLA_VF_STATS_MULTICAST
        [7] = U64,                                    // IFLA_VF_STATS_RX_DROPPED
        [8] = U64,                                    // IFLA_VF_STATS_TX_DROPPED
    });

    private static readonly AttributeSet s_vfVlans = new(new("ifla_vf_vlan_list_attributes", "IFLA_VF_VLAN_INFO_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of(VfVlanInfo),                         // IFLA_VF_VLAN_INFO
    });

    private static readonly AttributeSet s_vfAttributes = new(new("ifla_vf_attributes", "IFLA_VF_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Of((scope, payload, family) => VfAddress(scope, payload, "ifla_vf_mac", "mac", 4)),       // IFLA_VF_MAC
        [2] = Numbers("ifla_vf_vlan", 4, "vf", "vlan", "qos"),                                          // IFLA_VF_VLAN
        [3] = Numbers("ifla_vf_tx_rate", 4, "vf", "rate"),                                              // IFLA_VF_TX_RATE
        [4] = Numbers("ifla_vf_spoofchk", 4, "vf", "setting"),                                          // IFLA_VF_SPOOFCHK
        [5] = Of(VfLinkState),                                                                          // IFLA_VF_LINK_STATE
        [6] = Numbers("ifla_vf_rate", 4, "vf", "min_tx_rate", "max_tx_rate"),                           // IFLA_VF_RATE
        [7] = Numbers("ifla_vf_rss_query_en", 4, "vf", "setting"),                                      // IFLA_VF_RSS_QUERY_EN
        [8] = Nested(() => s_vfStats),                                                                  // IFLA_VF_STATS
        [9] = Numbers("ifla_vf_trust", 4, "vf", "setting"),                                             // IFLA_VF_TRUST
        [10] = Of(VfGuid),                                                                              // IFLA_VF_IB_NODE_GUID
        [11] = Of(VfGuid),                                                                              // IFLA_VF_IB_PORT_GUID
        [12] = Nested(() => s_vfVlans),                                                                 // IFLA_VF_VLAN_LIST
        [13] = Of((scope, payload, family) => VfAddress(scope, payload, "ifla_vf_broadcast", "broadcast", 0)), // IFLA_VF_BROADCAST
    });

    // IFLA_VFINFO_LIST's entries. Made on first use: the link's attributes in RouteMessages.cs refer to it, and the
    // two files' static fields start in no set order.
    private static AttributeSet VfInfoList => field ??= new(new("ifla_vf_info_attributes", "IFLA_VF_INFO_???"), new Dictionary<int, AttributeDecoder>
    {
        [1] = Nested(() => s_vfAttributes),           // IFLA_VF_INFO
    });

    private const int VfAddressSize = 32;             // MAX_ADDR_LEN

    // struct ifla_vf_mac (the function's number, then its address) and struct ifla_vf_broadcast (the address alone):
    // all 32 bytes as a hardware address.
    private static NetlinkPart? VfAddress(NetlinkScope scope, ReadOnlySpan<byte> payload, string typeName, string field, int at)
    {
        if (payload.Length < at + VfAddressSize)
            return null;
        var writer = new StructWriter(typeName);
        if (at > 0)
            writer.Field("vf", BinaryPrimitives.ReadUInt32LittleEndian(payload));
        ReadOnlySpan<byte> address = payload.Slice(at, VfAddressSize);
        string text = string.Join(':', address.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        writer.Field(field, address.ToArray(), Bytes(scope.Context.Render, address, text));
        return new(writer.ToString(), writer.Value);
    }

    // struct ifla_vf_link_state
    private static NetlinkPart? VfLinkState(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 8)
            return null;
        uint state = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        var writer = new StructWriter("ifla_vf_link_state")
            .Field("vf", BinaryPrimitives.ReadUInt32LittleEndian(payload))
            .Field("link_state", new ConstantValue(state, s_vfLinkStates), s_vfLinkStates.Format(state, scope.Context.Render));
        return new(writer.ToString(), writer.Value);
    }

    // struct ifla_vf_guid: the GUID, after 4 bytes of padding, in hex.
    private static NetlinkPart? VfGuid(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 16)
            return null;
        ulong guid = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]);
        var writer = new StructWriter("ifla_vf_guid")
            .Field("vf", BinaryPrimitives.ReadUInt32LittleEndian(payload))
            .Field("guid", guid, DecodeContext.HexOrZero(guid));
        return new(writer.ToString(), writer.Value);
    }

    // struct ifla_vf_vlan_info: the VLAN's protocol in network order, named inside htons().
    private static NetlinkPart? VfVlanInfo(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        if (payload.Length < 14)
            return null;
        ushort protocol = BinaryPrimitives.ReadUInt16BigEndian(payload[12..]);
        var writer = new StructWriter("ifla_vf_vlan_info")
            .Field("vf", BinaryPrimitives.ReadUInt32LittleEndian(payload))
            .Field("vlan", BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]))
            .Field("qos", BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]))
            .Field("vlan_proto", new ConstantValue(protocol, s_vlanProtocols), $"htons({s_vlanProtocols.Format(protocol, scope.Context.Render)})");
        return new(writer.ToString(), writer.Value);
    }
}
