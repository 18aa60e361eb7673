/* Netlink messages in the buffers of the socket calls, on sockets it opens itself and with requests that only read
 * state: NETLINK_ROUTE (the loopback link, the IPv4 addresses, the IPv4 routes), NETLINK_SOCK_DIAG (about sockets
 * of its own), then the edges (a short buffer, a bad length, an unknown type, unreadable memory, an error reply), then
 * the headers of the other protocols strace names (generic, SELinux, netfilter; a kobject uevent's text; a socket not
 * bound yet, whose protocol strace does not know).
 * The replies' nlmsg_pid (the port the kernel gives the socket), inode numbers, cookies and the listener's port differ from
 * run to run: the test masks them. */
#define _GNU_SOURCE
#include <linux/genetlink.h>
#include <linux/if.h>
#include <linux/inet_diag.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/audit.h>
#include <linux/dcbnl.h>
#include <linux/fib_rules.h>
#include <linux/gen_stats.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <linux/pkt_sched.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/selinux_netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define UNREADABLE ((void *)8)

static int open_netlink(int protocol)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    struct sockaddr_nl address = { .nl_family = AF_NETLINK };
    bind(fd, (struct sockaddr *)&address, sizeof address);
    return fd;
}

struct link_request { struct nlmsghdr header; struct ifinfomsg link; struct rtattr mask; unsigned mask_value; };
struct address_request { struct nlmsghdr header; struct ifaddrmsg address; };
struct route_request { struct nlmsghdr header; struct rtmsg route; struct rtattr table; unsigned table_value; };

