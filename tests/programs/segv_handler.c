/* Faults on purpose and survives in its SIGSEGV handler: traced, it must print and exit exactly as untraced. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_segv(int sig)
{
    (void)sig;
    static const char text[] = "caught SIGSEGV\n";
    write(1, text, sizeof text - 1);
    _exit(42);
}

int main(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_segv;
    sigaction(SIGSEGV, &action, NULL);
    volatile int *nowhere = (int *)8;
    *nowhere = 1;
    return 0;
}
