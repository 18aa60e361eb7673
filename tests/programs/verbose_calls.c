/* Calls whose text changes with strace's -v and -X: structures it abbreviates (stat, statx, uname),
 * named constants and flags of many kinds, and a signal. The files are ones every Linux system has. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct stat st;
    struct statx stx;
    struct utsname name;
    struct timespec now;
    stat("/dev/null", &st);
    lstat("/", &st);
    fstatat(AT_FDCWD, "/nonexistent/hatrace", &st, AT_SYMLINK_NOFOLLOW);
    int fd = open("/dev/null", O_WRONLY | O_APPEND | O_CLOEXEC);
    fstat(fd, &st);
    statx(AT_FDCWD, "/", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &stx);
    faccessat(AT_FDCWD, "/", R_OK | X_OK, 0);
    uname(&name);
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &now); /* the C library answers clock_getres from the vDSO */
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(page, 4096, PROT_NONE);
    munmap(page, 4096);
    signal(SIGUSR1, SIG_IGN);
    kill(getpid(), SIGUSR1);
    lseek(fd, 0, SEEK_END);
    close(fd);
    return 0;
}
