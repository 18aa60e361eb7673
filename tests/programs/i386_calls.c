/* i386 calls, made through int 0x80 from a 64-bit process as a 32-bit program makes them (no C library, as int80.c):
 * those that pass a 64-bit value in two registers, mmap2's offset in pages, the structures i386 lays out its own way
 * (iovecs, times, sigaction, stack_t, rlimit, stat, statfs, rusage, flock, fd_set, 16-bit ids), _time64 calls, whose
 * structures are x86_64's, and the thread area calls, whose struct user_desc both ABIs share. Every pointer is to static memory, below 4 GiB as int 0x80 wants
 * it; every structure is declared here as i386 lays it out. */
#define _GNU_SOURCE
#include <asm/unistd_32.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/time_types.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/fanotify.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define SA_RESTORER 0x04000000 /* the kernel's (asm/signal.h); glibc's headers leave it out */

struct iovec32 { unsigned int base, len; };
struct sigaction32 { unsigned int handler, flags, restorer, mask[2]; };
struct stack32 { unsigned int sp; int flags; unsigned int size; };
struct timespec32 { int sec, nsec; };
struct timeval32 { int sec, usec; };
struct flock32 { short type, whence; int start, len, pid; };
// i386's (asm-generic/fcntl.h), which take struct flock64: x86_64's headers make these names F_GETLK's and F_SETLK's.
#define I386_F_GETLK64 12
#define I386_F_SETLK64 13
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
static unsigned int write_set[1];
static unsigned long long usr1 = 1ull << (SIGUSR1 - 1);
static unsigned int sigmask_and_size[2];
static unsigned int groups[4], robust_head, robust_length;
static unsigned short groups16[4], ids16[3];
static unsigned int utimes_pair[4] = {1, 2, 3, 4}, utime_pair[2] = {1, 2};
// struct user_desc: entry_number (-1: any free one), base_addr, limit, then seg_32bit, limit_in_pages and useable set.
static unsigned int thread_area[4] = {0xffffffff, 0x1000, 0xfffff, 0x51}, asked_area[4], no_area[4] = {99, 0, 0, 0};

static unsigned int low(const void *p) { return (unsigned int)(unsigned long)p; }

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
    sys32(__NR_sched_rr_get_interval, 0, (long)&resolution32, 0, 0, 0, 0);
    sys32(__NR_get_robust_list, 0, (long)&robust_head, (long)&robust_length, 0, 0, 0);
    sys32(__NR_utime, (long)"/nonexistent/i386", (long)utime_pair, 0, 0, 0, 0);
    sys32(__NR_utimes, (long)"/nonexistent/i386", (long)utimes_pair, 0, 0, 0, 0);
    sys32(__NR_exit_group, 0, 0, 0, 0, 0, 0);
    for (;;)
        ;
}
