/* Calls on the system as a whole, modules, marks and multi-message sockets, and values no name covers, each made so
 * that it fails or changes nothing: reboot's magic is wrong, the module and kexec calls get no module (descriptor -1, a name no module has,
 * flags the kernel refuses before it looks), quotactl names a path that does not exist, syslog only reads the log's
 * size or is refused, bpf gets no map and a program type that does not exist. statfs, fstatfs and time are answered by a seccomp filter without running, so that what they
 * "return" is what the program put in their buffers (f_flags with and without ST_VALID, a time of zero). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/bpf.h>
#include <linux/dqblk_xfs.h>
#include <linux/fanotify.h>
#include <linux/filter.h>
#include <linux/kexec.h>
#include <linux/module.h>
#include <linux/quota.h>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/fanotify.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "answered.h"

static void system_calls(void)
{
    char buf[64] = {0};
    syscall(SYS_syslog, 10, NULL, 0);   /* SYSLOG_ACTION_SIZE_BUFFER: reads the size */
    syscall(SYS_syslog, 3, NULL, -1);   /* READ_ALL of a negative length: EINVAL */
    syscall(SYS_syslog, 8, NULL, 99);   /* CONSOLE_LEVEL out of range: EINVAL */
    syscall(SYS_syslog, 8, NULL, 0);
    syscall(SYS_syslog, 99, buf, 5);
    syscall(SYS_syslog, -1, NULL, 0);
    syscall(SYS_reboot, 0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_ON, NULL);
    syscall(SYS_reboot, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_CMD_POWER_OFF, NULL);
    syscall(SYS_reboot, LINUX_REBOOT_MAGIC1 + 1, LINUX_REBOOT_MAGIC2C, LINUX_REBOOT_CMD_RESTART2, "now");
    syscall(SYS_reboot, 1, 2, 3, buf);
    syscall(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), "/nonexistent", 1000, buf);
    syscall(SYS_quotactl, QCMD(Q_SYNC, GRPQUOTA), "/nonexistent", 1000, buf);
    syscall(SYS_quotactl, QCMD(Q_QUOTAON, PRJQUOTA), "/nonexistent", QFMT_VFS_V1, "/nonexistent/quota");
    syscall(SYS_quotactl, QCMD(Q_GETINFO, USRQUOTA), "/nonexistent", 7, buf);
    syscall(SYS_quotactl, QCMD(Q_XQUOTAON, USRQUOTA), "/nonexistent", 7, buf);
    syscall(SYS_quotactl, QCMD(0x800099, 7), "/nonexistent", 0, NULL);
    syscall(SYS_quotactl, 0xffffffff, NULL, 0, NULL);
    syscall(SYS_quotactl_fd, -1, QCMD(Q_QUOTAOFF, GRPQUOTA), 7, NULL);
    syscall(SYS_quotactl_fd, -1, QCMD(Q_GETNEXTQUOTA, USRQUOTA), 7, NULL);
    syscall(SYS_ustat, makedev(8, 1), buf);
    syscall(SYS_ustat, makedev(0x1234, 0x56789), NULL);
    syscall(SYS_ustat, 0, buf);
}

static void module_calls(void)
{
    char buf[16] = {0};
    syscall(SYS_delete_module, "hatrace_none", O_NONBLOCK | O_TRUNC);
    syscall(SYS_delete_module, "hatrace_none", 0);
    syscall(SYS_delete_module, "hatrace_none", O_CREAT | O_NONBLOCK);
    syscall(SYS_delete_module, NULL, 0x10000000);
    syscall(SYS_init_module, NULL, 0, "");
    syscall(SYS_init_module, buf, 0, "a=1");
    syscall(SYS_finit_module, -1, "", MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC);
    syscall(SYS_finit_module, -1, "x=2", 0);
    syscall(SYS_finit_module, -1, NULL, 0x18);
    syscall(SYS_kexec_file_load, -1, -1, 4, "abcd", KEXEC_FILE_NO_INITRAMFS);
    syscall(SYS_kexec_file_load, -1, -1, 0, NULL, 0x10 | KEXEC_FILE_ON_CRASH); /* refused for the unknown bit */
    syscall(SYS_kexec_file_load, -1, -1, 3, "abcdef", 0x10);
    syscall(SYS_kexec_file_load, -1, -1, 5, "ab", 0x10);
}

