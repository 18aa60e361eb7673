/* thread_execs N [read|pause|spin]: N times, a child whose second thread runs execve of /bin/true while the first joins
 * it. The first thread is in a call (the join's futex, or pthread_create's own) or between calls when the execve replaces
 * it, as the scheduler has it. With read or pause, the first thread waits in that call instead, and with spin it runs
 * without making any; the second runs execve 50 ms later. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *s_wait = "";

static void *run_true(void *unused)
{
    (void)unused;
    if (*s_wait != '\0') {
        struct timespec head_start = { 0, 50000000L };
        nanosleep(&head_start, NULL);
    }
    execl("/bin/true", "true", (char *)NULL);
    return NULL;
}

static void wait_in_call(void)
{
    if (strcmp(s_wait, "read") == 0) {
        int never_written[2];
        char byte;
        if (pipe(never_written) == 0)
            (void)read(never_written[0], &byte, 1);
    } else if (strcmp(s_wait, "pause") == 0) {
        pause();
    } else if (strcmp(s_wait, "spin") == 0) {
        for (volatile unsigned long turns = 0;; turns++)
            ;
    }
}

int main(int argc, char **argv)
{
    int children = argc > 1 ? atoi(argv[1]) : 100;
    if (argc > 2)
        s_wait = argv[2];
    for (int i = 0; i < children; i++) {
        pid_t child = fork();
        if (child == 0) {
            pthread_t thread;
            pthread_create(&thread, NULL, run_true, NULL);
            wait_in_call();
            pthread_join(thread, NULL);
            _exit(1);
        }
        int status;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return 1;
    }
    return 0;
}
