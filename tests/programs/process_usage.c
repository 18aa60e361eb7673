/* getrusage and sysinfo, whose outputs the test compares with strace's once their numbers are normalised.
 * It writes nothing. */
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/sysinfo.h>
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
    return 0;
}
