/* readv, writev, preadv and pwritev on a pipe and a scratch file, for the oracle test of the vector decoders. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/hatrace-vector-XXXXXX";
    if (mkdtemp(dir) == NULL || chdir(dir) != 0)
        return 1;
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    struct iovec out[2] = { { "hello ", 6 }, { "vectors\n", 8 } };
    writev(fds[1], out, 2);
    char a[4], b[32];
    struct iovec in[2] = { { a, sizeof a }, { b, sizeof b } };
    readv(fds[0], in, 2);
    syscall(SYS_readv, fds[0], 8L, 1L); /* a bad vector: raw, as the compiler rightly refuses it */
    int file = open("data", O_RDWR | O_CREAT | O_TRUNC, 0600);
    pwritev(file, out, 2, 3);
    preadv(file, in, 2, 1);
    close(file);
    unlink("data");
    chdir("/");
    rmdir(dir);
    return 0;
}
