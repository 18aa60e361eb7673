/* prctl's options, each with the arguments it reads and with arguments it refuses, and capget's and capset's
 * headers and sets in each version, compared with strace's text. Everything it changes is its own: its name, its dumpable flag, its timer slack, its bounding set (one capability
 * dropped), its secure bits, its machine-check policy, its store-bypass mitigation. The rest fails harmlessly:
 * values the kernel refuses, NULL or unmapped pointers, options of other architectures (PR_SVE_*, PR_PAC_*, the
 * tagged-address control), PR_SET_MM's addresses past the end of user space, a user dispatch whose range wraps. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/securebits.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Through syscall(2), so that every argument register holds what the call names, whatever libc passes. */
#define PRCTL(...) syscall(SYS_prctl, __VA_ARGS__)

#define NO_PID 0x7fffffff /* a pid no process has */

static void process_options(char *page)
{
    int value = 0;
    unsigned long word = 0;
    char name[16];
    PRCTL(PR_SET_PDEATHSIG, 0, 0, 0, 0);
    PRCTL(PR_SET_PDEATHSIG, 99, 1, 2, 3);
    PRCTL(PR_SET_PDEATHSIG, -1L);
    PRCTL(PR_SET_PDEATHSIG, 0x100000009L);
    PRCTL(PR_SET_PDEATHSIG, 40);
    PRCTL(PR_GET_PDEATHSIG, &value, 1, 2, 3);
    PRCTL(PR_SET_PDEATHSIG, 0);
    PRCTL(PR_GET_PDEATHSIG, &value);
    PRCTL(PR_GET_PDEATHSIG, NULL);
    PRCTL(PR_GET_PDEATHSIG, page + 4094);
    PRCTL(PR_GET_DUMPABLE, 1, 2, 3, 4);
    PRCTL(PR_SET_DUMPABLE, 1, 2, 3, 4);
    PRCTL(PR_SET_DUMPABLE, 2);
    PRCTL(PR_SET_DUMPABLE, 5, 1);
    PRCTL(PR_SET_DUMPABLE, 0);
    PRCTL(PR_GET_DUMPABLE);
    PRCTL(PR_SET_DUMPABLE, 1);
    PRCTL(PR_GET_KEEPCAPS, 1, 2);
    PRCTL(PR_SET_KEEPCAPS, 0, 2);
    PRCTL(PR_SET_KEEPCAPS, -1L, 0, 0, 0);
    PRCTL(PR_GET_TIMING, 1);
    PRCTL(PR_SET_TIMING, PR_TIMING_STATISTICAL);
    PRCTL(PR_SET_TIMING, PR_TIMING_TIMESTAMP);
    PRCTL(PR_SET_TIMING, -1L);
    PRCTL(PR_SET_NAME, "prctl-test", 1);
    PRCTL(PR_SET_NAME, "0123456789abcdefgh");
    PRCTL(PR_SET_NAME, NULL);
    PRCTL(PR_SET_NAME, 8);
    PRCTL(PR_SET_NAME, page + 4090);
    PRCTL(PR_SET_NAME, page + 4080);
    PRCTL(PR_SET_NAME, "prctl-test");
    PRCTL(PR_GET_NAME, name, 1);
    PRCTL(PR_GET_NAME, NULL);
    PRCTL(PR_GET_NAME, page + 4090);
    PRCTL(PR_SET_TIMERSLACK, 50000, 1);
    PRCTL(PR_GET_TIMERSLACK, 1);
    PRCTL(PR_SET_TIMERSLACK, -1L, 0, 0, 0);
    PRCTL(PR_SET_TIMERSLACK, 0);
    PRCTL(PR_TASK_PERF_EVENTS_DISABLE, 1);
    PRCTL(PR_TASK_PERF_EVENTS_ENABLE);
    PRCTL(PR_SET_CHILD_SUBREAPER, 1, 1);
    PRCTL(PR_GET_CHILD_SUBREAPER, &value);
    PRCTL(PR_SET_CHILD_SUBREAPER, 0);
    PRCTL(PR_GET_CHILD_SUBREAPER, page + 4094);
    PRCTL(PR_GET_TID_ADDRESS, &word);
    PRCTL(PR_GET_TID_ADDRESS, NULL);
    PRCTL(PR_GET_TID_ADDRESS, page + 4092);
    PRCTL(PR_SET_THP_DISABLE, 0, 1, 0, 0);
    PRCTL(PR_SET_THP_DISABLE, 5, 1, 2, 3);
    PRCTL(PR_GET_THP_DISABLE, 0, 0, 0, 0);
    PRCTL(PR_SET_PTRACER, 0, 1);
    PRCTL(PR_SET_PTRACER, PR_SET_PTRACER_ANY);
    PRCTL(PR_SET_PTRACER, 0xffffffffL);
    PRCTL(PR_SET_PTRACER, -2L);
    PRCTL(PR_SET_PTRACER, 0);
    PRCTL(PR_SET_IO_FLUSHER, 2, 1, 2, 3);
    PRCTL(PR_SET_IO_FLUSHER, -1L, 0, 0, 0);
    PRCTL(PR_GET_IO_FLUSHER, 0, 0, 0, 0);
    PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, page, 4096, "hatrace-anon");
    PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, page, 4096, NULL);
    PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, page, 4096, page + 4090);
    PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, NULL, 0, 8);
    PRCTL(PR_SET_VMA, 1, page, 4096, "x");
    PRCTL(PR_SET_VMA, PR_SET_VMA_ANON_NAME, page, 4096, NULL);
}

