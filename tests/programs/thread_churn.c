/* A process to attach to whose threads end as soon as they start: prints "ready", then starts 8 threads and joins them,
 * over and over, until SIGTERM, and exits 0. A thread often ends before the tracer has seen its parent's clone event. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t done;

static void on_term(int signal) { (void)signal; done = 1; }

static void *end_at_once(void *unused) { return unused; }

int main(void)
{
    struct sigaction action = { .sa_handler = on_term };
    sigaction(SIGTERM, &action, NULL);
    puts("ready");
    fflush(stdout);
    while (!done) {
        pthread_t threads[8];
        for (int i = 0; i < 8; i++)
            pthread_create(&threads[i], NULL, end_at_once, NULL);
        for (int i = 0; i < 8; i++)
            pthread_join(threads[i], NULL);
    }
    return 0;
}
