/* A debugger's ptrace requests, compared with strace's text. The program forks a child that asks to be traced
 * (PTRACE_TRACEME) and stops at a breakpoint with every register set to a known value, so that the registers read
 * back are the same on every run; it then reads and writes the child's memory, registers and signal mask, follows one
 * of its calls (close(-1), which fails) through entry and exit, peeks at a signal it sends the child, and lets the
 * child exit. The test traces only this program
 * (strace without -f), so the child is free to be traced by it. Requests for other processes go to init (refused)
 * or to a pid no process has. */
#define _GNU_SOURCE
#include <elf.h>
#include <linux/ptrace.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define PTRACE(...) syscall(SYS_ptrace, __VA_ARGS__)
#define NO_PID 0x7fffffff /* a pid no process has */

static long word = 0x1122334455667788L;

/* The child's registers at its breakpoint: set here, then int3; then close(-1) and exit(0), made directly. */
__attribute__((noreturn)) static void breakpoint_then_exit(void)
{
    __asm__ volatile(
        "xor %%eax, %%eax\n\t" /* known flags: ZF and PF set */
        "mov $1, %%rbx\n\t" "mov $2, %%rcx\n\t" "mov $3, %%rdx\n\t" "mov $4, %%rsi\n\t" "mov $5, %%rdi\n\t"
        "mov $6, %%r8\n\t" "mov $7, %%r9\n\t" "mov $8, %%r10\n\t" "mov $9, %%r11\n\t" "mov $10, %%r12\n\t"
        "mov $11, %%r13\n\t" "mov $12, %%r14\n\t" "mov $13, %%r15\n\t" "mov $14, %%rbp\n\t" "mov $15, %%rax\n\t"
        "pxor %%xmm0, %%xmm0\n\t" "pxor %%xmm1, %%xmm1\n\t" "pxor %%xmm2, %%xmm2\n\t" "pxor %%xmm3, %%xmm3\n\t"
        "pxor %%xmm4, %%xmm4\n\t" "pxor %%xmm5, %%xmm5\n\t" "pxor %%xmm6, %%xmm6\n\t" "pxor %%xmm7, %%xmm7\n\t"
        "pxor %%xmm8, %%xmm8\n\t" "pxor %%xmm9, %%xmm9\n\t" "pxor %%xmm10, %%xmm10\n\t" "pxor %%xmm11, %%xmm11\n\t"
        "pxor %%xmm12, %%xmm12\n\t" "pxor %%xmm13, %%xmm13\n\t" "pxor %%xmm14, %%xmm14\n\t" "pxor %%xmm15, %%xmm15\n\t"
        "int3\n\t"
        "mov $3, %%eax\n\t" "mov $-1, %%rdi\n\t" "syscall\n\t"   /* close(-1) */
        "mov $60, %%eax\n\t" "xor %%edi, %%edi\n\t" "syscall\n\t" /* exit(0) */
        ::: "memory");
    __builtin_unreachable();
}