/* A dump request of a route type with its structure, and every reply up to NLMSG_DONE or an error. */
static void dump(int fd, unsigned short type, unsigned seq, const void *request, unsigned length)
{
    static char reply[65536];
    struct { struct nlmsghdr header; unsigned char payload[64]; } message = {
        .header = { .nlmsg_len = NLMSG_HDRLEN + length, .nlmsg_type = type, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = seq },
    };
    memcpy(message.payload, request, length);
    sendto(fd, &message, message.header.nlmsg_len, 0, NULL, 0);
    for (;;) {
        int n = recvfrom(fd, reply, sizeof reply, 0, NULL, NULL);
        if (n <= 0)
            return;
        for (struct nlmsghdr *h = (struct nlmsghdr *)reply; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
                return;
    }
}

int main(void)
{
    static char reply[65536];
    int route = open_netlink(NETLINK_ROUTE);
    int diag = open_netlink(NETLINK_SOCK_DIAG);
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    struct stat pair_stat;
    fstat(pair[0], &pair_stat);
    /* The sockets are made before the marker: under -X raw, strace prints socket()'s type and flags apart
     * (0x3|0x80000), which hatrace does not yet. */
    int generic = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
    int selinux = open_netlink(NETLINK_SELINUX);
    int netfilter = open_netlink(NETLINK_NETFILTER);
    int uevent = open_netlink(NETLINK_KOBJECT_UEVENT);
    int xfrm = open_netlink(NETLINK_XFRM);
    int audit = open_netlink(NETLINK_AUDIT); /* -1 where the kernel has no audit in this network namespace */
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in listening = { .sin_family = AF_INET, .sin_addr = { htonl(INADDR_LOOPBACK) } };
    socklen_t listening_length = sizeof listening;
    bind(listener, (struct sockaddr *)&listening, sizeof listening);
    listen(listener, 1);
    getsockname(listener, (struct sockaddr *)&listening, &listening_length);
    write(-1, "netlink", 7); /* where the test starts comparing */

    /* RTM_GETLINK of the loopback interface; the reply read in part, then whole (its statistics vary). */
    struct link_request link = {
        .header = { .nlmsg_len = sizeof link, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1 },
        .link = { .ifi_family = AF_UNSPEC, .ifi_index = 1 },
        .mask = { .rta_len = RTA_LENGTH(4), .rta_type = IFLA_EXT_MASK }, .mask_value = RTEXT_FILTER_VF,
    };
    sendto(route, &link, sizeof link, 0, NULL, 0);
    recvfrom(route, reply, 64, 0, NULL, NULL);
    sendto(route, &link, sizeof link, 0, NULL, 0);
    recvfrom(route, reply, 40, MSG_TRUNC, NULL, NULL); /* returns the whole length; the buffer holds 40 bytes of it */

    /* RTM_GETADDR of the loopback interface's IPv4 addresses: a dump, its replies and NLMSG_DONE */
    struct address_request address = {
        .header = { .nlmsg_len = sizeof address, .nlmsg_type = RTM_GETADDR, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 2 },
        .address = { .ifa_family = AF_INET },
    };
    sendto(route, &address, sizeof address, 0, NULL, 0);
    /* strace decodes a msghdr's data as netlink only where msg_name is a netlink address */
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    struct iovec reply_iov = { reply, sizeof reply };
    struct msghdr reply_message = { .msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = &reply_iov, .msg_iovlen = 1 };
    while (recvmsg(route, &reply_message, 0) > 0 && ((struct nlmsghdr *)reply)->nlmsg_type != NLMSG_DONE)
        ;

    struct nlmsghdr unknown = { .nlmsg_len = sizeof unknown, .nlmsg_type = 0x99, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 4 };
    struct nlmsghdr unknown_ack = unknown;
    /* RTM_GETROUTE of the local table, sent with sendmsg */
    struct route_request routes = {
        .header = { .nlmsg_len = sizeof routes, .nlmsg_type = RTM_GETROUTE, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 3 },
        .route = { .rtm_family = AF_INET, .rtm_table = RT_TABLE_LOCAL },
        .table = { .rta_len = RTA_LENGTH(4), .rta_type = RTA_TABLE }, .table_value = RT_TABLE_LOCAL,
    };
    struct iovec route_iov[2] = { { &routes, sizeof routes }, { &unknown_ack, sizeof unknown_ack } };
    struct msghdr route_message = { .msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = route_iov, .msg_iovlen = 1 };
    sendmsg(route, &route_message, 0);
    while (recvmsg(route, &reply_message, 0) > 0 && ((struct nlmsghdr *)reply)->nlmsg_type != NLMSG_DONE)
        ;

    /* an unknown type with an acknowledgement asked for: NLMSG_ERROR echoes the request */
    sendto(route, &unknown, sizeof unknown, 0, NULL, 0);
    recvfrom(route, reply, sizeof reply, 0, NULL, NULL);

    /* two messages in one buffer: a request, then a header whose length runs past the buffer */
    struct { struct address_request first; struct nlmsghdr second; } two = {
        .first = address,
        .second = { .nlmsg_len = 64, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | 0x8000, .nlmsg_seq = 5 },
    };
    two.first.header.nlmsg_flags = NLM_F_REQUEST;
    sendto(route, &two, sizeof two, MSG_DONTWAIT, NULL, 0);
    recvfrom(route, reply, sizeof reply, MSG_DONTWAIT, NULL, NULL);

    /* the edges: shorter than a header, a length shorter than a header, unreadable, NULL */
    sendto(route, "short", 5, MSG_DONTWAIT, NULL, 0);
    struct nlmsghdr bad = { .nlmsg_len = 8, .nlmsg_type = NLMSG_NOOP, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 6 };
    sendto(route, &bad, sizeof bad, MSG_DONTWAIT, NULL, 0);
    sendto(route, UNREADABLE, 16, MSG_DONTWAIT, NULL, 0);
    sendto(route, NULL, 16, MSG_DONTWAIT, NULL, 0);

    /* Messages the kernel ignores (no NLM_F_REQUEST), to show how they print: a payload shorter than its structure,
     * bytes after the last message, attributes of every kind and one whose length runs past its message, the
     * payload of an unknown type, a message of which only the header can be read. */
    struct { struct nlmsghdr header; unsigned char family[4]; } short_link = {
        .header = { .nlmsg_len = sizeof short_link, .nlmsg_type = RTM_GETLINK, .nlmsg_seq = 9 }, .family = { AF_INET6 },
    };
    sendto(route, &short_link, sizeof short_link, MSG_DONTWAIT, NULL, 0);
    struct { struct address_request request; char after[8]; } trailing = { .request = address, .after = "after" };
    trailing.request.header.nlmsg_flags = 0;
    sendto(route, &trailing, sizeof trailing, MSG_DONTWAIT, NULL, 0);
    struct {
        struct nlmsghdr header; struct ifinfomsg link;
        struct rtattr name; char name_value[4];
        struct rtattr mtu; unsigned mtu_value;
        struct rtattr address; unsigned char address_value[8];
        struct rtattr empty;
        struct rtattr unknown; unsigned char unknown_value[4];
        struct rtattr nested; struct rtattr inner; unsigned inner_value;
        struct rtattr past; unsigned past_value;
    } attributes = {
        .header = { .nlmsg_len = sizeof attributes, .nlmsg_type = RTM_NEWLINK, .nlmsg_seq = 10 },
        .link = { .ifi_family = AF_UNSPEC, .ifi_type = 0xfff, .ifi_index = 12345, .ifi_flags = IFF_UP | 0x800000, .ifi_change = ~0u },
        .name = { RTA_LENGTH(3), IFLA_IFNAME }, .name_value = "ab",
        .mtu = { RTA_LENGTH(4), IFLA_MTU }, .mtu_value = 1500,
        .address = { RTA_LENGTH(6), IFLA_ADDRESS }, .address_value = { 0x02, 0, 0, 0xab, 0xcd, 0xef },
        .empty = { RTA_LENGTH(0), IFLA_WIRELESS },
        .unknown = { RTA_LENGTH(4), 0x7f }, .unknown_value = { 1, 2, 3, 4 },
        .nested = { RTA_LENGTH(8), NLA_F_NESTED | IFLA_LINKINFO }, .inner = { RTA_LENGTH(4), 1 }, .inner_value = 7,
        .past = { 64, IFLA_MTU }, .past_value = 9000,
    };
    sendto(route, &attributes, sizeof attributes, MSG_DONTWAIT, NULL, 0);
    struct { struct nlmsghdr header; unsigned char payload[5]; } unknown_payload = {
        .header = { .nlmsg_len = sizeof unknown_payload, .nlmsg_type = 0x99, .nlmsg_seq = 11 }, .payload = "abcd",
    };
    sendto(route, &unknown_payload, sizeof unknown_payload, MSG_DONTWAIT, NULL, 0);
    struct nlmsghdr done = { .nlmsg_len = sizeof done, .nlmsg_type = NLMSG_DONE, .nlmsg_seq = 12 };
    sendto(route, &done, sizeof done, MSG_DONTWAIT, NULL, 0);
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(pages + 4096, 4096);
    struct nlmsghdr *edge = (struct nlmsghdr *)(pages + 4096 - sizeof *edge);
    *edge = (struct nlmsghdr){ .nlmsg_len = sizeof address, .nlmsg_type = RTM_GETADDR, .nlmsg_seq = 13 };
    sendto(route, edge, sizeof address, MSG_DONTWAIT, NULL, 0);
    /* two iovecs, a message in each; a msghdr with no address, which strace does not decode */
    route_message.msg_iovlen = 2;
    sendmsg(route, &route_message, MSG_DONTWAIT);
    recvmsg(route, &reply_message, MSG_DONTWAIT);
    recvmsg(route, &reply_message, MSG_DONTWAIT);
    route_message.msg_name = NULL;
    route_message.msg_namelen = 0;
    sendmsg(route, &route_message, MSG_DONTWAIT);
    write(route, &unknown, sizeof unknown);
    read(route, reply, 4); /* the rest of the datagram, whose header holds the port, is dropped */

    /* NETLINK_ROUTE's other objects: the loopback's neighbours (NDA_IFINDEX filters the dump), the IPv4 rules, the
     * qdiscs (their traffic counters vary: the test masks them), the loopback's classes and filters, IPv4's
     * configuration, namespace ids, the bridges' multicast database, IPv6 address labels, a DCB command (refused) */
    struct { struct ndmsg neighbour; struct rtattr index; int index_value; } neighbours = {
        .neighbour = { .ndm_family = AF_UNSPEC }, .index = { RTA_LENGTH(4), NDA_IFINDEX }, .index_value = 1,
    };
    dump(route, RTM_GETNEIGH, 21, &neighbours, sizeof neighbours);
    struct fib_rule_hdr rule = { .family = AF_INET };
    dump(route, RTM_GETRULE, 22, &rule, sizeof rule);
    struct tcmsg traffic = { .tcm_family = AF_UNSPEC };
    dump(route, RTM_GETQDISC, 23, &traffic, sizeof traffic);
    traffic.tcm_ifindex = 1;
    dump(route, RTM_GETTCLASS, 24, &traffic, sizeof traffic);
    dump(route, RTM_GETTFILTER, 25, &traffic, sizeof traffic);
    struct netconfmsg netconf = { .ncm_family = AF_INET };
    dump(route, RTM_GETNETCONF, 26, &netconf, sizeof netconf);
    struct rtgenmsg generic_family = { .rtgen_family = AF_UNSPEC };
    dump(route, RTM_GETNSID, 27, &generic_family, sizeof generic_family);
    struct br_port_msg bridge = { .family = AF_BRIDGE };
    dump(route, RTM_GETMDB, 28, &bridge, sizeof bridge);
    struct ifaddrlblmsg label = { .ifal_family = AF_INET6 };
    dump(route, RTM_GETADDRLABEL, 29, &label, sizeof label);
    struct dcbmsg dcb = { .dcb_family = AF_UNSPEC, .cmd = DCB_CMD_GSTATE };
    dump(route, RTM_GETDCB, 30, &dcb, sizeof dcb);

    /* Replies made up here and sent without NLM_F_REQUEST, which the kernel ignores: what a dump here may not hold */
    struct {
        struct nlmsghdr header; struct ndmsg neighbour;
        struct rtattr address; unsigned char address_value[4];
        struct rtattr vlan; unsigned short vlan_value; unsigned short pad;
        struct rtattr master; unsigned master_value;
        struct rtattr protocol; unsigned char protocol_value[4];
        struct rtattr port; unsigned short port_value; unsigned short port_pad;
    } neighbour_reply = {
        .header = { .nlmsg_len = sizeof neighbour_reply, .nlmsg_type = RTM_NEWNEIGH, .nlmsg_seq = 31 },
        .neighbour = { .ndm_family = AF_INET, .ndm_ifindex = -3, .ndm_state = NUD_REACHABLE | NUD_PERMANENT | 0x100,
                       .ndm_flags = NTF_SELF | NTF_ROUTER, .ndm_type = RTN_LOCAL },
        .address = { RTA_LENGTH(4), NDA_DST }, .address_value = { 10, 0, 0, 1 },
        .vlan = { RTA_LENGTH(2), NDA_VLAN }, .vlan_value = 100,
        .master = { RTA_LENGTH(4), NDA_MASTER }, .master_value = 1,
        .protocol = { RTA_LENGTH(1), NDA_PROTOCOL }, .protocol_value = { RTPROT_STATIC },
        .port = { RTA_LENGTH(2), NDA_PORT }, .port_value = htons(4789),
    };
    sendto(route, &neighbour_reply, sizeof neighbour_reply, MSG_DONTWAIT, NULL, 0);
    struct {
        struct nlmsghdr header; struct fib_rule_hdr rule;
        struct rtattr source; unsigned char source_value[4];
        struct rtattr name; char name_value[4];
        struct rtattr uids; struct fib_rule_uid_range uids_value;
        struct rtattr ports; struct fib_rule_port_range ports_value;
        struct rtattr tunnel; unsigned char tunnel_value[8];
        struct rtattr table; unsigned table_value;
    } rule_reply = {
        .header = { .nlmsg_len = sizeof rule_reply, .nlmsg_type = RTM_NEWRULE, .nlmsg_seq = 32 },
        .rule = { .family = AF_INET, .src_len = 8, .table = RT_TABLE_MAIN, .action = FR_ACT_UNREACHABLE, .flags = FIB_RULE_INVERT | 0x100 },
        .source = { RTA_LENGTH(4), FRA_SRC }, .source_value = { 10, 0, 0, 0 },
        .name = { RTA_LENGTH(3), FRA_IIFNAME }, .name_value = "lo",
        .uids = { RTA_LENGTH(sizeof(struct fib_rule_uid_range)), FRA_UID_RANGE }, .uids_value = { 1000, 2000 },
        .ports = { RTA_LENGTH(sizeof(struct fib_rule_port_range)), FRA_DPORT_RANGE }, .ports_value = { 80, 90 },
        .tunnel = { RTA_LENGTH(8), FRA_TUN_ID }, .tunnel_value = { 0, 0, 0, 0, 0, 0, 0, 42 },
        .table = { RTA_LENGTH(4), FRA_TABLE }, .table_value = 100, /* no name: strace gives no hint here */
    };
    sendto(route, &rule_reply, sizeof rule_reply, MSG_DONTWAIT, NULL, 0);
    struct {
        struct nlmsghdr header; struct tcmsg traffic;
        struct rtattr chain; unsigned chain_value;
        struct rtattr estimator; struct tc_estimator estimator_value; unsigned short estimator_pad;
        struct rtattr stats; struct rtattr rate; struct gnet_stats_rate_est rate_value;
    } qdisc_reply = {
        .header = { .nlmsg_len = sizeof qdisc_reply, .nlmsg_type = RTM_NEWQDISC, .nlmsg_seq = 33 },
        .traffic = { .tcm_family = AF_UNSPEC, .tcm_ifindex = -3, .tcm_handle = 0x10000, .tcm_parent = TC_H_ROOT, .tcm_info = 1 },
        .chain = { RTA_LENGTH(4), TCA_CHAIN }, .chain_value = 7,
        .estimator = { RTA_LENGTH(sizeof(struct tc_estimator)), TCA_RATE }, .estimator_value = { 1, 2 },
        .stats = { RTA_LENGTH(RTA_LENGTH(sizeof(struct gnet_stats_rate_est))), TCA_STATS2 },
        .rate = { RTA_LENGTH(sizeof(struct gnet_stats_rate_est)), TCA_STATS_RATE_EST }, .rate_value = { 1000, 10 },
    };
    sendto(route, &qdisc_reply, sizeof qdisc_reply, MSG_DONTWAIT, NULL, 0);
    struct { struct nlmsghdr header; struct rtgenmsg family; unsigned char pad[3]; struct rtattr nsid; int nsid_value; } nsid_reply = {
        .header = { .nlmsg_len = sizeof nsid_reply, .nlmsg_type = RTM_NEWNSID, .nlmsg_seq = 34 },
        .family = { AF_UNSPEC }, .nsid = { RTA_LENGTH(4), NETNSA_NSID }, .nsid_value = -1,
    };
    sendto(route, &nsid_reply, sizeof nsid_reply, MSG_DONTWAIT, NULL, 0);

    /* NETLINK_SOCK_DIAG: the unix socket pair by its inode, then TCP sockets in no state (an empty dump) */
    struct { struct nlmsghdr header; struct unix_diag_req request; } unix_request = {
        .header = { .nlmsg_len = sizeof unix_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 7 },
        .request = { .sdiag_family = AF_UNIX, .udiag_states = -1, .udiag_ino = pair_stat.st_ino,
                     .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN | UDIAG_SHOW_MEMINFO, .udiag_cookie = { -1, -1 } },
    };
    sendto(diag, &unix_request, sizeof unix_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);
    struct { struct nlmsghdr header; struct inet_diag_req_v2 request; } inet_request = {
        .header = { .nlmsg_len = sizeof inet_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 8 },
        .request = { .sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP, .idiag_ext = 1 << (INET_DIAG_INFO - 1), .idiag_states = 0,
                     .id = { .idiag_sport = htons(80), .idiag_src = { htonl(INADDR_LOOPBACK) }, .idiag_if = 1, .idiag_cookie = { -1, -1 } } },
    };
    sendto(diag, &inet_request, sizeof inet_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);

    /* the TCP listener by its address */
    inet_request.header.nlmsg_flags = NLM_F_REQUEST;
    inet_request.header.nlmsg_seq = 14;
    inet_request.request.idiag_ext = 1 << (INET_DIAG_MEMINFO - 1) | 1 << (INET_DIAG_SKMEMINFO - 1);
    inet_request.request.idiag_states = -1;
    inet_request.request.id.idiag_sport = listening.sin_port;
    inet_request.request.id.idiag_if = 0;
    sendto(diag, &inet_request, sizeof inet_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);

    /* NETLINK_GENERIC: a request to the controller, sent before the socket is bound (strace then does not know its
     * protocol), and its error reply, after the send bound it; the families' numbers are named by the kernel */
    struct { struct nlmsghdr header; struct genlmsghdr generic; struct nlattr name; char name_value[8]; } family = {
        .header = { .nlmsg_len = sizeof family, .nlmsg_type = GENL_ID_CTRL, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 15 },
        .generic = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 },
        .name = { .nla_len = NLA_HDRLEN + 6, .nla_type = CTRL_ATTR_FAMILY_NAME }, .name_value = "nlctrl",
    };
    sendto(generic, &family, sizeof family, 0, NULL, 0);
    recvfrom(generic, reply, sizeof reply, 0, NULL, NULL);
    sendto(generic, &family, sizeof family, MSG_DONTWAIT, NULL, 0);
    recvfrom(generic, reply, sizeof reply, 0, NULL, NULL);

    /* NETLINK_SELINUX and NETLINK_NETFILTER: messages without NLM_F_REQUEST, which the kernel ignores */
    struct { struct nlmsghdr header; struct selnl_msg_setenforce enforce; } enforce = {
        .header = { .nlmsg_len = sizeof enforce, .nlmsg_type = SELNL_MSG_SETENFORCE, .nlmsg_seq = 16 }, .enforce = { 1 },
    };
    sendto(selinux, &enforce, sizeof enforce, MSG_DONTWAIT, NULL, 0);
    enforce.header.nlmsg_type = SELNL_MSG_POLICYLOAD;
    sendto(selinux, &enforce, sizeof enforce, MSG_DONTWAIT, NULL, 0);
    enforce.header.nlmsg_type = 0x12;
    sendto(selinux, &enforce, sizeof enforce, MSG_DONTWAIT, NULL, 0);
    unsigned short netfilter_types[] = {
        (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET, (NFNL_SUBSYS_CTNETLINK << 8) | 0x1f, (0x1e << 8) | 2,
        NFNL_MSG_BATCH_BEGIN, (NFNL_SUBSYS_NFTABLES << 8) | 0, (NFNL_SUBSYS_IPSET << 8) | 1,
    };
    for (unsigned i = 0; i < sizeof netfilter_types / sizeof *netfilter_types; i++) {
        struct { struct nlmsghdr header; struct nfgenmsg netfilter; struct nlattr attribute; } message = {
            .header = { .nlmsg_len = sizeof message, .nlmsg_type = netfilter_types[i], .nlmsg_flags = NLM_F_DUMP | NLM_F_ACK, .nlmsg_seq = 17 },
            .netfilter = { .nfgen_family = AF_INET, .version = NFNETLINK_V0, .res_id = htons(NFNL_SUBSYS_NFTABLES) },
            .attribute = { .nla_len = NLA_HDRLEN, .nla_type = 1 },
        };
        sendto(netfilter, &message, sizeof message, MSG_DONTWAIT, NULL, 0);
    }

    /* NETLINK_XFRM's and NETLINK_AUDIT's types are named; AUDIT_GET only reads the audit status, whose reply is left */
    struct { struct nlmsghdr header; unsigned char data[8]; } named = {
        .header = { .nlmsg_len = sizeof named, .nlmsg_type = XFRM_MSG_GETSA, .nlmsg_flags = NLM_F_DUMP, .nlmsg_seq = 18 },
        .data = { 16, 0, 0, 0, 1, 2, 3, 4 },
    };
    sendto(xfrm, &named, sizeof named, MSG_DONTWAIT, NULL, 0);
    named.header.nlmsg_type = XFRM_MSG_NEWPOLICY;
    sendto(xfrm, &named, sizeof named, MSG_DONTWAIT, NULL, 0);
    named.header.nlmsg_type = AUDIT_GET;
    sendto(audit, &named, sizeof named, MSG_DONTWAIT, NULL, 0);

    /* NETLINK_SOCK_DIAG about netlink sockets: a request for one socket, which the kernel refuses (it only dumps
     * them), and a reply made up here and sent without NLM_F_REQUEST, which the kernel ignores */
    struct { struct nlmsghdr header; struct netlink_diag_req request; } netlink_request = {
        .header = { .nlmsg_len = sizeof netlink_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 19 },
        .request = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL, .ndiag_show = NDIAG_SHOW_MEMINFO | NDIAG_SHOW_FLAGS | 0x100 },
    };
    sendto(diag, &netlink_request, sizeof netlink_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);
    struct {
        struct nlmsghdr header; struct netlink_diag_msg message;
        struct nlattr memory; unsigned memory_value[SK_MEMINFO_VARS + 1];
        struct nlattr flags; unsigned flags_value;
    } netlink_reply = {
        .header = { .nlmsg_len = sizeof netlink_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_seq = 20 },
        .message = { .ndiag_family = AF_NETLINK, .ndiag_type = SOCK_RAW, .ndiag_protocol = NETLINK_ROUTE, .ndiag_state = 7,
                     .ndiag_portid = 1234, .ndiag_ino = 5678, .ndiag_cookie = { 1, 0 } },
        .memory = { .nla_len = NLA_HDRLEN + sizeof netlink_reply.memory_value, .nla_type = NETLINK_DIAG_MEMINFO },
        .memory_value = { 0, 212992, 0, 212992, 0, 0, 0, 0, 0, 7 },
        .flags = { .nla_len = NLA_HDRLEN + 4, .nla_type = NETLINK_DIAG_FLAGS }, .flags_value = NDIAG_FLAG_CB_RUNNING | NDIAG_FLAG_CAP_ACK | 0x400,
    };
    sendto(diag, &netlink_reply, sizeof netlink_reply, MSG_DONTWAIT, NULL, 0);

    /* NETLINK_KOBJECT_UEVENT: text, which strace quotes */
    sendto(uevent, "add@/devices/hatrace\0ACTION=add", 31, MSG_DONTWAIT, NULL, 0);

    close(audit);
    close(xfrm);
    close(uevent);
    close(netfilter);
    close(selinux);
    close(generic);
    close(listener);
    close(pair[0]);
    close(pair[1]);
    close(diag);
    close(route);
    return 0;
}
