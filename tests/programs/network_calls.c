/* Socket calls whose text tests compare with strace's, and addresses of several families. Loopback and a unix socket
 * in a scratch directory only; the unix socket's path is relative to that directory so that it prints the same on
 * every run. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_alg.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_xdp.h>
#include <linux/mctp.h>
#include <linux/netlink.h>
#include <linux/qrtr.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/vm_sockets.h> /* after sys/socket.h, whose sa_family_t it takes */

static void unix_stream(void)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strcpy(address.sun_path, "sock");
    int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bind(listener, (struct sockaddr *)&address, sizeof address);
    listen(listener, 5);
    int client = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(client, (struct sockaddr *)&address, offsetof(struct sockaddr_un, sun_path) + 5);
    struct sockaddr_un peer;
    socklen_t length = sizeof peer;
    int server = accept4(listener, (struct sockaddr *)&peer, &length, SOCK_CLOEXEC);
    length = sizeof peer;
    getsockname(listener, (struct sockaddr *)&peer, &length);
    length = sizeof peer;
    getpeername(client, (struct sockaddr *)&peer, &length);

    char buffer[32];
    sendto(client, "hello", 5, MSG_NOSIGNAL, NULL, 0);
    recvfrom(server, buffer, sizeof buffer, 0, NULL, NULL);
    struct iovec out[2] = { { "abc", 3 }, { "defg", 4 } };
    struct msghdr message = { .msg_iov = out, .msg_iovlen = 2 };
    sendmsg(client, &message, 0);
    struct iovec in[2] = { { buffer, 4 }, { buffer + 4, 8 } };
    struct msghdr received = { .msg_iov = in, .msg_iovlen = 2 };
    recvmsg(server, &received, MSG_DONTWAIT);
    recvmsg(server, &received, MSG_DONTWAIT);

    int one = 1, value = 0;
    setsockopt(server, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
    length = sizeof value;
    getsockopt(server, SOL_SOCKET, SO_TYPE, &value, &length);
    struct linger linger = { 1, 5 };
    setsockopt(server, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    length = sizeof linger;
    getsockopt(server, SOL_SOCKET, SO_LINGER, &linger, &length);
    shutdown(client, SHUT_WR);
    shutdown(server, SHUT_RDWR);
    close(server);
    close(client);
    close(listener);
    unlink("sock");
}

static void unix_datagram(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, pair);
    send(pair[0], "x", 1, 0);
    char buffer[8];
    recv(pair[1], buffer, sizeof buffer, MSG_PEEK);
    struct sockaddr_un from;
    socklen_t length = sizeof from;
    recvfrom(pair[1], buffer, sizeof buffer, 0, (struct sockaddr *)&from, &length);
    recv(pair[1], buffer, sizeof buffer, MSG_PROXY | MSG_DONTWAIT); /* the kernel's MSG_PROBE; nothing left to read: EAGAIN */

    /* A descriptor passed as a control message, and a message whose sender has no name. */
    int passed = 0;
    char control[CMSG_SPACE(sizeof passed)];
    memset(control, 0, sizeof control);
    struct iovec data = { buffer, 1 };
    struct msghdr message = { .msg_iov = &data, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control };
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof passed);
    memcpy(CMSG_DATA(header), &passed, sizeof passed);
    sendmsg(pair[0], &message, 0);
    char received[64];
    struct msghdr reply = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &data, .msg_iovlen = 1,
                            .msg_control = received, .msg_controllen = sizeof received };
    int got = recvmsg(pair[1], &reply, MSG_CMSG_CLOEXEC);
    if (got > 0 && CMSG_FIRSTHDR(&reply) != NULL)
    {
        memcpy(&passed, CMSG_DATA(CMSG_FIRSTHDR(&reply)), sizeof passed);
        close(passed);
    }

    struct iovec one = { "one", 3 }, three = { "three", 5 };
    struct mmsghdr messages[2] = { { .msg_hdr = { .msg_iov = &one, .msg_iovlen = 1 } },
                                   { .msg_hdr = { .msg_iov = &three, .msg_iovlen = 1 } } };
    sendmmsg(pair[0], messages, 2, 0);
    char first[8], second[8];
    struct iovec into_first = { first, sizeof first }, into_second = { second, sizeof second };
    struct mmsghdr replies[2] = { { .msg_hdr = { .msg_iov = &into_first, .msg_iovlen = 1 } },
                                  { .msg_hdr = { .msg_iov = &into_second, .msg_iovlen = 1 } } };
    recvmmsg(pair[1], replies, 2, MSG_DONTWAIT, NULL);
    recvmmsg(pair[1], replies, 2, MSG_DONTWAIT, NULL);
    close(pair[0]);
    close(pair[1]);
}

