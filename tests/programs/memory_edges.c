/* Arguments in memory that is only partly there: arrays, vectors, paths and buffers that run into an unmapped page,
 * and NULL vectors. strace prints what it could read and where reading stopped, or the address where it could not
 * read what the call was given; the test compares the lines with strace's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *memory = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED || munmap(memory + page, page) != 0)
        return 1;
    char *end = memory + page; /* the first unmapped byte */
    write(-1, "edges", 5);     /* where the test starts comparing */

    struct pollfd *requests = (struct pollfd *)(end - sizeof *requests);
    requests->fd = -5;
    requests->events = POLLIN;
    poll(requests, 2, 0); /* the second request is past the end */
    poll(requests, 1, 0);

    char **argv = (char **)(end - 2 * sizeof(char *));
    argv[0] = "a";
    argv[1] = "b";
    syscall(SYS_execve, "/nonexistent", argv, NULL); /* argv has no NULL before the end */
    char **envp = (char **)(end - 5 * sizeof(char *));
    for (int i = 0; i < 5; i++)
        envp[i] = "X=1";
    char *one[] = { "x", NULL };
    syscall(SYS_execve, "/nonexistent", one, envp);
    syscall(SYS_execve, "/nonexistent", NULL, NULL);
    char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (two == MAP_FAILED)
        return 1;
    strcpy(two + page - 3, "straddles");
    memcpy(end - 2, "xy", 2);
    char *strings[] = { "a", end - 2, end, two + page - 3, "b", NULL }; /* unterminated, unmapped, across a page */
    syscall(SYS_execve, "/nonexistent", strings, NULL);

    memcpy(end - 4, "abcd", 4);
    syscall(SYS_openat, AT_FDCWD, end - 4, O_RDONLY); /* no NUL before the end */
    memcpy(end - 5, "abcd", 5);
    syscall(SYS_openat, AT_FDCWD, end - 5, O_RDONLY); /* the NUL is the last byte there */
    syscall(SYS_openat, AT_FDCWD, end, O_RDONLY);

    struct iovec *vectors = (struct iovec *)(end - sizeof *vectors);
    vectors->iov_base = "hi";
    vectors->iov_len = 2;
    syscall(SYS_writev, -1, vectors, 2); /* the second iovec is past the end */
    syscall(SYS_writev, -1, NULL, 2);
    syscall(SYS_writev, -1, end, 0);
    syscall(SYS_write, -1, end - 3, 3);
    syscall(SYS_write, -1, end - 3, 5); /* two of the five bytes are past the end */
    return 0;
}
