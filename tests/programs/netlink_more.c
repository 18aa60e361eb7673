/* More netlink messages, after those of netlink_calls: NETLINK_SOCK_DIAG about an IPv6 TCP listener of its own (its
 * address printed as inet_pton(AF_INET6, ..., &idiag_src)), about packet and SMC sockets (requests the kernel refuses,
 * then made-up replies with every attribute strace decodes), made-up unix and inet replies with the attributes
 * netlink_calls leaves out; then error replies with an extended acknowledgement (NLMSGERR_ATTR_*), capped or not, the
 * kernel's own and made-up ones; made-up NETLINK_ROUTE messages with what netlink_calls leaves raw: a qdisc's size
 * table (TCA_STAB), the bridge multicast database's entries (struct br_mdb_entry) and router ports.
 * The replies' nlmsg_pid, inode numbers, cookies and the listener's port differ from run to run: the test masks them. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/if_packet.h>
#include <linux/lwtunnel.h>
#include <linux/mptcp.h>
#include <linux/inet_diag.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/nexthop.h>
#include <linux/packet_diag.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/smc_diag.h>
#include <linux/sock_diag.h>
#include <linux/tls.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "netlink_built.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static int open_netlink(int protocol)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    struct sockaddr_nl address = { .nl_family = AF_NETLINK };
    bind(fd, (struct sockaddr *)&address, sizeof address);
    return fd;
}

int main(void)
{
    static char reply[65536];
    int route = open_netlink(NETLINK_ROUTE);
    int diag = open_netlink(NETLINK_SOCK_DIAG);
    int listener = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in6 listening = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    socklen_t length = sizeof listening;
    bind(listener, (struct sockaddr *)&listening, sizeof listening);
    listen(listener, 1);
    getsockname(listener, (struct sockaddr *)&listening, &length);
    write(-1, "netlink_more", 12);

    /* the IPv6 listener by its address, with the extensions a listener has */
    struct { struct nlmsghdr header; struct inet_diag_req_v2 request; } inet_request = {
        .header = { .nlmsg_len = sizeof inet_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1 },
        .request = { .sdiag_family = AF_INET6, .sdiag_protocol = IPPROTO_TCP, .idiag_states = -1,
                     .idiag_ext = 1 << (INET_DIAG_MEMINFO - 1) | 1 << (INET_DIAG_TOS - 1) | 1 << (INET_DIAG_TCLASS - 1)
                                  | 1 << (INET_DIAG_SKMEMINFO - 1) | 1 << (INET_DIAG_SHUTDOWN - 1),
                     .id = { .idiag_sport = listening.sin6_port, .idiag_cookie = { INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE } } },
    };
    memcpy(inet_request.request.id.idiag_src, &listening.sin6_addr, 16);
    sendto(diag, &inet_request, sizeof inet_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);

    /* packet sockets: a dump for one protocol, which the kernel refuses (EINVAL), then a made-up reply */
    struct { struct nlmsghdr header; struct packet_diag_req request; } packet_request = {
        .header = { .nlmsg_len = sizeof packet_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 2 },
        .request = { .sdiag_family = AF_PACKET, .sdiag_protocol = 8, .pdiag_ino = 12,
                     .pdiag_show = PACKET_SHOW_INFO | PACKET_SHOW_MCLIST | PACKET_SHOW_RING_CFG | PACKET_SHOW_FANOUT | PACKET_SHOW_MEMINFO | 0x100,
                     .pdiag_cookie = { 1, 2 } },
    };
    sendto(diag, &packet_request, sizeof packet_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);
    struct {
        struct nlmsghdr header; struct packet_diag_msg message;
        struct nlattr info; struct packet_diag_info info_value;
        struct nlattr multicast; struct packet_diag_mclist multicast_value[2];
        struct nlattr rx_ring; struct packet_diag_ring rx_ring_value;
        struct nlattr tx_ring; struct packet_diag_ring tx_ring_value; /* shorter than a ring: in hex */
        struct nlattr fanout; unsigned fanout_value;
        struct nlattr uid; unsigned uid_value;
        struct nlattr memory; unsigned memory_value[9];
    } packet_reply = {
        .header = { .nlmsg_len = sizeof packet_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 2 },
        .message = { .pdiag_family = AF_PACKET, .pdiag_type = SOCK_RAW, .pdiag_num = 0x0800, .pdiag_ino = 99, .pdiag_cookie = { 5, 0 } },
        .info = { NLA_HDRLEN + sizeof(struct packet_diag_info), PACKET_DIAG_INFO },
        .info_value = { .pdi_index = 1, .pdi_version = TPACKET_V3, .pdi_reserve = 4, .pdi_copy_thresh = 5, .pdi_tstamp = 6,
                        .pdi_flags = PDI_RUNNING | PDI_AUXDATA | 0x40 },
        .multicast = { NLA_HDRLEN + 2 * sizeof(struct packet_diag_mclist), PACKET_DIAG_MCLIST },
        .multicast_value = { { .pdmc_index = 1, .pdmc_count = 2, .pdmc_type = 3, .pdmc_alen = 6, .pdmc_addr = { 1, 0x80, 0xc2, 0, 0, 0xe } },
                             { .pdmc_index = 12345, .pdmc_count = 1, .pdmc_alen = 40, .pdmc_addr = "thirty-two bytes at most, shown" } },
        .rx_ring = { NLA_HDRLEN + sizeof(struct packet_diag_ring), PACKET_DIAG_RX_RING }, .rx_ring_value = { 4096, 8, 1024, 32, 100, 1, 2 },
        .tx_ring = { NLA_HDRLEN + sizeof(struct packet_diag_ring) - 4, PACKET_DIAG_TX_RING },
        .fanout = { NLA_HDRLEN + 4, PACKET_DIAG_FANOUT }, .fanout_value = 0x10002,
        .uid = { NLA_HDRLEN + 4, PACKET_DIAG_UID }, .uid_value = 1000,
        .memory = { NLA_HDRLEN + sizeof packet_reply.memory_value, PACKET_DIAG_MEMINFO }, .memory_value = { 1, 2, 3, 4, 5, 6, 7, 8, 9 },
    };
    sendto(diag, &packet_reply, sizeof packet_reply, 0, NULL, 0);

    /* SMC sockets: a request the kernel has no handler for here, then a made-up reply */
    struct { struct nlmsghdr header; struct smc_diag_req request; } smc_request = {
        .header = { .nlmsg_len = sizeof smc_request, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 3 },
        .request = { .diag_family = AF_SMC, .diag_ext = 1 << (SMC_DIAG_CONNINFO - 1) | 1 << (SMC_DIAG_LGRINFO - 1) | 0x20,
                     .id = { .idiag_sport = htons(80), .idiag_src = { htonl(INADDR_LOOPBACK) } } },
    };
    sendto(diag, &smc_request, sizeof smc_request, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);
    struct {
        struct nlmsghdr header; struct smc_diag_msg message;
        struct nlattr connection; struct smc_diag_conninfo connection_value;
        struct nlattr group; struct smc_diag_lgrinfo group_value; unsigned char group_pad[1];
        struct nlattr shutdown; unsigned char shutdown_value; unsigned char shutdown_pad[3];
        struct nlattr unknown_shutdown; unsigned char unknown_shutdown_value; unsigned char unknown_shutdown_pad[3];
        struct nlattr buffer; unsigned char buffer_value[sizeof(struct smcd_diag_dmbinfo)]; /* no padding after the header */
        struct nlattr fallback; struct smc_diag_fallback fallback_value;
    } smc_reply = {
        .header = { .nlmsg_len = sizeof smc_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 3 },
        .message = { .diag_family = AF_SMC, .diag_state = 10, .diag_mode = SMC_DIAG_MODE_SMCD, .diag_shutdown = 3,
                     .id = { .idiag_sport = htons(80), .idiag_src = { htonl(INADDR_LOOPBACK) } }, .diag_uid = 5, .diag_inode = 0x100000006 },
        .connection = { NLA_HDRLEN + sizeof(struct smc_diag_conninfo), SMC_DIAG_CONNINFO },
        .connection_value = { 1, 2, 3, 4, { 5, 6, 7 }, { 8, 9, 10 }, { 1, 2, 3 }, { 4, 5, 6 }, 1, 0, 0x80, 4, { 7, 8, 9 }, { 1, 1, 1 }, { 2, 2, 2 } },
        .group = { NLA_HDRLEN + sizeof(struct smc_diag_lgrinfo), SMC_DIAG_LGRINFO },
        .group_value = { { { 1, "mlx5_0", 1, "fe80::1", "fe80::2" } }, 1 },
        .shutdown = { NLA_HDRLEN + 1, SMC_DIAG_SHUTDOWN }, .shutdown_value = 3 | 0x10,
        .unknown_shutdown = { NLA_HDRLEN + 1, SMC_DIAG_SHUTDOWN }, .unknown_shutdown_value = 0x8,
        .buffer = { NLA_HDRLEN + sizeof(struct smcd_diag_dmbinfo), SMC_DIAG_DMBINFO },
        .fallback = { NLA_HDRLEN + sizeof(struct smc_diag_fallback), SMC_DIAG_FALLBACK }, .fallback_value = { 0x3010000, 0x99990003 },
    };
    struct smcd_diag_dmbinfo buffer = { .linkid = 1, .peer_gid = 0x1122334455667788, .my_gid = 0, .token = 3, .peer_token = 4 };
    memcpy(smc_reply.buffer_value, &buffer, sizeof buffer);
    sendto(diag, &smc_reply, sizeof smc_reply, 0, NULL, 0);

    /* unix and inet replies with the attributes netlink_calls leaves out */
    struct {
        struct nlmsghdr header; struct unix_diag_msg message;
        struct nlattr shutdown; unsigned char shutdown_value; unsigned char pad[3];
        struct nlattr icons; unsigned icons_value[3];
    } unix_reply = {
        .header = { .nlmsg_len = sizeof unix_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 4 },
        .message = { .udiag_family = AF_UNIX, .udiag_type = SOCK_STREAM, .udiag_state = 10, .udiag_ino = 5 },
        .shutdown = { NLA_HDRLEN + 1, UNIX_DIAG_SHUTDOWN }, .shutdown_value = 3,
        .icons = { NLA_HDRLEN + sizeof unix_reply.icons_value, UNIX_DIAG_ICONS }, .icons_value = { 7, 8, 9 },
    };
    sendto(diag, &unix_reply, sizeof unix_reply, 0, NULL, 0);
    struct {
        struct nlmsghdr header; struct inet_diag_msg message;
        struct nlattr shutdown; unsigned char shutdown_value; unsigned char pad[3];
        struct nlattr unknown_shutdown; unsigned char unknown_shutdown_value; unsigned char unknown_pad[3];
        struct nlattr no_shutdown; unsigned char no_shutdown_value; unsigned char no_pad[3];
        struct nlattr vegas; struct tcpvegas_info vegas_value;
        struct nlattr dctcp; struct tcp_dctcp_info dctcp_value;
        struct nlattr protocol; unsigned char protocol_value; unsigned char protocol_pad[3];
        struct nlattr congestion; char congestion_value[4];
    } inet_reply = {
        .header = { .nlmsg_len = sizeof inet_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 5 },
        .message = { .idiag_family = AF_INET6, .idiag_state = 1, .id = { .idiag_sport = htons(443), .idiag_dport = htons(40000) } },
        .shutdown = { NLA_HDRLEN + 1, INET_DIAG_SHUTDOWN }, .shutdown_value = 3 | 0x20,
        .unknown_shutdown = { NLA_HDRLEN + 1, INET_DIAG_SHUTDOWN }, .unknown_shutdown_value = 4,
        .no_shutdown = { NLA_HDRLEN + 1, INET_DIAG_SHUTDOWN }, .no_shutdown_value = 0,
        .vegas = { NLA_HDRLEN + sizeof(struct tcpvegas_info), INET_DIAG_VEGASINFO }, .vegas_value = { 1, 2, 3, 4 },
        .dctcp = { NLA_HDRLEN + sizeof(struct tcp_dctcp_info), INET_DIAG_DCTCPINFO }, .dctcp_value = { 1, 2, 3, 4, 5 },
        .protocol = { NLA_HDRLEN + 1, INET_DIAG_PROTOCOL }, .protocol_value = IPPROTO_SCTP,
        .congestion = { NLA_HDRLEN + 4, INET_DIAG_CONG }, .congestion_value = "bbr2", /* no NUL: printed as cut short */
    };
    inet_pton(AF_INET6, "2001:db8::1", inet_reply.message.id.idiag_src);
    inet_pton(AF_INET6, "::ffff:192.0.2.1", inet_reply.message.id.idiag_dst);
    sendto(diag, &inet_reply, sizeof inet_reply, 0, NULL, 0);

    /* an inet request with its attributes in the same buffer: a filter's bytecode (its first operation, then the rest
     * in hex), one operation alone, a protocol; a netlink socket's reply with its groups and rings, its states named
     * and not */
    struct {
        struct nlmsghdr header; struct inet_diag_req_v2 request;
        struct nlattr code; struct inet_diag_bc_op code_value[2]; unsigned char code_rest[3]; unsigned char code_pad;
        struct nlattr one; struct inet_diag_bc_op one_value;
        struct nlattr protocol; unsigned protocol_value;
    } filtered = {
        .header = { .nlmsg_len = sizeof filtered, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 6 },
        .request = { .sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP, .idiag_states = 1 << 10 },
        .code = { NLA_HDRLEN + 2 * sizeof(struct inet_diag_bc_op) + 3, INET_DIAG_REQ_BYTECODE },
        .code_value = { { INET_DIAG_BC_S_GE, 8, 12 }, { 20, 1, 2 } }, .code_rest = { 3, 4, 5 },
        .one = { NLA_HDRLEN + sizeof(struct inet_diag_bc_op), INET_DIAG_REQ_BYTECODE }, .one_value = { INET_DIAG_BC_CGROUP_COND, 4, 8 },
        .protocol = { NLA_HDRLEN + 4, INET_DIAG_REQ_PROTOCOL }, .protocol_value = IPPROTO_UDP,
    };
    sendto(diag, &filtered, sizeof filtered, 0, NULL, 0);
    recvfrom(diag, reply, sizeof reply, 0, NULL, NULL);
    /* what each operation takes after it: a port in a second operation, an interface, a mark, a host (IPv4, IPv6,
     * cut short, of another family) */
    struct { unsigned char code; unsigned length; unsigned char argument[24]; } operations[] = {
        { INET_DIAG_BC_D_LE, 4, { INET_DIAG_BC_S_GE, 32, 80, 0 } },
        { INET_DIAG_BC_DEV_COND, 8, { 2, 0, 0, 0, 9, 9, 9, 9 } },
        { INET_DIAG_BC_MARK_COND, 8, { 1, 0, 0, 0, 255, 255, 0, 0 } },
        { INET_DIAG_BC_MARK_COND, 4, { 1, 0, 0, 0 } },
        { INET_DIAG_BC_S_COND, 12, { AF_INET, 24, 0, 0, 80, 0, 0, 0, 10, 1, 2, 0 } },
        { INET_DIAG_BC_D_COND, 24, { AF_INET6, 64, 0, 0, 255, 255, 255, 255, 0xfe, 0x80, [23] = 1 } },
        { INET_DIAG_BC_D_COND, 20, { AF_INET6, 64, 0, 0, 1, 0, 0, 0, 0xfe, 0x80, [19] = 1 } },
        { INET_DIAG_BC_S_COND, 8, { AF_UNSPEC, 0, 0, 0, 0, 0, 0, 0 } },
        { INET_DIAG_BC_S_COND, 16, { 99, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 } },
        { INET_DIAG_BC_JMP, 2, { 1, 2 } },
    };
    for (unsigned i = 0; i < sizeof operations / sizeof operations[0]; i++) {
        struct { struct nlmsghdr header; struct inet_diag_req_v2 request; struct nlattr code; struct inet_diag_bc_op operation; unsigned char argument[24]; } one = {
            .header = { .nlmsg_len = sizeof one, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 20 + i },
            .request = { .sdiag_family = AF_INET6, .sdiag_protocol = IPPROTO_TCP },
            .code = { NLA_HDRLEN + sizeof(struct inet_diag_bc_op) + operations[i].length, INET_DIAG_REQ_BYTECODE },
            .operation = { operations[i].code, 4, 8 },
        };
        memcpy(one.argument, operations[i].argument, sizeof one.argument);
        one.header.nlmsg_len = NLMSG_LENGTH(sizeof one.request) + NLA_ALIGN(one.code.nla_len);
        sendto(diag, &one, one.header.nlmsg_len, 0, NULL, 0);
    }
    for (unsigned char state = 0; state < 3; state++) {
        struct {
            struct nlmsghdr header; struct netlink_diag_msg message;
            struct nlattr groups; unsigned long long groups_value[3];
            struct nlattr rx_ring; struct netlink_diag_ring rx_ring_value;
            struct nlattr tx_ring; struct netlink_diag_ring tx_ring_value;
        } netlink_reply = {
            .header = { .nlmsg_len = sizeof netlink_reply, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 7 },
            .message = { .ndiag_family = AF_NETLINK, .ndiag_type = SOCK_DGRAM, .ndiag_protocol = NETLINK_GENERIC, .ndiag_state = state * 5 },
            .groups = { NLA_HDRLEN + sizeof netlink_reply.groups_value, NETLINK_DIAG_GROUPS }, .groups_value = { 0, 0x123456789, 0x8000000000000001 },
            .rx_ring = { NLA_HDRLEN + sizeof(struct netlink_diag_ring), NETLINK_DIAG_RX_RING }, .rx_ring_value = { 4096, 2, 2048, 4 },
            .tx_ring = { NLA_HDRLEN + sizeof(struct netlink_diag_ring), NETLINK_DIAG_TX_RING }, .tx_ring_value = { 1, 2, 3, 4 },
        };
        sendto(diag, &netlink_reply, sizeof netlink_reply, 0, NULL, 0);
    }

    /* an inet reply's upper layer protocol (INET_DIAG_ULP_INFO): its name, kernel TLS's and an MPTCP subflow's
     * attributes, values named and not, one too short */
    struct nlmsghdr ulp_header = { .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 8 };
    struct inet_diag_msg ulp_message = { .idiag_family = AF_INET, .idiag_state = 1 };
    built_length = sizeof ulp_header;
    memcpy(built + built_length, &ulp_message, sizeof ulp_message);
    built_length += sizeof ulp_message;
    unsigned ulp = nest(INET_DIAG_ULP_INFO);
    attribute(INET_ULP_INFO_NAME, "tls", 4);
    unsigned tls = nest(INET_ULP_INFO_TLS);
    unsigned short tls_values[] = { TLS_1_3_VERSION, TLS_CIPHER_CHACHA20_POLY1305, TLS_CONF_SW, TLS_CONF_HW_RECORD, 0x305, 99 };
    for (unsigned short i = 0; i < 6; i++)
        attribute(i < 4 ? TLS_INFO_VERSION + i : TLS_INFO_VERSION + i - 4, &tls_values[i], 2);
    unsigned char one = 1;
    unsigned token = 0xabc;
    attribute(TLS_INFO_VERSION, &one, 1);
    attribute(TLS_INFO_ZC_RO_TX, &token, 4);
    end_nest(tls);
    unsigned subflow = nest(INET_ULP_INFO_MPTCP);
    unsigned long long sequence = 0x123456789;
    unsigned short data_length = 11;
    unsigned subflow_flags[] = { MPTCP_SUBFLOW_FLAG_MCAP_REM | MPTCP_SUBFLOW_FLAG_CONNECTED | 0x400, 0x400 };
    attribute(MPTCP_SUBFLOW_ATTR_TOKEN_REM, &token, 4);
    attribute(MPTCP_SUBFLOW_ATTR_TOKEN_LOC, &token, 4);
    attribute(MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ, &token, 4);
    attribute(MPTCP_SUBFLOW_ATTR_MAP_SEQ, &sequence, 8);
    attribute(MPTCP_SUBFLOW_ATTR_MAP_SFSEQ, &token, 4);
    attribute(MPTCP_SUBFLOW_ATTR_SSN_OFFSET, &token, 4);
    attribute(MPTCP_SUBFLOW_ATTR_MAP_DATALEN, &data_length, 2);
    attribute(MPTCP_SUBFLOW_ATTR_FLAGS, &subflow_flags[0], 4);
    attribute(MPTCP_SUBFLOW_ATTR_FLAGS, &subflow_flags[1], 4);
    attribute(MPTCP_SUBFLOW_ATTR_ID_REM, &one, 1);
    attribute(MPTCP_SUBFLOW_ATTR_ID_LOC, &one, 1);
    attribute(MPTCP_SUBFLOW_ATTR_PAD, &token, 4);
    end_nest(subflow);
    end_nest(ulp);
    ulp_header.nlmsg_len = built_length;
    memcpy(built, &ulp_header, sizeof ulp_header);
    sendto(diag, built, built_length, 0, NULL, 0);

    /* the kernel's extended acknowledgement: a link of a kind it does not know, asked with NETLINK_EXT_ACK, capped
     * (NETLINK_CAP_ACK) and then not */
    int on = 1;
    setsockopt(route, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
    setsockopt(route, SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
    struct {
        struct nlmsghdr header; struct ifinfomsg link;
        struct rtattr name; char name_value[8];
        struct rtattr info; struct rtattr kind; char kind_value[12];
    } link_request = {
        .header = { .nlmsg_len = sizeof link_request, .nlmsg_type = RTM_NEWLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, .nlmsg_seq = 6 },
        .link = { .ifi_family = AF_UNSPEC },
        .name = { RTA_LENGTH(8), IFLA_IFNAME }, .name_value = "hatrace",
        .info = { RTA_LENGTH(RTA_LENGTH(12)), IFLA_LINKINFO }, .kind = { RTA_LENGTH(12), IFLA_INFO_KIND }, .kind_value = "no-such-kin",
    };
    sendto(route, &link_request, sizeof link_request, 0, NULL, 0);
    recvfrom(route, reply, sizeof reply, 0, NULL, NULL);
    on = 0;
    setsockopt(route, SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
    link_request.header.nlmsg_seq = 7;
    sendto(route, &link_request, sizeof link_request, 0, NULL, 0);
    recvfrom(route, reply, sizeof reply, 0, NULL, NULL);

    /* a qdisc with a size table (its cell alignment and overhead negative, an attribute of type 0), and multicast
     * database entries: an IPv4 and an IPv6 group, a group of another protocol with a state and flags no name covers */
    struct {
        struct nlmsghdr header; struct tcmsg traffic;
        struct rtattr table; struct rtattr base; struct tc_sizespec base_value;
        struct rtattr data; unsigned short data_value[3]; unsigned short data_pad;
        struct rtattr unspec; unsigned unspec_value;
    } qdisc = {
        .header = { .nlmsg_len = sizeof qdisc, .nlmsg_type = RTM_NEWQDISC, .nlmsg_seq = 13 },
        .traffic = { .tcm_family = AF_UNSPEC, .tcm_ifindex = 1, .tcm_handle = 0x10000, .tcm_parent = TC_H_ROOT },
        .table = { RTA_LENGTH(RTA_LENGTH(sizeof(struct tc_sizespec)) + RTA_LENGTH(6) + 2 + RTA_LENGTH(4)), TCA_STAB },
        .base = { RTA_LENGTH(sizeof(struct tc_sizespec)), TCA_STAB_BASE }, .base_value = { 1, 2, -3, -4, 5, 6, 7, 3 },
        .data = { RTA_LENGTH(6), TCA_STAB_DATA }, .data_value = { 7, 8, 65535 },
        .unspec = { RTA_LENGTH(4), TCA_STAB_UNSPEC }, .unspec_value = 9,
    };
    sendto(route, &qdisc, sizeof qdisc, 0, NULL, 0);
    struct mdb_group { struct rtattr info; struct br_mdb_entry entry; };
    struct {
        struct nlmsghdr header; struct br_port_msg port;
        struct rtattr database; struct rtattr entries; struct mdb_group group[3];
        struct rtattr routers; struct rtattr router; unsigned router_value;
    } mdb = {
        .header = { .nlmsg_len = sizeof mdb, .nlmsg_type = RTM_NEWMDB, .nlmsg_seq = 14 },
        .port = { .family = AF_BRIDGE, .ifindex = 1 },
        .database = { RTA_LENGTH(RTA_LENGTH(sizeof mdb.group)), MDBA_MDB },
        .entries = { RTA_LENGTH(sizeof mdb.group), MDBA_MDB_ENTRY },
        .group = {
            { { RTA_LENGTH(sizeof(struct br_mdb_entry)), MDBA_MDB_ENTRY_INFO },
              { .ifindex = 1, .state = MDB_PERMANENT, .flags = MDB_FLAGS_OFFLOAD | MDB_FLAGS_BLOCKED, .vid = 5, .addr = { .proto = htons(AF_INET) } } },
            { { RTA_LENGTH(sizeof(struct br_mdb_entry)), MDBA_MDB_ENTRY_INFO },
              { .ifindex = 12345, .state = MDB_TEMPORARY, .vid = 0, .addr = { .proto = htons(AF_INET6) } } },
            { { RTA_LENGTH(sizeof(struct br_mdb_entry)), MDBA_MDB_ENTRY_INFO },
              { .ifindex = 1, .state = 7, .flags = 0x30, .vid = 4095, .addr = { .u = { .mac_addr = { 1, 0, 0x5e, 0, 0, 1 } }, .proto = htons(0x88f7) } } },
        },
        .routers = { RTA_LENGTH(RTA_LENGTH(4)), MDBA_ROUTER }, .router = { RTA_LENGTH(4), MDBA_ROUTER_PORT }, .router_value = 1,
    };
    inet_pton(AF_INET, "239.1.2.3", &mdb.group[0].entry.addr.u.ip4);
    inet_pton(AF_INET6, "ff02::1:ff00:1", &mdb.group[1].entry.addr.u.ip6);
    sendto(route, &mdb, sizeof mdb, 0, NULL, 0);

    /* attribute types with their flags: each flag prints by itself under -X raw and -X verbose */
    struct { struct nlmsghdr header; struct ifinfomsg link; struct rtattr attribute[5]; } flagged = {
        .header = { .nlmsg_len = sizeof flagged, .nlmsg_type = RTM_NEWLINK, .nlmsg_seq = 16 },
        .attribute = { { RTA_LENGTH(0), NLA_F_NESTED | IFLA_MTU }, { RTA_LENGTH(0), NLA_F_NET_BYTEORDER | IFLA_MTU },
                       { RTA_LENGTH(0), NLA_F_NESTED | NLA_F_NET_BYTEORDER | IFLA_MTU }, { RTA_LENGTH(0), NLA_F_NESTED | NLA_F_NET_BYTEORDER | 0x3fff },
                       { RTA_LENGTH(0), NLA_F_NESTED | NLA_F_NET_BYTEORDER } },
    };
    sendto(route, &flagged, sizeof flagged, 0, NULL, 0);

    /* kinds of route messages netlink_calls leaves out: multicast and anycast addresses (struct ifaddrmsg), a cache
     * report (a family, then bytes), a chain (struct tcmsg); RTM_NEWTUNNEL, which strace 6.1 does not name */
    unsigned short kinds[] = { RTM_GETMULTICAST, RTM_GETANYCAST, RTM_NEWCACHEREPORT, RTM_NEWCHAIN, RTM_NEWNEXTHOPBUCKET + 4 };
    for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        struct { struct nlmsghdr header; unsigned char payload[20]; struct rtattr attribute; unsigned value; } kind = {
            .header = { .nlmsg_len = sizeof kind, .nlmsg_type = kinds[i], .nlmsg_seq = 17 },
            .payload = { AF_INET6, 64, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 },
            .attribute = { RTA_LENGTH(4), 1 }, .value = 7,
        };
        sendto(route, &kind, sizeof kind, 0, NULL, 0);
    }

    /* strings: an abstract socket's name (a NUL first, none last), names with NULs inside, one of NULs only */
    struct { struct nlmsghdr header; struct unix_diag_msg message; struct nlattr name; char name_value[12]; } abstract = {
        .header = { .nlmsg_len = sizeof abstract, .nlmsg_type = SOCK_DIAG_BY_FAMILY, .nlmsg_flags = NLM_F_MULTI, .nlmsg_seq = 18 },
        .message = { .udiag_family = AF_UNIX, .udiag_type = SOCK_STREAM, .udiag_state = 10 },
        .name = { NLA_HDRLEN + 10, UNIX_DIAG_NAME },
    };
    memcpy(abstract.name_value, "\0abs\0x\0\0yz", 10);
    sendto(diag, &abstract, sizeof abstract, 0, NULL, 0);
    struct nlmsghdr names_header = { .nlmsg_type = RTM_NEWLINK, .nlmsg_seq = 19 };
    struct ifinfomsg names_link = { .ifi_family = AF_UNSPEC };
    built_length = sizeof names_header;
    memcpy(built + built_length, &names_link, sizeof names_link);
    built_length += sizeof names_link;
    attribute(IFLA_IFNAME, "ab\0cd\0\0", 7);
    attribute(IFLA_IFNAME, "ab\0\0\0\0\0\0", 8);
    attribute(IFLA_IFNAME, "\0", 1);
    unsigned info = nest(IFLA_LINKINFO);
    attribute(IFLA_INFO_KIND, "ab\0cd\0\0", 7); /* a link's kind prints up to its first NUL */
    attribute(IFLA_INFO_SLAVE_KIND, "bond\0", 5);
    end_nest(info);
    names_header.nlmsg_len = built_length;
    memcpy(built, &names_header, sizeof names_header);
    sendto(route, built, built_length, 0, NULL, 0);

    /* nexthops (struct nhmsg, NHA_*): a group, its type, an interface, gateways of the message's family (an IPv4
     * one read from a longer payload), an encapsulation, flags without payload, a resilient group and bucket */
    for (unsigned char family = AF_INET; family <= AF_INET6; family += AF_INET6 - AF_INET) {
        struct nlmsghdr nexthop_header = { .nlmsg_type = RTM_NEWNEXTHOP, .nlmsg_seq = 20 };
        struct nhmsg nexthop = { .nh_family = family, .nh_scope = RT_SCOPE_LINK, .nh_protocol = RTPROT_STATIC, .nh_flags = RTNH_F_ONLINK | 0x1000 };
        built_length = sizeof nexthop_header;
        memcpy(built + built_length, &nexthop, sizeof nexthop);
        built_length += sizeof nexthop;
        unsigned id = 5, interface = 1;
        unsigned short group_type = NEXTHOP_GRP_TYPE_RES, encapsulation = LWTUNNEL_ENCAP_IP6, buckets = 8;
        struct nexthop_grp group[2] = { { .id = 1, .weight = 2 }, { .id = 3, .weight = 4 } };
        unsigned char gateway[16] = { 0xfe, 0x80, [15] = 1 };
        unsigned long long idle = 12345;
        unsigned timer = 100, zero = 0;
        attribute(NHA_ID, &id, 4);
        attribute(NHA_GROUP, group, sizeof group);
        attribute(NHA_GROUP_TYPE, &group_type, 2);
        attribute(NHA_BLACKHOLE, "", 0);
        attribute(NHA_OIF, &interface, 4);
        attribute(NHA_GATEWAY, gateway, 16);
        attribute(NHA_GATEWAY, gateway, 4);
        attribute(NHA_ENCAP_TYPE, &encapsulation, 2);
        attribute(NHA_ENCAP, &id, 4);
        attribute(NHA_MASTER, &interface, 4);
        unsigned resilient = nest(NHA_RES_GROUP);
        attribute(NHA_RES_GROUP_BUCKETS, &buckets, 2);
        attribute(NHA_RES_GROUP_IDLE_TIMER, &timer, 4);
        attribute(NHA_RES_GROUP_UNBALANCED_TIMER, &zero, 4);
        attribute(NHA_RES_GROUP_UNBALANCED_TIME, &idle, 8);
        end_nest(resilient);
        unsigned bucket = nest(NHA_RES_BUCKET);
        attribute(NHA_RES_BUCKET_INDEX, &buckets, 2);
        attribute(NHA_RES_BUCKET_IDLE_TIME, &idle, 8);
        attribute(NHA_RES_BUCKET_NH_ID, &id, 4);
        end_nest(bucket);
        nexthop_header.nlmsg_len = built_length;
        memcpy(built, &nexthop_header, sizeof nexthop_header);
        sendto(route, built, built_length, 0, NULL, 0);
    }

    /* nftables messages whose resource is a subsystem strace does not name there (only NFNL_SUBSYS_NFTABLES) */
    int netfilter = open_netlink(NETLINK_NETFILTER);
    for (unsigned short resource = 0; resource < 3; resource++) {
        struct { struct nlmsghdr header; struct nfgenmsg netfilter; } table = {
            .header = { .nlmsg_len = sizeof table, .nlmsg_type = NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETTABLE, .nlmsg_seq = 15 },
            .netfilter = { .nfgen_family = AF_INET, .version = NFNETLINK_V0, .res_id = htons(resource * 5) },
        };
        sendto(netfilter, &table, sizeof table, MSG_DONTWAIT, NULL, 0);
    }

    /* made-up acknowledgements: every attribute, capped; the request echoed whole and the attributes after it; no
     * attribute; bytes after a capped header without NLM_F_ACK_TLVS; a message without its NUL, an offset too short */
    struct {
        struct nlmsghdr header; struct nlmsgerr error;
        struct nlattr message; char message_value[12];
        struct nlattr offset; unsigned offset_value;
        struct nlattr cookie; unsigned char cookie_value[12];
        struct nlattr policy; unsigned policy_value;
        struct nlattr missing; unsigned missing_value;
        struct nlattr nest; unsigned nest_value;
        struct nlattr unknown; unsigned unknown_value;
    } capped = {
        .header = { .nlmsg_len = sizeof capped, .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS, .nlmsg_seq = 8 },
        .error = { .error = -22, .msg = { .nlmsg_len = 40, .nlmsg_type = RTM_NEWLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 8 } },
        .message = { NLA_HDRLEN + 12, NLMSGERR_ATTR_MSG }, .message_value = "bad request",
        .offset = { NLA_HDRLEN + 4, NLMSGERR_ATTR_OFFS }, .offset_value = 20,
        .cookie = { NLA_HDRLEN + 12, NLMSGERR_ATTR_COOKIE }, .cookie_value = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255 },
        .policy = { NLA_HDRLEN + 4, NLMSGERR_ATTR_POLICY }, .policy_value = 7,
        .missing = { NLA_HDRLEN + 4, NLMSGERR_ATTR_MISS_TYPE }, .missing_value = 3,
        .nest = { NLA_HDRLEN + 4, NLMSGERR_ATTR_MISS_NEST }, .nest_value = 4,
        .unknown = { NLA_HDRLEN + 4, 9 }, .unknown_value = 1,
    };
    sendto(route, &capped, sizeof capped, 0, NULL, 0);
    struct {
        struct nlmsghdr header; struct nlmsgerr error; struct rtgenmsg family; unsigned char pad[3];
        struct nlattr offset; unsigned offset_value;
    } whole = {
        .header = { .nlmsg_len = sizeof whole, .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_ACK_TLVS, .nlmsg_seq = 9 },
        .error = { .error = -95, .msg = { .nlmsg_len = NLMSG_LENGTH(1), .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 9 } },
        .family = { AF_INET }, .offset = { NLA_HDRLEN + 4, NLMSGERR_ATTR_OFFS }, .offset_value = 16,
    };
    sendto(route, &whole, sizeof whole, 0, NULL, 0);
    struct { struct nlmsghdr header; struct nlmsgerr error; } bare = {
        .header = { .nlmsg_len = sizeof bare, .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS, .nlmsg_seq = 10 },
        .error = { .error = 0, .msg = { .nlmsg_len = 40, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK, .nlmsg_seq = 10 } },
    };
    sendto(route, &bare, sizeof bare, 0, NULL, 0);
    struct { struct nlmsghdr header; struct nlmsgerr error; unsigned extra; } extra = {
        .header = { .nlmsg_len = sizeof extra, .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_CAPPED, .nlmsg_seq = 11 },
        .error = { .error = -1, .msg = { .nlmsg_len = 40, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 11 } },
        .extra = 0x01020304,
    };
    sendto(route, &extra, sizeof extra, 0, NULL, 0);
    struct {
        struct nlmsghdr header; struct nlmsgerr error;
        struct nlattr message; char message_value[4];
        struct nlattr offset; unsigned short offset_value; unsigned short pad;
    } short_values = {
        .header = { .nlmsg_len = sizeof short_values, .nlmsg_type = NLMSG_ERROR, .nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS, .nlmsg_seq = 12 },
        .error = { .error = -95, .msg = { .nlmsg_len = 40, .nlmsg_type = RTM_GETLINK, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 12 } },
        .message = { NLA_HDRLEN + 4, NLMSGERR_ATTR_MSG }, .message_value = "abcd",
        .offset = { NLA_HDRLEN + 2, NLMSGERR_ATTR_OFFS }, .offset_value = 3,
    };
    sendto(route, &short_values, sizeof short_values, 0, NULL, 0);
    return 0;
}