static void path_calls(void)
{
    syscall(SYS_fanotify_mark, -1, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_OPEN | FAN_CLOSE_WRITE | FAN_ONDIR, AT_FDCWD, "/tmp");
    syscall(SYS_fanotify_mark, -1, FAN_MARK_FLUSH, 0, -1, NULL);
    syscall(SYS_fanotify_mark, -1, 0, 0, 5, NULL);
    syscall(SYS_fanotify_mark, -1, FAN_MARK_MOUNT | FAN_MARK_REMOVE | 0x800000, FAN_CLOSE | 0x2000, -2, NULL);
    syscall(SYS_fanotify_mark, -1, 0x80000000, 0x100000000000ULL, 5, "x");
    char *argv[] = {"x", NULL};
    syscall(SYS_execveat, -1, "", argv, argv, AT_EMPTY_PATH);
    syscall(SYS_execveat, AT_FDCWD, "/nonexistent", argv, argv, AT_SYMLINK_NOFOLLOW | 0x4000000);
    syscall(SYS_execveat, AT_FDCWD, "/nonexistent", argv, argv, 0x1);
    struct timespec dated[2] = {{1700000000, 5}, {0, UTIME_OMIT}};
    utimensat(AT_FDCWD, "/nonexistent", dated, 0);
    struct timespec zero[2] = {{0, 0}, {0, 5}};
    utimensat(AT_FDCWD, "/nonexistent", zero, 0);
}

static void sigmask_calls(void)
{
    int pipefd[2];
    pipe(pipefd);
    struct pollfd p = {pipefd[0], POLLIN, 0};
    struct timespec zero = {0, 0};
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    syscall(SYS_ppoll, &p, 1, &zero, &set, 8);
    syscall(SYS_ppoll, &p, 1, &zero, &set, 4);
    int ep = epoll_create1(0);
    struct epoll_event ev;
    syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &set, 8);
    syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &set, 16);
    syscall(SYS_epoll_pwait2, ep, &ev, 1, &zero, &set, 7);
    struct { sigset_t *set; long size; } pack = {&set, 16};
    syscall(SYS_pselect6, 0, NULL, NULL, NULL, &zero, &pack);
}

