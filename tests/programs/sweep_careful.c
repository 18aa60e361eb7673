/* Copies a file, checking every call: whatever fails, it says what and exits 1. Static, so that the dynamic
 * loader's own calls do not count in a fault sweep. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int fail(const char *what)
{
    perror(what);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    int in = open(argv[1], O_RDONLY);
    if (in < 0)
        return fail("open input");
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0)
        return fail("open output");
    char buffer[8];
    ssize_t length;
    while ((length = read(in, buffer, sizeof buffer)) > 0) {
        if (write(out, buffer, (size_t)length) != length)
            return fail("write");
    }
    if (length < 0)
        return fail("read");
    if (close(in) != 0 || close(out) != 0)
        return fail("close");
    return 0;
}
