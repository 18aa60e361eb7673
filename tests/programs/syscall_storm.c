/* A storm for the eBPF backend's loss accounting: 8 threads each call getppid N times (argv[1]) in a tight loop, all
 * at once, and are joined; exits 0. Traced with a tiny ring buffer, every call is either in the trace or counted lost. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { Threads = 8 };

static long count;

static void *storm(void *unused)
{
    (void)unused;
    for (long i = 0; i < count; i++)
        syscall(SYS_getppid);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    count = atol(argv[1]);
    pthread_t threads[Threads];
    for (int i = 0; i < Threads; i++)
        if (pthread_create(&threads[i], NULL, storm, NULL) != 0)
            return 1;
    for (int i = 0; i < Threads; i++)
        pthread_join(threads[i], NULL);
    return 0;
}
