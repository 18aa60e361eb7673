/* Calls of the files and descriptors families whose text the tests compare with strace's. argv[1] is a scratch
 * directory the program makes and works in, so that every path after the chdir is relative and the same on
 * every run. Every buffer whose address strace may print sits in a mapping at a fixed address, and the
 * terminal is opened before the marker, so the text after the marker does not change between runs. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/falloc.h>
#include <linux/fs.h>
#include <linux/memfd.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define FIXED_ADDRESS ((void *)0x10000000)

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    umask(022);
    char *page = mmap(FIXED_ADDRESS, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (page != FIXED_ADDRESS || mkdir(argv[1], 0755) != 0 || chdir(argv[1]) != 0)
        return 1;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return 1;
    int terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
    struct stat *st = (struct stat *)(page + 0x1000);
    struct statx *stx = (struct statx *)(page + 0x2000);
    struct flock *lock = (struct flock *)(page + 0x3000);
    struct termios *tio = (struct termios *)(page + 0x3100);
    struct winsize *ws = (struct winsize *)(page + 0x3200);
    struct timespec *times = (struct timespec *)(page + 0x3300);
    int *fds = (int *)(page + 0x3400);
    char *buffer = page + 0x4000;
    int sealable = memfd_create("sealable", MFD_ALLOW_SEALING);
    syscall(SYS_getpid); /* the marker: the tests compare from the next line on */

    /* stat family */
    int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0640);
    write(fd, "0123456789", 10);
    syscall(SYS_fstat, fd, st);
    syscall(SYS_stat, "data", st);
    syscall(SYS_lstat, "data", st);
    syscall(SYS_stat, "missing", st);
    syscall(SYS_stat, "data", 8L);
    syscall(SYS_stat, NULL, NULL);
    fstatat(AT_FDCWD, "data", st, AT_SYMLINK_NOFOLLOW);
    fstatat(fd, "", st, AT_EMPTY_PATH);
    fstatat(AT_FDCWD, "/dev/null", st, 0);
    syscall(SYS_newfstatat, AT_FDCWD, "data", st, AT_NO_AUTOMOUNT | AT_EMPTY_PATH);
    syscall(SYS_newfstatat, AT_FDCWD, "data", st, 0x10000);
    syscall(SYS_stat, "/", st);
    statx(AT_FDCWD, "data", AT_STATX_SYNC_AS_STAT, STATX_TYPE | STATX_MODE | STATX_SIZE, stx);
    statx(AT_FDCWD, "/dev/null", 0, STATX_BASIC_STATS, stx);
    statx(AT_FDCWD, "/dev/null", AT_REMOVEDIR, STATX_BASIC_STATS, stx);
    statx(AT_FDCWD, "missing", AT_SYMLINK_NOFOLLOW, STATX_ALL, stx);
    statx(AT_FDCWD, "data", AT_STATX_DONT_SYNC | AT_NO_AUTOMOUNT, STATX_ALL, stx);
    syscall(SYS_statx, AT_FDCWD, "data", AT_STATX_FORCE_SYNC, 0x80000000U, stx);

    /* access, the *at calls and their flags, modes and owners */
    access("data", F_OK);
    access("data", R_OK | W_OK);
    access("data", X_OK);
    syscall(SYS_access, "data", 0x18);
    syscall(SYS_faccessat, AT_FDCWD, "data", R_OK);
    faccessat(AT_FDCWD, "data", R_OK, AT_EACCESS);
    syscall(SYS_faccessat2, AT_FDCWD, "data", W_OK, AT_SYMLINK_NOFOLLOW | AT_EACCESS);
    syscall(SYS_faccessat2, AT_FDCWD, "data", F_OK, 0x8000);
    mkdir("sub", 0700);
    mkdirat(AT_FDCWD, "sub2", 01777);
    chmod("data", 0600);
    fchmod(fd, 04755);
    fchmodat(AT_FDCWD, "data", 0644, 0);
    fchownat(AT_FDCWD, "data", -1, -1, AT_SYMLINK_NOFOLLOW);
    fchown(fd, -1, getgid());
    syscall(SYS_chown, "data", -1, -1);
    syscall(SYS_lchown, "data", -1, -1);
    symlink("data", "link");
    symlink("a/target/name/that/is/longer/than/thirty-two/bytes", "long");
    linkat(AT_FDCWD, "data", AT_FDCWD, "hard", 0);
    renameat2(AT_FDCWD, "hard", AT_FDCWD, "hard2", RENAME_NOREPLACE);
    syscall(SYS_renameat2, AT_FDCWD, "x", AT_FDCWD, "y", 0x17);
    readlink("link", buffer, 100);
    readlinkat(AT_FDCWD, "link", buffer, 2);
    readlink("long", buffer, 100);
    readlink("data", buffer, 100);
    getcwd(buffer, 4);
    syscall(SYS_getcwd, buffer, 4096);
    utimensat(AT_FDCWD, "data", NULL, 0);
    times[0] = (struct timespec){ .tv_sec = 0, .tv_nsec = UTIME_OMIT };
    times[1] = (struct timespec){ .tv_sec = 0, .tv_nsec = UTIME_NOW };
    utimensat(AT_FDCWD, "data", times, AT_SYMLINK_NOFOLLOW);
    times[0] = (struct timespec){ .tv_sec = 1, .tv_nsec = 2 };
    times[1] = (struct timespec){ .tv_sec = 1700000000, .tv_nsec = 0 };
    utimensat(AT_FDCWD, "data", times, 0);
    syscall(SYS_unlinkat, AT_FDCWD, "missing", 0x1);
    unlinkat(AT_FDCWD, "sub2", AT_REMOVEDIR);
    syscall(SYS_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0600, 0);
    syscall(SYS_mknod, "null", S_IFCHR | 0600, makedev(1, 3));
    umount2("missing", MNT_DETACH | UMOUNT_NOFOLLOW);
    syscall(SYS_umount2, "missing", 0x20);
    syscall(SYS_umount2, "missing", MNT_FORCE | 0x40);
    umask(077);
    umask(022);

    /* descriptors */
    syscall(SYS_pipe, fds);
    pipe2(fds, O_CLOEXEC | O_NONBLOCK);
    syscall(SYS_pipe2, fds, 0x10);
    syscall(SYS_pipe, NULL);
    dup(fd);
    dup2(fd, 20);
    dup3(fd, 21, O_CLOEXEC);
    syscall(SYS_dup3, fd, 22, 0x4);
    close_range(20, 21, 0);
    syscall(SYS_close_range, 50, ~0U, CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC);
    syscall(SYS_close_range, 50, 60, 0x10);
    fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fds[0], F_GETFL);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_DUPFD_CLOEXEC, 30);
    fcntl(fd, F_DUPFD, 40);
    *lock = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5 };
    fcntl(fd, F_GETLK, lock);
    fcntl(fd, F_SETLK, lock);
    fcntl(fd, F_GETLK, NULL);
    *lock = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 1, .l_len = 0 };
    fcntl(fd, F_SETLKW, lock);
    fcntl(fd, F_OFD_SETLK, lock);
    fcntl(fd, F_SETOWN, 12);
    fcntl(fd, F_GETOWN);
    fcntl(fd, F_SETSIG, SIGUSR1);
    fcntl(fd, F_NOTIFY, DN_CREATE | DN_MULTISHOT);
    fcntl(fd, F_GETLEASE);
    fcntl(fds[0], F_GETPIPE_SZ);
    fcntl(fds[0], F_SETPIPE_SZ, 8192);
    syscall(SYS_fcntl, fd, 99, 5);
    fcntl(sealable, F_GET_SEALS);
    fcntl(sealable, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
    fcntl(sealable, F_GET_SEALS);
    fcntl(sealable, F_GETSIG);
    fcntl(sealable, F_SETSIG, 0);
    fcntl(sealable, F_SETOWN, -5);
    lseek(fd, 0, SEEK_SET);
    lseek(fd, -2, SEEK_END);
    lseek(fd, 1, SEEK_CUR);
    lseek(fd, 0, SEEK_DATA);
    lseek(fd, 0, SEEK_HOLE);
    syscall(SYS_lseek, fd, 0, 7);
    eventfd(3, EFD_CLOEXEC | EFD_NONBLOCK);
    eventfd(0, EFD_SEMAPHORE);
    syscall(SYS_eventfd2, 0, 0x10);
    flock(fd, LOCK_SH);
    flock(fd, LOCK_UN);
    syscall(SYS_flock, fd, 0x100);
    syscall(SYS_flock, fd, LOCK_MAND | LOCK_RW | LOCK_NB);
    fallocate(fd, 0, 0, 4096);
    fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 10);
    syscall(SYS_fallocate, fd, 0x100, 0L, 5L);

    /* directories */
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    syscall(SYS_getdents64, dir, buffer, 32);
    syscall(SYS_getdents64, dir, buffer, 4096);
    syscall(SYS_getdents64, dir, buffer, 4096);
    syscall(SYS_getdents64, 99, buffer, 4096);
    lseek(dir, 0, SEEK_SET);
    syscall(SYS_getdents, dir, buffer, 4096);
    statfs(".", (struct statfs *)buffer);
    fstatfs(dir, (struct statfs *)buffer);
    statfs("/proc", (struct statfs *)buffer);
    statfs("missing", (struct statfs *)buffer);

    /* terminals */
    *ws = (struct winsize){ .ws_row = 24, .ws_col = 80 };
    ioctl(terminal, TCGETS, tio);
    ioctl(terminal, TIOCSWINSZ, ws);
    ioctl(terminal, TIOCGWINSZ, ws);
    ioctl(fd, TCGETS, tio);
    ioctl(terminal, FIONREAD, buffer);
    syscall(SYS_ioctl, fd, 0x12345678, 7);
    syscall(SYS_ioctl, fd, _IOR(0xab, 3, int), 0);
    *tio = (struct termios){ .c_iflag = 0xffffffff, .c_oflag = 0xffffffff, .c_cflag = 0xffffffff, .c_lflag = 0xffffffff };
    ioctl(99, TCSETS, tio);
    *tio = (struct termios){ .c_oflag = TAB3, .c_cflag = B115200 | 0x20000000 };
    ioctl(99, TCSETSW, tio);
    *tio = (struct termios){ .c_oflag = CR3 | NL1, .c_cflag = (B38400 << 16) | CS6 };
    ioctl(99, TCSETSF, tio);
    *fds = 5;
    ioctl(99, FIONBIO, fds);
    ioctl(99, TIOCSPGRP, fds);
    ioctl(terminal, TCFLSH, TCIOFLUSH);
    ioctl(terminal, TIOCOUTQ, fds);
    ioctl(terminal, FIOCLEX);
    ioctl(99, TCSBRK, 1);
    ioctl(99, TCXONC, TCOON);
    ioctl(99, TCGETX, 1);
    ioctl(master, TIOCSPTLCK, fds);
    ioctl(99, FICLONE, 3);
    ioctl(99, FICLONERANGE, NULL);
    ioctl(99, FIFREEZE, 0);
    ioctl(99, FIGETBSZ, 0);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    syscall(SYS_fadvise64, fd, 0L, 0L, 9);
    setxattr("data", "user.a", "hello", 5, XATTR_CREATE);
    lsetxattr("data", "user.b", "x\0y", 3, 0);
    fsetxattr(fd, "user.c", "v", 1, 0x10);
    setxattr("data", "user.d", "label\0", 6, 0); /* strace shows a value without the NUL that ends it */
    getxattr("data", "user.d", buffer, 64);
    getxattr("data", "user.a", buffer, 64);
    getxattr("data", "user.a", NULL, 0);
    lgetxattr("data", "user.zz", buffer, 64);
    fgetxattr(fd, "user.a", buffer, 2);
    listxattr("data", buffer, 64);
    flistxattr(fd, NULL, 0);
    removexattr("data", "user.a");

    /* openat2 and the calls that move data between descriptors */
    struct open_how *how = (struct open_how *)(page + 0x3500);
    loff_t *offsets = (loff_t *)(page + 0x3600);
    *how = (struct open_how){ .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV };
    int source = syscall(SYS_openat2, AT_FDCWD, "data", how, sizeof *how);
    *how = (struct open_how){ .flags = O_WRONLY | O_CREAT, .mode = 0600 };
    int copy = syscall(SYS_openat2, AT_FDCWD, "copy", how, sizeof *how);
    how->resolve = 0x100;
    syscall(SYS_openat2, AT_FDCWD, "copy", how, sizeof *how);
    syscall(SYS_openat2, AT_FDCWD, "copy", NULL, 24);
    syscall(SYS_openat2, AT_FDCWD, "copy", how, 8); /* smaller than any open_how: EINVAL, the address shown */
    offsets[0] = 0;
    sendfile(copy, source, &offsets[0], 4);
    sendfile(copy, source, NULL, 4);
    offsets[0] = 2;
    sendfile(copy, source, &offsets[0], 0);
    sendfile(copy, -1, &offsets[0], 4);
    offsets[1] = 0;
    offsets[2] = 100;
    copy_file_range(source, &offsets[1], copy, &offsets[2], 4, 0);
    copy_file_range(source, NULL, copy, NULL, 4, 0);
    pipe(fds);
    splice(source, NULL, fds[1], NULL, 3, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
    offsets[3] = 3;
    splice(source, &offsets[3], fds[1], NULL, 3, 0);
    tee(fds[0], fds[1], 3, SPLICE_F_NONBLOCK);
    syscall(SYS_tee, fds[0], fds[1], 3L, 0x20L);
    unlink("copy");
    int watcher = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    syscall(SYS_inotify_init1, 0x10);
    int watch = inotify_add_watch(watcher, ".", IN_MODIFY | IN_CREATE | IN_DELETE | IN_ONLYDIR);
    inotify_add_watch(watcher, ".", IN_ALL_EVENTS);
    inotify_add_watch(watcher, ".", IN_CLOSE | IN_MOVE | IN_MASK_ADD | IN_EXCL_UNLINK | IN_DONT_FOLLOW | IN_ONESHOT);
    inotify_rm_watch(watcher, watch);
    memfd_create("a", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    memfd_create("b", 0);
    syscall(SYS_memfd_create, "c", 0x100);
    syscall(SYS_memfd_create, "d", MFD_HUGETLB | MFD_HUGE_2MB);
    sync_file_range(fd, 0, 10, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE);
    sync_file_range(fd, 0, 0, 0);
    syscall(SYS_sync_file_range, fd, 0L, 0L, 0x8);

    unlink("null");
    unlink("fifo");
    unlink("long");
    unlink("link");
    unlink("hard2");
    unlink("data");
    rmdir("sub");
    chdir("/");
    rmdir(argv[1]);
    return 0;
}
