/* The root exits (status 3) while a daemonised grandchild lives on: the child starts a session of its own, forks the
 * grandchild and exits at once. The grandchild waits until it is an orphan and the root is gone (reaped), then exits 7;
 * with argv[1] "forever" it waits for a signal instead, for a tracer that ends the trace when the root exits. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    pid_t root = getpid();
    pid_t child = fork();
    if (child < 0)
        return 1;
    if (child == 0) {
        setsid();
        // Taken before the fork: the grandchild's own getppid() may already see the orphaned state.
        pid_t parent = getpid();
        pid_t grandchild = fork();
        if (grandchild != 0)
            _exit(grandchild < 0 ? 1 : 0);
        struct timespec nap = { .tv_nsec = 1000 * 1000 };
        while (getppid() == parent || kill(root, 0) == 0)
            nanosleep(&nap, NULL);
        if (argc > 1 && strcmp(argv[1], "forever") == 0)
            pause();
        _exit(7);
    }
    int status;
    waitpid(child, &status, 0);
    return 3;
}
