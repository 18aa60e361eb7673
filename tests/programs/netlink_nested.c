/* A netlink request of a megabyte of NLMSG_ERROR headers, each echoing the next: a decoder that follows the echoes
 * without end runs out of stack. The socket is the program's own; the kernel ignores the request. */
#include <linux/netlink.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define SIZE (1 << 20)
#define ERROR_HEADER (sizeof(struct nlmsghdr) + sizeof(int)) /* a header and struct nlmsgerr's error */

int main(void)
{
    int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    unsigned char *buf = calloc(1, SIZE);
    if (s < 0 || buf == NULL)
        return 1;
    for (size_t at = 0; at + ERROR_HEADER <= SIZE; at += ERROR_HEADER) {
        struct nlmsghdr *header = (struct nlmsghdr *)(buf + at);
        header->nlmsg_len = SIZE - at;
        header->nlmsg_type = NLMSG_ERROR;
    }
    sendto(s, buf, SIZE, MSG_DONTWAIT, NULL, 0);
    return 0;
}
