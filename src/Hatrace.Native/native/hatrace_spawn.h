/* The one piece of Hatrace written in C: starting a traced program, and one scheduling question asked on a thread of
 * its own.
 *
 * Why native: between fork and execve the child may only make async-signal-safe calls.
 * Managed code there could deadlock on a lock held by another runtime thread (GC, JIT,
 * the runtime's signal pipe), so the child's whole life before execve happens here. A thread
 * the runtime starts costs over a hundred microseconds; a native one, a fraction.
 * Every export is prefixed HatraceNative_ and uses fixed-width types only. */
#ifndef HATRACE_SPAWN_H
#define HATRACE_SPAWN_H

#include <stdint.h>

/* Where a child failed before its program started; reported with errno through the error pipe. */
enum HatraceSpawnStage {
    HATRACE_STAGE_CHDIR = 1,   /* chdir to the working directory */
    HATRACE_STAGE_RELEASE = 2, /* waiting for the tracer to release it */
    HATRACE_STAGE_SECCOMP = 3, /* installing the seccomp filter */
    HATRACE_STAGE_EXECVE = 4,  /* execve itself */
    HATRACE_STAGE_STDIO = 5,   /* making the given files its standard input, output and error */
    HATRACE_STAGE_CREDENTIALS = 6, /* taking the user's identity */
};

/* The user a program runs as (strace -u): its user and group ids, and its supplementary groups. */
typedef struct HatraceCredentials {
    uint32_t uid;
    uint32_t gid;
    const uint32_t *groups;
    int32_t group_count;
} HatraceCredentials;

typedef struct HatraceSpawnedChild {
    int32_t pid;        /* the child, blocked until released */
    int32_t release_fd; /* write end of the release pipe: HatraceNative_Release */
    int32_t error_fd;   /* read end of the error pipe: HatraceNative_ReadSpawnError */
    int32_t ready;      /* 1: it waits to be released; 0: it ended before (its error pipe may say why) */
} HatraceSpawnedChild;

/* Forks a child, on the CPU the caller runs on (both then take back the CPUs the caller may run on), that first closes
 * every descriptor marked close-on-exec but its own (execve would close them; the
 * child must not hold the host's pipes while it waits), then gives every signal its default action but those in
 * ignored_signals (bit sig-1), which it ignores, and clears its signal mask: an ignored signal stays ignored across
 * execve, so the caller passes what its own caller had ignored (nohup's SIGHUP, a background job's SIGINT), as a
 * shell or strace would, and not what .NET ignores for itself (SIGPIPE). It then changes to
 * working_directory when it is not NULL, makes stdio[i] its fd i for each stdio[i] >= 0 (stdio may be NULL: all
 * inherited), then blocks until the tracer seizes it and calls HatraceNative_Release. This returns once the child is
 * about to block there (or has ended before), so that none of the child's own work is traced. It then installs the
 * seccomp filter when filter_count > 0 (while it may still do so without no_new_privs), takes the identity
 * credentials gives when not NULL (supplementary groups, group, then user), and calls execve(path, argv, envp).
 * Descriptors the host left inheritable reach the program, as they would through any execve.
 *   path, argv, envp: as for execve; argv and envp end with NULL.
 *   filter, filter_count: a classic BPF program (struct sock_filter[filter_count]) or NULL, 0.
 *   credentials: the user the program runs as, or NULL for the caller's.
 *   child: receives the pid, the two pipe ends (owned by the caller) and whether the child is ready.
 * Returns 0, or the errno of the failing pipe2 or fork. */
int32_t HatraceNative_Spawn(const char *path, char *const argv[], char *const envp[],
                            const char *working_directory, const int32_t stdio[3],
                            const void *filter, int32_t filter_count, uint64_t ignored_signals,
                            const HatraceCredentials *credentials, HatraceSpawnedChild *child);

typedef struct HatraceWaker {
    int32_t pid;        /* the waker, blocked until released */
    int32_t release_fd; /* write end of its release pipe: HatraceNative_Release */
} HatraceWaker;

/* Forks a child that closes every descriptor but its release pipe, blocks every signal and waits until released,
 * then exits: a child of the calling thread whose exit ends that thread's waitpid when nothing else would.
 * Returns 0, or the errno of the failing pipe2 or fork. */
int32_t HatraceNative_StartWaker(HatraceWaker *waker);

/* Whether the calling thread, of policy SCHED_OTHER or SCHED_BATCH, may become SCHED_IDLE and take its policy back:
 * known where it has CAP_SYS_NICE in the initial user namespace, else tried on a thread of its own (started on the
 * caller's CPU), which ends either way, so that no thread stays SCHED_IDLE. Returns 1 or 0. */
int32_t HatraceNative_MayLeaveIdlePolicy(void);

/* Lets the child go on to execve (or the waker exit) and closes release_fd. Returns 0 or errno. */
int32_t HatraceNative_Release(int32_t release_fd);

/* Reads the child's failure report once the child is gone, and closes error_fd.
 * Returns 1 with stage and error set when the child failed before its program ran,
 * 0 when execve succeeded (the pipe closed on exec, nothing was written). */
int32_t HatraceNative_ReadSpawnError(int32_t error_fd, int32_t *stage, int32_t *error);

/* strace -D: starts a tracer beside the calling process, which then becomes the program. Forks a child that (as
 * isolation says: 1 shares the caller's process group, 2 makes its own, 3 its own session) forks the tracer and
 * exits at once, so that the tracer is a grandchild no one waits for. The caller lets the tracer trace it (Yama's
 * PR_SET_PTRACER) before the tracer starts; the tracer gets the write end of a ready pipe as its fd 3 and execs
 * tracer_path with tracer_argv and tracer_envp; it attaches to the caller (whose pid its environment names) and
 * writes one byte. The caller, which must call this on its main thread, waits for that byte, gives every signal its
 * default action but those in ignored_signals (as HatraceNative_Spawn does), takes the identity credentials gives
 * when not NULL, and calls execve(path, argv, envp).
 * Returns only on failure, with the caller's signal actions as they were: the errno of execve (EINVAL when called on
 * another thread), of pipe2 or fork, or -1 when the tracer ended without attaching. */
int32_t HatraceNative_ExecBesideTracer(const char *path, char *const argv[], char *const envp[],
                                       const char *tracer_path, char *const tracer_argv[], char *const tracer_envp[],
                                       int32_t isolation, uint64_t ignored_signals, const HatraceCredentials *credentials);

#endif
