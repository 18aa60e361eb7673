/* readv, writev, preadv and pwritev on a pipe and a scratch file, for the oracle test of the vector decoders; and a
 * writev from a page of the file mapped and never touched, which the call itself faults in. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
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
    struct iovec nowhere = { (void *)0x1000, 4 };
    readv(fds[1], &nowhere, 1); /* EBADF, the pipe's write end: its vector prints all the same */
    syscall(SYS_writev, fds[1], 0x1000L, -1L); /* more iovecs than memory holds: the address */
    static const char letters[40] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM";
    struct iovec endless = { (void *)letters, (size_t)-1 };
    writev(fds[1], &endless, 1); /* EINVAL: a length of 2^64-1 bytes, of which -s's show */
    struct iovec after_endless[2] = { endless, { (void *)letters, 3 } };
    writev(fds[1], after_endless, 2); /* EINVAL too: the second still shows its bytes, all are shown */
    int file = open("data", O_RDWR | O_CREAT | O_TRUNC, 0600);
    pwritev(file, out, 2, 3);
    preadv(file, in, 2, 1);
    char *mapped = mmap(NULL, 4096, PROT_READ, MAP_SHARED, file, 0);
    if (mapped == MAP_FAILED)
        return 1;
    struct iovec untouched = { mapped + 3, 6 }; /* "hello ", where pwritev wrote it */
    writev(fds[1], &untouched, 1);
    munmap(mapped, 4096);
    close(file);
    unlink("data");
    chdir("/");
    rmdir(dir);
    return 0;
}
