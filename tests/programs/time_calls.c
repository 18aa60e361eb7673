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
