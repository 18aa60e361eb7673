/* Makes one call of each syscall named on its command line, none of which the kernel runs: a seccomp filter answers
 * every call but exit and exit_group with 0 before it runs, after a tracer has seen it enter. So a tracer sees each
 * call's arguments, and its output arguments as a successful call left them, without the call doing anything.
 * Usage: table_walk NR:POINTERS... where POINTERS has bit i set when argument i is a pointer. A pointer argument
 * points to zeroed memory of its own (strings empty, structures zero, vectors ending at once), any other argument
 * is 1 (descriptor 1, one element, flag 1). The walk's calls come after the filter's seccomp call. */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define REGION 0x10000

int main(int argc, char **argv)
{
    char *memory = mmap(NULL, 6 * REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        return 1;

    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit_group, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { .len = sizeof filter / sizeof filter[0], .filter = filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program) != 0)
        return 2;

    for (int i = 1; i < argc; i++) {
        char *end;
        long nr = strtol(argv[i], &end, 10);
        unsigned long pointers = *end == ':' ? strtoul(end + 1, NULL, 10) : 0;
        long args[6];
        for (int a = 0; a < 6; a++)
            args[a] = (pointers >> a) & 1 ? (long)(memory + a * REGION) : 1;
        syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
    }
    syscall(SYS_exit_group, 0);
    return 0;
}
