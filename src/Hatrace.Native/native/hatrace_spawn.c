#define _GNU_SOURCE
#include "hatrace_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Reports (stage, errno) to the tracer and ends the child. Only async-signal-safe calls. */
_Noreturn static void child_fail(int error_fd, int32_t stage, int32_t error)
{
    int32_t report[2] = { stage, error };
    ssize_t ignored = write(error_fd, report, sizeof report);
    (void)ignored;
    _exit(127);
}

static void reset_signals(void)
{
    struct sigaction dfl = { 0 };
    dfl.sa_handler = SIG_DFL;
    /* Signals glibc reserves (32, 33) and SIGKILL/SIGSTOP fail with EINVAL: nothing to reset there. */
    for (int sig = 1; sig < NSIG; sig++)
        (void)sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    (void)sigprocmask(SIG_SETMASK, &none, NULL);
}

static int install_filter(const void *filter, int32_t filter_count)
{
    struct sock_fprog program = {
        .len = (unsigned short)filter_count,
        .filter = (struct sock_filter *)filter,
    };
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0)
        return 0;
    /* Only without CAP_SYS_ADMIN is no_new_privs required; setting it needlessly would stop
     * setuid programs from gaining privileges when root traces them. */
    if (errno != EACCES)
        return errno;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return errno;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0 ? 0 : errno;
}

/* Closes fds first..last; without close_range (Linux < 5.9) one at a time, up to the descriptor limit. */
static void close_between(unsigned int first, unsigned int last)
{
    if (first > last)
        return;
#ifdef SYS_close_range
    if (syscall(SYS_close_range, first, last, 0) == 0)
        return;
#endif
    struct rlimit limit;
    unsigned int end = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < last ? (unsigned int)limit.rlim_cur : last;
    for (unsigned int fd = first; fd <= end && fd < (unsigned int)INT32_MAX; fd++)
        (void)close((int)fd);
}

/* Copies each of the five fds (-1: none) above 2, close-on-exec, into kept, and closes every other fd above 2:
 * the copies are safe from the dup2s onto 0..2 that follow, wherever the originals were. 0 or -1 with errno. */
static int keep_only(const int owned[5], int kept[5])
{
    for (int i = 0; i < 5; i++) {
        kept[i] = owned[i] < 0 ? -1 : fcntl(owned[i], F_DUPFD_CLOEXEC, 3);
        if (owned[i] >= 0 && kept[i] < 0)
            return -1;
    }
    /* The originals below 3 are the host's stdio or ours (when the host had closed its own): ours go. */
    for (int fd = 0; fd < 3; fd++) {
        int given = 0;
        for (int i = 2; i < 5; i++)
            given |= owned[i] == fd;
        if (!given && (fd == owned[0] || fd == owned[1]))
            (void)close(fd);
    }
    unsigned int next = 3;
    for (;;) {
        int lowest = -1;
        for (int i = 0; i < 5; i++)
            if (kept[i] >= (int)next && (lowest < 0 || kept[i] < lowest))
                lowest = kept[i];
        if (lowest < 0)
            break;
        close_between(next, (unsigned int)lowest - 1);
        next = (unsigned int)lowest + 1;
    }
    close_between(next, ~0U);
    return 0;
}

int32_t HatraceNative_Spawn(const char *path, char *const argv[], char *const envp[],
                            const char *working_directory, const int32_t stdio[3],
                            const void *filter, int32_t filter_count, HatraceSpawnedChild *child)
{
    int release[2], error[2];
    if (pipe2(release, O_CLOEXEC) != 0)
        return errno;
    if (pipe2(error, O_CLOEXEC) != 0) {
        int saved = errno;
        close(release[0]);
        close(release[1]);
        return saved;
    }

    pid_t pid = fork();
    if (pid == 0) {
        /* Keep only what is ours: until it execs, this child would otherwise hold every descriptor the host had
         * open at the fork, close-on-exec or not; one of them may be the pipe on which another thread's
         * Process.Start waits for its own child's exec (DESIGN.md). */
        int owned[5] = { release[0], error[1], -1, -1, -1 };
        for (int i = 0; stdio != NULL && i < 3; i++)
            owned[2 + i] = stdio[i];
        int kept[5];
        if (keep_only(owned, kept) != 0)
            child_fail(error[1], HATRACE_STAGE_STDIO, errno);
        int release_fd = kept[0], error_fd = kept[1];
        reset_signals();
        if (working_directory != NULL && chdir(working_directory) != 0)
            child_fail(error_fd, HATRACE_STAGE_CHDIR, errno);
        for (int i = 0; i < 3; i++) {
            /* dup2 clears close-on-exec on the copy it makes. */
            if (kept[2 + i] >= 0 && dup2(kept[2 + i], i) < 0)
                child_fail(error_fd, HATRACE_STAGE_STDIO, errno);
            if (kept[2 + i] >= 0)
                close(kept[2 + i]);
        }
        char go;
        ssize_t n;
        while ((n = read(release_fd, &go, 1)) < 0 && errno == EINTR)
            ;
        if (n != 1)
            child_fail(error_fd, HATRACE_STAGE_RELEASE, n < 0 ? errno : EPIPE);
        close(release_fd);
        if (filter_count > 0) {
            int failed = install_filter(filter, filter_count);
            if (failed != 0)
                child_fail(error_fd, HATRACE_STAGE_SECCOMP, failed);
        }
        execve(path, argv, envp);
        child_fail(error_fd, HATRACE_STAGE_EXECVE, errno);
    }

    int saved = errno;
    close(release[0]);
    close(error[1]);
    if (pid < 0) {
        close(release[1]);
        close(error[0]);
        return saved;
    }
    child->pid = pid;
    child->release_fd = release[1];
    child->error_fd = error[0];
    return 0;
}

int32_t HatraceNative_Release(int32_t release_fd)
{
    char go = 1;
    ssize_t n;
    while ((n = write(release_fd, &go, 1)) < 0 && errno == EINTR)
        ;
    int32_t result = n == 1 ? 0 : errno;
    close(release_fd);
    return result;
}

int32_t HatraceNative_ReadSpawnError(int32_t error_fd, int32_t *stage, int32_t *error)
{
    int32_t report[2];
    ssize_t n;
    while ((n = read(error_fd, report, sizeof report)) < 0 && errno == EINTR)
        ;
    close(error_fd);
    if (n != (ssize_t)sizeof report)
        return 0;
    *stage = report[0];
    *error = report[1];
    return 1;
}