int main(void)
{
    int status;
    long value = 0;
    unsigned long message = 0;
    uint64_t mask = 0;
    struct user_regs_struct regs;
    struct user_fpregs_struct fpregs;
    struct iovec iov = {&regs, sizeof regs};
    struct iovec fpiov = {&fpregs, sizeof fpregs};
    struct ptrace_syscall_info info;
    siginfo_t si;
    siginfo_t pending[4];
    struct ptrace_peeksiginfo_args peek = {0, 0, 4};

    write(-1, "ptrace", 6);
    PTRACE(PTRACE_TRACEME, 0, 0, 0); /* this program is traced already: EPERM */
    pid_t child = fork();
    if (child == 0) {
        PTRACE(PTRACE_TRACEME, 0, 0, 0);
        breakpoint_then_exit();
    }
    waitpid(child, &status, 0);
    PTRACE(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | PTRACE_O_TRACEEXEC | 0x1000000);
    PTRACE(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
    PTRACE(PTRACE_GETSIGINFO, child, 0, &si);
    PTRACE(PTRACE_GETSIGINFO, child, 0, NULL);
    PTRACE(PTRACE_PEEKDATA, child, &word, &value);
    PTRACE(PTRACE_PEEKTEXT, child, &word, &value);
    PTRACE(PTRACE_PEEKDATA, child, 8, &value);
    PTRACE(PTRACE_POKEDATA, child, &word, 0);
    PTRACE(PTRACE_PEEKDATA, child, &word, &value);
    PTRACE(PTRACE_POKEDATA, child, &word, 0x42);
    long offsets[] = {8 * 10, 8, 8 * 20 + 48, 3, 216, 220, 224, 232, 736, 760, 776, 792, 800, 808, 816, 820, 848,
                      848 + 8, 848 + 56, 912, 99999};
    for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
        PTRACE(PTRACE_PEEKUSR, child, offsets[i], &value);
    PTRACE(PTRACE_POKEUSR, child, offsetof(struct user, u_debugreg) + 7 * 8, 0);
    PTRACE(PTRACE_GETREGSET, child, NT_PRSTATUS, &iov);
    PTRACE(PTRACE_GETREGSET, child, NT_PRFPREG, &fpiov);
    PTRACE(PTRACE_GETREGSET, child, NT_PRFPREG, NULL);
    PTRACE(PTRACE_GETREGSET, child, 0x999, &iov);
    PTRACE(PTRACE_SETREGSET, child, NT_PRSTATUS, &iov);
    PTRACE(PTRACE_GETREGS, child, 0, &regs);
    PTRACE(PTRACE_SETREGS, child, 0, &regs);
    PTRACE(PTRACE_GETREGS, child, 0, NULL);
    PTRACE(PTRACE_GETFPREGS, child, 0, &fpregs);
    PTRACE(PTRACE_SETFPREGS, child, 0, &fpregs);
    PTRACE(PTRACE_GETFPREGS, child, 0, NULL);
    PTRACE(PTRACE_GETSIGMASK, child, 8, &mask);
    PTRACE(PTRACE_SETSIGMASK, child, 8, &mask);
    PTRACE(PTRACE_GETSIGMASK, child, 4, &mask);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, sizeof info, &info);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, 8, &info);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, 0, NULL);
    PTRACE(PTRACE_GETEVENTMSG, child, 0, &message);
    PTRACE(PTRACE_SECCOMP_GET_FILTER, child, 0, NULL);
    PTRACE(PTRACE_SYSCALL, child, 0, 0);
    waitpid(child, &status, 0); /* close's entry */
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, sizeof info, &info);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, 40, &info);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, 35, &info);
    PTRACE(PTRACE_SYSCALL, child, 0, 0);
    waitpid(child, &status, 0); /* close's exit */
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, sizeof info, &info);
    PTRACE(PTRACE_GET_SYSCALL_INFO, child, 32, &info);
    PTRACE(PTRACE_SETSIGINFO, child, 0, &si);
    /* A signal left pending while the child is stopped: it is in the process's shared queue, not the thread's. */
    kill(child, SIGUSR1);
    PTRACE(PTRACE_PEEKSIGINFO, child, &peek, pending);
    peek.flags = PTRACE_PEEKSIGINFO_SHARED;
    PTRACE(PTRACE_PEEKSIGINFO, child, &peek, pending);
    peek.flags = 2;
    PTRACE(PTRACE_PEEKSIGINFO, child, &peek, pending);
    PTRACE(PTRACE_PEEKSIGINFO, child, NULL, pending);
    PTRACE(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL | PTRACE_O_TRACEEXIT);
    PTRACE(PTRACE_CONT, child, 0, 0);
    waitpid(child, &status, 0); /* SIGUSR1 on its way: discarded */
    PTRACE(PTRACE_CONT, child, 0, 0);
    waitpid(child, &status, 0); /* about to exit */
    PTRACE(PTRACE_GETEVENTMSG, child, 0, &message);
    PTRACE(PTRACE_CONT, child, 0, 0);
    waitpid(child, &status, 0);
    PTRACE(PTRACE_ATTACH, 1, 0, 0);
    PTRACE(PTRACE_SEIZE, 1, 0, PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK);
    PTRACE(PTRACE_INTERRUPT, NO_PID, 0, 0);
    PTRACE(PTRACE_LISTEN, NO_PID, 0, 0);
    PTRACE(PTRACE_DETACH, NO_PID, 0, SIGTERM);
    PTRACE(PTRACE_KILL, NO_PID, 0, 0);
    PTRACE(PTRACE_SINGLESTEP, NO_PID, 0, 0);
    PTRACE(PTRACE_SYSEMU, NO_PID, 0, 0);
    PTRACE(PTRACE_CONT, NO_PID, 0, SIGCONT);
    PTRACE(PTRACE_PEEKSIGINFO, NO_PID, 0, 0);
    PTRACE(PTRACE_ARCH_PRCTL, NO_PID, 0, 0x1002);
    PTRACE(PTRACE_GET_RSEQ_CONFIGURATION, NO_PID, 32, &info);
    PTRACE(0x9999, NO_PID, 1, 2);
    return 0;
}