static void inet(void)
{
    struct sockaddr_in refused = { .sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int one = 1;
    setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    connect(tcp, (struct sockaddr *)&refused, sizeof refused);
    close(tcp);

    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    sendto(udp, "ping", 4, 0, (struct sockaddr *)&refused, sizeof refused);
    close(udp);

    struct sockaddr_in6 loopback6 = { .sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    int udp6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    sendto(udp6, "ping", 4, MSG_DONTWAIT, (struct sockaddr *)&loopback6, sizeof loopback6);
    close(udp6);

    /* An AF_PACKET socket's protocol is an Ethernet protocol id in network order */
    close(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
    close(socket(AF_PACKET, SOCK_DGRAM, htons(0x1234)));

    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    int netlink = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    bind(netlink, (struct sockaddr *)&kernel, sizeof kernel);
    close(netlink);
}

static void unusual(void)
{
    syscall(SYS_socket, 12345, 77, 0);
    syscall(SYS_socket, AF_INET, SOCK_STREAM, 999);
    syscall(SYS_connect, -1, 1L, 16);
    struct sockaddr odd = { .sa_family = 4321 };
    syscall(SYS_connect, -1, &odd, (long)sizeof odd);
    syscall(SYS_shutdown, -1, 7);
    int value = 3;
    syscall(SYS_setsockopt, -1, 9999, 1, &value, 4L);
    syscall(SYS_listen, -1, 0);
    socklen_t length = sizeof odd;
    syscall(SYS_accept, -1, 0L, &length); /* no address: its length is not read, its address prints */
}

/* Addresses of other families, given to a descriptor that is not open (no privilege needed): a packet socket's (the
 * loopback device, then every field unknown, then one byte too short, then a hardware address longer than sll_addr in
 * an address long enough for it), netlink's (groups and padding set), a vsock's (reserved bytes set too, then flags
 * unknown), AF_ALG's (names whole, cut by the address's length, filling their arrays), AF_XDP's, AF_QIPCRTR's and
 * AF_MCTP's (named values, unknown ones, padding set, too short), and one of a family nobody decodes, longer than
 * struct sockaddr, whose bytes all print. */
static void other_families(void)
{
    struct sockaddr_ll packet = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = 1,
        .sll_hatype = 1, .sll_pkttype = PACKET_BROADCAST, .sll_halen = 6, .sll_addr = {1, 2, 3, 4, 5, 6} };
    syscall(SYS_bind, 99, &packet, (long)sizeof packet);
    packet = (struct sockaddr_ll){ .sll_family = AF_PACKET, .sll_protocol = htons(0x1234), .sll_ifindex = 0x7ffffff0,
        .sll_hatype = 0x7777, .sll_pkttype = 99, .sll_halen = 12, .sll_addr = {1, 2, 3, 4, 5, 6, 7, 8} };
    syscall(SYS_bind, 99, &packet, (long)sizeof packet);
    syscall(SYS_bind, 99, &packet, (long)sizeof packet - 1);
    struct sockaddr_vm vsock = { .svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_HOST, .svm_port = 1234 };
    syscall(SYS_connect, 99, &vsock, (long)sizeof vsock);
    vsock = (struct sockaddr_vm){ .svm_family = AF_VSOCK, .svm_reserved1 = 5, .svm_cid = 77, .svm_port = VMADDR_PORT_ANY,
        .svm_flags = 3, .svm_zero = {9} };
    syscall(SYS_connect, 99, &vsock, (long)sizeof vsock);
    unsigned char long_packet[24] = { AF_PACKET, 0, 0x08, 0, 1, 0, 0, 0, 1, 0, 0, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
    syscall(SYS_bind, 99, long_packet, (long)sizeof long_packet);
    syscall(SYS_bind, 99, long_packet, 22L);
    struct sockaddr_nl groups = { .nl_family = AF_NETLINK, .nl_groups = 1 };
    syscall(SYS_bind, 99, &groups, (long)sizeof groups);
    groups = (struct sockaddr_nl){ .nl_family = AF_NETLINK, .nl_pad = 3, .nl_pid = 5, .nl_groups = 0x80000000 };
    syscall(SYS_bind, 99, &groups, (long)sizeof groups);
    vsock.svm_flags = 0xc;
    syscall(SYS_connect, 99, &vsock, (long)sizeof vsock);
    struct { struct sockaddr_alg alg; char beyond[8]; } alg = { { .salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256" }, { 0 } };
    syscall(SYS_bind, 99, &alg, (long)sizeof alg.alg);
    alg.alg.salg_feat = 0x1020;
    alg.alg.salg_mask = 0x1000;
    syscall(SYS_bind, 99, &alg, 30L);
    syscall(SYS_bind, 99, &alg, 25L);
    syscall(SYS_bind, 99, &alg, 24L);
    memcpy(alg.alg.salg_type, "skcipher123456", 14);
    memset(alg.alg.salg_name, 'x', sizeof alg.alg.salg_name);
    syscall(SYS_bind, 99, &alg, (long)sizeof alg.alg);
    syscall(SYS_bind, 99, &alg, (long)sizeof alg);
    struct sockaddr_xdp xdp = { .sxdp_family = AF_XDP, .sxdp_flags = XDP_COPY | XDP_USE_NEED_WAKEUP, .sxdp_ifindex = 1,
        .sxdp_queue_id = 2 };
    syscall(SYS_bind, 99, &xdp, (long)sizeof xdp);
    xdp = (struct sockaddr_xdp){ .sxdp_family = AF_XDP, .sxdp_flags = XDP_SHARED_UMEM | 0x300, .sxdp_ifindex = 77 };
    syscall(SYS_bind, 99, &xdp, (long)sizeof xdp);
    xdp.sxdp_flags = 0;
    xdp.sxdp_shared_umem_fd = 3;
    syscall(SYS_bind, 99, &xdp, (long)sizeof xdp);
    syscall(SYS_bind, 99, &xdp, (long)sizeof xdp - 1);
    struct sockaddr_qrtr qrtr = { .sq_family = AF_QIPCRTR, .sq_node = 1, .sq_port = QRTR_PORT_CTRL };
    syscall(SYS_connect, 99, &qrtr, (long)sizeof qrtr);
    qrtr = (struct sockaddr_qrtr){ .sq_family = AF_QIPCRTR, .sq_node = QRTR_NODE_BCAST, .sq_port = 5 };
    syscall(SYS_connect, 99, &qrtr, (long)sizeof qrtr);
    struct sockaddr_mctp mctp = { .smctp_family = AF_MCTP, .smctp_network = 1, .smctp_addr = { 8 }, .smctp_type = 1,
        .smctp_tag = 8 };
    syscall(SYS_connect, 99, &mctp, (long)sizeof mctp);
    mctp = (struct sockaddr_mctp){ .smctp_family = AF_MCTP, .__smctp_pad0 = 2, .smctp_addr = { MCTP_ADDR_ANY }, .__smctp_pad1 = 4 };
    syscall(SYS_connect, 99, &mctp, (long)sizeof mctp);
    mctp.__smctp_pad0 = mctp.__smctp_pad1 = 0;
    mctp.smctp_addr.s_addr = MCTP_ADDR_NULL;
    syscall(SYS_connect, 99, &mctp, (long)sizeof mctp);
    syscall(SYS_connect, 99, &mctp, (long)sizeof mctp - 1);
    unsigned char unknown[40] = { 0x53, 0x48, 'a', 'b', 'c' };
    syscall(SYS_connect, 99, unknown, (long)sizeof unknown);
    syscall(SYS_bind, 99, unknown, 2L);
}

int main(void)
{
    char directory[] = "/tmp/hatrace-network-XXXXXX";
    if (mkdtemp(directory) == NULL || chdir(directory) != 0)
        return 1;
    unix_stream();
    unix_datagram();
    inet();
    unusual();
    other_families();
    chdir("/");
    rmdir(directory);
    return 0;
}