static void security_options(void)
{
    struct sock_fprog empty = {0, NULL};
    PRCTL(PR_GET_SECCOMP, 1, 2);
    PRCTL(PR_SET_SECCOMP, SECCOMP_MODE_DISABLED, 1, 2, 3);
    PRCTL(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL, 3, 4);
    PRCTL(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &empty, 1, 2); /* no instructions: EINVAL */
    PRCTL(PR_SET_SECCOMP, 99, 1);
    PRCTL(PR_CAPBSET_READ, CAP_CHOWN, 1);
    PRCTL(PR_CAPBSET_READ, 99);
    PRCTL(PR_CAPBSET_READ, 0x100000001L);
    PRCTL(PR_CAPBSET_DROP, CAP_WAKE_ALARM);
    PRCTL(PR_CAPBSET_DROP, -1);
    PRCTL(PR_GET_SECUREBITS, 1);
    PRCTL(PR_SET_SECUREBITS, 0, 1);
    PRCTL(PR_SET_SECUREBITS, 0x10000);
    PRCTL(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED);
    PRCTL(PR_GET_SECUREBITS);
    PRCTL(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0);
    PRCTL(PR_SET_NO_NEW_PRIVS, 2, 1, 2, 3);
    PRCTL(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    PRCTL(PR_GET_NO_NEW_PRIVS, 1, 2, 3, 4);
    PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0);
    PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 99, 1, 2);
    PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, CAP_SYS_ADMIN, 0, 0);
    PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    PRCTL(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 2, 3);
    PRCTL(PR_CAP_AMBIENT, 9, 1, 2, 3);
    PRCTL(PR_CAP_AMBIENT, 0x100000001L, 0x100000001L, 0, 0);
    PRCTL(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 1, 2, 3);
    PRCTL(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, -1L, 2, &empty); /* the range wraps: EINVAL */
    PRCTL(PR_SET_SYSCALL_USER_DISPATCH, 5, 1, 2, 3);
    PRCTL(PR_SET_SYSCALL_USER_DISPATCH, 0x100000000L, 0, 0, 0);
}

