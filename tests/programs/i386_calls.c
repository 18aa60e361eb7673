/* i386 calls, made through int 0x80 from a 64-bit process as a 32-bit program makes them (no C library, as int80.c):
 * those that pass a 64-bit value in two registers, mmap2's offset in pages, the structures i386 lays out its own way
 * (iovecs, times, sigaction, stack_t, rlimit, stat, statfs, rusage, flock, fd_set, 16-bit ids, msghdr), _time64 calls,
 * whose structures are x86_64's, the thread area calls, whose struct user_desc both ABIs share, the socket calls made
 * through socketcall, which strace shows as made directly, and a child, which makes i386 calls as its parent does.
 * Every pointer is to static memory, below 4 GiB as int 0x80 wants it; every structure is declared here as i386 lays
 * it out. */
#define _GNU_SOURCE
#include <asm/unistd_32.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/net.h>
#include <linux/time_types.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/fanotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define SA_RESTORER 0x04000000 /* the kernel's (asm/signal.h); glibc's headers leave it out */
// i386's (asm-generic/fcntl.h), which take struct flock64: x86_64's headers make these names F_GETLK's and F_SETLK's.
#define I386_F_GETLK64 12
#define I386_F_SETLK64 13

struct iovec32 { unsigned int base, len; };
struct sigaction32 { unsigned int handler, flags, restorer, mask[2]; };
struct stack32 { unsigned int sp; int flags; unsigned int size; };
struct timespec32 { int sec, nsec; };
struct timeval32 { int sec, usec; };
struct msghdr32 { unsigned int name; int namelen; unsigned int iov, iovlen, control, controllen, flags; };
struct flock32 { short type, whence; int start, len, pid; };
struct __attribute__((packed, aligned(4))) flock64_32 { short type, whence; long long start, len; int pid; };

static long sys32(long nr, long a, long b, long c, long d, long e, long f)
{
    long ret;
    // The sixth argument goes in ebp, which the compiler may be using: kept in r12 meanwhile.
    __asm__ volatile("mov %%rbp, %%r12\n\tmov %[f], %%rbp\n\tint $0x80\n\tmov %%r12, %%rbp"
                     : "=a"(ret)
                     : "0"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), [f] "m"(f)
                     : "r12", "memory");
    return ret;
}

static long long position;
static char read_buffer[8];
static struct iovec32 written[2], read_back[1];
static struct __kernel_timespec resolution, nap = {0, 1000};
static struct __kernel_itimerspec timer_setting, timer_now;
static int futex_word;
static struct sigaction32 ignore_usr1, old_action;
static struct stack32 no_stack = {0x1000, SS_DISABLE, 8192}, old_stack;
static struct timespec32 nap32 = {0, 1000}, resolution32;
static struct { struct timespec32 interval, value; } timer_setting32, timer_now32;
static struct { struct timeval32 interval, value; } itimer_setting, itimer_now;
static unsigned int limits[2];
static char stat_buffer[96], statfs_buffer[84], usage_buffer[72];
static struct flock32 read_lock = {F_RDLCK, SEEK_SET, 10, 20, 0}, asked_lock = {F_WRLCK, SEEK_CUR, 1, 2, 0};
static struct flock64_32 far_lock = {F_RDLCK, SEEK_SET, 1ll << 33, 20, 0}, asked_far_lock = {F_WRLCK, SEEK_SET, 0, 0, 0};
static struct pollfd polled[2];
static unsigned int socket_arguments[6];
static int socket_pair[2], reuse = 1, socket_type;
static unsigned int socket_type_length = sizeof socket_type;
static struct sockaddr_in loopback_port_1;
static char received[8];
static struct iovec32 sent_iov[1], received_iov[1];
static unsigned int rights[4]; // a struct cmsghdr of i386: cmsg_len, cmsg_level, cmsg_type, then the descriptor
static struct msghdr32 sent, got;
static unsigned long long clone_arguments[11]; // struct clone_args, CLONE_ARGS_SIZE_VER2
static int child_status;
static unsigned int write_set[1];
static unsigned long long usr1 = 1ull << (SIGUSR1 - 1);
static unsigned int sigmask_and_size[2];
static unsigned int groups[4], robust_head, robust_length;
static unsigned short groups16[4], ids16[3];
static unsigned int utimes_pair[4] = {1, 2, 3, 4}, utime_pair[2] = {1, 2};
// struct user_desc: entry_number (-1: any free one), base_addr, limit, then seg_32bit, limit_in_pages and useable set.
static unsigned int thread_area[4] = {0xffffffff, 0x1000, 0xfffff, 0x51}, asked_area[4], no_area[4] = {99, 0, 0, 0};
static unsigned int new_thread_area[4] = {0xffffffff, 0x1000, 0xfffff, 0x51};

