#define _GNU_SOURCE
#include "hatrace_spawn.h"

#include <dirent.h>
#include <grp.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reports (stage, errno) to the tracer and ends the child. Only async-signal-safe calls. */
_Noreturn static void child_fail(int error_fd, int32_t stage, int32_t error)
{
    int32_t report[2] = { stage, error };
    ssize_t ignored = write(error_fd, report, sizeof report);
    (void)ignored;
    _exit(127);
}

/* Bit sig-1 of ignored: the signals the program starts with ignored; every other one gets its default action. */
static void reset_signals(uint64_t ignored)
{
    struct sigaction action = { 0 };
    /* Signals glibc reserves (32, 33) and SIGKILL/SIGSTOP fail with EINVAL: nothing to reset there. */
    for (int sig = 1; sig < NSIG && sig <= 64; sig++) {
        action.sa_handler = (ignored >> (sig - 1) & 1) != 0 ? SIG_IGN : SIG_DFL;
        (void)sigaction(sig, &action, NULL);
    }
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

/* The groups first, while the user may still change them. Returns 0 or errno. */
static int take_credentials(const HatraceCredentials *credentials)
{
    if (setgroups((size_t)credentials->group_count, (const gid_t *)credentials->groups) != 0
        || setgid(credentials->gid) != 0 || setuid(credentials->uid) != 0)
        return errno;
    return 0;
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
    unsigned int end = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur <= last ? (unsigned int)limit.rlim_cur - 1 : last;
    for (unsigned int fd = first; fd <= end && fd <= (unsigned int)INT32_MAX; fd++)
        (void)close((int)fd);
}

static void close_if_closed_on_exec(int fd, const int keep[3])
{
    int flags;
    if (fd != keep[0] && fd != keep[1] && fd != keep[2] && (flags = fcntl(fd, F_GETFD)) >= 0 && (flags & FD_CLOEXEC) != 0)
        (void)close(fd);
}

/* Closes every descriptor marked close-on-exec but those in keep (-1: none). execve would close them anyway; closing them
 * now means the child never holds them while it waits to be released: one may be the pipe on which another thread's
 * Process.Start waits for its own child's exec (DESIGN.md). The others the host meant its children to inherit (a make
 * jobserver's pipe, a shell's 3>file): the program gets them, as under strace. Lists /proc/self/fd with the raw
 * getdents64, which allocates nothing; without /proc, tries every number below the descriptor limit. */
static void close_host_descriptors(const int keep[3])
{
    int directory = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) {
        struct rlimit limit;
        int end = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? (int)limit.rlim_cur : 65536;
        for (int fd = 0; fd < end; fd++)
            close_if_closed_on_exec(fd, keep);
        return;
    }
    /* getdents64 resumes at the fd number it reached, so closing entries as they come skips none. */
    _Alignas(struct dirent64) char entries[4096];
    long length;
    while ((length = syscall(SYS_getdents64, directory, entries, sizeof entries)) > 0) {
        for (long at = 0; at < length;) {
            const struct dirent64 *entry = (const struct dirent64 *)(entries + at);
            at += entry->d_reclen;
            int fd = 0;
            const char *digit = entry->d_name;
            for (; *digit >= '0' && *digit <= '9'; digit++)
                fd = fd * 10 + (*digit - '0');
            if (*digit == '\0' && digit != entry->d_name && fd != directory)
                close_if_closed_on_exec(fd, keep);
        }
    }
    (void)close(directory);
}

/* A new child or thread goes where the kernel balances it, often to another CPU than its parent's: with that one busy,
 * the child waited there for its turn while the caller waited for its ready byte (0.7 ms, then a wake-up across CPUs
 * at every stop until the kernel moved it). So the caller forks pinned to the CPU it runs on, and both take back its
 * CPUs at once: the child starts on the caller's CPU, and the program runs with the CPUs its caller had. Returns
 * whether the caller is pinned, and what it may run on. */
static bool pin_here(cpu_set_t *allowed)
{
    int cpu = sched_getcpu();
    if (cpu < 0 || sched_getaffinity(0, sizeof *allowed, allowed) != 0 || !CPU_ISSET(cpu, allowed))
        return false;
    cpu_set_t here;
    CPU_ZERO(&here);
    CPU_SET(cpu, &here);
    return sched_setaffinity(0, sizeof here, &here) == 0;
}

/* Copies each of the six fds (-1: none) above 2, close-on-exec, into kept: the copies are safe from the dup2s onto
 * 0..2 that follow, wherever the originals were (a host that had closed its own stdio gets our pipes there, which
 * close_host_descriptors closes with the rest, all being close-on-exec). 0, or -1 with errno. */
