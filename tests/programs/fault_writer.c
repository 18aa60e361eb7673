/* Writes an output file in chunks, as a build step writes an object file: directly into the target, or, with
 * "atomic", into a temporary file renamed over the target at the end. Reports a failed call and exits 1. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what)
{
    perror(what);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: fault_writer direct|atomic PATH CHUNKS\n");
        return 2;
    }
    int atomic = strcmp(argv[1], "atomic") == 0;
    char temporary[4096];
    snprintf(temporary, sizeof temporary, "%s.tmp", argv[2]);
    const char *path = atomic ? temporary : argv[2];
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return fail("open");
    int chunks = atoi(argv[3]);
    for (int i = 0; i < chunks; i++) {
        char chunk[16];
        int length = snprintf(chunk, sizeof chunk, "chunk %02d\n", i);
        if (write(fd, chunk, length) != length)
            return fail("write");
    }
    if (close(fd) != 0)
        return fail("close");
    if (atomic && rename(temporary, argv[2]) != 0)
        return fail("rename");
    return 0;
}
