/* Clock, sleep and timer calls whose text tests compare with strace's. The C library answers clock_gettime and
 * gettimeofday from the vDSO without a syscall, so those go through syscall(2). Times that differ from run to
 * run are asked of clocks that do not change (CLOCK_*_CPUTIME_ID at rest is not one: the tests normalise). */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int signal) { (void)signal; }

int main(void)
{
    struct timespec now, resolution;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &resolution);
    syscall(SYS_clock_getres, CLOCK_REALTIME_COARSE, &resolution);
    syscall(SYS_clock_getres, CLOCK_BOOTTIME, NULL);
    syscall(SYS_clock_getres, 77, &resolution);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, 1L);

    struct timespec nap = { 0, 1000 };
    nanosleep(&nap, NULL);
    clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, &now);
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &now);
    now.tv_sec -= 1;
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
    // A sleep a signal cuts short has its time left written; an invalid one has not, and shows its pointer.
    struct sigaction wake = { .sa_handler = on_alarm };
    sigaction(SIGALRM, &wake, NULL);
    ualarm(20000, 0);
    struct timespec long_nap = { 1, 0 }, left;
    clock_nanosleep(CLOCK_BOOTTIME, 0, &long_nap, &left);
    struct timespec invalid = { 0, -1 };
    clock_nanosleep(CLOCK_MONOTONIC, 0, &invalid, &left);

    struct timeval tv;
    syscall(SYS_gettimeofday, &tv, NULL);
    syscall(SYS_gettimeofday, NULL, NULL);
    struct timezone zone;
    syscall(SYS_gettimeofday, NULL, &zone);
    syscall(SYS_time, NULL);
    time_t seconds;
    syscall(SYS_time, &seconds);

    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    struct itimerspec arm = { .it_interval = { 1, 0 }, .it_value = { 100, 500000000 } }, previous;
    timerfd_settime(timer, 0, &arm, NULL);
    struct itimerspec disarm = { { 0, 0 }, { 0, 0 } };
    timerfd_settime(timer, 0, &disarm, &previous);
    timerfd_gettime(timer, &previous);
    close(timer);

    struct itimerval interval = { .it_interval = { 0, 0 }, .it_value = { 1000, 250000 } }, old;
    setitimer(ITIMER_REAL, &interval, NULL);
    struct itimerval stop = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &stop, &old);
    getitimer(ITIMER_VIRTUAL, &old);
    alarm(100);
    alarm(0);
    return 0;
}
