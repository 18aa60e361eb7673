/* A storm of 500 processes, all alive at once: each is started by fork or vfork (in turn) and runs this program again
 * as "hard_storm N", which exits N % 100. Exits 0 when every child was reaped with its own status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { Children = 500 };

int main(int argc, char **argv)
{
    if (argc > 1)
        return atoi(argv[1]) % 100;
    static pid_t children[Children];
    static char numbers[Children][16];
    for (int i = 0; i < Children; i++) {
        /* A vfork child shares this stack: it only execs, with arguments made before. */
        snprintf(numbers[i], sizeof numbers[i], "%d", i);
        char *const child_argv[] = { "hard_storm", numbers[i], NULL };
        pid_t child = i % 2 == 0 ? fork() : vfork();
        if (child == 0) {
            execv("/proc/self/exe", child_argv);
            _exit(127);
        }
        if (child < 0)
            return 1;
        children[i] = child;
    }
    for (int i = 0; i < Children; i++) {
        int status;
        if (waitpid(children[i], &status, 0) != children[i] || !WIFEXITED(status) || WEXITSTATUS(status) != i % 100)
            return 2;
    }
    return 0;
}
