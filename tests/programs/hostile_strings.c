/* Strings that would write to the user's terminal if a trace showed them raw: an escape sequence, a BEL, a newline,
 * a lone 0x9b (CSI in 8-bit terminals), U+009B encoded, a backslash and bytes that are not UTF-8. They go into a
 * path that is created, written to and removed, the data written, the process's name (prctl), and the argv and
 * environment of a child that runs /bin/true. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define HOSTILE "\033[31m\a\n\x9b\xc2\x9b\\\xff\xfe"

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/hatrace-" HOSTILE "-%d", (int)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return 1;
    static const char data[] = "red " HOSTILE " text\n";
    if (write(fd, data, sizeof data - 1) != (ssize_t)sizeof data - 1)
        return 2;
    close(fd);
    unlink(path);
    prctl(PR_SET_NAME, HOSTILE);
    pid_t child = fork();
    if (child == 0)
    {
        char *argv[] = {"true", HOSTILE, NULL};
        char *envp[] = {"HOSTILE=" HOSTILE, NULL};
        execve("/bin/true", argv, envp);
        _exit(127);
    }
    int status;
    return child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}
