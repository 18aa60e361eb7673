/* A netlink message being built in a buffer: attributes appended, and nests (a header, then its length once its
 * attributes are in). */
#ifndef NETLINK_BUILT_H
#define NETLINK_BUILT_H

#include <linux/netlink.h>
#include <string.h>

static unsigned char built[4096];
static unsigned built_length;

static inline void attribute(unsigned short type, const void *value, unsigned short length)
{
    struct nlattr header = { NLA_HDRLEN + length, type };
    memcpy(built + built_length, &header, NLA_HDRLEN);
    memcpy(built + built_length + NLA_HDRLEN, value, length);
    built_length += NLA_ALIGN(NLA_HDRLEN + length);
}

static inline unsigned nest(unsigned short type)
{
    unsigned start = built_length;
    attribute(type, "", 0);
    return start;
}

static inline void end_nest(unsigned start)
{
    unsigned short length = built_length - start;
    memcpy(built + start, &length, sizeof length);
}

#endif
