/* Signal calls whose text tests compare with strace's: handlers set and read back, masks in both the plain and
 * the complement form, the alternate stack, signalfd. It writes nothing and ends normally. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void on_signal(int signal) { (void)signal; }

int main(void)
{
    struct sigaction action, old;
    sigset_t set, oldset;
    write(-1, "signals", 7); /* where the test starts comparing */
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_IGN;
    sigaction(SIGINT, &action, &old);
    action.sa_handler = SIG_DFL;
    action.sa_flags = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_NODEFER | SA_RESETHAND;
    sigaddset(&action.sa_mask, SIGTERM);
    sigaddset(&action.sa_mask, SIGRTMIN);
    sigaction(SIGCHLD, &action, NULL);
    sigaction(SIGINT, NULL, &old);
    sigaction(SIGKILL, &action, NULL);
    action.sa_handler = on_signal;
    sigfillset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    syscall(SYS_rt_sigaction, 99, NULL, NULL, 8L);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, &oldset);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigfillset(&set);
    sigdelset(&set, SIGUSR2);
    sigprocmask(SIG_SETMASK, &set, &oldset);
    sigprocmask(SIG_SETMASK, &oldset, NULL);
    syscall(SYS_rt_sigprocmask, 7, NULL, NULL, 8L);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4L);
    stack_t stack, oldstack;
    stack.ss_sp = malloc(65536); stack.ss_size = 65536; stack.ss_flags = 0;
    sigaltstack(NULL, &oldstack);
    sigaltstack(&stack, NULL);
    stack.ss_flags = SS_DISABLE;
    sigaltstack(&stack, &oldstack);
    sigpending(&set);
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct timespec timeout = {0, 1000};
    siginfo_t info;
    sigtimedwait(&set, &info, &timeout);
    raise(SIGUSR2);
    sigtimedwait(&set, &info, &timeout);
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR2;
    info.si_code = SI_QUEUE;
    info.si_pid = 1;
    syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR2, &info);
    sigwaitinfo(&set, &info);
    syscall(SYS_rt_sigsuspend, NULL, 8L);
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigaction(SIGUSR2, &action, NULL);
    raise(SIGUSR2); /* blocked: pending until sigsuspend lets it in */
    sigemptyset(&set);
    sigsuspend(&set);
    return 0;
}
