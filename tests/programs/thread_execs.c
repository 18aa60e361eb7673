/* thread_execs N: N times, a child whose second thread runs execve of /bin/true while the first joins it. The first
 * thread is in a call (the join's futex, or pthread_create's own) or between calls when the execve replaces it, as the
 * scheduler has it: over many children a tracer meets each case. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *run_true(void *unused)
{
    (void)unused;
    execl("/bin/true", "true", (char *)NULL);
    return NULL;
}

int main(int argc, char **argv)
{
    int children = argc > 1 ? atoi(argv[1]) : 100;
    for (int i = 0; i < children; i++) {
        pid_t child = fork();
        if (child == 0) {
            pthread_t thread;
            pthread_create(&thread, NULL, run_true, NULL);
            pthread_join(thread, NULL);
            _exit(1);
        }
        int status;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            return 1;
    }
    return 0;
}
