/* getsockopt and setsockopt at the levels strace decodes, compared with strace's text: ints, structures (linger,
 * ucred, ip_mreq, tpacket_stats), strings, ICMP_FILTER's types, unknown options and levels, and lengths that are not
 * the option's size (shorter, longer, an output that comes back shorter). Every socket is the program's own and is
 * bound to nothing; the multicast memberships it asks for are refused (a group it never joined, an address that is
 * not a multicast group). The raw and packet sockets need CAP_NET_RAW: without it their calls fail with EBADF alike.
 * Last, classic BPF programs, which socket filters and seccomp filters both are: every instruction class, unknown
 * codes, a socket filter's ancillary loads and a seccomp filter's return actions (seccomp is asked with a flag it
 * refuses, so no filter is installed). */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int main(void)
{
    int v = 1; socklen_t len; char buf[256]; struct linger lg = {1, 5}; struct timeval tv = {3, 500};
    struct ucred cred; struct ip_mreq mreq; struct ip_mreqn mreqn; struct tcp_info ti; struct icmp_filter icf = {0x1234};
    int tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0), u6 = socket(AF_INET6, SOCK_DGRAM, 0);
    int pair[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    int raw = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    int pk = socket(AF_PACKET, SOCK_RAW, 0);
    write(-1, "sockopt", 7);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &v, 2);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &v, 8);
    setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, NULL, 4);
    setsockopt(tcp, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    setsockopt(tcp, SOL_SOCKET, SO_LINGER, &lg, 4);
    setsockopt(tcp, SOL_SOCKET, SO_RCVTIMEO_OLD, &tv, sizeof tv);
    setsockopt(tcp, SOL_SOCKET, SO_SNDTIMEO_OLD, &tv, sizeof tv);
    setsockopt(tcp, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
    setsockopt(tcp, SOL_SOCKET, SO_ATTACH_FILTER, NULL, 0);
    setsockopt(tcp, SOL_SOCKET, 999, &v, 4);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_TYPE, &v, &len);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_ERROR, &v, &len);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_DOMAIN, &v, &len);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_PROTOCOL, &v, &len);
    len = 2; getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len);
    len = 8; getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, buf, &len);
    len = sizeof lg; getsockopt(tcp, SOL_SOCKET, SO_LINGER, &lg, &len);
    len = sizeof tv; getsockopt(tcp, SOL_SOCKET, SO_RCVTIMEO_OLD, &tv, &len);
    len = sizeof cred; getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
    len = 8; getsockopt(pair[0], SOL_SOCKET, SO_PEERCRED, &cred, &len);
    len = 2; getsockopt(tcp, SOL_SOCKET, SO_LINGER, &lg, &len);
    len = 4; getsockopt(tcp, SOL_SOCKET, SO_LINGER, &lg, &len);
    len = sizeof buf; getsockopt(tcp, SOL_SOCKET, SO_BINDTODEVICE, buf, &len);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
    len = sizeof v; getsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, NULL, &len);
    getsockopt(tcp, SOL_SOCKET, SO_ACCEPTCONN, &v, NULL);
    setsockopt(tcp, SOL_TCP, TCP_NODELAY, &v, sizeof v);
    setsockopt(tcp, SOL_TCP, TCP_CONGESTION, "cubic", 5);
    len = sizeof ti; getsockopt(tcp, SOL_TCP, TCP_INFO, &ti, &len);
    len = sizeof buf; getsockopt(tcp, SOL_TCP, TCP_CONGESTION, buf, &len);
    len = sizeof v; getsockopt(tcp, SOL_TCP, 999, &v, &len);
    setsockopt(udp, SOL_IP, IP_TOS, &v, sizeof v);
    memset(&mreq, 0, sizeof mreq); mreq.imr_multiaddr.s_addr = htonl(0xe0000001); mreq.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(udp, SOL_IP, IP_DROP_MEMBERSHIP, &mreq, sizeof mreq);
    setsockopt(udp, SOL_IP, IP_DROP_MEMBERSHIP, &mreq, 4);
    mreq.imr_multiaddr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(udp, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq);
    memset(&mreqn, 0, sizeof mreqn); mreqn.imr_multiaddr.s_addr = htonl(INADDR_LOOPBACK); mreqn.imr_ifindex = 1;
    setsockopt(udp, SOL_IP, IP_ADD_MEMBERSHIP, &mreqn, sizeof mreqn);
    setsockopt(udp, SOL_IP, IP_MULTICAST_IF, &mreq.imr_interface, 4);
    len = sizeof v; getsockopt(udp, SOL_IP, IP_TTL, &v, &len);
    len = sizeof buf; getsockopt(udp, SOL_IP, IP_OPTIONS, buf, &len);
    setsockopt(u6, SOL_IPV6, IPV6_V6ONLY, &v, sizeof v);
    len = sizeof v; getsockopt(u6, SOL_IPV6, IPV6_UNICAST_HOPS, &v, &len);
    setsockopt(udp, SOL_UDP, UDP_CORK, &v, sizeof v);
    setsockopt(raw, SOL_RAW, ICMP_FILTER, &icf, sizeof icf);
    setsockopt(raw, SOL_RAW, ICMP_FILTER, &icf, 2);
    icf.data = 0;
    setsockopt(raw, SOL_RAW, ICMP_FILTER, &icf, sizeof icf);
    len = sizeof icf; getsockopt(raw, SOL_RAW, ICMP_FILTER, &icf, &len);
    v = TPACKET_V2; setsockopt(pk, SOL_PACKET, PACKET_VERSION, &v, sizeof v);
    len = sizeof v; getsockopt(pk, SOL_PACKET, PACKET_HDRLEN, &v, &len);
    struct tpacket_stats st; len = sizeof st; getsockopt(pk, SOL_PACKET, PACKET_STATISTICS, &st, &len);
    setsockopt(tcp, 999, 1, &v, 4);

    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_STMT(BPF_LD | BPF_H | BPF_IND, 4),
        BPF_STMT(BPF_LD | BPF_B | BPF_MEM, 2),
        BPF_STMT(BPF_LD | BPF_IMM, 0x1234),
        BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),
        BPF_STMT(BPF_LDX | BPF_W | BPF_IMM, 7),
        BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),
        BPF_STMT(BPF_ST, 1),
        BPF_STMT(BPF_STX, 2),
        BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 5),
        BPF_STMT(BPF_ALU | BPF_SUB | BPF_X, 0),
        BPF_STMT(BPF_ALU | BPF_NEG, 0),
        BPF_STMT(BPF_ALU | BPF_MOD | BPF_K, 3),
        BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0),
        BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 10, 1, 2),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_X, 0, 3, 4),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0xc000003e, 0, 1),
        BPF_STMT(BPF_MISC | BPF_TAX, 0),
        BPF_STMT(BPF_MISC | BPF_TXA, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 5),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 13),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 0xffff),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, 0x12340000),
        BPF_STMT(BPF_RET | BPF_A, 0),
        { 0xffff, 1, 2, 3 },
        { BPF_LD | 0x18, 0, 0, 3 },
        { BPF_ALU | 0xf0, 0, 0, 3 },
        { BPF_MISC | 0x78, 0, 0, 3 },
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL),
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_AD_OFF + 0x99),
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_NET_OFF + 9),
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_LL_OFF + 2),
        BPF_STMT(BPF_LDX | BPF_W | BPF_ABS, SKF_AD_OFF),
    };
    struct sock_fprog program = { sizeof filter / sizeof filter[0], filter };
    setsockopt(udp, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program);
    setsockopt(udp, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &program, sizeof program);
    setsockopt(udp, SOL_SOCKET, SO_ATTACH_FILTER, &program, 8);
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x80000000u, &program);
    program.len = 3;
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x80000000u, &program);
    program.len = 0;
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x80000000u, &program);
    program.len = 3;
    program.filter = (struct sock_filter *)8;
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x80000000u, &program);
    return 0;
}