static void machine_options(void)
{
    int value = 0;
    unsigned long cookie = 0;
    PRCTL(PR_GET_UNALIGN, &value);
    PRCTL(PR_SET_UNALIGN, PR_UNALIGN_NOPRINT | PR_UNALIGN_SIGBUS);
    PRCTL(PR_SET_UNALIGN, 4);
    PRCTL(PR_SET_UNALIGN, 0);
    PRCTL(PR_GET_FPEMU, &value);
    PRCTL(PR_SET_FPEMU, PR_FPEMU_SIGFPE);
    PRCTL(PR_SET_FPEMU, -1L);
    PRCTL(PR_GET_FPEXC, &value);
    PRCTL(PR_SET_FPEXC, PR_FP_EXC_SW_ENABLE | PR_FP_EXC_DIV | PR_FP_EXC_PRECISE);
    PRCTL(PR_GET_ENDIAN, &value);
    PRCTL(PR_SET_ENDIAN, PR_ENDIAN_LITTLE);
    PRCTL(PR_SET_ENDIAN, -1L);
    PRCTL(PR_GET_TSC, &value);
    PRCTL(PR_GET_TSC, NULL);
    PRCTL(PR_SET_TSC, PR_TSC_ENABLE, 1);
    PRCTL(PR_SET_TSC, 3);
    PRCTL(PR_SET_TSC, 0x100000001L);
    PRCTL(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0, 0);
    PRCTL(PR_MCE_KILL_GET, 0, 0, 0, 0);
    PRCTL(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_DEFAULT, 1, 2);
    PRCTL(PR_MCE_KILL, PR_MCE_KILL_SET, 7, 0, 0);
    PRCTL(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 1, 2, 3);
    PRCTL(PR_MCE_KILL, 5, 1, 2, 3);
    PRCTL(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
    PRCTL(PR_MCE_KILL_GET, 0, 0, 0, 0);
    PRCTL(PR_MCE_KILL_GET, 1, 2, 3, 4);
    PRCTL(PR_SET_MM, PR_SET_MM_START_CODE, -4096L, 0, 0);
    PRCTL(PR_SET_MM, PR_SET_MM_ENV_END, -4096L, 1, 2);
    PRCTL(PR_SET_MM, PR_SET_MM_EXE_FILE, -1, 0, 0);
    PRCTL(PR_SET_MM, PR_SET_MM_AUXV, NULL, 0, 0);
    PRCTL(PR_SET_MM, PR_SET_MM_MAP_SIZE, &value, 0, 0);
    PRCTL(PR_SET_MM, PR_SET_MM_MAP, NULL, 0, 0);
    PRCTL(PR_SET_MM, 99, 1, 2, 3);
    PRCTL(PR_SET_MM, 0x100000001L, -4096L, 2, 3);
    PRCTL(PR_MPX_ENABLE_MANAGEMENT, 0, 0, 0, 0);
    PRCTL(PR_MPX_DISABLE_MANAGEMENT, 1, 2, 3, 4);
    PRCTL(PR_SET_FP_MODE, PR_FP_MODE_FR | PR_FP_MODE_FRE, 1);
    PRCTL(PR_SET_FP_MODE, 4);
    PRCTL(PR_SET_FP_MODE, 0, 1);
    PRCTL(PR_GET_FP_MODE, 1);
    PRCTL(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC | PR_SVE_VL_INHERIT | 16, 1);
    PRCTL(PR_SVE_SET_VL, 0);
    PRCTL(PR_SVE_SET_VL, PR_SVE_VL_INHERIT);
    PRCTL(PR_SVE_SET_VL, 0x100000010L);
    PRCTL(PR_SVE_GET_VL, 1);
    PRCTL(PR_SME_SET_VL, PR_SME_SET_VL_ONEXEC | 32);
    PRCTL(PR_SME_GET_VL);
    PRCTL(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 1, 2, 3);
    PRCTL(PR_GET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH, 0, 0, 0);
    PRCTL(PR_GET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0, 0, 0);
    PRCTL(PR_GET_SPECULATION_CTRL, 9, 0, 0, 0);
    PRCTL(PR_SET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, PR_SPEC_DISABLE, 0, 0);
    PRCTL(PR_SET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH, PR_SPEC_ENABLE | 0x40, 1, 2);
    PRCTL(PR_SET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, PR_SPEC_PRCTL, 0, 0);
    PRCTL(PR_SET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0, 1, 2);
    PRCTL(PR_SET_SPECULATION_CTRL, 9, 0, 0, 0);
    PRCTL(PR_PAC_RESET_KEYS, PR_PAC_APIAKEY | PR_PAC_APGAKEY | 0x40, 0, 0, 0);
    PRCTL(PR_PAC_RESET_KEYS, 0, 1, 2, 3);
    PRCTL(PR_PAC_SET_ENABLED_KEYS, PR_PAC_APIAKEY | PR_PAC_APDBKEY, PR_PAC_APIAKEY, 0, 0);
    PRCTL(PR_PAC_SET_ENABLED_KEYS, 0x100, 0x200, 1, 2);
    PRCTL(PR_PAC_SET_ENABLED_KEYS, 0x104, 0, 0, 0);
    PRCTL(PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0);
    PRCTL(PR_PAC_GET_ENABLED_KEYS, 1, 2, 3, 4);
    PRCTL(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC | (0xfffeUL << PR_MTE_TAG_SHIFT), 0, 0, 0);
    PRCTL(PR_SET_TAGGED_ADDR_CTRL, 0, 1, 2, 3);
    PRCTL(PR_SET_TAGGED_ADDR_CTRL, 0x80000000UL, 0, 0, 0);
    PRCTL(PR_SET_TAGGED_ADDR_CTRL, PR_MTE_TCF_MASK, 0, 0, 0);
    PRCTL(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE | (1UL << PR_MTE_TAG_SHIFT), 0, 0, 0);
    PRCTL(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
    PRCTL(PR_GET_TAGGED_ADDR_CTRL, 1, 2, 3, 4);
    PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, PR_SCHED_CORE_SCOPE_THREAD, &cookie);
    PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_GET, NO_PID, PR_SCHED_CORE_SCOPE_THREAD_GROUP, NULL);
    PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, NO_PID, PR_SCHED_CORE_SCOPE_PROCESS_GROUP, 0);
    PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, 0, 7, 1);
    PRCTL(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_FROM, -1, 0, 0);
    PRCTL(PR_SCHED_CORE, 9, 1, 2, 3);
    PRCTL(PR_SCHED_CORE, 0x100000000L, 0x1ffffffffL, 0x100000001L, 0);
}

