/* A tracee that calls ptrace itself: one child asks to be traced by its parent (PTRACE_TRACEME), another attaches to
 * its sibling (PTRACE_ATTACH). Under a tracer both fail with EPERM, since a process has one tracer; untraced, both
 * work, and each is undone. Exits 0 once every child is reaped. */
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int status;
    pid_t traced = fork();
    if (traced == 0)
        _exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0 ? 0 : 1);
    waitpid(traced, &status, 0);

    pid_t sibling = fork();
    if (sibling == 0) {
        for (;;)
            pause();
    }
    pid_t attacher = fork();
    if (attacher == 0) {
        if (ptrace(PTRACE_ATTACH, sibling, NULL, NULL) != 0)
            _exit(1);
        waitpid(sibling, &status, __WALL);
        ptrace(PTRACE_DETACH, sibling, NULL, NULL);
        _exit(0);
    }
    waitpid(attacher, &status, 0);
    kill(sibling, SIGKILL);
    waitpid(sibling, &status, 0);
    return 0;
}
