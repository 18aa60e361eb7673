/* Makes one i386 call through int 0x80 from a 64-bit process: nr 20 is getpid there (writev on x86_64).
 * The tracer must read it from the i386 table. No C library, as tiny.c. */
#include <asm/unistd_64.h>

void _start(void)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
    __asm__ volatile("syscall" : "=a"(ret) : "a"((long)__NR_exit_group), "D"(0L) : "rcx", "r11", "memory");
    for (;;)
        ;
}
