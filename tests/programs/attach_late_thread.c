/* A process a tracer attaches to, that starts a thread each time it comes to be traced: prints "ready", then calls
 * getppid every argv[1] milliseconds until SIGTERM. When /proc/self/status first names a tracer, it waits a while (so
 * that the tracer has finished attaching and sees the thread start) and starts a thread that lives as long as the
 * process stays traced; when the tracer is gone, it waits for that thread to end. The thread never calls getppid: under
 * -e trace=getppid no line of the trace is its. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t done;

static void on_term(int signal) { (void)signal; done = 1; }

static int traced(void)
{
    char line[256];
    int found = 0;
    FILE *status = fopen("/proc/self/status", "r");
    if (status == NULL)
        return 0;
    while (fgets(line, sizeof line, status) != NULL) {
        if (strncmp(line, "TracerPid:", 10) == 0)
            found = atoi(line + 10) != 0;
    }
    fclose(status);
    return found;
}

static void sleep_ms(long milliseconds)
{
    struct timespec time = { .tv_sec = milliseconds / 1000, .tv_nsec = milliseconds % 1000 * 1000 * 1000 };
    nanosleep(&time, NULL);
}

static void *while_traced(void *unused)
{
    (void)unused;
    while (traced())
        sleep_ms(10);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    long milliseconds = atol(argv[1]);
    struct sigaction action = { .sa_handler = on_term };
    sigaction(SIGTERM, &action, NULL);
    puts("ready");
    fflush(stdout);
    pthread_t thread;
    int started = 0;
    while (!done) {
        sleep_ms(milliseconds);
        getppid();
        int now = traced();
        if (now && !started) {
            sleep_ms(300);
            if (pthread_create(&thread, NULL, while_traced, NULL) != 0)
                return 1;
            started = 1;
        } else if (!now && started) {
            pthread_join(thread, NULL);
            started = 0;
        }
    }
    return 0;
}
