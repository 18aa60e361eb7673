/* Process calls whose text tests compare with strace's: clone, clone3 and wait4 on children that end in
 * known ways, resource limits, prctl and arch_prctl options, uname, getrandom and signals sent. It writes nothing;
 * pids and addresses differ between runs and the test normalises them. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <asm/prctl.h>
#include <unistd.h>

int main(void)
{
    int status;
    struct rusage usage;
    struct rlimit limit;
    struct utsname names;
    unsigned char random[8];
    char name[16];
    int value;
    write(-1, "process", 7); /* where the test starts comparing */
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    wait4(child, &status, 0, NULL);
    child = fork();
    if (child == 0) { raise(SIGKILL); _exit(0); }
    wait4(child, &status, __WALL, NULL);
    wait4(child, &status, 0, &usage);
    wait4(-1, &status, WNOHANG, NULL);
    wait4(-1, NULL, WUNTRACED|WCONTINUED|0x100000, NULL);
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = CLONE_VFORK|CLONE_VM|CLONE_PIDFD;
    int pidfd = -1;
    args.pidfd = (uint64_t)(uintptr_t)&pidfd;
    args.exit_signal = SIGCHLD;
    long r = syscall(SYS_clone3, &args, sizeof args);
    if (r == 0) syscall(SYS_exit, 4);
    waitid(P_ALL, 0, NULL, WEXITED);
    syscall(SYS_clone3, NULL, 88L);
    syscall(SYS_clone, CLONE_NEWUSER|CLONE_THREAD|SIGUSR1, 0L, NULL, NULL, 0L);
    int parent_tid = 0, child_tid = 0;
    r = syscall(SYS_clone, CLONE_PARENT_SETTID|CLONE_CHILD_SETTID|SIGCHLD, 0L, &parent_tid, &child_tid, 0L);
    if (r == 0) syscall(SYS_exit, 0);
    wait4(-1, NULL, __WALL, NULL);
    syscall(SYS_clone, CLONE_NEWUSER|CLONE_THREAD|CLONE_PARENT_SETTID|CLONE_SETTLS|CLONE_CHILD_CLEARTID, 0x1000L, &parent_tid, &child_tid, 0x5000L);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &limit);
    syscall(SYS_setrlimit, RLIMIT_CORE, &limit);
    syscall(SYS_getrlimit, 77, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    setrlimit(RLIMIT_CORE, &limit);
    limit.rlim_cur = 1024*1024; limit.rlim_max = RLIM_INFINITY;
    prlimit(0, RLIMIT_DATA, &limit, NULL);
    prlimit(0, RLIMIT_STACK, NULL, &limit);
    syscall(SYS_prlimit64, 0, 99, NULL, &limit);
    syscall(SYS_arch_prctl, ARCH_GET_FS, NULL);
    syscall(SYS_arch_prctl, 0x3001, NULL);
    syscall(SYS_arch_prctl, 0x9999, 0);
    unsigned long fs;
    syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
    syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0L);
    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1L);
    prctl(PR_SET_NAME, "hatrace-test");
    prctl(PR_SET_NAME, "fifteen-letters");
    prctl(PR_SET_NAME, "more-than-fifteen");
    prctl(PR_GET_NAME, name);
    prctl(PR_SET_NAME, "hatrace-test");
        prctl(PR_SET_PDEATHSIG, SIGTERM);
    prctl(PR_CAPBSET_READ, 5);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(0x7777, 1, 2, 3, 4);
    prctl(PR_GET_NAME, name);
    prctl(PR_GET_PDEATHSIG, &value);
    prctl(PR_SET_KEEPCAPS, 0);
    prctl(PR_GET_KEEPCAPS);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    prctl(PR_GET_CHILD_SUBREAPER, &value);
    prctl(PR_GET_TIMERSLACK);
    prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
    prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
    prctl(PR_CAPBSET_DROP, 99);
    prctl(PR_GET_SECCOMP);
    prctl(PR_SET_NAME, 0);
    prctl(PR_GET_TID_ADDRESS, 0);
    uname(&names);
    getrandom(random, sizeof random, GRND_NONBLOCK);
    getrandom(random, 0, GRND_RANDOM|GRND_INSECURE|0x10);
    syscall(SYS_rseq, NULL, 32, 1, 0x53053053);
    getpid(); getppid(); syscall(SYS_gettid);
    kill(getpid(), 0);
    syscall(SYS_tgkill, getpid(), getpid(), SIGWINCH);
    signal(SIGRTMIN + 3, SIG_IGN);
    syscall(SYS_tkill, getpid(), SIGRTMIN + 3);
    kill(getpid(), 77);
    int own = syscall(SYS_pidfd_open, getpid(), 0);
    syscall(SYS_pidfd_send_signal, own, 0, NULL, 0);
    syscall(SYS_pidfd_send_signal, own, SIGWINCH, NULL, 0);
    syscall(SYS_pidfd_open, getpid(), 04000);
    syscall(SYS_pidfd_open, getpid(), 1);
    /* Edges: a mask with bits above the permissions, and getrlimit's infinity (RLIM64_INFINITY on x86_64). */
    syscall(SYS_umask, 0107777);
    syscall(SYS_umask, 022);
    syscall(SYS_getrlimit, RLIMIT_STACK, &limit);
    /* CLONE_PIDFD: the kernel stores the child's pidfd where parent_tid points. */
    child = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, &pidfd, 0, 0);
    if (child == 0)
        syscall(SYS_exit_group, 0);
    syscall(SYS_wait4, child, NULL, 0, NULL);
    syscall(SYS_exit_group, 0);
}
