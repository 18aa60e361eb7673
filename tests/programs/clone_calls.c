/* clone and clone3 at their edges, and the pidfd calls, compared with strace's text. Every clone that would make a
 * child fails (CLONE_THREAD without CLONE_SIGHAND, set_tid deeper than the pid namespace, flags the kernel does not
 * know), but for two vforks whose child exits at once; clone3's structure comes in every size the kernel knows,
 * shorter, longer (with and without bytes set past its end), at the end of a readable page and unreadable. The pidfd
 * calls work on a pidfd of the program itself: the signal it sends itself is ignored. unshare and setns change nothing
 * (no flags) or are refused. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MADV_COLLAPSE_ADVICE 25 /* MADV_COLLAPSE, which glibc's headers here lack */

/* A clone_args with room after it, for the sizes past the kernel's last field. */
struct big_args
{
    struct clone_args args;
    uint64_t extra[2];
};

static void clone_calls(char *page)
{
    struct big_args big;
    struct clone_args *args = &big.args;
    int pidfd = -1, parent_tid = 0;
    pid_t set_tid[2] = {1, 2};
    memset(&big, 0, sizeof big);
    args->flags = CLONE_THREAD;
    syscall(SYS_clone3, args, 64);
    syscall(SYS_clone3, args, 32);
    syscall(SYS_clone3, args, 0);
    syscall(SYS_clone3, args, 80);
    syscall(SYS_clone3, args, 88);
    syscall(SYS_clone3, args, 96);
    big.extra[0] = 5;
    syscall(SYS_clone3, args, 96);
    memcpy(page + 1000, &big, sizeof big);
    syscall(SYS_clone3, page + 1000, 3096);
    syscall(SYS_clone3, page + 1000, 3097);
    syscall(SYS_clone3, page + 1000, 8192);
    big.extra[0] = 0;
    syscall(SYS_clone3, args, 96);
    memcpy(page + 4096 - 64, args, 64);
    syscall(SYS_clone3, page + 4096 - 64, 88);
    syscall(SYS_clone3, page + 4096 - 64, 64);
    syscall(SYS_clone3, NULL, 88);
    memset(&big, 0, sizeof big);
    args->flags = CLONE_THREAD | CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS;
    args->pidfd = (uintptr_t)&pidfd;
    args->parent_tid = (uintptr_t)&parent_tid;
    args->child_tid = 0x1000;
    args->tls = 0x2000;
    args->exit_signal = 99;
    args->stack = 0x3000;
    args->stack_size = 0x4000;
    syscall(SYS_clone3, args, 88);
    args->exit_signal = SIGUSR1;
    args->set_tid = (uintptr_t)set_tid;
    args->set_tid_size = 2;
    syscall(SYS_clone3, args, 88);
    args->set_tid_size = 1;
    syscall(SYS_clone3, args, 64);
    syscall(SYS_clone3, args, 80);
    args->set_tid = (uintptr_t)(page + 4092);
    args->set_tid_size = 2;
    syscall(SYS_clone3, args, 80);
    args->set_tid = 0;
    syscall(SYS_clone3, args, 80);
    args->set_tid_size = 0;
    args->set_tid = (uintptr_t)set_tid;
    syscall(SYS_clone3, args, 80);
    memset(&big, 0, sizeof big);
    args->flags = CLONE_INTO_CGROUP | CLONE_NEWPID | (1ULL << 40);
    args->cgroup = 0xffffffff;
    args->exit_signal = 0x100000001ULL;
    syscall(SYS_clone3, args, 88);
    syscall(SYS_clone3, args, 80);
    args->flags = CLONE_THREAD;
    args->exit_signal = SIGCHLD;
    args->cgroup = 7;
    syscall(SYS_clone3, args, 88);
    args->flags = 1ULL << 40;
    syscall(SYS_clone3, args, 88);
    args->flags = CLONE_VFORK | CLONE_VM | CLONE_PARENT_SETTID;
    args->parent_tid = (uintptr_t)&parent_tid;
    long r = syscall(SYS_clone3, args, 64);
    if (r == 0) syscall(SYS_exit, 0);
    waitpid(-1, NULL, __WALL);
    syscall(SYS_clone, CLONE_THREAD | 0x7f, 0x1000, &parent_tid, 0x2000, 0x3000);
    syscall(SYS_clone, CLONE_THREAD | SIGRTMIN, 0, NULL, NULL, 0);
    syscall(SYS_clone, CLONE_THREAD | CLONE_PIDFD | CLONE_PARENT_SETTID, 0, &parent_tid, NULL, 0);
    syscall(SYS_clone, CLONE_THREAD | CLONE_PIDFD | CLONE_CHILD_CLEARTID | 0x100000000ULL, 0, NULL, NULL, 0);
    syscall(SYS_clone, 0xffffffffffffffffULL, 0, NULL, NULL, 0);
    syscall(SYS_clone, CLONE_THREAD, 0, NULL, NULL, 0);
    r = syscall(SYS_clone, CLONE_VFORK | CLONE_VM | CLONE_PIDFD | SIGCHLD, 0, page + 4094, NULL, 0);
    if (r == 0) syscall(SYS_exit, 0);
    waitpid(-1, NULL, __WALL);
}

