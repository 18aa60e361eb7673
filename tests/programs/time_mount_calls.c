/* Time setting, POSIX timers and notifications, file handles, the mount API, keys and perf events, whose text the
 * test compares with strace's. Every call that would change the machine fails before it does: a bad tv_usec, a path
 * that does not exist, a descriptor that is not open, a file system or key type no kernel has. adjtimex and
 * clock_adjtime only read (modes=0); the timer and the perf counter are the process's own. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/hw_breakpoint.h>
#include <linux/mount.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#define MISSING "/nonexistent/hatrace"

int main(void)
{
    /* A page no one may read: pointers into it print as addresses. */
    void *unreadable = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    write(-1, "time_mount", 10); /* where the test starts comparing */

    struct utimbuf times = { 1, 2 };
    syscall(SYS_utime, MISSING, &times);
    times.actime = 0; /* the epoch prints without its date */
    syscall(SYS_utime, MISSING, &times);
    syscall(SYS_utime, MISSING, NULL);
    syscall(SYS_utime, MISSING, unreadable);
    struct timeval pair[2] = { { 3, 4 }, { 5, 6 } };
    syscall(SYS_utimes, MISSING, pair);
    syscall(SYS_utimes, MISSING, NULL);
    syscall(SYS_futimesat, AT_FDCWD, MISSING, pair);
    pair[0].tv_sec = 0;
    pair[1] = (struct timeval){ 0, 0 };
    syscall(SYS_utimes, MISSING, pair);
    syscall(SYS_futimesat, -1, MISSING, unreadable);

    struct timeval bad = { 7, -1 };
    struct timezone zone = { -60, 0 };
    syscall(SYS_settimeofday, &bad, &zone); /* EINVAL: the tv_usec, before anything is set */
    syscall(SYS_settimeofday, unreadable, NULL);

    struct timex tx;
    memset(&tx, 0, sizeof tx);
    syscall(SYS_adjtimex, &tx);
    syscall(SYS_adjtimex, NULL);
    memset(&tx, 0, sizeof tx);
    syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx);
    syscall(SYS_clock_adjtime, 77, &tx);

    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGUSR1;
    event.sigev_value.sival_int = 42;
    timer_t timer;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &event, &timer);
    struct itimerspec setting = { { 1, 2 }, { 300, 4 } }, old;
    syscall(SYS_timer_settime, timer, 0, &setting, &old);
    struct itimerspec far = { { 0, 0 }, { 2000000000, 0 } }; /* 63 years after boot: it never fires */
    syscall(SYS_timer_settime, timer, TIMER_ABSTIME, &far, NULL);
    syscall(SYS_timer_settime, timer, 6, &far, unreadable);
    syscall(SYS_timer_gettime, timer, &old);
    syscall(SYS_timer_gettime, timer, NULL);
    syscall(SYS_timer_delete, timer);
    event.sigev_notify = SIGEV_NONE;
    syscall(SYS_timer_create, CLOCK_REALTIME, &event, &timer);
    syscall(SYS_timer_delete, timer);
    event.sigev_notify = SIGEV_THREAD_ID;
    event._sigev_un._tid = 1;
    syscall(SYS_timer_create, CLOCK_BOOTTIME, &event, &timer);
    event.sigev_notify = 9;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &event, &timer);
    syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, unreadable);
    syscall(SYS_timer_create, 99, unreadable, &timer);

    event.sigev_notify = SIGEV_SIGNAL;
    syscall(SYS_mq_notify, -1, &event);
    event.sigev_notify = SIGEV_THREAD;
    syscall(SYS_mq_notify, -1, &event);
    syscall(SYS_mq_notify, -1, NULL);

    char name[80] = "hatrace";
    syscall(SYS_sethostname, name, 65); /* EINVAL: longer than a host name may be */
    syscall(SYS_sethostname, unreadable, 4); /* EFAULT */
    syscall(SYS_setdomainname, name, -1); /* EINVAL */

    syscall(SYS_mount, "none", MISSING, "hatrace_nofs", MS_RDONLY | MS_NOSUID | MS_NODEV, "mode=0755");
    syscall(SYS_mount, MISSING, MISSING, NULL, MS_BIND | MS_REC, NULL);
    syscall(SYS_mount, "none", MISSING, "hatrace_nofs", MS_MGC_VAL | MS_REMOUNT | 0x1000000, unreadable);
    syscall(SYS_mount, "none", MISSING, unreadable, 0, NULL);

    syscall(SYS_add_key, "hatrace_nokey", "desc", "payload\1", 8, -2);
    syscall(SYS_add_key, "hatrace_nokey", "desc", NULL, 0, -4);
    syscall(SYS_add_key, "hatrace_nokey", NULL, unreadable, 4, 5);

    struct file_handle *handle = (struct file_handle *)name;
    handle->handle_bytes = 0;
    int mount_id;
    syscall(SYS_name_to_handle_at, AT_FDCWD, MISSING, handle, &mount_id, AT_SYMLINK_FOLLOW);
    syscall(SYS_name_to_handle_at, AT_FDCWD, "/", handle, &mount_id, 0); /* EOVERFLOW: the size it needs written back */
    handle->handle_bytes = 64;
    syscall(SYS_name_to_handle_at, AT_FDCWD, "/", handle, &mount_id, 0);
    syscall(SYS_name_to_handle_at, -1, "", unreadable, &mount_id, AT_EMPTY_PATH | 0x8000);
    handle->handle_bytes = 8;
    handle->handle_type = 1;
    memcpy(handle->f_handle, "\1\2\3\4\5\6\7\10", 8);
    syscall(SYS_open_by_handle_at, -1, handle, O_RDONLY | O_CLOEXEC);
    syscall(SYS_open_by_handle_at, -1, unreadable, O_RDWR);

    syscall(SYS_fsopen, "hatrace_nofs", FSOPEN_CLOEXEC);
    syscall(SYS_fsopen, "hatrace_nofs", 2);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_FLAG, "ro", NULL, 0);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_STRING, "source", "none", 0);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_BINARY, "key", "\1\2\3", 3);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_PATH, "source", MISSING, AT_FDCWD);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_PATH_EMPTY, "source", "", 5);
    syscall(SYS_fsconfig, -1, FSCONFIG_SET_FD, "fd", NULL, 3);
    syscall(SYS_fsconfig, -1, FSCONFIG_CMD_CREATE, NULL, NULL, 0);
    syscall(SYS_fsconfig, -1, FSCONFIG_CMD_RECONFIGURE, NULL, NULL, 0);
    syscall(SYS_fsconfig, -1, 77, "key", "value", 1);
    syscall(SYS_fspick, AT_FDCWD, MISSING, FSPICK_CLOEXEC | FSPICK_NO_AUTOMOUNT | 0x40);
    syscall(SYS_open_tree, AT_FDCWD, MISSING, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
    syscall(SYS_open_tree, -1, MISSING, 0);
    syscall(SYS_move_mount, AT_FDCWD, MISSING, -1, MISSING, MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_SYMLINKS | 0x1000);
    syscall(SYS_move_mount, -1, MISSING, -1, MISSING, 0);
    struct mount_attr attr = { MOUNT_ATTR_RDONLY, 0, 0, 0 };
    syscall(SYS_mount_setattr, AT_FDCWD, MISSING, AT_RECURSIVE | AT_EMPTY_PATH, &attr, sizeof attr);
    attr.attr_clr = MOUNT_ATTR__ATIME | 0x1000;
    attr.propagation = MS_SLAVE;
    attr.userns_fd = -1;
    syscall(SYS_mount_setattr, -1, MISSING, 1, &attr, sizeof attr);
    syscall(SYS_mount_setattr, -1, MISSING, 0, &attr, 31); /* smaller than any struct mount_attr: its address */

    struct perf_event_attr perf;
    memset(&perf, 0, sizeof perf);
    perf.type = PERF_TYPE_SOFTWARE;
    perf.size = sizeof perf;
    perf.config = PERF_COUNT_SW_TASK_CLOCK;
    perf.disabled = 1;
    perf.exclude_kernel = 1;
    int counter = syscall(SYS_perf_event_open, &perf, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (counter >= 0)
        close(counter);
    memset(&perf, 0, sizeof perf);
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0); /* pid and cpu both -1: EINVAL */
    perf.type = PERF_TYPE_HW_CACHE;
    perf.size = 200;
    perf.config = PERF_COUNT_HW_CACHE_LL | (PERF_COUNT_HW_CACHE_OP_READ << 8) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16);
    perf.freq = 1;
    perf.sample_freq = 4000;
    perf.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | (1ULL << 40);
    perf.read_format = PERF_FORMAT_ID | PERF_FORMAT_GROUP;
    perf.precise_ip = 2;
    perf.watermark = 1;
    perf.sample_id_all = 1;
    perf.use_clockid = 1;
    perf.__reserved_1 = 1;
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0x10);
    perf.type = PERF_TYPE_TRACEPOINT;
    perf.config = 1234;
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0);
    perf.type = 77;
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0);
    perf.type = PERF_TYPE_BREAKPOINT;
    perf.size = PERF_ATTR_SIZE_VER1;
    perf.bp_type = HW_BREAKPOINT_RW;
    perf.bp_addr = 0x1000;
    perf.bp_len = HW_BREAKPOINT_LEN_4;
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0);
    perf.size = 32; /* smaller than any version: its address */
    syscall(SYS_perf_event_open, &perf, -1, -1, -1, 0);
    syscall(SYS_perf_event_open, unreadable, 0, -1, -1, PERF_FLAG_FD_NO_GROUP | 0x100);

    syscall(SYS_accept4, -1, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    syscall(SYS_accept4, -1, NULL, NULL, SOCK_CLOEXEC | 1);
    return 0;
}
