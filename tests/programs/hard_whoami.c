/* Asks for its real and effective user ids: copied setuid, it shows whether the kernel granted the setuid. */
#include <unistd.h>

int main(void)
{
    return getuid() == geteuid() ? 0 : 1;
}