static unsigned int low(const void *p) { return (unsigned int)(unsigned long)p; }

// socketcall(call, args): the call's arguments in an array of 32-bit words.
static long socketcall(int call, unsigned int a, unsigned int b, unsigned int c, unsigned int d, unsigned int e)
{
    socket_arguments[0] = a;
    socket_arguments[1] = b;
    socket_arguments[2] = c;
    socket_arguments[3] = d;
    socket_arguments[4] = e;
    return sys32(__NR_socketcall, call, (long)socket_arguments, 0, 0, 0, 0);
}

void _start(void)
{
    sys32(__NR_write, -1, (long)"i386", 4, 0, 0, 0);
    int fd = sys32(__NR_memfd_create, (long)"i386", 0, 0, 0, 0, 0);
    // Offsets of 4 GiB and more: the high register is 1.
    sys32(__NR_pwrite64, fd, (long)"split", 5, 0x10, 1, 0);
    sys32(__NR_pread64, fd, (long)read_buffer, 5, 0x10, 1, 0);
    sys32(__NR__llseek, fd, 1, 0x10, (long)&position, SEEK_SET, 0);
    sys32(__NR__llseek, -1, 0, 5, (long)&position, SEEK_CUR, 0);
    sys32(__NR_ftruncate64, fd, 0x20, 1, 0, 0, 0);
    sys32(__NR_truncate64, (long)"/nonexistent/i386", 5, 1, 0, 0, 0);
    sys32(__NR_fadvise64, fd, 0x10, 1, 100, POSIX_FADV_DONTNEED, 0);
    sys32(__NR_fadvise64_64, fd, 0x10, 1, 100, 0, POSIX_FADV_WILLNEED);
    sys32(__NR_readahead, fd, 0x10, 1, 100, 0, 0);
    sys32(__NR_fallocate, fd, FALLOC_FL_KEEP_SIZE, 0x10, 0, 100, 0);
    sys32(__NR_sync_file_range, fd, 0x10, 1, 100, 0, SYNC_FILE_RANGE_WRITE);
    sys32(__NR_fanotify_mark, -1, FAN_MARK_ADD, FAN_CLOSE_NOWRITE, 1, AT_FDCWD, (long)"/");
    written[0] = (struct iovec32){low("hello "), 6};
    written[1] = (struct iovec32){low("world"), 5};
    read_back[0] = (struct iovec32){low(read_buffer), sizeof read_buffer};
    sys32(__NR_writev, fd, (long)written, 2, 0, 0, 0);
    sys32(__NR_pwritev, fd, (long)written, 2, 0x10, 1, 0);
    sys32(__NR_preadv, fd, (long)read_back, 1, 0x10, 1, 0);
    sys32(__NR_preadv2, fd, (long)read_back, 1, 0x10, 1, RWF_HIPRI);
    // At an address of its own: where the kernel chooses differs between runs.
    sys32(__NR_mmap2, 0x20000000, 4096, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 1);
    sys32(__NR_clock_getres_time64, CLOCK_MONOTONIC, (long)&resolution, 0, 0, 0, 0);
    sys32(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)&nap, 0, 0, 0);
    int timer = sys32(__NR_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC, 0, 0, 0, 0);
    sys32(__NR_timerfd_settime64, timer, TFD_TIMER_ABSTIME, (long)&timer_setting, 0, 0, 0);
    sys32(__NR_timerfd_gettime64, timer, (long)&timer_now, 0, 0, 0, 0);
    sys32(__NR_futex_time64, (long)&futex_word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
    sys32(__NR_set_thread_area, (long)thread_area, 0, 0, 0, 0, 0);
    asked_area[0] = thread_area[0];
    sys32(__NR_get_thread_area, (long)asked_area, 0, 0, 0, 0, 0);
    sys32(__NR_get_thread_area, (long)no_area, 0, 0, 0, 0, 0);
    sys32(__NR_modify_ldt, 1, (long)asked_area, sizeof asked_area, 0, 0, 0);
    ignore_usr1 = (struct sigaction32){(unsigned int)(unsigned long)SIG_IGN, SA_RESTORER, low(sys32), {1u << (SIGUSR2 - 1), 0}};
    sys32(__NR_rt_sigaction, SIGUSR1, (long)&ignore_usr1, (long)&old_action, 8, 0, 0);
    sys32(__NR_rt_sigaction, SIGUSR1, 0, (long)&old_action, 8, 0, 0);
    sys32(__NR_sigaltstack, (long)&no_stack, (long)&old_stack, 0, 0, 0, 0);
    sys32(__NR_nanosleep, (long)&nap32, 0, 0, 0, 0, 0);
    sys32(__NR_clock_getres, CLOCK_MONOTONIC, (long)&resolution32, 0, 0, 0, 0);
    sys32(__NR_timerfd_settime, timer, 0, (long)&timer_setting32, (long)&timer_now32, 0, 0);
    sys32(__NR_setitimer, ITIMER_REAL, (long)&itimer_setting, (long)&itimer_now, 0, 0, 0);
    sys32(__NR_getitimer, ITIMER_REAL, (long)&itimer_now, 0, 0, 0, 0);
    sys32(__NR_ugetrlimit, RLIMIT_CORE, (long)limits, 0, 0, 0, 0);
    sys32(__NR_getrlimit, RLIMIT_CORE, (long)limits, 0, 0, 0, 0);
    sys32(__NR_stat, (long)"/", (long)stat_buffer, 0, 0, 0, 0);
    sys32(__NR_stat64, (long)"/", (long)stat_buffer, 0, 0, 0, 0); // not the memfd: its inode and times differ each run
    sys32(__NR_statfs, (long)"/proc", (long)statfs_buffer, 0, 0, 0, 0);
    sys32(__NR_statfs64, (long)"/proc", sizeof statfs_buffer, (long)statfs_buffer, 0, 0, 0);
    sys32(__NR_fcntl64, fd, F_SETLK, (long)&read_lock, 0, 0, 0);
    sys32(__NR_fcntl64, fd, F_GETLK, (long)&asked_lock, 0, 0, 0);
    sys32(__NR_fcntl64, fd, I386_F_SETLK64, (long)&far_lock, 0, 0, 0);
    sys32(__NR_fcntl64, fd, I386_F_GETLK64, (long)&asked_far_lock, 0, 0, 0);
    sys32(__NR_fcntl64, fd, F_OFD_GETLK, (long)&asked_far_lock, 0, 0, 0);
    // Without timeouts: the time left differs between runs.
    polled[0] = (struct pollfd){fd, POLLIN, 0};
    polled[1] = (struct pollfd){timer, POLLIN, 0};
    sys32(__NR_poll, (long)polled, 2, 0, 0, 0, 0);
    write_set[0] = 1u << fd;
    sys32(__NR__newselect, fd + 1, 0, (long)write_set, 0, 0, 0);
    sys32(__NR_ppoll, (long)polled, 2, 0, (long)&usr1, sizeof usr1, 0);
    sigmask_and_size[0] = low(&usr1);
    sigmask_and_size[1] = sizeof usr1;
    sys32(__NR_pselect6, fd + 1, 0, (long)write_set, 0, 0, (long)sigmask_and_size);
    sys32(__NR_pselect6_time64, fd + 1, 0, (long)write_set, 0, 0, (long)sigmask_and_size);
    sys32(__NR_getrusage, RUSAGE_CHILDREN, (long)usage_buffer, 0, 0, 0, 0); // none: all zeros
    sys32(__NR_getgroups32, 4, (long)groups, 0, 0, 0, 0);
    sys32(__NR_getgroups, 4, (long)groups16, 0, 0, 0, 0);
    sys32(__NR_getresuid, (long)&ids16[0], (long)&ids16[1], (long)&ids16[2], 0, 0, 0);
    sys32(__NR_getresgid32, (long)&groups[0], (long)&groups[1], (long)&groups[2], 0, 0, 0);
    sys32(__NR_lchown, (long)"/nonexistent/i386", 0x12345, 0xffff, 0, 0, 0); // 16-bit ids: 0x2345, and -1 (unchanged)
    sys32(__NR_sched_rr_get_interval, 0, (long)&resolution32, 0, 0, 0, 0);
    sys32(__NR_get_robust_list, 0, (long)&robust_head, (long)&robust_length, 0, 0, 0);
    sys32(__NR_utime, (long)"/nonexistent/i386", (long)utime_pair, 0, 0, 0, 0);
    sys32(__NR_utimes, (long)"/nonexistent/i386", (long)utimes_pair, 0, 0, 0, 0);
    int tcp = socketcall(SYS_SOCKET, AF_INET, SOCK_STREAM, 0, 0, 0);
    loopback_port_1 = (struct sockaddr_in){AF_INET, htons(1), {htonl(INADDR_LOOPBACK)}, {0}};
    socketcall(SYS_CONNECT, tcp, low(&loopback_port_1), sizeof loopback_port_1, 0, 0);
    socketcall(SYS_SETSOCKOPT, tcp, SOL_SOCKET, SO_REUSEADDR, low(&reuse), sizeof reuse);
    socketcall(SYS_GETSOCKOPT, tcp, SOL_SOCKET, SO_TYPE, low(&socket_type), low(&socket_type_length));
    socketcall(SYS_ACCEPT, tcp, 0, 0, 0, 0);
    socketcall(SYS_SHUTDOWN, tcp, SHUT_RDWR, 0, 0, 0);
    socketcall(SYS_SOCKETPAIR, AF_UNIX, SOCK_DGRAM, 0, low(socket_pair), 0);
    socketcall(SYS_SEND, socket_pair[0], low("send"), 4, 0, 0);
    socketcall(SYS_RECV, socket_pair[1], low(received), sizeof received, 0, 0);
    sent_iov[0] = (struct iovec32){low("sendmsg"), 7};
    rights[0] = sizeof rights;
    rights[1] = SOL_SOCKET;
    rights[2] = SCM_RIGHTS;
    rights[3] = socket_pair[0];
    sent = (struct msghdr32){0, 0, low(sent_iov), 1, low(rights), sizeof rights, 0};
    socketcall(SYS_SENDMSG, socket_pair[0], low(&sent), 0, 0, 0);
    received_iov[0] = (struct iovec32){low(received), sizeof received};
    got = (struct msghdr32){0, 0, low(received_iov), 1, 0, 0, 0};
    sys32(__NR_recvmsg, socket_pair[1], (long)&got, MSG_CMSG_CLOEXEC, 0, 0, 0); // i386's own number for it
    socketcall(99, 0, 0, 0, 0, 0); // no call of that number: socketcall itself
    // clone3's TLS is a struct user_desc on i386: one of no entry yet, which the kernel refuses.
    clone_arguments[0] = CLONE_SETTLS;
    clone_arguments[4] = SIGCHLD;
    clone_arguments[7] = low(new_thread_area);
    sys32(__NR_clone3, (long)clone_arguments, sizeof clone_arguments, 0, 0, 0, 0);
    // A child, which makes i386 calls as its parent does; vfork, so that its calls come before the parent's next.
    if (sys32(__NR_vfork, 0, 0, 0, 0, 0, 0) == 0)
        sys32(__NR_exit_group, 3, 0, 0, 0, 0, 0);
    sys32(__NR_wait4, -1, (long)&child_status, 0, 0, 0, 0);
    sys32(__NR_exit_group, 0, 0, 0, 0, 0, 0);
    for (;;)
        ;
}
