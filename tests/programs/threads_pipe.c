/* Threads whose calls interleave, for strace's <unfinished ...> / <... resumed> lines and thread exits: the main
 * thread blocks in read on a pipe while a second thread writes to it, then waits for the thread to end; a third
 * thread ends with exit(2)'s status of its own. It prints nothing. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static int fds[2];
static pid_t reader, quitter_tid;

/* Whether the main thread is inside read (syscall 0), as /proc says. */
static int reading(void)
{
    char path[64], text[4] = "";
    snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)reader);
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    return n >= 2 && text[0] == '0' && text[1] == ' ';
}

static void *writer(void *unused)
{
    (void)unused;
    while (!reading()) /* the main thread must block in read first, whatever the machine's load */
        usleep(10000);
    write(fds[1], "resumed!\n", 9);
    return NULL;
}

static void *quitter(void *unused)
{
    (void)unused;
    quitter_tid = (pid_t)syscall(SYS_gettid);
    syscall(SYS_exit, 3);
    return NULL;
}

/* A traced thread that ended stays in /proc/self/task until its tracer takes its status; taken after the process's
 * exit_group, the status would be the group's (the kernel's wait gives a zombie thread the group's exit code). */
static void wait_until_reaped(pid_t tid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d", (int)tid);
    for (int tries = 0; tries < 500 && access(path, F_OK) == 0; tries++)
        usleep(10000);
}

int main(void)
{
    char buffer[16];
    pthread_t writing, quitting;
    reader = (pid_t)syscall(SYS_gettid);
    if (pipe(fds) != 0)
        return 1;
    pthread_create(&quitting, NULL, quitter, NULL);
    pthread_join(quitting, NULL);
    wait_until_reaped(quitter_tid);
    pthread_create(&writing, NULL, writer, NULL);
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    pthread_join(writing, NULL);
    write(-1, buffer, n > 0 ? (size_t)n : 0);
    return 0;
}
