/* NETLINK_ROUTE messages after those of netlink_calls and netlink_more, all made up and sent without NLM_F_REQUEST so
 * the kernel reads none of them and nothing of the machine changes: neighbour tables (struct ndtmsg, NDTA_* with
 * struct ndt_config, struct ndt_stats and NDTPA_* parameters), interface statistics (struct if_stats_msg,
 * IFLA_STATS_*), traffic-control actions (struct tcamsg, TCA_ROOT_*), and the link attributes netlink_calls leaves
 * raw (IFLA_EVENT, IFLA_PROP_LIST, IFLA_PROTO_DOWN_REASON, IFLA_LINKINFO's data, IFLA_VF_PORTS, IFLA_PORT_SELF,
 * IFLA_VFINFO_LIST, a bridge port's and an IPv6
 * link's IFLA_PROTINFO). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_bonding.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/gen_stats.h>
#include <linux/neighbour.h>
#include <linux/pkt_cls.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "netlink_built.h"

/* A message begun: its header and its structure, attributes and nests to be appended. */
static void begin(unsigned short type, const void *structure, unsigned length)
{
    memset(built, 0, sizeof built);
    built_length = NLMSG_HDRLEN;
    memcpy(built + built_length, structure, length);
    built_length += NLMSG_ALIGN(length);
    struct nlmsghdr header = { .nlmsg_type = type, .nlmsg_seq = type };
    memcpy(built, &header, sizeof header);
}

static void u32(unsigned short type, unsigned value) { attribute(type, &value, sizeof value); }
static void u64(unsigned short type, unsigned long long value) { attribute(type, &value, sizeof value); }

static void send_built(int fd)
{
    struct nlmsghdr *header = (struct nlmsghdr *)built;
    header->nlmsg_len = built_length;
    sendto(fd, built, built_length, 0, NULL, 0);
}

