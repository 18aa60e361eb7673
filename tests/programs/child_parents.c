/* Starts a child in each way a process can, and a thread: fork, vfork, clone and clone3 (with and without
 * CLONE_PARENT, clone3 with CLONE_VFORK too), fork from a thread other than the leader, and a thread. Each child asks
 * the kernel for its parent and its process (getppid, getpid), each thread for its process: a test compares the
 * answers with the tracer's events. A CLONE_PARENT child is the tracer's own, which reaps it. */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void be_child(void)
{
    syscall(SYS_getppid);
    syscall(SYS_getpid);
    syscall(SYS_exit, 0);
}

static void clone3_child(unsigned long long flags, int exit_signal)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags;
    args.exit_signal = exit_signal;
    if (syscall(SYS_clone3, &args, sizeof args) == 0)
        be_child();
}

static void *thread_forks(void *arg)
{
    (void)arg;
    syscall(SYS_getpid);
    pid_t child = fork();
    if (child == 0)
        be_child();
    waitpid(child, NULL, 0);
    return NULL;
}

int main(void)
{
    pid_t child = fork();
    if (child == 0)
        be_child();
    if (vfork() == 0)
        be_child();
    if (syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0) == 0)
        be_child();
    if (syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0) == 0)
        be_child();
    clone3_child(0, SIGCHLD);
    clone3_child(CLONE_PARENT, 0); /* the kernel refuses it an exit signal */
    clone3_child(CLONE_VFORK | CLONE_VM, SIGCHLD);
    while (waitpid(-1, NULL, 0) > 0)
    {
    }

    pthread_t thread;
    pthread_create(&thread, NULL, thread_forks, NULL);
    pthread_join(thread, NULL);
    return 0;
}
