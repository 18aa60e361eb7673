#define _GNU_SOURCE
#include "hatrace_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
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
        close(release[1]);
        close(error[0]);
        reset_signals();
        if (working_directory != NULL && chdir(working_directory) != 0)
            child_fail(error[1], HATRACE_STAGE_CHDIR, errno);
        for (int i = 0; stdio != NULL && i < 3; i++) {
            /* dup2 onto itself would keep the caller's close-on-exec flag: clear it instead. */
            int failed = stdio[i] < 0 ? 0 : stdio[i] == i ? fcntl(i, F_SETFD, 0) : dup2(stdio[i], i) < 0;
            if (failed != 0)
                child_fail(error[1], HATRACE_STAGE_STDIO, errno);
        }
        char go;
        ssize_t n;
        while ((n = read(release[0], &go, 1)) < 0 && errno == EINTR)
            ;
        if (n != 1)
            child_fail(error[1], HATRACE_STAGE_RELEASE, n < 0 ? errno : EPIPE);
        close(release[0]);
        if (filter_count > 0) {
            int failed = install_filter(filter, filter_count);
            if (failed != 0)
                child_fail(error[1], HATRACE_STAGE_SECCOMP, failed);
        }
        execve(path, argv, envp);
        child_fail(error[1], HATRACE_STAGE_EXECVE, errno);
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