static int move_above_stdio(const int owned[6], int kept[6])
{
    for (int i = 0; i < 6; i++) {
        kept[i] = owned[i] < 0 ? -1 : fcntl(owned[i], F_DUPFD_CLOEXEC, 3);
        if (owned[i] >= 0 && kept[i] < 0)
            return -1;
    }
    return 0;
}

int32_t HatraceNative_Spawn(const char *path, char *const argv[], char *const envp[],
                            const char *working_directory, const int32_t stdio[3],
                            const void *filter, int32_t filter_count, uint64_t ignored_signals,
                            const HatraceCredentials *credentials, HatraceSpawnedChild *child)
{
    int release[2], error[2] = { -1, -1 }, ready[2];
    if (pipe2(release, O_CLOEXEC) != 0)
        return errno;
    if (pipe2(error, O_CLOEXEC) != 0 || pipe2(ready, O_CLOEXEC) != 0) {
        int saved = errno;
        close(release[0]);
        close(release[1]);
        if (error[0] >= 0) {
            close(error[0]);
            close(error[1]);
        }
        return saved;
    }

    cpu_set_t allowed;
    bool pinned = pin_here(&allowed);
    pid_t pid = fork();
    int fork_error = errno;
    if (pinned)
        sched_setaffinity(0, sizeof allowed, &allowed);
    if (pid == 0) {
        int owned[6] = { release[0], error[1], ready[1], -1, -1, -1 };
        for (int i = 0; stdio != NULL && i < 3; i++)
            owned[3 + i] = stdio[i];
        int kept[6];
        if (move_above_stdio(owned, kept) != 0)
            child_fail(error[1], HATRACE_STAGE_STDIO, errno);
        int release_fd = kept[0], error_fd = kept[1];
        for (int i = 0; i < 3; i++) {
            /* dup2 clears close-on-exec on the copy it makes. */
            if (kept[3 + i] >= 0 && dup2(kept[3 + i], i) < 0)
                child_fail(error_fd, HATRACE_STAGE_STDIO, errno);
        }
        close_host_descriptors(kept);
        reset_signals(ignored_signals);
        if (working_directory != NULL && chdir(working_directory) != 0)
            child_fail(error_fd, HATRACE_STAGE_CHDIR, errno);
        /* Ready to be seized: what it did so far is not traced. A child that ends before closes the pipe unwritten. */
        char ready_byte = 1;
        if (write(kept[2], &ready_byte, 1) != 1)
            _exit(127);
        close(kept[2]);
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
        if (credentials != NULL) {
            int failed = take_credentials(credentials);
            if (failed != 0)
                child_fail(error_fd, HATRACE_STAGE_CREDENTIALS, failed);
        }
        execve(path, argv, envp);
        child_fail(error_fd, HATRACE_STAGE_EXECVE, errno);
    }

    int saved = fork_error;
    close(release[0]);
    close(error[1]);
    close(ready[1]);
    if (pid < 0) {
        close(release[1]);
        close(error[0]);
        close(ready[0]);
        return saved;
    }
    /* Until the child is ready, or has ended (its error pipe says why, if it could). */
    char ready_byte;
    ssize_t n;
    while ((n = read(ready[0], &ready_byte, 1)) < 0 && errno == EINTR)
        ;
    close(ready[0]);
    child->ready = n == 1;
    child->pid = pid;
    child->release_fd = release[1];
    child->error_fd = error[0];
    return 0;
}

/* Known without trying: with CAP_SYS_NICE in the initial user namespace, a thread may take any policy. */
static bool may_take_any_policy(void)
{
    char user[32];
    ssize_t length = readlink("/proc/self/ns/user", user, sizeof user - 1);
    if (length < 0)
        return false;
    user[length] = '\0';
    /* PROC_USER_INIT_INO: the initial user namespace's fixed inode number. */
    if (strcmp(user, "user:[4026531837]") != 0)
        return false;
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    return syscall(SYS_capget, &header, data) == 0
        && (data[CAP_TO_INDEX(CAP_SYS_NICE)].effective & CAP_TO_MASK(CAP_SYS_NICE)) != 0;
}

static void *try_idle_policy(void *permitted)
{
    struct sched_param priority = { 0 };
    int policy = sched_getscheduler(0);
    *(int32_t *)permitted = sched_setscheduler(0, SCHED_IDLE, &priority) == 0
        && sched_setscheduler(0, policy, &priority) == 0;
    return NULL;
}

int32_t HatraceNative_MayLeaveIdlePolicy(void)
{
    int policy = sched_getscheduler(0);
    if (policy != SCHED_OTHER && policy != SCHED_BATCH)
        return 0;
    if (may_take_any_policy())
        return 1;
    int32_t permitted = 0;
    cpu_set_t allowed;
    pthread_t thread;
    bool pinned = pin_here(&allowed);
    int failed = pthread_create(&thread, NULL, try_idle_policy, &permitted);
    if (pinned)
        sched_setaffinity(0, sizeof allowed, &allowed);
    if (failed == 0)
        pthread_join(thread, NULL);
    return permitted;
}

