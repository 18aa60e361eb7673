/* Reads and writes of every layout strace dumps with -e read= and -e write=: one buffer, iovec arrays (one of them
 * with an empty buffer), message headers and message vectors, on a pipe (3, 4), a stream socket pair (5, 6), a
 * datagram socket pair (7, 8) and a file (9). A write that fails is dumped too; a read that returns nothing is not. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    static const char text[] = "Hello, dump!\tAll 256: \x00\x01\x7f\x80\xff and more than sixteen bytes";
    char buf[64];
    int p[2], s[2], d[2];
    if (pipe(p) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, s) != 0 || socketpair(AF_UNIX, SOCK_DGRAM, 0, d) != 0)
        return 1;
    write(p[1], text, sizeof text - 1);
    read(p[0], buf, sizeof buf);

    struct iovec out[2] = {{(void *)"first", 5}, {(void *)"second part", 11}};
    struct iovec in[3] = {{buf, 3}, {buf + 3, 0}, {buf + 3, 40}};
    writev(p[1], out, 2);
    readv(p[0], in, 3);

    sendto(s[0], "sendto", 6, 0, NULL, 0);
    recvfrom(s[1], buf, sizeof buf, 0, NULL, NULL);
    struct msghdr m = {0};
    m.msg_iov = out;
    m.msg_iovlen = 2;
    sendmsg(s[0], &m, 0);
    m.msg_iov = in + 2;
    m.msg_iovlen = 1;
    recvmsg(s[1], &m, 0);

    struct mmsghdr mm[2] = {{{0}, 0}, {{0}, 0}};
    mm[0].msg_hdr.msg_iov = out;
    mm[0].msg_hdr.msg_iovlen = 1;
    mm[1].msg_hdr.msg_iov = out + 1;
    mm[1].msg_hdr.msg_iovlen = 1;
    sendmmsg(d[0], mm, 2, 0);
    struct iovec rin[2] = {{buf, 20}, {buf + 20, 20}};
    mm[0].msg_hdr.msg_iov = rin;
    mm[1].msg_hdr.msg_iov = rin + 1;
    recvmmsg(d[1], mm, 2, 0, NULL);

    int f = open("/tmp/hatrace-transfer-dump", O_RDWR | O_CREAT | O_TRUNC, 0600);
    unlink("/tmp/hatrace-transfer-dump");
    pwrite(f, "pwrite", 6, 0);
    pread(f, buf, 10, 0);
    pwritev(f, out, 2, 0);
    preadv(f, in, 3, 0);
    write(f, "", 0);
    write(99, "bad", 3);
    close(p[1]);
    read(p[0], buf, 1);
    return 0;
}
