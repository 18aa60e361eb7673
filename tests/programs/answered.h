/* A seccomp filter that answers chosen calls 0 without running them, so that a test sees what strace prints of an
 * output the kernel would have filled in: the program has left in it what a driver or the kernel would write. */
#ifndef ANSWERED_H
#define ANSWERED_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Installs the filter; true when it is in place. */
static inline int install_answering_filter(struct sock_filter *filter, unsigned short length)
{
    struct sock_fprog program = { length, filter };
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) == 0;
}

/* Answers every ioctl on descriptor fd without running it. */
static inline int answer_ioctl_without_running(int fd)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, 0, 2),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)fd, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
    };
    return install_answering_filter(filter, sizeof filter / sizeof filter[0]);
}

#endif