/* The sets are read in each version and set back unchanged; every other capset fails: another process, a version
 * the kernel does not know, sets that cannot be read whole or hold more than the process may have. */
static void capability_sets(char *page)
{
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct sets[2];
    syscall(SYS_capget, &header, sets);
    syscall(SYS_capset, &header, sets);
    header.version = _LINUX_CAPABILITY_VERSION_2;
    syscall(SYS_capget, &header, sets);
    header = (struct __user_cap_header_struct){_LINUX_CAPABILITY_VERSION_1, getpid()};
    syscall(SYS_capget, &header, sets);
    syscall(SYS_capset, &header, sets);
    header = (struct __user_cap_header_struct){0, 0};
    syscall(SYS_capget, &header, NULL);
    header.version = 0x12345678;
    syscall(SYS_capget, &header, sets);
    syscall(SYS_capset, &header, sets);
    syscall(SYS_capget, NULL, sets);
    syscall(SYS_capget, page + 4092, sets);
    header = (struct __user_cap_header_struct){_LINUX_CAPABILITY_VERSION_3, NO_PID};
    syscall(SYS_capget, &header, sets);
    header.pid = 0;
    syscall(SYS_capget, &header, NULL);
    syscall(SYS_capget, &header, page + 4092);
    syscall(SYS_capset, &header, page + 4092);
    /* Words with bits no capability names, alone in a set or after named ones; a word of zero between. */
    struct __user_cap_data_struct more[2] = {{0x80000000u, 0xffffffffu, 0}, {0xffffff00u, 0xffffffffu, 0xfffffe00u}};
    syscall(SYS_capset, &header, more);
    header.pid = 1;
    syscall(SYS_capset, &header, sets);
}

int main(void)
{
    /* A page whose next page is unmapped: names and numbers that run off its end cannot be read whole. */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 1;
    munmap(page + 4096, 4096);
    for (int i = 0; i < 4096; i++)
        page[i] = 'a';
    write(-1, "prctl", 5);
    process_options(page);
    security_options();
    machine_options();
    capability_sets(page);
    PRCTL(0x42, 0, 0, 0, 0);     /* not an option strace 6.1 names */
    PRCTL(0, 0, 0, 0, 0);
    PRCTL(-1, 1, 2, 3, 4);
    return 0;
}
