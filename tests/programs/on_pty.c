/* Runs a command with a new pty's terminal as its standard input, output and error, so that a program that asks its
 * terminal (stty) has one wherever the tests run, with no terminal of their own. Nothing reads the pty: what the
 * command writes stays in its buffer, which holds a few kilobytes. usage: on_pty COMMAND [ARGUMENT...] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return 1;
    int terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
    if (terminal < 0 || dup2(terminal, 0) < 0 || dup2(terminal, 1) < 0 || dup2(terminal, 2) < 0)
        return 1;
    close(terminal);
    execvp(argv[1], argv + 1);
    return 127;
}
