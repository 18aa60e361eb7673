// Descriptors of every kind strace's -y and -yy describe: files (one with a name that needs escaping, then
// deleted), a directory, /dev/null, a pipe, a socketpair, loopback TCP and UDP sockets, a netlink socket, a unix
// socket bound to a path, a pidfd, a raw ICMPv6 socket and a packet one (a protocol strace does not name; both need
// CAP_NET_RAW, and fail alike without it); and descriptors as they print elsewhere: passed in SCM_RIGHTS, and
// close_range's bounds. argv[1] is a directory to make the files and the socket in.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void files(const char *dir)
{
    char buf[16];
    int f = open("/etc/passwd", O_RDONLY);
    read(f, buf, sizeof buf);
    close(f);
    char odd[256];
    snprintf(odd, sizeof odd, "%s/a>b\nc\"d\\e\tf\001g", dir);
    f = open(odd, O_CREAT | O_RDWR, 0600);
    write(f, "", 0);
    unlink(odd);
    write(f, "", 0);
    close(f);
    int null = open("/dev/null", O_WRONLY);
    write(null, "x", 1);
    int copy = dup(null);
    int high = fcntl(null, F_DUPFD_CLOEXEC, 10);
    close(high);
    close(copy);
    close(null);
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    faccessat(d, "missing", F_OK, 0);
    close(d);
}

static void pipes(void)
{
    char c;
    int p[2];
    pipe(p);
    write(p[1], "y", 1);
    read(p[0], &c, 1);
    close(p[0]);
    close(p[1]);
    socketpair(AF_UNIX, SOCK_STREAM, 0, p);
    write(p[0], "z", 1);
    read(p[1], &c, 1);
    close(p[0]);
    close(p[1]);
}

static void inet(void)
{
    char c;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    int l = socket(AF_INET, SOCK_STREAM, 0);
    bind(l, (struct sockaddr *)&a, sizeof a);
    listen(l, 1);
    getsockname(l, (struct sockaddr *)&a, &len);
    int c1 = socket(AF_INET, SOCK_STREAM, 0);
    connect(c1, (struct sockaddr *)&a, sizeof a);
    int s = accept(l, NULL, NULL);
    write(c1, "t", 1);
    read(s, &c, 1);
    close(s);
    close(c1);
    close(l);
    struct sockaddr_in u = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    len = sizeof u;
    int d = socket(AF_INET, SOCK_DGRAM, 0);
    bind(d, (struct sockaddr *)&u, sizeof u);
    getsockname(d, (struct sockaddr *)&u, &len);
    sendto(d, "u", 1, 0, (struct sockaddr *)&u, sizeof u);
    recvfrom(d, &c, 1, 0, NULL, NULL);
    close(d);
}

static void local(const char *dir)
{
    struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
    int n = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    bind(n, (struct sockaddr *)&nl, sizeof nl);
    close(n);
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    snprintf(un.sun_path, sizeof un.sun_path, "%s/socket", dir);
    unlink(un.sun_path);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    bind(l, (struct sockaddr *)&un, sizeof un);
    listen(l, 1);
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *)&un, sizeof un);
    int s = accept(l, NULL, NULL);
    write(c, "v", 1);
    close(s);
    close(c);
    close(l);
    unlink(un.sun_path);
}

// A pidfd of the program itself, whose process -yy names while it runs, and a copy of /dev/null taken through it
// (pidfd_getfd's descriptor is the pidfd's process's, described there).
static void pidfd(void)
{
    int process = syscall(SYS_pidfd_open, getpid(), 0);
    int null = open("/dev/null", O_RDONLY);
    close(syscall(SYS_pidfd_getfd, process, null, 0));
    close(null);
    close(process);
}

static void raw(void)
{
    close(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6));
    close(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)));
}

// /dev/null passed from one end of a socketpair to the other, where it arrives as a new descriptor, closed with
// close_range.
static void passed(void)
{
    int pair[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    int null = open("/dev/null", O_RDONLY);
    char byte = 'p';
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    union {
        char bytes[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control = { 0 };
    struct msghdr message = {
        .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.bytes, .msg_controllen = sizeof control.bytes,
    };
    struct cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(header), &null, sizeof null);
    sendmsg(pair[0], &message, 0);
    int received = -1;
    if (recvmsg(pair[1], &message, 0) == 1 && (header = CMSG_FIRSTHDR(&message)) != NULL)
        memcpy(&received, CMSG_DATA(header), sizeof received);
    syscall(SYS_close_range, received, received, 0);
    close(null);
    close(pair[0]);
    close(pair[1]);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    files(dir);
    pipes();
    inet();
    local(dir);
    pidfd();
    raw();
    passed();
    return 0;
}