static void message_calls(void)
{
    int sv[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    struct mmsghdr m[3];
    memset(m, 0, sizeof m);
    struct timespec zero = {0, 0};
    syscall(SYS_recvmmsg, sv[0], m, 2, MSG_DONTWAIT, &zero);
    struct iovec data = {"abc", 3};
    m[0].msg_hdr.msg_iov = &data;
    m[0].msg_hdr.msg_iovlen = 1;
    m[1].msg_hdr.msg_iov = (struct iovec *)8; /* unreadable: the second message fails, one is sent */
    m[1].msg_hdr.msg_iovlen = 1;
    syscall(SYS_sendmmsg, sv[1], m, 3, MSG_DONTWAIT);
    syscall(SYS_sendmmsg, -1, m, 2, 0);
    syscall(SYS_sendmmsg, sv[1], m, 0, 0);
    char in[8];
    struct iovec into = {in, sizeof in};
    memset(m, 0, sizeof m);
    m[0].msg_hdr.msg_iov = &into;
    m[0].msg_hdr.msg_iovlen = 1;
    syscall(SYS_recvmmsg, sv[0], m, 2, MSG_DONTWAIT, &zero);
}

static void bpf_calls(void)
{
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = 999; /* no such map type: EINVAL */
    attr.key_size = 4;
    attr.value_size = 8;
    attr.max_entries = 2;
    strcpy(attr.map_name, "hatrace");
    syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.map_flags = BPF_F_NUMA_NODE | 0x100000; /* an unknown flag: EINVAL */
    syscall(SYS_bpf, BPF_MAP_CREATE, &attr, 48);
    syscall(SYS_bpf, BPF_MAP_CREATE, &attr, 8);
    int key = 1;
    long value = 7;
    memset(&attr, 0, sizeof attr);
    attr.map_fd = -1; /* no map: EBADF */
    attr.key = (unsigned long)&key;
    attr.value = (unsigned long)&value;
    attr.flags = BPF_EXIST;
    syscall(SYS_bpf, BPF_MAP_UPDATE_ELEM, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_UPDATE_ELEM, &attr, 8);
    attr.flags = BPF_EXIST | BPF_F_LOCK;
    syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, 24);
    attr.value = 0x1234; /* a fixed value, which -v shows as extra data */
    syscall(SYS_bpf, BPF_MAP_DELETE_ELEM, &attr, sizeof attr); /* value and flags beyond what it reads: ... */
    syscall(SYS_bpf, BPF_MAP_DELETE_ELEM, &attr, 16);
    /* r0 = 0; exit; then what strace's -v names: registers, sizes, modes, operations, JMP32's unnamed parts */
    struct bpf_insn insns[] = {
        {0xb7, 0, 0, 0, 0}, {0x95, 0, 0, 0, 0},
        {BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, -5}, {BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16},
        {BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 3}, {BPF_LDX | BPF_MEM | BPF_W, 4, 10, -8, 0},
        {BPF_STX | BPF_ATOMIC | BPF_W, 10, 1, -16, BPF_ADD}, {BPF_ST | BPF_MEM | BPF_B, 10, 0, -1, 0x7f},
        {BPF_JMP32 | BPF_JLT | BPF_X, 1, 2, -2, 0}, {BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 5}, {0xff, 11, 12, 1, 2},
    };
    memset(&attr, 0, sizeof attr);
    attr.prog_type = 9999; /* no such program type: EINVAL */
    attr.insn_cnt = 2;
    attr.insns = (unsigned long)insns;
    attr.license = (unsigned long)"GPL";
    attr.kern_version = 0x060112;
    attr.prog_flags = BPF_F_ANY_ALIGNMENT | 0x1000;
    attr.expected_attach_type = BPF_CGROUP_INET_EGRESS;
    strcpy(attr.prog_name, "hp");
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, 40);
    attr.insn_cnt = sizeof insns / sizeof insns[0];
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, 40);
    attr.insns = 8;
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, 40);
    char info[64];
    memset(&attr, 0, sizeof attr);
    attr.info.bpf_fd = 0; /* not a BPF object: EINVAL, info_len left as it was */
    attr.info.info_len = sizeof info;
    attr.info.info = (unsigned long)info;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.map_fd = -1;
    attr.key = (unsigned long)&key;
    attr.next_key = (unsigned long)&value;
    syscall(SYS_bpf, BPF_MAP_GET_NEXT_KEY, &attr, sizeof attr);
    attr.key = 0x5678;
    attr.next_key = 0x9abc;
    syscall(SYS_bpf, BPF_MAP_FREEZE, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_LOOKUP_AND_DELETE_ELEM, &attr, 24);
    memset(&attr, 0, sizeof attr);
    attr.pathname = (unsigned long)"/nonexistent/pin";
    attr.bpf_fd = -1; /* nothing to pin: EBADF, no file made */
    syscall(SYS_bpf, BPF_OBJ_PIN, &attr, sizeof attr);
    attr.file_flags = BPF_F_RDONLY;
    syscall(SYS_bpf, BPF_OBJ_GET, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_OBJ_GET, &attr, 12);
    memset(&attr, 0, sizeof attr);
    attr.start_id = 0x7fffffff; /* no object has that id: ENOENT */
    attr.open_flags = BPF_F_WRONLY;
    syscall(SYS_bpf, BPF_MAP_GET_NEXT_ID, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_PROG_GET_FD_BY_ID, &attr, 8);
    syscall(SYS_bpf, BPF_MAP_GET_FD_BY_ID, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_BTF_GET_FD_BY_ID, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_LINK_GET_FD_BY_ID, &attr, 4);
    memset(&attr, 0, sizeof attr);
    attr.target_fd = -1; /* nothing to attach to: EBADF or EINVAL for the unknown flag */
    attr.attach_bpf_fd = -1;
    attr.attach_type = BPF_CGROUP_INET_EGRESS;
    attr.attach_flags = BPF_F_ALLOW_MULTI | 0x100;
    syscall(SYS_bpf, BPF_PROG_ATTACH, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_PROG_ATTACH, &attr, 16);
    syscall(SYS_bpf, BPF_PROG_DETACH, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_CREATE, NULL, 8);
    syscall(SYS_bpf, BPF_MAP_CREATE, 8, 8);
    syscall(SYS_bpf, BPF_MAP_CREATE, &attr, 0);
    syscall(SYS_bpf, BPF_LINK_DETACH, &attr, 8); /* descriptor 0 is no link: EINVAL */
    syscall(SYS_bpf, 100, &attr, 8);
}

