/* A running process to attach to: three threads, the main one making a call every few milliseconds (argv[2], 5 if not
 * given). It counts the SIGUSR1s it receives and, on SIGTERM, writes the count into the file named by argv[1] and exits
 * 0: a tracer that lost or invented a signal changes the count, and one that left it stopped never sees it finish. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t received, done;

static void on_usr1(int signal) { (void)signal; received++; }
static void on_term(int signal) { (void)signal; done = 1; }

static void *idle(void *unused)
{
    (void)unused;
    for (;;)
        pause();
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3)
        return 2;
    long milliseconds = argc == 3 ? atol(argv[2]) : 5;
    struct sigaction action = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &action, NULL);
    action.sa_handler = on_term;
    sigaction(SIGTERM, &action, NULL);
    pthread_t threads[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, idle, NULL);
    puts("ready");
    fflush(stdout);
    struct timespec pause_time = { .tv_sec = milliseconds / 1000, .tv_nsec = milliseconds % 1000 * 1000 * 1000 };
    while (!done) {
        nanosleep(&pause_time, NULL);
        getppid();
    }
    FILE *out = fopen(argv[1], "w");
    if (out == NULL)
        return 1;
    fprintf(out, "%d\n", (int)received);
    return fclose(out) == 0 ? 0 : 1;
}
