/* Scheduling, ids, memory policy, vectors and queued signals, each on this process alone: the values it sets are
 * those it already has, and every call that needs privileges is made to fail (bad sizes, flags or pointers), since
 * the tests may run as root. The test compares every line after the marker with strace's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <linux/filter.h>
#include <linux/kexec.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* include/uapi/linux/sched/types.h, whose struct sched_param glibc's <sched.h> defines again */
struct sched_attr {
    unsigned size, sched_policy;
    unsigned long long sched_flags;
    int sched_nice;
    unsigned sched_priority;
    unsigned long long sched_runtime, sched_deadline, sched_period;
    unsigned sched_util_min, sched_util_max;
};

#define MPOL_DEFAULT 0
#define MPOL_F_ADDR 2

int main(void)
{
    void *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pid_t self = getpid();
    int pidfd = syscall(SYS_pidfd_open, self, 0);
    int fds[2];
    pipe(fds);
    write(-1, "sched", 5); /* where the test starts comparing */

    gid_t groups[4] = {0};
    syscall(SYS_getgroups, 0, NULL);
    syscall(SYS_getgroups, 4, groups);
    syscall(SYS_getgroups, 4, bad);
    syscall(SYS_setgroups, -1, groups); /* EINVAL: nothing set */
    syscall(SYS_setgroups, 1, bad);     /* EFAULT */
    uid_t r, e, s;
    syscall(SYS_getresuid, &r, &e, &s);
    syscall(SYS_getresgid, &r, &e, &s);
    syscall(SYS_getresuid, NULL, &e, bad);
    /* -1 leaves an id as it is (setuid and setgid refuse it): each prints -1. */
    syscall(SYS_setuid, -1);
    syscall(SYS_setgid, -1);
    syscall(SYS_setreuid, -1, -1);
    syscall(SYS_setregid, -1, -1);
    syscall(SYS_setresuid, -1, -1, -1);
    syscall(SYS_setresgid, -1, -1, -1);
    syscall(SYS_setfsuid, -1);
    syscall(SYS_setfsgid, -1);

    struct sched_param param = {0};
    syscall(SYS_sched_getparam, 0, &param);
    syscall(SYS_sched_setparam, 0, &param);
    syscall(SYS_sched_getparam, 0, bad);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &param);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &param);
    syscall(SYS_sched_setscheduler, 0, 77, &param);  /* EINVAL */
    syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, NULL); /* EINVAL */
    struct timespec quantum;
    syscall(SYS_sched_rr_get_interval, 0, &quantum);
    syscall(SYS_sched_rr_get_interval, 0, bad);
    struct sched_attr attr = {0};
    syscall(SYS_sched_getattr, 0, &attr, sizeof attr, 0);
    syscall(SYS_sched_setattr, 0, &attr, 0);
    syscall(SYS_sched_getattr, 0, &attr, 48, 0);
    syscall(SYS_sched_getattr, 0, bad, sizeof attr, 0);
    attr.sched_flags = 0x80000000; /* EINVAL: an unknown flag */
    attr.sched_policy = 77;
    syscall(SYS_sched_setattr, 0, &attr, 0);
    syscall(SYS_sched_setattr, 0, bad, 0);
    struct {
        struct sched_attr attr;
        unsigned long long extra;
    } bigger = {.attr = {.size = sizeof bigger}, .extra = 1};
    syscall(SYS_sched_setattr, 0, &bigger, 0); /* E2BIG: a field this kernel lacks is set; it writes back its size */

    unsigned node;
    syscall(SYS_getcpu, NULL, &node, NULL); /* not the cpu: it may differ between two runs */
    syscall(SYS_getcpu, NULL, NULL, NULL);
    void *head;
    size_t length;
    syscall(SYS_get_robust_list, 0, &head, &length);
    syscall(SYS_get_robust_list, 0, bad, &length);

    char local[8] = "vectors", remote[8] = "abcdefg";
    struct iovec mine = {local, 8}, theirs = {remote, 8}, empty[2] = {{NULL, 0}, {local, 3}};
    syscall(SYS_process_vm_readv, self, &mine, 1, &theirs, 1, 0);
    syscall(SYS_process_vm_writev, self, &mine, 1, &theirs, 1, 0);
    syscall(SYS_process_vm_readv, self, bad, 1, &theirs, 1, 0);
    syscall(SYS_process_vm_writev, self, &mine, 1, &theirs, 1, 5); /* EINVAL */
    struct iovec pageVector = {page, 4096};
    syscall(SYS_process_madvise, pidfd, &pageVector, 1, MADV_COLD, 0);
    syscall(SYS_process_madvise, pidfd, &pageVector, 1, 99, 0);
    syscall(SYS_vmsplice, fds[1], &mine, 1, SPLICE_F_GIFT);
    syscall(SYS_vmsplice, fds[1], empty, 2, 0x40);
    writev(fds[1], empty, 2);
    readv(fds[0], empty, 2);
    syscall(SYS_pwritev2, fds[1], &mine, 1, -1, 0, RWF_HIPRI | RWF_DSYNC);
    syscall(SYS_preadv2, fds[0], &mine, 1, -1, 0, 0);
    syscall(SYS_preadv2, fds[0], &mine, 1, 0, 0, 0x100); /* unknown flag */
    syscall(SYS_pwritev2, fds[1], bad, 1, -1, 0, 0);

    unsigned long nodes = 0;
    int mode = -1;
    syscall(SYS_mbind, page, 4096, MPOL_DEFAULT, NULL, 0, 0);
    syscall(SYS_mbind, page, 4096, 99, &nodes, 64, 0x1); /* EINVAL */
    syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
    syscall(SYS_set_mempolicy, 99 | (1 << 15), &nodes, 64);
    syscall(SYS_get_mempolicy, &mode, &nodes, 64, NULL, 0);
    syscall(SYS_get_mempolicy, &mode, NULL, 0, page, MPOL_F_ADDR);
    syscall(SYS_get_mempolicy, bad, NULL, 0, NULL, 0x80);
    void *pages[2] = {page, bad};
    int status[2];
    syscall(SYS_move_pages, 0, 2, pages, NULL, status, 0);
    int target[2] = {0, 0};
    syscall(SYS_move_pages, 0, 2, pages, target, status, 4); /* EINVAL */
    unsigned long first_node[2] = {1, 0};
    syscall(SYS_migrate_pages, 0, 64, first_node, first_node); /* from node 0 to node 0: nothing moves */
    syscall(SYS_migrate_pages, 0, 128, first_node, NULL);
    syscall(SYS_migrate_pages, 0x7fffffff, 1, bad, bad);

    struct sock_fprog prog = {0, NULL};
    unsigned action = SECCOMP_RET_KILL_PROCESS;
    syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, &prog); /* EINVAL: no instructions */
    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, bad);
    syscall(SYS_seccomp, 77, 0x100, NULL);

    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR1;
    info.si_code = SI_QUEUE;
    info.si_pid = self;
    info.si_uid = 0;
    info.si_value.sival_int = 42;
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0);
    syscall(SYS_pidfd_send_signal, pidfd, SIGUSR1, &info, 0);
    syscall(SYS_rt_sigpending, &pending, 8);
    struct timespec now = {0, 0};
    syscall(SYS_rt_sigtimedwait, &set, &info, &now, 8);
    syscall(SYS_rt_sigqueueinfo, self, SIGUSR1, &info);
    syscall(SYS_rt_sigtimedwait, &set, &info, &now, 8);
    syscall(SYS_rt_tgsigqueueinfo, self, self, SIGUSR1, &info);
    syscall(SYS_rt_sigtimedwait, &set, NULL, &now, 8);
    info.si_code = SI_TIMER;
    info.si_pid = 7; /* si_timerid: the union's first field */
    syscall(SYS_rt_sigqueueinfo, self, SIGUSR1, &info);
    syscall(SYS_rt_sigtimedwait, &set, &info, &now, 8);
    syscall(SYS_rt_sigtimedwait, &set, &info, &now, 8); /* EAGAIN */
    syscall(SYS_rt_sigpending, &pending, 8);
    syscall(SYS_rt_sigpending, bad, 8);

    struct landlock_ruleset_attr ruleset = {.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_EXECUTE};
    syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    int rules = syscall(SYS_landlock_create_ruleset, &ruleset, sizeof ruleset, 0);
    struct landlock_path_beneath_attr beneath = {.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE, .parent_fd = fds[0]};
    syscall(SYS_landlock_add_rule, rules, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
    syscall(SYS_landlock_add_rule, rules, 9, bad, 0);
    close(rules);

    unsigned word = 1;
    struct futex_waitv waiters[2] = {{.val = 0, .uaddr = (unsigned long)&word, .flags = FUTEX_32}, {.val = 5, .uaddr = (unsigned long)&word, .flags = FUTEX_32 | FUTEX_PRIVATE_FLAG}};
    syscall(SYS_futex_waitv, waiters, 2, 0, &now, CLOCK_MONOTONIC); /* EAGAIN: the word is not 0 */
    syscall(SYS_futex_waitv, bad, 1, 0, NULL, CLOCK_REALTIME);

    syscall(SYS_getrandom, local, 0, GRND_RANDOM);
    syscall(SYS_getrandom, bad, 4, 0x10);

    struct kexec_segment segment = {local, 8, NULL, 4096};
    syscall(SYS_kexec_load, 0, 1, &segment, KEXEC_ON_CRASH | (0x7fffL << 16)); /* EINVAL or EPERM: no such arch */
    return 0;
}