/* From here on statfs, fstatfs and time are answered 0 without running (a seccomp filter installed before the test's
 * marker, as its own call is not what the test compares): they show what the program left in their buffers. */
static int answer_without_running(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_statfs, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_fstatfs, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_time, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
    };
    return install_answering_filter(filter, sizeof filter / sizeof filter[0]);
}

static void answered_calls(void)
{
    struct statfs fs;
    memset(&fs, 0, sizeof fs);
    long flags[] = {0, 0x20, 0x1, 0x21 | 0x400, 0x1000000};
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; i++)
    {
        fs.f_flags = flags[i];
        syscall(SYS_statfs, "/", &fs);
    }
    fs.f_type = 0xEF53;
    syscall(SYS_fstatfs, 0, &fs);
    time_t t = 5;
    syscall(SYS_time, &t);
    t = 0;
    syscall(SYS_time, &t);
    syscall(SYS_time, NULL);
}

/* fanotify's class, flags and marks, and landlock_restrict_self's flags */
static void notify_calls(void)
{
    int group = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_REPORT_FID, O_RDONLY);
    fanotify_init(0xffffffff, O_RDWR | 0x80000000); /* an unknown class and flags: EINVAL */
    fanotify_init(FAN_CLASS_CONTENT | FAN_UNLIMITED_QUEUE | FAN_ENABLE_AUDIT | FAN_REPORT_TID, O_WRONLY);
    fanotify_mark(group, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_OPEN | FAN_CLOSE_WRITE | FAN_ONDIR | FAN_EVENT_ON_CHILD, AT_FDCWD, "/tmp");
    fanotify_mark(group, FAN_MARK_REMOVE | FAN_MARK_FILESYSTEM, FAN_ACCESS | 0x80000000000ULL, 5, NULL);
    fanotify_mark(-1, 0xffffffff, 0xffffffffffffffffULL, AT_FDCWD, "/x");
    fanotify_mark(group, FAN_MARK_FLUSH, 0, AT_FDCWD, (void *)8);
    syscall(SYS_landlock_restrict_self, -1, 5);
}

/* Values no name covers: a negative int prints as its 32 bits in hex, a flag no name covers with its set's hint; the
 * lone bits of O_TMPFILE and O_SYNC; numbers strace prints unsigned or whole; a socket type of 0, msync's two kinds of
 * sync at once, a name_to_handle_at path longer than -s, mincore's vector of no page, an xattr value larger than the
 * kernel takes, the flag sets strace shares between calls (timerfd's, AT_*), wait's options in strace's order. All
 * refused, or nothing done (a signal mask neither read nor set). */
