/* Calls whose text tests compare with strace's: an output buffer, unreadable buffers, open with a mode,
 * and a syscall number the kernel does not define. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    int fds[2];
    char buffer[10];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return 1;
    write(fds[1], "abc", 3);
    read(fds[0], buffer, sizeof buffer);
    syscall(SYS_write, fds[1], 8L, 5L); /* raw calls: the compiler rightly refuses these pointers */
    write(fds[1], "xyz", 3); /* so that the next read has data to fail to copy, instead of blocking */
    syscall(SYS_read, fds[0], 1L, (long)sizeof buffer);
    open("/nonexistent/hatrace", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    syscall(500, 1, 2, 0, 0, 0, 0);
    return 0;
}
