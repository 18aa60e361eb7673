/* Starts 1000 threads, all alive at once, then joins every one: exits 0 when each returned its own number. */
#include <pthread.h>
#include <stdint.h>

enum { Threads = 1000 };

static pthread_barrier_t all_started;

static void *run(void *number)
{
    pthread_barrier_wait(&all_started);
    return number;
}

int main(void)
{
    static pthread_t threads[Threads];
    pthread_attr_t small;
    pthread_attr_init(&small);
    pthread_attr_setstacksize(&small, 64 * 1024);
    pthread_barrier_init(&all_started, NULL, Threads + 1);
    for (intptr_t i = 0; i < Threads; i++) {
        if (pthread_create(&threads[i], &small, run, (void *)i) != 0)
            return 1;
    }
    pthread_barrier_wait(&all_started);
    for (intptr_t i = 0; i < Threads; i++) {
        void *result;
        if (pthread_join(threads[i], &result) != 0 || result != (void *)i)
            return 2;
    }
    return 0;
}
