/* Makes argv[1] getppid calls (default 20000), then prints its scheduling policy and how many CPUs it may run on,
   and the same for a child it forks after as many calls again: what a program sees of the tracer's own scheduling,
   which should be nothing. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void calls(long count)
{
    for (long i = 0; i < count; i++)
        syscall(SYS_getppid);
}

static void report(const char *who)
{
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    sched_getaffinity(0, sizeof cpus, &cpus);
    printf("%s policy=%d cpus=%d\n", who, sched_getscheduler(0), CPU_COUNT(&cpus));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 20000;
    calls(count);
    report("parent");
    pid_t child = fork();
    if (child == 0) {
        calls(count);
        report("child");
        _exit(0);
    }
    waitpid(child, NULL, 0);
    return 0;
}
