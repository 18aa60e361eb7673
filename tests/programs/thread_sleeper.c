/* A thread that makes no call a trace of getpid shows while the main thread makes one: the main thread starts it,
 * waits 100 ms, calls getpid, and joins it; the thread sleeps 300 ms and returns. A tracer following threads knows of
 * the thread long before the main thread's getpid. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static void pause_ms(long ms)
{
    struct timespec t = { 0, ms * 1000000L };
    nanosleep(&t, NULL);
}

static void *sleeper(void *arg)
{
    (void)arg;
    pause_ms(300);
    return NULL;
}

int main(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, sleeper, NULL) != 0)
        return 1;
    pause_ms(100);
    getpid();
    return pthread_join(thread, NULL);
}
