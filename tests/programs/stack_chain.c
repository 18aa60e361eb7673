/* main -> outer -> inner -> write, with frame pointers and debug information, for the stack trace tests (-k); with a
 * number, it writes that many times (bench/Measure-StackTraces.ps1). */
#include <stdlib.h>
#include <unistd.h>

__attribute__((noinline)) void inner(void)
{
    write(1, "x\n", 2);
}

__attribute__((noinline)) void outer(void)
{
    inner();
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 1;
    for (long i = 0; i < count; i++)
        outer();
    return 0;
}
