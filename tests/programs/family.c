/* Starts every kind of task a tracer must follow, and has each of them name itself in a path it tries
 * to open: "/nonexistent/hatrace/ROLE-PID-TID". A test compares the pid and tid in the path with the
 * ones the tracer reported. Roles: main, fork, thread, vfork, exec (after a non-leader thread's execve). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void mark(const char *role)
{
    char path[128];
    snprintf(path, sizeof path, "/nonexistent/hatrace/%s-%d-%ld", role, getpid(), syscall(SYS_gettid));
    syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
}

static void *thread_main(void *arg)
{
    (void)arg;
    mark("thread");
    return NULL;
}

static const char *self;

static void *exec_thread(void *arg)
{
    (void)arg;
    execl(self, self, "after-exec", (char *)NULL);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
        mark("exec");
        return 0;
    }
    self = "/proc/self/exe";
    mark("main");

    pid_t child = fork();
    if (child == 0) {
        mark("fork");
        _exit(0);
    }
    waitpid(child, NULL, 0);

    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&threads[i], NULL, thread_main, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);

    child = vfork();
    if (child == 0) {
        char path[128];
        snprintf(path, sizeof path, "/nonexistent/hatrace/vfork-%d-%ld", getpid(), syscall(SYS_gettid));
        syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    waitpid(child, NULL, 0);

    /* execve from a thread other than the leader: the thread takes over the process id. */
    pthread_t execer;
    pthread_create(&execer, NULL, exec_thread, NULL);
    pthread_join(execer, NULL);
    return 1; /* not reached: the exec replaces the whole process */
}
