/* Children whose execve fails: one runs a program that does not exist (ENOENT, exits 127), one runs argv[1], a file
 * that is not executable (EACCES, exits 126). Exits 0 when both children ended so. */
#include <sys/wait.h>
#include <unistd.h>

static int run(const char *path, int failure)
{
    pid_t child = fork();
    if (child == 0) {
        execl(path, path, (char *)NULL);
        _exit(failure);
    }
    int status;
    return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == failure;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    return run("/nonexistent/hatrace-program", 127) && run(argv[1], 126) ? 0 : 1;
}