int main(void)
{
    int route = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl address = { .nl_family = AF_NETLINK };
    bind(route, (struct sockaddr *)&address, sizeof address);
    write(-1, "netlink_route_more", 18);

    /* neighbour tables: a name, thresholds, a configuration, parameters, statistics, a GC interval */
    struct ndtmsg table = { .ndtm_family = AF_INET };
    begin(RTM_NEWNEIGHTBL, &table, sizeof table);
    attribute(NDTA_NAME, "arp_cache", 10);
    u32(NDTA_THRESH1, 128);
    u32(NDTA_THRESH2, 512);
    u32(NDTA_THRESH3, 1024);
    struct ndt_config config = { .ndtc_key_len = 4, .ndtc_entry_size = 400, .ndtc_entries = 3, .ndtc_last_flush = 1000,
                                 .ndtc_last_rand = 2000, .ndtc_hash_rnd = 0xdeadbeef, .ndtc_hash_mask = 7, .ndtc_hash_chain_gc = 1,
                                 .ndtc_proxy_qlen = 2 };
    attribute(NDTA_CONFIG, &config, sizeof config);
    unsigned parms = nest(NDTA_PARMS);
    u32(NDTPA_IFINDEX, 1);
    u32(NDTPA_REFCNT, 2);
    u64(NDTPA_REACHABLE_TIME, 30000);
    u64(NDTPA_BASE_REACHABLE_TIME, 30000);
    u64(NDTPA_RETRANS_TIME, 1000);
    u64(NDTPA_GC_STALETIME, 60000);
    u64(NDTPA_DELAY_PROBE_TIME, 5000);
    u32(NDTPA_QUEUE_LEN, 3);
    u32(NDTPA_APP_PROBES, 0);
    u32(NDTPA_UCAST_PROBES, 3);
    u32(NDTPA_MCAST_PROBES, 3);
    u64(NDTPA_ANYCAST_DELAY, 1000);
    u64(NDTPA_PROXY_DELAY, 800);
    u32(NDTPA_PROXY_QLEN, 64);
    u64(NDTPA_LOCKTIME, 1000);
    u32(NDTPA_QUEUE_LENBYTES, 212992);
    u32(NDTPA_MCAST_REPROBES, 0);
    u64(NDTPA_INTERVAL_PROBE_TIME_MS, 5000);
    end_nest(parms);
    struct ndt_stats stats = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
    attribute(NDTA_STATS, &stats, sizeof stats);
    u64(NDTA_GC_INTERVAL, 30000);
    send_built(route);
    /* a table of another family, a configuration too short, one whose hash mask is 0, and an unknown attribute */
    table.ndtm_family = AF_INET6;
    begin(RTM_GETNEIGHTBL, &table, sizeof table);
    attribute(NDTA_CONFIG, &config, 8);
    config.ndtc_hash_mask = 0;
    attribute(NDTA_CONFIG, &config, sizeof config);
    u32(99, 5);
    send_built(route);

    /* interface statistics: a 64-bit link's counters, a filter mask, attributes nested in the extended ones */
    struct if_stats_msg statistics = { .family = AF_UNSPEC, .ifindex = 1,
                                       .filter_mask = IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_64) | IFLA_STATS_FILTER_BIT(IFLA_STATS_AF_SPEC) };
    begin(RTM_NEWSTATS, &statistics, sizeof statistics);
    struct rtnl_link_stats64 link64 = { .rx_packets = 1, .tx_packets = 2, .rx_bytes = 3, .multicast = 9, .rx_otherhost_dropped = 25 };
    attribute(IFLA_STATS_LINK_64, &link64, sizeof link64);
    unsigned extended = nest(IFLA_STATS_LINK_XSTATS);
    u32(LINK_XSTATS_TYPE_UNSPEC, 7);
    end_nest(extended);
    /* a port's: a bridge's VLAN (and a VLAN too short), multicast and spanning tree counters, a bond's 802.3ad ones */
    unsigned port_stats = nest(IFLA_STATS_LINK_XSTATS_SLAVE);
    unsigned bridge_stats = nest(LINK_XSTATS_TYPE_BRIDGE);
    struct bridge_vlan_xstats vlan_stats = { .rx_bytes = 1, .rx_packets = 2, .tx_bytes = 3, .tx_packets = 4, .vid = 5,
                                             .flags = BRIDGE_VLAN_INFO_MASTER | BRIDGE_VLAN_INFO_UNTAGGED | 0x100, .pad2 = 9 };
    attribute(BRIDGE_XSTATS_VLAN, &vlan_stats, sizeof vlan_stats);
    vlan_stats.flags = 0;
    attribute(BRIDGE_XSTATS_VLAN, &vlan_stats, sizeof vlan_stats);
    attribute(BRIDGE_XSTATS_VLAN, &vlan_stats, 8);
    struct br_mcast_stats multicast_stats;
    unsigned long long *multicast_counter = (unsigned long long *)&multicast_stats;
    for (unsigned i = 0; i < sizeof multicast_stats / sizeof *multicast_counter; i++)
        multicast_counter[i] = 10 + i;
    attribute(BRIDGE_XSTATS_MCAST, &multicast_stats, sizeof multicast_stats);
    struct bridge_stp_xstats stp_stats = { 1, 2, 3, 4, 5, 6 };
    attribute(BRIDGE_XSTATS_STP, &stp_stats, sizeof stp_stats);
    u32(__BRIDGE_XSTATS_MAX, 1);
    end_nest(bridge_stats);
    unsigned bond_stats = nest(LINK_XSTATS_TYPE_BOND);
    unsigned lacp = nest(BOND_XSTATS_3AD);
    for (unsigned short counter = BOND_3AD_STAT_LACPDU_RX; counter <= __BOND_3AD_STAT_MAX; counter++)
        u64(counter, 100 + counter);
    end_nest(lacp);
    end_nest(bond_stats);
    end_nest(port_stats);
    unsigned offload = nest(IFLA_STATS_LINK_OFFLOAD_XSTATS);
    attribute(IFLA_OFFLOAD_XSTATS_CPU_HIT, &link64, sizeof link64);
    unsigned hardware = nest(IFLA_OFFLOAD_XSTATS_HW_S_INFO);
    attribute(IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST, "\1", 1);
    end_nest(hardware);
    attribute(IFLA_OFFLOAD_XSTATS_L3_STATS, &link64, 16);
    end_nest(offload);
    unsigned families = nest(IFLA_STATS_AF_SPEC);
    u32(AF_INET6, 1);
    end_nest(families);
    send_built(route);
    statistics.filter_mask = 0xff;
    statistics.ifindex = 12345;
    begin(RTM_GETSTATS, &statistics, sizeof statistics);
    send_built(route);

    /* traffic-control actions: strace 6.1 reads tcamsg's attributes as an action's (TCA_ACT_*): a kind, options,
     * an index, statistics (TCA_STATS_*), a cookie, flags, hardware statistics' kinds, a count; an unknown one */
    struct tcamsg action = { .tca_family = AF_UNSPEC };
    begin(RTM_GETACTION, &action, sizeof action);
    attribute(TCA_ACT_KIND, "gact", 5);
    unsigned options = nest(TCA_ACT_OPTIONS);
    u32(1, 2);
    end_nest(options);
    u32(TCA_ACT_INDEX, 3);
    unsigned action_stats = nest(TCA_ACT_STATS);
    struct gnet_stats_basic basic = { .bytes = 100, .packets = 2 };
    attribute(TCA_STATS_BASIC, &basic, sizeof basic);
    end_nest(action_stats);
    attribute(TCA_ACT_COOKIE, "\x01\x02\x03", 3);
    struct nla_bitfield32 flags = { TCA_ACT_FLAGS_NO_PERCPU_STATS | 0x100, TCA_ACT_FLAGS_NO_PERCPU_STATS };
    attribute(TCA_ACT_FLAGS, &flags, sizeof flags);
    attribute(TCA_ACT_HW_STATS, &flags, sizeof flags);
    attribute(TCA_ACT_USED_HW_STATS, &flags, sizeof flags);
    u32(TCA_ACT_IN_HW_COUNT, 4);
    u32(11, 5);
    send_built(route);

    /* link attributes: an event, alternative names, the reasons it is down, a kind's data and statistics */
    struct ifinfomsg link = { .ifi_family = AF_UNSPEC, .ifi_index = 1 };
    begin(RTM_NEWLINK, &link, sizeof link);
    u32(IFLA_EVENT, IFLA_EVENT_BONDING_FAILOVER);
    u32(IFLA_EVENT, 99);
    unsigned properties = nest(IFLA_PROP_LIST);
    attribute(IFLA_ALT_IFNAME, "altname0", 9);
    end_nest(properties);
    unsigned reasons = nest(IFLA_PROTO_DOWN_REASON);
    u32(IFLA_PROTO_DOWN_REASON_MASK, 0xff);
    u32(IFLA_PROTO_DOWN_REASON_VALUE, 0x10);
    end_nest(reasons);
    unsigned info = nest(IFLA_LINKINFO);
    attribute(IFLA_INFO_KIND, "veth", 5);
    unsigned data = nest(IFLA_INFO_DATA);
    u32(1, 2);
    end_nest(data);
    u32(IFLA_INFO_XSTATS, 4);
    unsigned slave = nest(IFLA_INFO_SLAVE_DATA);
    u32(1, 2);
    end_nest(slave);
    end_nest(info);
    /* ports: a virtual function's with every attribute (a UUID in hex) and one no name covers; the link's own with a
     * VF number too short */
    unsigned ports = nest(IFLA_VF_PORTS);
    unsigned vf_port = nest(IFLA_VF_PORT);
    u32(IFLA_PORT_VF, 1);
    attribute(IFLA_PORT_PROFILE, "profile", 8);
    struct ifla_port_vsi vsi = { .vsi_mgr_id = 1, .vsi_type_id = { 'a', 2, 3 }, .vsi_type_version = 5 };
    attribute(IFLA_PORT_VSI_TYPE, &vsi, sizeof vsi);
    unsigned char uuid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8 };
    attribute(IFLA_PORT_INSTANCE_UUID, uuid, sizeof uuid);
    attribute(IFLA_PORT_HOST_UUID, uuid, sizeof uuid);
    attribute(IFLA_PORT_REQUEST, "\2", 1);
    unsigned short response = PORT_PROFILE_RESPONSE_SUCCESS;
    attribute(IFLA_PORT_RESPONSE, &response, sizeof response);
    u32(__IFLA_PORT_MAX, 1);
    end_nest(vf_port);
    end_nest(ports);
    unsigned port = nest(IFLA_PORT_SELF);
    attribute(IFLA_PORT_REQUEST, "\2", 1);
    attribute(IFLA_PORT_VF, "\1\0", 2);
    end_nest(port);
    u32(IFLA_XDP, 0);
    send_built(route);

    /* a bridge port (an AF_BRIDGE link's IFLA_PROTINFO): every IFLA_BRPORT_* at its size (a flag without payload), the
     * bytes 1, 2, 3... in each, and one no name covers */
    struct ifinfomsg bridge_link = { .ifi_family = AF_BRIDGE, .ifi_index = 1 };
    begin(RTM_NEWLINK, &bridge_link, sizeof bridge_link);
    static const unsigned char port_sizes[] = {
        [IFLA_BRPORT_STATE] = 1, [IFLA_BRPORT_PRIORITY] = 2, [IFLA_BRPORT_COST] = 4,
        [IFLA_BRPORT_MODE ... IFLA_BRPORT_PROXYARP_WIFI] = 1, [IFLA_BRPORT_ROOT_ID ... IFLA_BRPORT_BRIDGE_ID] = 8,
        [IFLA_BRPORT_DESIGNATED_PORT ... IFLA_BRPORT_NO] = 2, [IFLA_BRPORT_TOPOLOGY_CHANGE_ACK ... IFLA_BRPORT_CONFIG_PENDING] = 1,
        [IFLA_BRPORT_MESSAGE_AGE_TIMER ... IFLA_BRPORT_HOLD_TIMER] = 8, [IFLA_BRPORT_FLUSH] = 0, [IFLA_BRPORT_MULTICAST_ROUTER] = 1,
        [IFLA_BRPORT_PAD] = 4, [IFLA_BRPORT_MCAST_FLOOD ... IFLA_BRPORT_BCAST_FLOOD] = 1, [IFLA_BRPORT_GROUP_FWD_MASK] = 2,
        [IFLA_BRPORT_NEIGH_SUPPRESS ... IFLA_BRPORT_ISOLATED] = 1, [IFLA_BRPORT_BACKUP_PORT] = 4,
        [IFLA_BRPORT_MRP_RING_OPEN ... IFLA_BRPORT_MRP_IN_OPEN] = 1, [IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT ... IFLA_BRPORT_MCAST_EHT_HOSTS_CNT] = 4,
        [IFLA_BRPORT_LOCKED] = 1, [IFLA_BRPORT_LOCKED + 1] = 4,
    };
    static const unsigned char counting[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    unsigned protinfo = nest(IFLA_PROTINFO);
    for (unsigned short type = IFLA_BRPORT_STATE; type < sizeof port_sizes; type++)
        attribute(type, counting, port_sizes[type]);
    end_nest(protinfo);
    send_built(route);

    /* an IPv6 link's IFLA_PROTINFO (IFLA_INET6_*: flags, one no name covers among them, configuration, cache times,
     * an address generation mode), the same flags in IFLA_AF_SPEC, and an IPv4 link's IFLA_PROTINFO, in hex */
    for (unsigned char family = AF_INET; family <= AF_INET6; family += AF_INET6 - AF_INET) {
        struct ifinfomsg inet_link = { .ifi_family = family, .ifi_index = 1 };
        begin(RTM_NEWLINK, &inet_link, sizeof inet_link);
        unsigned inet_info = nest(IFLA_PROTINFO);
        u32(IFLA_INET6_FLAGS, 0x80000010);
        u32(IFLA_INET6_FLAGS, 0x80000001);
        int devconf[3] = { 1, -1, 1280 };
        attribute(IFLA_INET6_CONF, devconf, sizeof devconf);
        struct ifla_cacheinfo cacheinfo = { 65535, 100, 30000, 1000 };
        attribute(IFLA_INET6_CACHEINFO, &cacheinfo, sizeof cacheinfo);
        attribute(IFLA_INET6_ADDR_GEN_MODE, "\1", 1);
        end_nest(inet_info);
        unsigned af_spec = nest(IFLA_AF_SPEC);
        unsigned inet6 = nest(AF_INET6);
        u32(IFLA_INET6_FLAGS, 0xf0);
        end_nest(inet6);
        end_nest(af_spec);
        send_built(route);
    }

    /* a link's virtual functions: one with every attribute (a link state no name covers, an unknown counter), a VLAN
     * list with an unknown entry, attributes too short, and an unknown kind of list entry */
    begin(RTM_NEWLINK, &link, sizeof link);
    unsigned vfs = nest(IFLA_VFINFO_LIST);
    unsigned vf = nest(IFLA_VF_INFO);
    struct ifla_vf_mac mac = { .vf = 1, .mac = { 2, 0, 0, 0, 0, 1 } };
    attribute(IFLA_VF_MAC, &mac, sizeof mac);
    struct ifla_vf_vlan vlan = { .vf = 1, .vlan = 5, .qos = 2 };
    attribute(IFLA_VF_VLAN, &vlan, sizeof vlan);
    struct ifla_vf_tx_rate tx_rate = { .vf = 1, .rate = 100 };
    attribute(IFLA_VF_TX_RATE, &tx_rate, sizeof tx_rate);
    struct ifla_vf_spoofchk spoofchk = { .vf = 1, .setting = 1 };
    attribute(IFLA_VF_SPOOFCHK, &spoofchk, sizeof spoofchk);
    struct ifla_vf_link_state state = { .vf = 1, .link_state = IFLA_VF_LINK_STATE_ENABLE };
    attribute(IFLA_VF_LINK_STATE, &state, sizeof state);
    state.link_state = 7;
    attribute(IFLA_VF_LINK_STATE, &state, sizeof state);
    struct ifla_vf_rate rate = { .vf = 1, .min_tx_rate = 10, .max_tx_rate = 20 };
    attribute(IFLA_VF_RATE, &rate, sizeof rate);
    struct ifla_vf_rss_query_en query = { .vf = 1 };
    attribute(IFLA_VF_RSS_QUERY_EN, &query, sizeof query);
    unsigned counters = nest(IFLA_VF_STATS);
    for (unsigned short counter = IFLA_VF_STATS_RX_PACKETS; counter <= __IFLA_VF_STATS_MAX; counter++)
        u64(counter, 1000 + counter);
    end_nest(counters);
    struct ifla_vf_trust trust = { .vf = 1, .setting = 1 };
    attribute(IFLA_VF_TRUST, &trust, sizeof trust);
    struct ifla_vf_guid guid;
    memset(&guid, 0, sizeof guid); /* its padding too, which a too short attribute shows */
    guid.vf = 1;
    guid.guid = 0x1122334455667788ULL;
    attribute(IFLA_VF_IB_NODE_GUID, &guid, sizeof guid);
    attribute(IFLA_VF_IB_PORT_GUID, &guid, sizeof guid);
    unsigned vlans = nest(IFLA_VF_VLAN_LIST);
    struct ifla_vf_vlan_info vlan_info = { .vf = 1, .vlan = 5, .qos = 2, .vlan_proto = htons(ETH_P_8021Q) };
    attribute(IFLA_VF_VLAN_INFO, &vlan_info, sizeof vlan_info);
    vlan_info.vlan_proto = htons(0x1234);
    attribute(IFLA_VF_VLAN_INFO, &vlan_info, sizeof vlan_info);
    u32(2, 1);
    end_nest(vlans);
    struct ifla_vf_broadcast broadcast = { .broadcast = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
    attribute(IFLA_VF_BROADCAST, &broadcast, sizeof broadcast);
    attribute(IFLA_VF_MAC, &mac, 8);
    attribute(IFLA_VF_VLAN, &vlan, 8);
    attribute(IFLA_VF_IB_NODE_GUID, &guid, 8);
    u32(__IFLA_VF_MAX, 1);
    end_nest(vf);
    u32(2, 1);
    end_nest(vfs);
    send_built(route);
    return 0;
}
