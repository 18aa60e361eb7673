/* Strings a JSON trace must carry safely: a path with control characters, a quote, a backslash and bytes that
 * are not UTF-8, a write of such bytes, and a read of them back through a pipe. */
#include <fcntl.h>
#include <unistd.h>

int main(void)
{
    static const char odd[] = "/nonexistent/a\001b\nc\"d\\e\xff\xfe\x1b[31mf";
    static const char bytes[] = "\xff\x00\x1b\n\"\\\xc3";
    char back[sizeof bytes];
    int fds[2];
    open(odd, O_RDONLY);
    if (pipe(fds) != 0 || write(fds[1], bytes, sizeof bytes) != (ssize_t)sizeof bytes)
        return 1;
    return read(fds[0], back, sizeof back) == (ssize_t)sizeof back ? 0 : 2;
}