/* unshare and setns: no flags, flags the kernel does not take, no descriptor. */
static void namespace_calls(void)
{
    syscall(SYS_unshare, 0);
    syscall(SYS_unshare, -1L);
    syscall(SYS_unshare, 0x400000000L | CLONE_FS);
    syscall(SYS_unshare, 0x11);
    syscall(SYS_setns, -1, CLONE_NEWNET);
    syscall(SYS_setns, -1, 0);
    syscall(SYS_setns, -1, CLONE_NEWTIME);
    syscall(SYS_setns, -1, 0x11);
    syscall(SYS_setns, -1, CLONE_NEWNET | CLONE_NEWUTS);
}

static void pidfd_calls(char *page)
{
    siginfo_t info;
    int own = syscall(SYS_pidfd_open, getpid(), 0);
    syscall(SYS_pidfd_open, 0x7fffffff, 0);
    syscall(SYS_pidfd_open, getpid(), 0x800 | 0x2);
    syscall(SYS_pidfd_open, -1, -1);
    syscall(SYS_pidfd_getfd, own, 0, 0);
    syscall(SYS_pidfd_getfd, own, 1, 1);
    syscall(SYS_pidfd_getfd, -1, -1, -1);
    syscall(SYS_pidfd_getfd, own, 9999, 0);
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR2;
    info.si_code = SI_QUEUE;
    info.si_pid = 1234;
    info.si_uid = 5;
    info.si_value.sival_int = 42;
    signal(SIGUSR2, SIG_IGN);
    syscall(SYS_pidfd_send_signal, own, SIGUSR2, &info, 0);
    syscall(SYS_pidfd_send_signal, own, SIGUSR2, NULL, 0);
    syscall(SYS_pidfd_send_signal, own, 0, NULL, 1);
    syscall(SYS_pidfd_send_signal, own, 0, NULL, -1);
    syscall(SYS_pidfd_send_signal, own, 99, page + 4090, 0);
    syscall(SYS_pidfd_send_signal, -1, SIGKILL, NULL, 0);
    info.si_code = SI_USER;
    syscall(SYS_pidfd_send_signal, own, SIGUSR2, &info, 0);
    struct iovec iov[2] = {{page, 4096}, {page + 4096, 4096}};
    syscall(SYS_process_madvise, own, iov, 2, MADV_COLD, 0);
    syscall(SYS_process_madvise, own, iov, 1, MADV_PAGEOUT, 1);
    syscall(SYS_process_madvise, own, NULL, 0, 99, 0);
    syscall(SYS_process_madvise, -1, page + 4090, 1, MADV_WILLNEED, 0);
    struct iovec many[40];
    for (int i = 0; i < 40; i++) { many[i].iov_base = page; many[i].iov_len = (size_t)-1; }
    syscall(SYS_process_madvise, own, many, 40, MADV_COLLAPSE_ADVICE, 0);
}

int main(void)
{
    /* A page whose next page is unmapped: structures and arrays that run off its end cannot be read whole. */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 1;
    munmap(page + 4096, 4096);
    write(-1, "clone", 5);
    clone_calls(page);
    namespace_calls();
    pidfd_calls(page);
    return 0;
}
