/* SysV IPC's remaining commands (the *_INFO and *_STAT forms, SHM_LOCK, the semaphore array commands), its flags and
 * keys, POSIX message queues' notification and perf_event_open's event types, each ordinary and at its edges (unknown
 * commands and bits, NULL and unreadable pointers, short sizes). Every object it makes is removed before it exits. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <mqueue.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define UNREADABLE ((void *)8)
#define IPC_64 0x100 /* include/uapi/linux/ipc.h, which glibc does not give */

union semun { int val; struct semid_ds *buf; unsigned short *array; struct seminfo *__buf; };

static long perf(struct perf_event_attr *attr, int pid, int cpu, int group, unsigned long flags)
{
    return syscall(SYS_perf_event_open, attr, pid, cpu, group, flags);
}

int main(void)
{
    const char *name = "hatrace-ipc-more";
    syscall(SYS_mq_unlink, name);
    /* A page with nothing mapped after it, for structures cut short. */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(page + 4096, 4096);
    char *end = page + 4096;
    write(-1, "ipc_more", 8); /* where the test starts comparing */

    /* shared memory: keys, the info and stat commands, locking, attach flags */
    shmget(0x7ffe1234, 4096, 0); /* a key in hex, no such segment */
    int closed = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0);
    int shm = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0640);
    struct shmid_ds shm_ds;
    /* The *_STAT commands take an index into the kernel's table, the low 15 bits of an id. */
    shmctl(shm & 0x7fff, SHM_STAT, &shm_ds);
    shmctl(shm & 0x7fff, SHM_STAT_ANY, &shm_ds);
    shmctl(0x7fffffff, SHM_STAT, &shm_ds);
    shmctl(closed, IPC_RMID, NULL);
    shmctl(shm, SHM_LOCK, NULL);
    shmctl(shm, SHM_UNLOCK, NULL);
    shmctl(shm, IPC_STAT, UNREADABLE);
    shmctl(shm, IPC_INFO, UNREADABLE);
    shmctl(-1, IPC_RMID, NULL);
    void *attached = shmat(shm, NULL, SHM_EXEC);
    shmdt(attached);
    shmat(shm, NULL, 0);
    shmat(-1, UNREADABLE, 0xffff);
    shmdt(NULL);
    shmdt(UNREADABLE);
    shmctl(shm, IPC_RMID, NULL);

    /* semaphores: the array commands */
    int sem = semget(IPC_PRIVATE, 3, IPC_CREAT | IPC_EXCL | 0644);
    unsigned short values[3] = { 1, 2, 3 };
    semctl(sem, 0, SETALL, (union semun){ .array = values });
    semctl(sem, 0, GETALL, (union semun){ .array = values });
    semctl(sem, 0, SETALL, (union semun){ .array = UNREADABLE });
    semctl(sem, 0, GETALL, (union semun){ .array = NULL });
    semctl(sem, 1, GETPID);
    semctl(sem, 2, GETNCNT);
    semctl(sem, 2, GETZCNT);
    semctl(sem, 1, SETVAL, (union semun){ .val = -1 });
    struct seminfo sem_info;
    semctl(0, 0, SEM_INFO, (union semun){ .__buf = &sem_info });
    struct semid_ds sem_ds;
    semctl(sem & 0x7fff, 0, SEM_STAT, (union semun){ .buf = &sem_ds });
    semctl(sem & 0x7fff, 0, SEM_STAT_ANY, (union semun){ .buf = &sem_ds });
    semctl(0x7fffffff, 0, SEM_STAT, (union semun){ .buf = &sem_ds });
    semctl(sem, 0, IPC_STAT, (union semun){ .buf = UNREADABLE });
    syscall(SYS_semctl, sem, 0, IPC_STAT | 0x100, NULL);
    struct sembuf ops[3] = { { 0, -1, SEM_UNDO }, { 1, 0, IPC_NOWAIT }, { 2, 3, 0x4000 } };
    semop(sem, ops, 3);
    semop(sem, ops, 0);
    struct timespec wait = { 0, 1 };
    semtimedop(sem, ops + 1, 1, &wait);
    int odd = semget(IPC_PRIVATE, 1, 0777 | IPC_CREAT | 0x4000);
    semctl(odd, 0, IPC_RMID);
    semget(-1, 0, 0);
    semctl(sem, 0, IPC_RMID);

    /* message queues */
    int msq = msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
    struct { long mtype; char mtext[4]; } message = { 2, "abc" };
    msgsnd(msq, &message, sizeof message.mtext, 0);
    msgrcv(msq, &message, 1, 2, IPC_NOWAIT); /* too big: E2BIG */
    msgrcv(msq, &message, 1, 2, IPC_NOWAIT | MSG_NOERROR);
    msgrcv(msq, &message, sizeof message.mtext, 0, IPC_NOWAIT | MSG_COPY);
    msgsnd(msq, NULL, 4, IPC_NOWAIT);
    msgrcv(msq, NULL, 4, 0, IPC_NOWAIT);
    struct msqid_ds msq_ds;
    msgctl(0, MSG_INFO, &msq_ds);
    msgctl(msq & 0x7fff, MSG_STAT, &msq_ds);
    msgctl(msq & 0x7fff, MSG_STAT_ANY, &msq_ds);
    msgctl(0x7fffffff, MSG_STAT, &msq_ds);
    msgctl(msq, IPC_STAT, UNREADABLE);
    msgctl(msq, IPC_INFO, NULL);
    msgget(0x12345678, 0);
    msgctl(msq, IPC_RMID, NULL);

    /* POSIX message queues: notification */
    struct mq_attr attr = { .mq_flags = O_NONBLOCK, .mq_maxmsg = 2, .mq_msgsize = 8, .mq_curmsgs = 5 };
    int mq = syscall(SYS_mq_open, name, O_RDWR | O_CREAT | O_CLOEXEC, 0644, &attr);
    struct sigevent none = { .sigev_notify = SIGEV_NONE };
    syscall(SYS_mq_notify, mq, &none);
    syscall(SYS_mq_notify, mq, NULL);
    struct sigevent signal_event = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2, .sigev_value.sival_ptr = (void *)0x1234 };
    syscall(SYS_mq_notify, mq, &signal_event);
    syscall(SYS_mq_notify, mq, NULL);
    struct sigevent thread_event = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGRTMIN + 1 };
    thread_event._sigev_un._tid = 1; /* a fixed thread, since the kernel refuses this kind for a queue anyway */
    syscall(SYS_mq_notify, mq, &thread_event);
    struct sigevent odd_event = { .sigev_notify = 9, .sigev_signo = 70 };
    syscall(SYS_mq_notify, mq, &odd_event);
    syscall(SYS_mq_notify, mq, UNREADABLE);
    syscall(SYS_mq_notify, -1, NULL);
    struct mq_attr set = { .mq_flags = O_NONBLOCK | 0x10 };
    struct mq_attr old;
    syscall(SYS_mq_getsetattr, mq, &set, &old);
    syscall(SYS_mq_getsetattr, mq, NULL, UNREADABLE);
    syscall(SYS_mq_timedreceive, mq, UNREADABLE, 8, NULL, UNREADABLE);
    syscall(SYS_mq_timedsend, mq, UNREADABLE, 8, 0, NULL);
    close(mq);
    syscall(SYS_mq_open, name, O_RDONLY | O_CREAT | O_EXCL, 0600, NULL);
    syscall(SYS_mq_unlink, name);
    syscall(SYS_mq_unlink, UNREADABLE);

    /* perf_event_open: every type, the bits, the size's versions, the flags */
    struct perf_event_attr pe;
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_HARDWARE;
    pe.size = sizeof pe;
    pe.config = PERF_COUNT_HW_INSTRUCTIONS;
    pe.sample_period = 100000;
    pe.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_CALLCHAIN | (1ULL << 40);
    pe.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_ID | PERF_FORMAT_GROUP | (1ULL << 20);
    pe.disabled = 1;
    pe.inherit = 1;
    pe.exclude_hv = 1;
    pe.precise_ip = 2;
    pe.mmap = 1;
    pe.comm = 1;
    pe.wakeup_events = 3;
    perf(&pe, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    pe.type = PERF_TYPE_SOFTWARE;
    pe.config = PERF_COUNT_SW_CPU_CLOCK;
    pe.freq = 1;
    pe.sample_freq = 1000;
    pe.precise_ip = 3;
    pe.sample_type = 0;
    pe.read_format = 0;
    pe.exclude_kernel = 1;
    perf(&pe, 0, -1, -1, PERF_FLAG_FD_NO_GROUP | PERF_FLAG_FD_OUTPUT | 0x100);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_TRACEPOINT;
    pe.size = PERF_ATTR_SIZE_VER0;
    pe.config = 0x123;
    perf(&pe, -1, 0, -1, 0);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_HW_CACHE;
    pe.size = PERF_ATTR_SIZE_VER1;
    pe.config = PERF_COUNT_HW_CACHE_L1D | (PERF_COUNT_HW_CACHE_OP_READ << 8) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16);
    perf(&pe, 1, 1, 5, 0); /* another process, a CPU and a group that is no descriptor */
    pe.config = 0xff | (0x7 << 8) | (0x3 << 16) | (1ULL << 32);
    perf(&pe, 0, -1, -1, 0);
    pe.config = (0x5ULL << 32) | (0x2ULL << 24) | PERF_COUNT_HW_CACHE_BPU;
    perf(&pe, 0, -1, -1, 0);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_RAW;
    pe.size = PERF_ATTR_SIZE_VER5;
    pe.config = 0xdeadbeef;
    pe.config1 = 1;
    pe.config2 = 2;
    pe.branch_sample_type = PERF_SAMPLE_BRANCH_USER | PERF_SAMPLE_BRANCH_ANY;
    perf(&pe, 0, -1, -1, 0);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_BREAKPOINT;
    pe.size = sizeof pe;
    pe.bp_type = HW_BREAKPOINT_W;
    pe.bp_addr = (uintptr_t)&pe;
    pe.bp_len = HW_BREAKPOINT_LEN_4;
    pe.exclude_kernel = 1;
    perf(&pe, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    pe.bp_type = HW_BREAKPOINT_X;
    pe.bp_len = sizeof(long);
    perf(&pe, 0, -1, -1, 0);
    /* the newer fields, which -v shows */
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_SOFTWARE;
    pe.size = sizeof pe;
    pe.config = PERF_COUNT_SW_DUMMY;
    pe.sample_type = PERF_SAMPLE_REGS_USER | PERF_SAMPLE_STACK_USER | PERF_SAMPLE_BRANCH_STACK;
    pe.branch_sample_type = PERF_SAMPLE_BRANCH_KERNEL | PERF_SAMPLE_BRANCH_CALL | (1ULL << 30);
    pe.sample_regs_user = 0xff;
    pe.sample_stack_user = 4096;
    pe.use_clockid = 1;
    pe.clockid = CLOCK_MONOTONIC;
    pe.sample_regs_intr = 3;
    pe.aux_watermark = 16;
    pe.sample_max_stack = 8;
    pe.aux_sample_size = 64;
    pe.sigtrap = 1;
    pe.remove_on_exec = 1;
    pe.inherit_thread = 1;
    pe.sig_data = 0xfeedface;
    pe.context_switch = 1;
    pe.write_backward = 1;
    pe.namespaces = 1;
    pe.ksymbol = 1;
    pe.bpf_event = 1;
    pe.aux_output = 1;
    pe.cgroup = 1;
    pe.text_poke = 1;
    pe.build_id = 1;
    pe.exclude_guest = 1;
    pe.mmap2 = 1;
    pe.comm_exec = 1;
    pe.__reserved_1 = 3;
    pe.wakeup_watermark = 5;
    pe.watermark = 1;
    perf(&pe, 0, -1, -1, 0);
    pe.clockid = 77;
    pe.size = PERF_ATTR_SIZE_VER6;
    perf(&pe, -1, -1, -1, PERF_FLAG_PID_CGROUP);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_BREAKPOINT;
    pe.size = sizeof pe;
    pe.bp_type = HW_BREAKPOINT_RW | 0x10;
    pe.bp_addr = 0x1000;
    pe.bp_len = 3;
    perf(&pe, 0, -1, -1, 0);
    pe.type = PERF_TYPE_SOFTWARE;
    pe.config = 0x99;
    pe.config1 = 0x5;
    pe.config2 = 0x6;
    pe.precise_ip = 1;
    perf(&pe, 0, -1, 4, PERF_FLAG_FD_OUTPUT);
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_HARDWARE;
    pe.size = PERF_ATTR_SIZE_VER4;
    pe.config = 0x1234;
    pe.exclusive = 1;
    pe.pinned = 1;
    pe.exclude_user = 1;
    pe.exclude_idle = 1;
    pe.inherit_stat = 1;
    pe.enable_on_exec = 1;
    pe.task = 1;
    pe.mmap_data = 1;
    pe.sample_id_all = 1;
    pe.exclude_host = 1;
    pe.exclude_callchain_kernel = 1;
    pe.exclude_callchain_user = 1;
    perf(&pe, 0, -1, -1, 0);
    memset(&pe, 0, sizeof pe);
    pe.type = 99;
    pe.size = 20; /* shorter than the first version */
    pe.config = 7;
    perf(&pe, 0, -1, -1, 0);
    pe.size = 0;
    perf(&pe, 0, -1, -1, 0);
    pe.type = PERF_TYPE_SOFTWARE;
    pe.size = sizeof pe + 16; /* longer than the kernel's */
    perf(&pe, 0, -1, -1, 0);
    perf(NULL, 0, -1, -1, 0);
    perf(UNREADABLE, 0, -1, -1, 0);

    /* sizes between the versions and past the kernel's, with and without bytes set past it */
    char sized[256];
    memset(sized, 0, sizeof sized);
    struct perf_event_attr *versions = (void *)sized;
    versions->type = PERF_TYPE_SOFTWARE;
    versions->config = PERF_COUNT_SW_DUMMY;
    versions->disabled = 1;
    unsigned sizes[] = { 68, 100, 104, 112, 120, 132, 136, 144, 200, 256 };
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    {
        versions->size = sizes[i];
        perf(versions, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    }
    sized[140] = 1;
    versions->size = 200;
    perf(versions, 0, -1, -1, 0);

    /* cut short by the unmapped page: strace shows what it reads, or the address */
    struct perf_event_attr *tail = (void *)(end - PERF_ATTR_SIZE_VER0);
    memset(tail, 0, PERF_ATTR_SIZE_VER0);
    tail->type = PERF_TYPE_SOFTWARE;
    tail->size = sizeof *tail;
    perf(tail, 0, -1, -1, 0);
    tail->size = PERF_ATTR_SIZE_VER0;
    perf(tail, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    perf((void *)(end - 8), 0, -1, -1, 0);
    int many_sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    struct sembuf many[40];
    memset(many, 0, sizeof many);
    for (int i = 0; i < 40; i++)
        many[i].sem_op = 1;
    semop(many_sem, many, 40); /* more than strace shows */
    struct sembuf *last = (void *)(end - 2 * sizeof(struct sembuf));
    memset(last, 0, 2 * sizeof *last);
    semop(many_sem, last, 3);
    semctl(many_sem, 0, IPC_RMID);
    int short_msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    long *type_only = (void *)(end - sizeof(long));
    *type_only = 3;
    msgsnd(short_msq, type_only, 4, IPC_NOWAIT);
    char *two = end - sizeof(long) - 2; /* a type and two bytes of text: less than strace reads */
    *(long *)two = 4;
    two[8] = 'x';
    two[9] = 'y';
    msgsnd(short_msq, two, 4, IPC_NOWAIT);
    msgsnd(short_msq, two, 2, IPC_NOWAIT);
    msgrcv(short_msq, two, 4, 0, IPC_NOWAIT);
    struct { long mtype; char mtext[64]; } big = { 1, { 0 } };
    memset(big.mtext, 'a', sizeof big.mtext);
    msgsnd(short_msq, &big, sizeof big.mtext, 0);
    msgrcv(short_msq, &big, sizeof big.mtext, 0, MSG_COPY | IPC_NOWAIT);
    msgrcv(short_msq, &big, sizeof big.mtext, 1, 0);
    msgctl(short_msq, IPC_RMID, NULL);
    struct sigevent thread = { .sigev_notify = SIGEV_THREAD, .sigev_signo = 5, .sigev_value.sival_ptr = (void *)0x5678 };
    syscall(SYS_mq_notify, -1, &thread);
    syscall(SYS_mq_notify, -1, end - 8);
    syscall(SYS_mq_open, NULL, O_RDONLY, 0, NULL);
    syscall(SYS_mq_open, name, O_CREAT | O_EXCL | O_RDWR, 0600, end - 16);
    syscall(SYS_mq_getsetattr, -1, end - 16, NULL);

    /* success paths: an attach rounded down and replacing a mapping, IPC_SET with new values, MSG_EXCEPT, a negative
     * type, a semaphore taken within its timeout */
    int set_shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    void *rounded = shmat(set_shm, page + 5, SHM_RND | SHM_REMAP);
    shmdt(rounded);
    shmctl(set_shm, IPC_STAT, &shm_ds);
    shm_ds.shm_perm.mode = 0644;
    shm_ds.shm_perm.uid = 1;
    shmctl(set_shm, IPC_SET, &shm_ds);
    shmctl(set_shm, IPC_RMID, NULL);
    int set_msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    msgctl(set_msq, IPC_STAT, &msq_ds);
    msq_ds.msg_qbytes = 1000;
    msq_ds.msg_perm.mode = 0666;
    msgctl(set_msq, IPC_SET, &msq_ds);
    struct { long mtype; char mtext[4]; } typed = { 5, "abc" };
    msgsnd(set_msq, &typed, 3, 0);
    typed.mtype = 6;
    msgsnd(set_msq, &typed, 3, 0);
    msgrcv(set_msq, &typed, sizeof typed.mtext, 5, MSG_EXCEPT | IPC_NOWAIT);
    msgrcv(set_msq, &typed, sizeof typed.mtext, -10, IPC_NOWAIT);
    msgctl(set_msq, IPC_RMID, NULL);
    int set_sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    semctl(set_sem, 0, IPC_STAT, (union semun){ .buf = &sem_ds });
    sem_ds.sem_perm.mode = 0640;
    semctl(set_sem, 0, IPC_SET, (union semun){ .buf = &sem_ds });
    semctl(set_sem, 1, SETVAL, (union semun){ .val = 7 });
    semctl(set_sem, 1, GETVAL);
    struct sembuf take = { 1, -2, SEM_UNDO | IPC_NOWAIT };
    struct timespec soon = { 0, 5 };
    semtimedop(set_sem, &take, 1, &soon);
    semop(set_sem, &take, 1);
    semctl(set_sem, 0, IPC_RMID);

    /* owners: unsigned, but -1 ("unchanged") */
    struct shmid_ds owners = { 0 };
    owners.shm_perm.uid = -1;
    owners.shm_perm.gid = 0xb9cdc078;
    owners.shm_perm.mode = 0xfffff;
    shmctl(-1, IPC_SET, &owners);
    owners.shm_perm.uid = 0xfffffffe;
    owners.shm_perm.gid = -1;
    owners.shm_perm.mode = 01777;
    shmctl(-1, IPC_SET, &owners);
    struct msqid_ds queue_owner = { 0 };
    queue_owner.msg_perm.uid = 0x80000000;
    queue_owner.msg_perm.mode = 0x10000;
    queue_owner.msg_qbytes = -1;
    msgctl(-1, IPC_SET, &queue_owner);

    /* every bit set: the names the tables know, then the rest; commands beyond any name in hex */
    memset(&pe, 0xff, sizeof pe);
    pe.type = PERF_TYPE_HARDWARE;
    pe.size = sizeof pe;
    pe.config = PERF_COUNT_HW_REF_CPU_CYCLES;
    perf(&pe, 0, -1, -1, ~0UL);
    pe.type = PERF_TYPE_BREAKPOINT;
    perf(&pe, -1, -1, -1, ~0UL);
    syscall(SYS_shmat, -1, NULL, -1);
    syscall(SYS_shmget, -1, 0, -1);
    syscall(SYS_semget, -1, -1, -1);
    syscall(SYS_msgget, -1, ~IPC_CREAT); /* every bit but the one that would make a queue */
    syscall(SYS_msgsnd, -1, NULL, 0, -1);
    syscall(SYS_msgrcv, -1, NULL, -1L, -1L, -1);
    struct sembuf extreme = { 65535, -32768, -1 };
    syscall(SYS_semop, -1, &extreme, 1);
    struct timespec bad = { -1, 1000000000 };
    syscall(SYS_semtimedop, -1, &extreme, 1, &bad);
    syscall(SYS_shmctl, -1, IPC_64 | SHM_LOCK, NULL);
    syscall(SYS_msgctl, -1, IPC_64 | IPC_RMID, NULL);
    syscall(SYS_semctl, -1, 0, IPC_64 | GETALL, NULL);
    syscall(SYS_semctl, -1, 0, IPC_64 | 99, NULL);
    syscall(SYS_shmctl, -1, -1, NULL);
    syscall(SYS_msgctl, -1, -1, NULL);
    syscall(SYS_msgctl, -1, 0x7fff0000, NULL);
    syscall(SYS_msgctl, -1, IPC_64 | MSG_STAT_ANY, NULL);
    syscall(SYS_semctl, -1, -1, -1, -1L);
    syscall(SYS_shmdt, -1L);
    syscall(SYS_mq_open, name, ~O_CREAT, -1, NULL); /* no such queue: every bit but the one that would make it */
    syscall(SYS_mq_open, name, O_ACCMODE, 0, NULL);
    syscall(SYS_mq_timedsend, -1, "abc", 3, -1, &bad);
    syscall(SYS_mq_timedreceive, -1, NULL, -1L, NULL, &bad);
    struct mq_attr all;
    memset(&all, 0xff, sizeof all);
    syscall(SYS_mq_getsetattr, -1, &all, NULL);
    struct sigevent every;
    memset(&every, 0xff, sizeof every);
    every.sigev_notify = SIGEV_SIGNAL;
    syscall(SYS_mq_notify, -1, &every);
    every.sigev_notify = SIGEV_THREAD_ID | SIGEV_SIGNAL;
    syscall(SYS_mq_notify, -1, &every);
    return 0;
}
