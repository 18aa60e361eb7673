// A process blocked in read() on a pipe while its child sleeps argv[1] milliseconds (1500 by default) and then writes
// "wake up" into the pipe: for the views of calls in progress, and for filters on descriptors and on the data a call
// reads. The parent prints "ready" on stdout just before it reads, so that a test knows when it blocks.
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long ms = argc > 1 ? atol(argv[1]) : 1500;
    char buf[32];
    int p[2];
    if (pipe(p) != 0)
        return 1;
    pid_t child = fork();
    if (child == 0)
    {
        struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&pause, NULL);
        return write(p[1], "wake up", 7) == 7 ? 0 : 1;
    }
    if (write(1, "ready\n", 6) != 6)
        return 1;
    ssize_t n = read(p[0], buf, sizeof buf);
    waitpid(child, NULL, 0);
    return n == 7 ? 0 : 1;
}
