/* Stops and continues a child with SIGSTOP/SIGCONT and checks, as its real parent, that it sees both:
 * under a tracer the group-stop must still reach the parent. Prints what it saw; exits 0 when all was right. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    /* The child says when it runs, so that SIGSTOP finds it in its loop whoever is tracing: the trace is then the
     * same from run to run. */
    int ready[2];
    if (pipe(ready) != 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        if (write(ready[1], "r", 1) != 1)
            _exit(1);
        for (;;)
            usleep(10000);
    }
    char go;
    if (read(ready[0], &go, 1) != 1)
        return 1;
    int status, ok = 1;
    kill(child, SIGSTOP);
    if (waitpid(child, &status, WUNTRACED) != child || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP)
        ok = 0;
    printf("stopped: %s\n", ok ? "yes" : "no");
    kill(child, SIGCONT);
    if (waitpid(child, &status, WCONTINUED) != child || !WIFCONTINUED(status))
        ok = 0;
    printf("continued: %s\n", ok ? "yes" : "no");
    kill(child, SIGTERM);
    if (waitpid(child, &status, 0) != child || !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
        ok = 0;
    printf("terminated: %s\n", ok ? "yes" : "no");
    return ok ? 0 : 1;
}