int32_t HatraceNative_StartWaker(HatraceWaker *waker)
{
    int release[2];
    if (pipe2(release, O_CLOEXEC) != 0)
        return errno;
    pid_t pid = fork();
    if (pid == 0) {
        /* It never execs and lives as long as the session: it keeps nothing of the host's, and no signal reaches it
         * (Ctrl+C goes to the whole process group), so that only its release, or SIGKILL, ends it. */
        sigset_t all;
        sigfillset(&all);
        (void)sigprocmask(SIG_SETMASK, &all, NULL);
        close_between(0, (unsigned int)release[0] - 1);
        close_between((unsigned int)release[0] + 1, ~0U);
        char go;
        while (read(release[0], &go, 1) < 0 && errno == EINTR)
            ;
        _exit(0);
    }
    int saved = errno;
    close(release[0]);
    if (pid < 0) {
        close(release[1]);
        return saved;
    }
    waker->pid = pid;
    waker->release_fd = release[1];
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

/* Every signal's action and the thread's mask, to put back when an execve fails. */
typedef struct SavedSignals {
    struct sigaction actions[65];
    sigset_t mask;
} SavedSignals;

static void save_signals(SavedSignals *saved)
{
    for (int sig = 1; sig <= 64; sig++)
        (void)sigaction(sig, NULL, &saved->actions[sig]);
    (void)sigprocmask(SIG_SETMASK, NULL, &saved->mask);
}

static void restore_signals(const SavedSignals *saved)
{
    for (int sig = 1; sig <= 64; sig++)
        (void)sigaction(sig, &saved->actions[sig], NULL);
    (void)sigprocmask(SIG_SETMASK, &saved->mask, NULL);
}

static ssize_t read_fully(int fd, void *buffer, size_t size)
{
    ssize_t n;
    while ((n = read(fd, buffer, size)) < 0 && errno == EINTR)
        ;
    return n;
}

int32_t HatraceNative_ExecBesideTracer(const char *path, char *const argv[], char *const envp[],
                                       const char *tracer_path, char *const tracer_argv[], char *const tracer_envp[],
                                       int32_t isolation, uint64_t ignored_signals, const HatraceCredentials *credentials)
{
    /* The tracer seizes the process's main thread: execve from another would run the program untraced. */
    if (syscall(SYS_gettid) != getpid())
        return EINVAL;
    int ready[2], go[2];
    if (pipe2(ready, O_CLOEXEC) != 0)
        return errno;
    if (pipe2(go, O_CLOEXEC) != 0) {
        int saved = errno;
        close(ready[0]);
        close(ready[1]);
        return saved;
    }
    pid_t child = fork();
    if (child == 0) {
        if (isolation == 2)
            (void)setpgid(0, 0);
        else if (isolation == 3)
            (void)setsid();
        pid_t tracer = fork();
        if (tracer == 0) {
            /* Waits until the caller may be traced by it (Yama), then execs with only the ready pipe's write end, as
             * fd 3, added to what it inherits. */
            char go_on;
            if (read_fully(go[0], &go_on, 1) != 1)
                _exit(127);
            if (ready[1] == 3 ? fcntl(3, F_SETFD, 0) != 0 : dup2(ready[1], 3) != 3)
                _exit(127);
            close_host_descriptors((int[3]){ 3, -1, -1 });
            execve(tracer_path, tracer_argv, tracer_envp);
            _exit(127);
        }
        int32_t id = tracer;
        ssize_t ignored = tracer > 0 ? write(ready[1], &id, sizeof id) : 0;
        (void)ignored;
        _exit(0);
    }
    int saved = errno;
    close(ready[1]);
    close(go[0]);
    if (child < 0) {
        close(ready[0]);
        close(go[1]);
        return saved;
    }
    while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
        ;
    int32_t tracer = 0;
    char attached;
    bool started = read_fully(ready[0], &tracer, sizeof tracer) == (ssize_t)sizeof tracer;
    if (started) {
        /* Where Yama restricts ptrace to descendants, the tracer (a grandchild, not an ancestor) needs leave. */
        (void)prctl(PR_SET_PTRACER, (unsigned long)tracer, 0, 0, 0);
        started = write(go[1], "", 1) == 1;
    }
    close(go[1]);
    started = started && read_fully(ready[0], &attached, 1) == 1;
    close(ready[0]);
    if (!started)
        return -1;
    if (credentials != NULL && (saved = take_credentials(credentials)) != 0)
        return saved;
    SavedSignals saved_signals;
    save_signals(&saved_signals);
    reset_signals(ignored_signals);
    execve(path, argv, envp);
    saved = errno;
    restore_signals(&saved_signals);
    return saved;
}
