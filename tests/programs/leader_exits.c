/* The main thread ends (pthread_exit) and another goes on: once the main thread is a zombie, which has no memory of its
 * own, the other opens /dev/null and writes to it, then ends the process with status 0. A tracer reads the calls'
 * strings through the thread that made them. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pid_t leader;

// The state letter of /proc/self/task/TID/stat, after the name in parentheses.
static char state_of(pid_t tid)
{
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t length = read(fd, stat, sizeof stat - 1);
    close(fd);
    stat[length > 0 ? length : 0] = 0;
    char *end = strrchr(stat, ')');
    return end && end[1] == ' ' ? end[2] : 0;
}

static void *after_the_leader(void *unused)
{
    struct timespec millisecond = { 0, 1000000 };
    for (int tries = 0; state_of(leader) != 'Z' && tries < 10000; tries++)
        nanosleep(&millisecond, NULL);
    int fd = open("/dev/null", O_WRONLY);
    write(fd, "after the main thread\n", 22);
    exit(0);
    return unused;
}

int main(void)
{
    leader = getpid();
    pthread_t thread;
    if (pthread_create(&thread, NULL, after_the_leader, NULL) != 0)
        return 1;
    pthread_exit(NULL);
}