static void unknown_values(void)
{
    syscall(SYS_shutdown, 99, -5L);
    syscall(SYS_getpriority, -5L, 0L);
    syscall(SYS_timerfd_create, -5L, 0L);
    syscall(SYS_madvise, 0L, 0L, -5L);
    syscall(SYS_socket, -5L, 1L, 0L);
    syscall(SYS_epoll_ctl, 99, -5L, 0L, 0L);
    syscall(SYS_rt_sigprocmask, -5L, 0L, 0L, 8L);
    syscall(SYS_getrusage, -5L, 0L);
    syscall(SYS_getrusage, (long)RUSAGE_CHILDREN, 0L); /* a named negative int: 0xffffffff under -X raw */
    syscall(SYS_setitimer, -5L, 0L, 0L);
    syscall(SYS_sched_setscheduler, 0L, -5L, 0L);
    syscall(SYS_ioprio_get, -5L, 0L);
    syscall(SYS_waitid, -5L, 0L, 0L, 4L, 0L);
    syscall(SYS_timerfd_settime, 99, 0x400000L, 0L, 0L);
    syscall(SYS_timer_settime, 0L, 0x400000L, 0L, 0L);
    syscall(SYS_clock_nanosleep, 0L, 0x400000L, 0L, 0L);
    syscall(SYS_openat, AT_FDCWD, 0L, 0x400000L | O_WRONLY, 0L);
    syscall(SYS_openat, AT_FDCWD, 0L, 04000000L | O_RDWR, 0L); /* O_SYNC's own bit */
    syscall(SYS_renameat2, AT_FDCWD, 0L, AT_FDCWD, 0L, 0x80000000L);
    syscall(SYS_getsockopt, 99, 12345L, -1L, 0L, 0L); /* an option at a level nobody names: unsigned */
    static const char letters[40] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM";
    syscall(SYS_write, 99, letters, -5L); /* a length of 2^64-5: -s's bytes of it */
    syscall(SYS_socket, AF_UNSPEC, 0L, 0L);
    syscall(SYS_msync, 0x32L, 4096L, (long)(MS_SYNC | MS_ASYNC | MS_INVALIDATE));
    char component[300];
    memset(component, 'a', sizeof component - 1);
    component[sizeof component - 1] = 0;
    syscall(SYS_name_to_handle_at, AT_FDCWD, component, 0L, 0L, 0L); /* ENAMETOOLONG, its path whole */
    syscall(SYS_mincore, 0x1001L, 0L, 0x5L);
    struct mq_attr attributes = { .mq_flags = 0x79cfe49be9d96155L };
    syscall(SYS_mq_getsetattr, 99, &attributes, 0L);
    /* More than a value may be: its address, at a fixed one so that it prints the same on every run. */
    char *fixed = mmap((void *)0x300000000L, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    syscall(SYS_setxattr, "/nonexistent", "user.x", fixed, 70000L, 0L);
    munmap(fixed, 4096);
    syscall(SYS_readlinkat, -1, 0x80000000L, 0x1000L, 0x100000005L);
    syscall(SYS_signalfd4, 45, 0x7fffffffL, 8L, 0x81000000L);
    syscall(SYS_socketpair, AF_UNIX, (long)SOCK_SEQPACKET | 0x100000L, 0L, 0L);
    syscall(SYS_socket, AF_UNIX, 0x100000L, 0L);
    syscall(SYS_fcntl, 99, (long)F_DUPFD, 0x100000000L);
    syscall(SYS_fcntl, 99, (long)F_DUPFD_CLOEXEC, -1L);
    syscall(SYS_kcmp, 1L, 0L, 0L /* KCMP_FILE */, 0x100000000L, 0x100000003L);
    syscall(SYS_memfd_create, "x", 0x25ba320L | (16L << 26));
    syscall(SYS_timerfd_create, 0L, 0x20006018L);
    syscall(SYS_timerfd_settime, 99, 0x4000800L, 0L, 0L);
    syscall(SYS_wait4, -1L, 0L, 0x4000000eL, 0L); /* WEXITED, which wait4 refuses */
    syscall(SYS_unlinkat, AT_FDCWD, 0L, 0x9f00L);
}

int main(void)
{
    if (!answer_without_running())
        return 1;
    write(-1, "misc", 4); /* where the test starts comparing */
    system_calls();
    module_calls();
    path_calls();
    sigmask_calls();
    message_calls();
    bpf_calls();
    notify_calls();
    unknown_values();
    answered_calls();
    return 0;
}
