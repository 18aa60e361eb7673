/* getrusage, sysinfo, times, the CPU affinity, a signal asked of a descriptor and waitid's outputs, which the test
 * compares with strace's once their numbers are normalised. It writes nothing. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    struct rusage usage;
    struct sysinfo info;
    write(-1, "usage", 5); /* where the test starts comparing */
    getrusage(RUSAGE_SELF, &usage);
    getrusage(RUSAGE_CHILDREN, &usage);
    getrusage(RUSAGE_THREAD, &usage);
    getrusage(5, &usage);
    sysinfo(&info);
    sysinfo(NULL);
    struct tms ticks;
    times(&ticks);
    cpu_set_t cpus;
    sched_getaffinity(0, sizeof cpus, &cpus);
    sched_setaffinity(0, sizeof cpus, &cpus);
    fcntl(0, F_SETSIG, SIGHUP);
    fcntl(0, F_GETSIG);
    fcntl(0, F_SETSIG, 0);
    fcntl(0, F_GETSIG);
    pid_t child = fork();
    if (child == 0)
        _exit(3);
    siginfo_t exited;
    syscall(SYS_waitid, P_PID, child, &exited, WEXITED, &usage);
    syscall(SYS_waitid, P_PID, child, &exited, WEXITED, &usage); /* no child left: ECHILD, nothing written */
    return 0;
}
