/* quotactl's commands and the structures they read and write. The calls name a path that does not exist, so the
 * kernel refuses them before it looks at anything; those with the id 4242 are answered 0 by a seccomp filter without
 * running, so that what they "return" is what the program put in their buffers (the getters' structures). */
#define _GNU_SOURCE
#include <linux/dqblk_xfs.h>
#include <linux/filter.h>
#include <linux/quota.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "answered.h"

#define ANSWERED 4242

static int answer_without_running(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_quotactl, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ANSWERED, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    return install_answering_filter(filter, sizeof filter / sizeof filter[0]);
}

static long quota(int command, int type, int id, void *addr)
{
    return syscall(SYS_quotactl, QCMD(command, type), "/nonexistent", id, addr);
}

int main(void)
{
    if (!answer_without_running())
        return 1;
    write(-1, "quota", 5); /* where the test starts comparing */

    struct if_dqblk dq = {
        .dqb_bhardlimit = 100, .dqb_bsoftlimit = 50, .dqb_curspace = 4096, .dqb_ihardlimit = 10,
        .dqb_isoftlimit = 5, .dqb_curinodes = 3, .dqb_btime = 1000, .dqb_itime = 2000, .dqb_valid = QIF_ALL,
    };
    quota(Q_SETQUOTA, USRQUOTA, 1000, &dq);
    dq.dqb_valid = QIF_BLIMITS | 0x100;
    quota(Q_SETQUOTA, GRPQUOTA, 1000, &dq);
    quota(Q_SETQUOTA, USRQUOTA, 1000, (void *)8);
    quota(Q_SETQUOTA, USRQUOTA, 1000, NULL);
    quota(Q_GETQUOTA, USRQUOTA, 1000, &dq);
    quota(Q_GETQUOTA, PRJQUOTA, ANSWERED, &dq);
    quota(Q_GETQUOTA, PRJQUOTA, ANSWERED, (void *)8);

    struct if_nextdqblk next = {.dqb_bhardlimit = 1, .dqb_curspace = 2, .dqb_valid = QIF_SPACE, .dqb_id = 77};
    quota(Q_GETNEXTQUOTA, USRQUOTA, ANSWERED, &next);

    struct if_dqinfo info = {.dqi_bgrace = 604800, .dqi_igrace = 86400, .dqi_flags = DQF_ROOT_SQUASH, .dqi_valid = IIF_ALL};
    quota(Q_SETINFO, USRQUOTA, 0, &info);
    info.dqi_valid = 0x10;
    info.dqi_flags = 0x80 | DQF_SYS_FILE;
    quota(Q_SETINFO, PRJQUOTA, 0, &info);
    quota(Q_GETINFO, USRQUOTA, ANSWERED, &info);

    uint32_t format = QFMT_VFS_V1;
    quota(Q_GETFMT, USRQUOTA, ANSWERED, &format);
    format = 99;
    quota(Q_GETFMT, USRQUOTA, ANSWERED, &format);
    quota(Q_GETFMT, USRQUOTA, 0, &format);

    struct fs_disk_quota disk = {
        .d_version = FS_DQUOT_VERSION, .d_flags = FS_USER_QUOTA, .d_fieldmask = FS_DQ_BSOFT | FS_DQ_BHARD,
        .d_id = 1000, .d_blk_hardlimit = 10, .d_blk_softlimit = 5, .d_ino_hardlimit = 7, .d_bcount = 3, .d_btimer = 9,
        .d_rtbwarns = 2,
    };
    quota(Q_XSETQLIM, USRQUOTA, 1000, &disk);
    disk.d_flags = FS_PROJ_QUOTA | 0x40;
    quota(Q_XGETQUOTA, PRJQUOTA, ANSWERED, &disk);
    quota(Q_XGETNEXTQUOTA, PRJQUOTA, ANSWERED, &disk);

    struct fs_quota_stat stat = {
        .qs_version = FS_QSTAT_VERSION, .qs_flags = FS_QUOTA_UDQ_ACCT | FS_QUOTA_PDQ_ENFD,
        .qs_uquota = {.qfs_ino = 11, .qfs_nblks = 12, .qfs_nextents = 13}, .qs_incoredqs = 4,
        .qs_btimelimit = 5, .qs_itimelimit = 6, .qs_rtbtimelimit = 7, .qs_bwarnlimit = 8, .qs_iwarnlimit = 9,
    };
    quota(Q_XGETQSTAT, USRQUOTA, ANSWERED, &stat);
    struct fs_quota_statv statv = {
        .qs_version = FS_QSTATV_VERSION1, .qs_flags = FS_QUOTA_GDQ_ENFD, .qs_pquota = {.qfs_ino = 21, .qfs_nblks = 22},
        .qs_incoredqs = 3, .qs_btimelimit = 4, .qs_rtbwarnlimit = 5,
    };
    quota(Q_XGETQSTATV, GRPQUOTA, ANSWERED, &statv);

    uint32_t flags = FS_QUOTA_UDQ_ACCT | FS_QUOTA_UDQ_ENFD;
    quota(Q_XQUOTAON, USRQUOTA, 0, &flags);
    flags = FS_QUOTA_PDQ_ENFD | 0x80;
    quota(Q_XQUOTAOFF, PRJQUOTA, 0, &flags);
    flags = FS_USER_QUOTA | FS_PROJ_QUOTA;
    quota(Q_XQUOTARM, USRQUOTA, 0, &flags);
    flags = 0x10;
    quota(Q_XQUOTARM, USRQUOTA, 0, &flags);
    quota(Q_XQUOTARM, USRQUOTA, 0, (void *)8);
    syscall(SYS_quotactl_fd, -1, QCMD(Q_SETQUOTA, USRQUOTA), 1000, &dq);
    return 0;
}
