/* futex calls whose text tests compare with strace's: each command with the arguments it reads. None blocks:
 * the waits find another value or time out at once. It writes nothing. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <stdint.h>
static uint32_t word = 1, other = 0;
int main(void)
{
    struct timespec ts = {0, 1000};
    write(-1, "futex", 5); /* where the test starts comparing */
    syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAIT, 1, &ts, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    syscall(SYS_futex, &word, FUTEX_WAIT_BITSET, 0, &ts, NULL, 5);
    syscall(SYS_futex, &word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
    syscall(SYS_futex, &word, FUTEX_REQUEUE_PRIVATE, 1, 2, &other, 0);
    syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, &other, 1);
    syscall(SYS_futex, &other, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    syscall(SYS_futex, &other, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_LOCK_PI, 0, &ts, NULL, 0);
    syscall(SYS_futex, &word, 99, 1, 2, 3, 4);
    syscall(SYS_futex, &word, FUTEX_WAKE_OP_PRIVATE, 1, 1, &other, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1));
    syscall(SYS_futex, &word, FUTEX_FD, 1, 2, 3, 4);
    /* The realtime clock with commands it times, and with one it does not (an operation no name covers). */
    syscall(SYS_futex, &word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, &ts, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    syscall(SYS_futex, &word, 0x1ff, 0, NULL, NULL, 0);
    return 0;
}
