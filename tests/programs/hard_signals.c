/* Signal walls. "block": blocks every signal, sends itself some, and exits 0 when all are pending. "ignore": ignores
 * every signal it may, sends itself the same, and exits 0. "stop": stops itself with SIGSTOP, and exits 0 once
 * continued. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static const int sent[] = { SIGHUP, SIGINT, SIGUSR1, SIGPIPE, SIGTERM, SIGCHLD, SIGURG };

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (strcmp(argv[1], "stop") == 0) {
        kill(getpid(), SIGSTOP);
        return 0;
    }
    sigset_t all;
    sigfillset(&all);
    if (strcmp(argv[1], "block") == 0) {
        sigprocmask(SIG_BLOCK, &all, NULL);
    } else {
        struct sigaction ignore = { .sa_handler = SIG_IGN };
        for (int s = 1; s < NSIG; s++)
            sigaction(s, &ignore, NULL); /* SIGKILL, SIGSTOP and the C library's own fail: left as they are */
    }
    for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++)
        kill(getpid(), sent[i]);
    if (strcmp(argv[1], "block") == 0) {
        sigset_t pending;
        sigpending(&pending);
        for (size_t i = 0; i < sizeof sent / sizeof sent[0]; i++) {
            if (!sigismember(&pending, sent[i]))
                return 1;
        }
    }
    return 0;
}
