/* A process group blocked in syscalls: the root leads a group of its own and starts three children; all four then
 * wait in pause() until something kills them. */
#include <unistd.h>

int main(void)
{
    setpgid(0, 0);
    for (int i = 0; i < 3; i++) {
        if (fork() == 0)
            break;
    }
    for (;;)
        pause();
}
