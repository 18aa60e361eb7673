/* The syscall-heavy tracee of the benchmarks: getppid N times (argv[1], default 200000). */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 200000;
    for (long i = 0; i < count; i++)
        syscall(SYS_getppid);
    return 0;
}
