/* SysV IPC (shared memory, semaphores, message queues), POSIX message queues, AIO and io_uring: ordinary calls on
 * IPC_PRIVATE objects and a temporary file, then the edges (NULL, unreadable memory, unknown bits, failing calls).
 * Every object it makes is removed before it exits. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <mqueue.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define UNREADABLE ((void *)8)

struct message { long mtype; char mtext[8]; };

int main(void)
{
    /* Before the marker, since the names differ from run to run or a crashed run may have left the queue. */
    const char *name = "hatrace-ipc-calls";
    syscall(SYS_mq_unlink, name);
    char path[] = "/tmp/hatrace-aio-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    write(-1, "ipc", 3); /* where the test starts comparing */

    /* shared memory */
    int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL | 0600);
    int huge = shmget(IPC_PRIVATE, 4096, 0x40000000 | 0600); /* a huge page size without SHM_HUGETLB: ignored */
    struct shmid_ds shm_ds;
    shmctl(shm, IPC_STAT, &shm_ds);
    shmctl(shm, IPC_SET, &shm_ds);
    shmctl(shm, IPC_STAT, NULL);
    shmctl(shm, IPC_SET, UNREADABLE);
    struct shminfo shm_info;
    shmctl(0, IPC_INFO, (struct shmid_ds *)&shm_info);
    shmctl(0, SHM_INFO, &shm_ds);
    shmctl(0, 99, &shm_ds);
    void *attached = shmat(shm, NULL, SHM_RDONLY);
    shmdt(attached);
    shmat(shm, UNREADABLE, SHM_RND | SHM_REMAP | 0x100000);
    shmctl(shm, IPC_RMID, NULL);
    shmctl(huge, IPC_RMID, NULL);
    shmget(IPC_PRIVATE, 0, SHM_HUGETLB | SHM_NORESERVE | 0x100000 | (32 << 26)); /* no size: EINVAL */
    shmctl(0, IPC_STAT | 0x100, NULL); /* IPC_64, which x86_64's kernel refuses */

    /* semaphores */
    int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    struct sembuf ops[2] = { { 0, 1, 0 }, { 1, 1, SEM_UNDO | IPC_NOWAIT } };
    syscall(SYS_semop, sem, ops, 2);
    semop(sem, ops, 2);
    semop(sem, ops, 1);
    semop(sem, NULL, 1);
    semop(sem, UNREADABLE, 2);
    struct timespec wait = { 0, 1000 };
    struct sembuf take = { 0, -5, IPC_NOWAIT | 0x10 };
    syscall(SYS_semtimedop, sem, &take, 1, &wait);
    syscall(SYS_semtimedop, sem, ops, 1, NULL);
    syscall(SYS_semtimedop, sem, ops, 1, UNREADABLE);
    struct semid_ds sem_ds;
    semctl(sem, 0, IPC_STAT, &sem_ds);
    semctl(sem, 0, IPC_SET, &sem_ds);
    struct seminfo sem_info;
    semctl(sem, 0, IPC_INFO, &sem_info);
    semctl(sem, 0, SETVAL, 5);
    semctl(sem, 0, GETVAL);
    syscall(SYS_semctl, sem, 0, 99, NULL); /* glibc refuses a command it does not know */
    semget(0x1234abcd, 1, 0x10000); /* no such set, and a bit no name covers */
    semctl(sem, 0, IPC_RMID);

    /* message queues */
    int msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    struct message sent = { 7, "hello" };
    msgsnd(msq, &sent, 5, IPC_NOWAIT);
    msgsnd(msq, &sent, 0, 0);
    msgsnd(msq, UNREADABLE, 5, 0);
    struct message received;
    msgrcv(msq, &received, sizeof received.mtext, 7, IPC_NOWAIT);
    msgrcv(msq, &received, sizeof received.mtext, 0, 0);
    msgrcv(msq, &received, sizeof received.mtext, -3, IPC_NOWAIT | MSG_NOERROR | MSG_EXCEPT | 0x400000);
    msgrcv(msq, UNREADABLE, 5, 0, IPC_NOWAIT);
    struct msqid_ds msq_ds;
    msgctl(msq, IPC_STAT, &msq_ds);
    msgctl(msq, IPC_SET, &msq_ds);
    msgctl(msq, IPC_SET, NULL);
    struct msginfo msg_info;
    msgctl(0, IPC_INFO, (struct msqid_ds *)&msg_info);
    msgsnd(msq, &sent, 5, 0x400000);
    msgctl(msq, 99, NULL);
    msgctl(msq, IPC_RMID, NULL);
    msgctl(msq, IPC_STAT, &msq_ds);

    /* POSIX message queues */
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 16 };
    mqd_t mq = syscall(SYS_mq_open, name, O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &attr);
    syscall(SYS_mq_open, name, O_RDONLY, 0600, &attr);
    syscall(SYS_mq_open, name, O_WRONLY | O_CREAT, 0600, UNREADABLE);
    syscall(SYS_mq_open, name, O_WRONLY | O_CREAT, 0600, NULL);
    struct timespec deadline = { 1, 2 };
    syscall(SYS_mq_timedsend, mq, "message", 7, 3, &deadline);
    syscall(SYS_mq_timedsend, mq, "message", 7, 3, NULL);
    char got[16];
    unsigned priority = 0;
    syscall(SYS_mq_timedreceive, mq, got, sizeof got, &priority, &deadline);
    syscall(SYS_mq_timedreceive, mq, got, sizeof got, NULL, NULL);
    syscall(SYS_mq_timedreceive, mq, got, sizeof got, &priority, NULL); /* empty: EAGAIN */
    struct mq_attr old;
    syscall(SYS_mq_getsetattr, mq, NULL, &old);
    struct mq_attr blocking = { 0 };
    syscall(SYS_mq_getsetattr, mq, &blocking, &old);
    syscall(SYS_mq_getsetattr, mq, UNREADABLE, NULL);
    close(mq);
    syscall(SYS_mq_unlink, name);

    /* AIO on a temporary file */
    aio_context_t ctx = 0;
    syscall(SYS_io_setup, 4, &ctx);
    syscall(SYS_io_setup, 4, NULL);
    char data[] = "aio data";
    struct iocb write_cb = { .aio_data = 0x1234, .aio_lio_opcode = IOCB_CMD_PWRITE, .aio_fildes = fd,
                             .aio_buf = (unsigned long)data, .aio_nbytes = 8, .aio_offset = 0 };
    char back[8];
    struct iocb read_cb = { .aio_data = 5, .aio_lio_opcode = IOCB_CMD_PREAD, .aio_reqprio = 1, .aio_fildes = fd,
                            .aio_buf = (unsigned long)back, .aio_nbytes = 8, .aio_offset = 0 };
    struct iocb fsync_cb = { .aio_lio_opcode = IOCB_CMD_FSYNC, .aio_fildes = -1 }; /* EBADF: the read alone goes */
    struct iocb *cbs[] = { &write_cb };
    syscall(SYS_io_submit, ctx, 1, cbs);
    struct io_event events[4];
    struct timespec soon = { 1, 0 };
    syscall(SYS_io_getevents, ctx, 1, 4, events, &soon);
    struct iocb *more[] = { &read_cb, &fsync_cb, UNREADABLE };
    syscall(SYS_io_submit, ctx, 1, more);
    syscall(SYS_io_getevents, ctx, 1, 4, events, NULL);
    syscall(SYS_io_submit, ctx, 3, more);
    syscall(SYS_io_submit, ctx, 1, NULL);
    syscall(SYS_io_cancel, ctx, &read_cb, &events[0]);
    syscall(SYS_io_getevents, ctx, 0, 4, events, UNREADABLE);
    syscall(SYS_io_pgetevents, ctx, 1, 4, events, &soon, NULL);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    struct { sigset_t *sigmask; size_t sigsetsize; } wait_mask = { &usr1, 8 };
    syscall(SYS_io_pgetevents, ctx, 0, 4, events, &soon, &wait_mask);
    /* The first block's descriptor is bad: the call fails before any is submitted. */
    struct iocb bad_cb = { .aio_lio_opcode = IOCB_CMD_PWRITE, .aio_reqprio = (2 << 13) | 4, .aio_fildes = -1,
                           .aio_buf = (unsigned long)data, .aio_nbytes = 3, .aio_flags = IOCB_FLAG_RESFD | IOCB_FLAG_IOPRIO,
                           .aio_resfd = 9, .aio_rw_flags = RWF_SYNC, .aio_key = 3 };
    struct iovec vector = { data, 3 };
    struct iocb poll_cb = { .aio_lio_opcode = IOCB_CMD_POLL, .aio_fildes = fd, .aio_buf = POLLIN };
    struct iocb vector_cb = { .aio_lio_opcode = IOCB_CMD_PWRITEV, .aio_fildes = fd, .aio_buf = (unsigned long)&vector, .aio_nbytes = 1 };
    struct iocb odd_cb = { .aio_lio_opcode = 12, .aio_fildes = fd };
    struct iocb *refused[] = { &bad_cb, &poll_cb, &vector_cb, &odd_cb, NULL };
    syscall(SYS_io_submit, ctx, 5, refused);
    syscall(SYS_io_destroy, ctx);
    close(fd);

    /* io_uring */
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    int ring = syscall(SYS_io_uring_setup, 4, &params);
    memset(&params, 0, sizeof params);
    params.flags = IORING_SETUP_CLAMP | 0x80000000u;
    syscall(SYS_io_uring_setup, 4, &params);
    syscall(SYS_io_uring_setup, 4, NULL);
    syscall(SYS_io_uring_setup, 4, UNREADABLE);
    memset(&params, 0, sizeof params);
    params.flags = IORING_SETUP_ATTACH_WQ | 0x2000;
    params.wq_fd = 55;
    syscall(SYS_io_uring_setup, 4, &params);
    memset(&params, 0, sizeof params);
    params.resv[1] = 3;
    syscall(SYS_io_uring_setup, 4, &params);
    syscall(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS | 0x100, NULL, (size_t)0);
    syscall(SYS_io_uring_enter, ring, 0, 0, 0, NULL, (size_t)0);
    int files[2] = { 0, -1 };
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, files, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, UNREADABLE, 2); /* already registered: EBUSY */
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_EVENTFD, files, 1); /* not an eventfd: EINVAL */
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_FILES, NULL, 0);
    char buffer[16];
    struct iovec buffers[1] = { { buffer, sizeof buffer } };
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS, buffers, 1);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
    syscall(SYS_io_uring_register, ring, 99, NULL, 0);

    /* io_uring_register's other opcodes: each structure as given, and edge cases (unreadable, short, reserved fields set) */
    struct { struct io_uring_files_update head; int fds[2]; } update;
    memset(&update, 0, sizeof update);
    update.head.offset = 1;
    update.fds[0] = 0;
    update.fds[1] = -1;
    update.head.fds = (unsigned long)update.fds;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, files, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE, &update.head, 2);
    update.head.resv = 5;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE, &update.head, 2);
    update.head.fds = 8;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE, &update.head, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE, UNREADABLE, 2);
    int many[40] = { 0 };
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES, many, 40); /* more than strace's 32; already registered: EBUSY */
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_FILES, NULL, 0);

    struct io_uring_probe *probe = calloc(1, sizeof *probe + 40 * sizeof probe->ops[0]);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 4);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 40);
    memset(probe, 0, sizeof *probe + 2 * sizeof probe->ops[0]);
    probe->resv = 3;
    probe->resv2[1] = 7;
    probe->ops[0].op = 200;
    probe->ops[0].flags = 6;
    probe->ops[0].resv = 1;
    probe->ops[0].resv2 = 9;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, probe, 2); /* reserved fields set: EINVAL */
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, UNREADABLE, 2);
    memset(probe, 0, sizeof *probe + 4 * sizeof probe->ops[0]);
    syscall(SYS_io_uring_register, -1, IORING_REGISTER_PROBE, probe, 4); /* a zeroed probe the kernel refused: its address */
    free(probe);

    unsigned workers[3] = { 3, 4, 4 };
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 3);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 0);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_MAX_WORKERS, UNREADABLE, 2);
    unsigned long cpus[2] = { 5, 1 };
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_AFF, cpus, 12);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_IOWQ_AFF, UNREADABLE, 16);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_IOWQ_AFF, NULL, 0);

    struct io_uring_restriction restrictions[5];
    memset(restrictions, 0, sizeof restrictions);
    restrictions[0].opcode = IORING_RESTRICTION_REGISTER_OP;
    restrictions[0].register_op = IORING_UNREGISTER_FILES;
    restrictions[1].opcode = IORING_RESTRICTION_SQE_OP;
    restrictions[1].sqe_op = 200;
    restrictions[1].resv = 1;
    restrictions[2].opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED;
    restrictions[2].sqe_flags = IOSQE_FIXED_FILE | IOSQE_IO_DRAIN;
    restrictions[2].resv2[1] = 4;
    restrictions[3].opcode = IORING_RESTRICTION_SQE_FLAGS_REQUIRED;
    restrictions[3].sqe_flags = 0x80;
    restrictions[4].opcode = 9;
    restrictions[4].sqe_op = 1;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, restrictions, 5);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, restrictions, 0);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RESTRICTIONS, UNREADABLE, 1);

    unsigned long long tags[2] = { 1, 2 };
    struct io_uring_rsrc_register resources;
    memset(&resources, 0, sizeof resources);
    resources.nr = 2;
    resources.flags = IORING_RSRC_REGISTER_SPARSE | 4;
    resources.resv2 = 6;
    resources.data = (unsigned long)files;
    resources.tags = (unsigned long)tags;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES2, &resources, sizeof resources);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES2, &resources, sizeof resources - 1);
    resources.data = 0;
    resources.tags = 8;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES2, &resources, sizeof resources + 8);
    resources.nr = 1;
    resources.flags = 0;
    resources.resv2 = 0;
    resources.data = (unsigned long)buffers;
    resources.tags = (unsigned long)tags;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS2, &resources, sizeof resources);
    struct io_uring_rsrc_update2 update2;
    memset(&update2, 0, sizeof update2);
    update2.data = (unsigned long)buffers;
    update2.nr = 1;
    update2.resv = 3;
    update2.resv2 = 4;
    update2.tags = (unsigned long)tags;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_BUFFERS_UPDATE, &update2, sizeof update2);
    update2.data = 8;
    update2.nr = 3;
    update2.resv = update2.resv2 = 0;
    update2.tags = 0;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE2, &update2, sizeof update2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_FILES_UPDATE2, &update2, 16);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_BUFFERS, NULL, 0);

    struct io_uring_rsrc_update rings[2];
    memset(rings, 0, sizeof rings);
    rings[0].offset = -1;
    rings[0].data = ring;
    rings[1].offset = 1;
    rings[1].resv = 3;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RING_FDS, rings, 2);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_RING_FDS, rings, 2);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_RING_FDS, NULL, 1);

    struct io_uring_buf_reg buffer_ring;
    memset(&buffer_ring, 0, sizeof buffer_ring);
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PBUF_RING, &buffer_ring, 1);
    buffer_ring.ring_addr = 0x1000;
    buffer_ring.ring_entries = 8;
    buffer_ring.bgid = 1;
    buffer_ring.pad = 2;
    buffer_ring.resv[1] = 3;
    syscall(SYS_io_uring_register, ring, IORING_REGISTER_PBUF_RING, &buffer_ring, 1);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_PBUF_RING, &buffer_ring, 1);
    syscall(SYS_io_uring_register, ring, IORING_UNREGISTER_PBUF_RING, NULL, 1);
    close(ring);
    return 0;
}
