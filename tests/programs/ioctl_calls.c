/* ioctl requests of each device family strace decodes, on objects the program makes itself: a pty from posix_openpt
 * for the terminal requests, /dev/null for the block, loop, real-time clock, input and file requests (which fail with
 * ENOTTY and change nothing, while their inputs still print decoded and their outputs as addresses), NULL, an address
 * nothing is mapped at and a structure cut short by an unreadable page, and requests no family names. The namespace,
 * watchdog and perf event requests go to /dev/null too; the userfaultfd requests to a userfaultfd the program makes, on
 * pages it maps at a fixed address (so that the two runs print the same), and to /dev/null; SG_IO's two structures
 * (scsi/sg.h's and linux/bsg.h's) to /dev/null, which answers ENOTTY after strace has printed what they received. Descriptor 100 is answered 0 without running (a seccomp
 * filter installed before the test's marker): its outputs show what the program left in their buffers, as a device
 * would have filled them in. */
#define _GNU_SOURCE
#include <asm/termios.h>
#include <fcntl.h>
#include <linux/blkpg.h>
#include <linux/bsg.h>
#include <linux/fiemap.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/rtc.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <linux/watchdog.h>
#include <scsi/sg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
/* After the rest: linux/input.h includes glibc's sys/ioctl.h, whose struct termio and winsize asm/termios.h
 * defines too; its guard keeps it out. */
#define _SYS_IOCTL_H 1
#include <linux/input.h>
#include "answered.h"

#define ANSWERED 100

static char buf[4096];
static int *const ip = (int *)buf;
static void *const unmapped = (void *)0xbadc0de;

/* The bytes 1, 2, 3... for the answered outputs to show. */
static void fill(void)
{
    for (int i = 0; i < 256; i++)
        buf[i] = (char)(i + 1);
}

static void terminal_calls(int master, int slave, char *edge)
{
    struct termios tio;
    struct termios2 tio2;
    struct termio old;
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    syscall(SYS_ioctl, slave, TCGETS, &tio);
    syscall(SYS_ioctl, slave, TCSETS, &tio);
    syscall(SYS_ioctl, slave, TCSETSW, &tio);
    syscall(SYS_ioctl, slave, TCSETSF, &tio);
    syscall(SYS_ioctl, slave, TCGETS2, &tio2);
    syscall(SYS_ioctl, slave, TCSETS2, &tio2);
    syscall(SYS_ioctl, slave, TCGETA, &old);
    syscall(SYS_ioctl, slave, TCSETA, &old);
    syscall(SYS_ioctl, slave, TIOCSWINSZ, &ws);
    syscall(SYS_ioctl, slave, TIOCGWINSZ, &ws);
    syscall(SYS_ioctl, master, TIOCGLCKTRMIOS, &tio);
    syscall(SYS_ioctl, master, TIOCMGET, ip);
    *ip = TIOCM_DTR | TIOCM_RTS | 0x10000;
    syscall(SYS_ioctl, master, TIOCMSET, ip);
    syscall(SYS_ioctl, master, TIOCSTI, "x");
    syscall(SYS_ioctl, master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    syscall(SYS_ioctl, master, TIOCGEXCL, ip);
    syscall(SYS_ioctl, master, TIOCGSID, ip);
    *ip = 0;
    syscall(SYS_ioctl, master, TIOCPKT, ip);
    syscall(SYS_ioctl, master, TIOCGPKT, ip);
    syscall(SYS_ioctl, slave, TIOCGETD, ip);
    syscall(SYS_ioctl, slave, FIONREAD, ip);
    syscall(SYS_ioctl, slave, TIOCOUTQ, ip);
    syscall(SYS_ioctl, slave, TCFLSH, TCIOFLUSH);
    syscall(SYS_ioctl, slave, TCFLSH, -1L);
    syscall(SYS_ioctl, slave, TCXONC, 7L);
    syscall(SYS_ioctl, slave, TCSBRK, -1L);
    syscall(SYS_ioctl, slave, TIOCSCTTY, -1L);
    syscall(SYS_ioctl, slave, FIOCLEX);
    syscall(SYS_ioctl, slave, TIOCCONS);
    /* NULL, unmapped, and a termios whose end lies on an unreadable page */
    syscall(SYS_ioctl, slave, TCGETS, NULL);
    syscall(SYS_ioctl, slave, TCSETS, NULL);
    syscall(SYS_ioctl, slave, TCGETS, unmapped);
    syscall(SYS_ioctl, slave, TCSETS, unmapped);
    syscall(SYS_ioctl, slave, TCSETS, edge - 20);
    syscall(SYS_ioctl, slave, TIOCGWINSZ, NULL);
    syscall(SYS_ioctl, slave, TIOCMSET, unmapped);
    /* answered: what a terminal would report */
    fill();
    syscall(SYS_ioctl, ANSWERED, TIOCGPTN, ip);
    syscall(SYS_ioctl, ANSWERED, TIOCGDEV, ip);
    syscall(SYS_ioctl, ANSWERED, TIOCMGET, ip);
    syscall(SYS_ioctl, ANSWERED, TIOCGPGRP, ip);
    syscall(SYS_ioctl, ANSWERED, TCGETS, buf);
    syscall(SYS_ioctl, ANSWERED, TCGETS2, buf);
    syscall(SYS_ioctl, ANSWERED, TCGETA, buf);
    syscall(SYS_ioctl, ANSWERED, TCGETS, edge - 20);
    memset(buf, 0, 64);
    syscall(SYS_ioctl, ANSWERED, TCGETS, buf);
    syscall(SYS_ioctl, ANSWERED, TIOCMGET, ip);
}

static void block_calls(int null)
{
    uint64_t range[2] = {4096, 8192};
    struct blkpg_partition part = {.start = 1024, .length = 2048, .pno = 1, .devname = "sda1", .volname = "vol"};
    struct blkpg_ioctl_arg pg = {.op = BLKPG_ADD_PARTITION, .datalen = sizeof part, .data = &part};
    syscall(SYS_ioctl, null, BLKGETSIZE64, buf);
    syscall(SYS_ioctl, null, BLKSSZGET, buf);
    syscall(SYS_ioctl, null, BLKROGET, buf);
    *ip = 1;
    syscall(SYS_ioctl, null, BLKROSET, ip);
    syscall(SYS_ioctl, null, BLKBSZSET, ip);
    syscall(SYS_ioctl, null, BLKRRPART);
    syscall(SYS_ioctl, null, BLKFLSBUF);
    syscall(SYS_ioctl, null, BLKDISCARD, range);
    syscall(SYS_ioctl, null, BLKZEROOUT, range);
    syscall(SYS_ioctl, null, BLKSECDISCARD, NULL);
    syscall(SYS_ioctl, null, BLKRASET, 256L);
    syscall(SYS_ioctl, null, BLKRASET, -1L);
    syscall(SYS_ioctl, null, BLKPG, &pg);
    pg.op = 99;
    pg.flags = 5;
    memset(part.volname, 'v', sizeof part.volname);
    syscall(SYS_ioctl, null, BLKPG, &pg);
    pg.op = BLKPG_DEL_PARTITION;
    pg.data = NULL;
    syscall(SYS_ioctl, null, BLKPG, &pg);
    pg.data = unmapped;
    syscall(SYS_ioctl, null, BLKPG, &pg);
    syscall(SYS_ioctl, null, BLKPG, NULL);
    fill();
    syscall(SYS_ioctl, ANSWERED, BLKGETSIZE64, buf);
    syscall(SYS_ioctl, ANSWERED, BLKGETSIZE, buf);
    syscall(SYS_ioctl, ANSWERED, BLKSSZGET, buf);
    syscall(SYS_ioctl, ANSWERED, BLKIOMIN, buf);
    syscall(SYS_ioctl, ANSWERED, BLKALIGNOFF, buf);
    syscall(SYS_ioctl, ANSWERED, BLKROTATIONAL, buf);
    syscall(SYS_ioctl, ANSWERED, BLKSECTGET, buf);
    syscall(SYS_ioctl, ANSWERED, BLKRAGET, buf);
    syscall(SYS_ioctl, ANSWERED, BLKGETDISKSEQ, buf);
}

static void loop_calls(int null)
{
    struct loop_info64 info = {.lo_offset = 512, .lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR, .lo_file_name = "/tmp/img"};
    struct loop_info old = {.lo_number = 3, .lo_device = 0x801, .lo_flags = LO_FLAGS_PARTSCAN, .lo_name = "old"};
    struct loop_config config = {.fd = 3, .block_size = 512, .info = info};
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, &info);
    syscall(SYS_ioctl, null, LOOP_GET_STATUS64, &info);
    syscall(SYS_ioctl, null, LOOP_SET_STATUS, &old);
    syscall(SYS_ioctl, null, LOOP_GET_STATUS, &old);
    syscall(SYS_ioctl, null, LOOP_CONFIGURE, &config);
    /* encrypted, a key shorter and longer than its field, flags no name covers, a name that fills its field */
    info.lo_encrypt_type = LO_CRYPT_XOR;
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, &info);
    info.lo_encrypt_type = LO_CRYPT_NONE;
    info.lo_encrypt_key_size = 5;
    memcpy(info.lo_encrypt_key, "k\0y\1zzz", 8);
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, &info);
    info.lo_encrypt_type = LO_CRYPT_CRYPTOAPI;
    info.lo_encrypt_key_size = 40;
    memcpy(info.lo_crypt_name, "aes", 4);
    info.lo_flags = 0x100;
    memset(info.lo_file_name, 'x', sizeof info.lo_file_name);
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, &info);
    old.lo_encrypt_type = 99;
    old.lo_encrypt_key_size = 3;
    syscall(SYS_ioctl, null, LOOP_SET_STATUS, &old);
    config.fd = -1;
    config.info = info;
    syscall(SYS_ioctl, null, LOOP_CONFIGURE, &config);
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, NULL);
    syscall(SYS_ioctl, null, LOOP_SET_STATUS64, unmapped);
    syscall(SYS_ioctl, null, LOOP_SET_FD, 3);
    syscall(SYS_ioctl, null, LOOP_CHANGE_FD, -1L);
    syscall(SYS_ioctl, null, LOOP_CLR_FD);
    syscall(SYS_ioctl, null, LOOP_SET_CAPACITY);
    syscall(SYS_ioctl, null, LOOP_SET_DIRECT_IO, -1L);
    syscall(SYS_ioctl, null, LOOP_SET_BLOCK_SIZE, 4096L);
    syscall(SYS_ioctl, null, LOOP_CTL_ADD, 7);
    syscall(SYS_ioctl, null, LOOP_CTL_REMOVE, -1L);
    syscall(SYS_ioctl, null, LOOP_CTL_GET_FREE);
    fill();
    syscall(SYS_ioctl, ANSWERED, LOOP_GET_STATUS64, buf);
    syscall(SYS_ioctl, ANSWERED, LOOP_GET_STATUS, buf);
    memset(buf, 0, 256);
    syscall(SYS_ioctl, ANSWERED, LOOP_GET_STATUS64, buf);
}

static void rtc_calls(int null)
{
    struct rtc_time tm = {.tm_sec = 1, .tm_min = 2, .tm_hour = 3, .tm_mday = 4, .tm_mon = 5, .tm_year = 126, .tm_wday = 6, .tm_yday = 155};
    struct rtc_wkalrm alarm = {.enabled = 1, .time = tm};
    syscall(SYS_ioctl, null, RTC_SET_TIME, &tm);
    syscall(SYS_ioctl, null, RTC_RD_TIME, &tm);
    syscall(SYS_ioctl, null, RTC_ALM_SET, &tm);
    syscall(SYS_ioctl, null, RTC_WKALM_SET, &alarm);
    syscall(SYS_ioctl, null, RTC_WKALM_RD, &alarm);
    syscall(SYS_ioctl, null, RTC_IRQP_SET, 64L);
    syscall(SYS_ioctl, null, RTC_EPOCH_SET, -1L);
    syscall(SYS_ioctl, null, RTC_IRQP_READ, buf);
    syscall(SYS_ioctl, null, RTC_AIE_ON);
    syscall(SYS_ioctl, null, RTC_UIE_OFF);
    syscall(SYS_ioctl, null, RTC_VL_CLR);
    syscall(SYS_ioctl, null, RTC_SET_TIME, NULL);
    fill();
    syscall(SYS_ioctl, ANSWERED, RTC_RD_TIME, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_ALM_READ, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_WKALM_RD, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_IRQP_READ, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_EPOCH_READ, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_VL_READ, buf);
    syscall(SYS_ioctl, ANSWERED, RTC_PLL_GET, buf);
}

static void input_calls(int null)
{
    struct input_absinfo axis = {.value = 5, .minimum = -10, .maximum = 10, .resolution = 2};
    unsigned int repeat[2] = {250, 33};
    syscall(SYS_ioctl, null, EVIOCGVERSION, buf);
    syscall(SYS_ioctl, null, EVIOCGID, buf);
    syscall(SYS_ioctl, null, EVIOCGNAME(64), buf);
    syscall(SYS_ioctl, null, EVIOCGPHYS(0), buf);
    syscall(SYS_ioctl, null, EVIOCGUNIQ(64), buf);
    syscall(SYS_ioctl, null, EVIOCGPROP(8), buf);
    syscall(SYS_ioctl, null, EVIOCGMTSLOTS(16), buf);
    syscall(SYS_ioctl, null, EVIOCGKEY(8), buf);
    syscall(SYS_ioctl, null, EVIOCGSW(8), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(0, 8), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_KEY, 96), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(0x1e, 8), buf);
    syscall(SYS_ioctl, null, EVIOCGABS(ABS_X), buf);
    syscall(SYS_ioctl, null, EVIOCGABS(0x3f), buf);
    syscall(SYS_ioctl, null, EVIOCSABS(ABS_MT_SLOT), &axis);
    syscall(SYS_ioctl, null, EVIOCSREP, repeat);
    syscall(SYS_ioctl, null, EVIOCGREP, repeat);
    *ip = 1;
    syscall(SYS_ioctl, null, EVIOCSCLOCKID, ip);
    syscall(SYS_ioctl, null, EVIOCGRAB, 1L);
    syscall(SYS_ioctl, null, EVIOCREVOKE, -1L);
    syscall(SYS_ioctl, null, EVIOCRMFF, -1L);
    syscall(SYS_ioctl, null, EVIOCGEFFECTS, buf);
    syscall(SYS_ioctl, null, _IOC(_IOC_WRITE, 'E', 0x06, 8), buf);
    unsigned int keycode[2] = {30, 0x2ff};
    struct input_keymap_entry entry = {.flags = INPUT_KEYMAP_BY_INDEX | 2, .len = 4, .index = 5, .keycode = KEY_A, .scancode = {1, 2, 3, 4}};
    syscall(SYS_ioctl, null, EVIOCGKEYCODE, keycode);
    syscall(SYS_ioctl, null, EVIOCSKEYCODE, keycode);
    syscall(SYS_ioctl, null, EVIOCGKEYCODE_V2, &entry);
    syscall(SYS_ioctl, null, EVIOCSKEYCODE_V2, &entry);
    syscall(SYS_ioctl, null, EVIOCGKEY(8), NULL);
    syscall(SYS_ioctl, null, EVIOCGMTSLOTS(4), NULL);
    /* answered: key codes and slots as a device would report them; the bit arrays as the address of bytes never
     * written, since a call answered 0 wrote none */
    keycode[1] = KEY_APOSTROPHE;
    syscall(SYS_ioctl, ANSWERED, EVIOCGKEYCODE, keycode);
    syscall(SYS_ioctl, ANSWERED, EVIOCGKEYCODE_V2, &entry);
    int slots[4] = {ABS_MT_SLOT, 1, 255, -1};
    syscall(SYS_ioctl, ANSWERED, EVIOCGMTSLOTS(16), slots);
    slots[0] = 0x800b;
    syscall(SYS_ioctl, ANSWERED, EVIOCGMTSLOTS(8), slots);
    syscall(SYS_ioctl, ANSWERED, EVIOCGMTSLOTS(2), slots);
    syscall(SYS_ioctl, ANSWERED, EVIOCGBIT(EV_KEY, 16), buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGLED(8), buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGSND(8), NULL);
    fill();
    syscall(SYS_ioctl, ANSWERED, EVIOCGVERSION, buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGID, buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGREP, buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGEFFECTS, buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGABS(ABS_Y), buf);
    syscall(SYS_ioctl, ANSWERED, EVIOCGNAME(64), buf);
}

static void file_calls(int null, char *edge)
{
    struct fstrim_range trim = {.start = 4096, .len = 1 << 20, .minlen = 512};
    struct fsxattr attr = {.fsx_xflags = FS_XFLAG_IMMUTABLE | FS_XFLAG_NOATIME | 0x100000, .fsx_extsize = 4096, .fsx_nextents = 9,
                           .fsx_projid = 42, .fsx_cowextsize = 8192};
    struct fiemap *map = (struct fiemap *)buf;
    syscall(SYS_ioctl, null, FITRIM, &trim);
    syscall(SYS_ioctl, null, FITRIM, NULL);
    syscall(SYS_ioctl, null, FS_IOC_FSSETXATTR, &attr);
    attr.fsx_xflags = 0x100000;
    attr.fsx_projid = 0;
    syscall(SYS_ioctl, null, FS_IOC_FSSETXATTR, &attr);
    syscall(SYS_ioctl, null, FS_IOC_FSGETXATTR, &attr);
    syscall(SYS_ioctl, null, FS_IOC_FSSETXATTR, unmapped);
    /* FIEMAP: the request, then (answered) the extents "mapped", one flag set no name covers, and extents cut short by
     * an unreadable page */
    memset(buf, 0, sizeof buf);
    *map = (struct fiemap){.fm_length = ~0ULL, .fm_flags = FIEMAP_FLAG_SYNC | FIEMAP_FLAG_XATTR, .fm_extent_count = 2};
    syscall(SYS_ioctl, null, FS_IOC_FIEMAP, map);
    map->fm_mapped_extents = 2;
    map->fm_extents[0] = (struct fiemap_extent){.fe_logical = 0, .fe_physical = 1 << 20, .fe_length = 4096, .fe_flags = FIEMAP_EXTENT_MERGED};
    map->fm_extents[1] = (struct fiemap_extent){.fe_logical = 4096, .fe_physical = 8 << 20, .fe_length = 8192,
                                                .fe_flags = FIEMAP_EXTENT_LAST | FIEMAP_EXTENT_UNWRITTEN | 0x10};
    syscall(SYS_ioctl, ANSWERED, FS_IOC_FIEMAP, map);
    map->fm_flags = 0x80;
    map->fm_mapped_extents = 0;
    syscall(SYS_ioctl, ANSWERED, FS_IOC_FIEMAP, map);
    struct fiemap *cut = (struct fiemap *)(edge - sizeof *map - sizeof map->fm_extents[0]);
    memcpy(cut, map, sizeof *map + sizeof map->fm_extents[0]);
    cut->fm_mapped_extents = 3;
    syscall(SYS_ioctl, ANSWERED, FS_IOC_FIEMAP, cut);
    syscall(SYS_ioctl, null, FS_IOC_FIEMAP, NULL);
    fill();
    syscall(SYS_ioctl, ANSWERED, FS_IOC_FSGETXATTR, buf);
    syscall(SYS_ioctl, ANSWERED, FITRIM, buf);

    syscall(SYS_ioctl, null, FS_IOC_GETFLAGS, buf);
    *ip = FS_IMMUTABLE_FL | FS_NOATIME_FL | FS_INDEX_FL;
    syscall(SYS_ioctl, null, FS_IOC_SETFLAGS, ip);
    *ip = 0;
    syscall(SYS_ioctl, null, FS_IOC_SETFLAGS, ip);
    syscall(SYS_ioctl, null, FICLONE, -1L);
    syscall(SYS_ioctl, null, FIFREEZE, 0);
    fill();
    syscall(SYS_ioctl, ANSWERED, FS_IOC_GETFLAGS, buf);
}

/* namespaces, watchdogs and perf events, each on /dev/null and answered */
static void other_calls(int null)
{
    struct perf_event_attr attr = {.type = PERF_TYPE_SOFTWARE, .size = sizeof attr, .config = PERF_COUNT_SW_TASK_CLOCK, .disabled = 1};
    int fds[] = {null, ANSWERED};
    for (int i = 0; i < 2; i++)
    {
        fill();
        syscall(SYS_ioctl, fds[i], NS_GET_USERNS);
        syscall(SYS_ioctl, fds[i], NS_GET_NSTYPE);
        syscall(SYS_ioctl, fds[i], NS_GET_OWNER_UID, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_GETSUPPORT, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_GETSTATUS, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_SETOPTIONS, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_KEEPALIVE);
        syscall(SYS_ioctl, fds[i], WDIOC_SETTIMEOUT, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_GETTIMEOUT, buf);
        syscall(SYS_ioctl, fds[i], WDIOC_GETTIMELEFT, buf);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_ENABLE, 0);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_DISABLE, 3L);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_REFRESH, -2L);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_PERIOD, buf);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_ID, buf);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_SET_OUTPUT, null);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_SET_BPF, -1L);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_SET_FILTER, "filter");
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_PAUSE_OUTPUT, 1L);
        syscall(SYS_ioctl, fds[i], PERF_EVENT_IOC_MODIFY_ATTRIBUTES, &attr);
    }
    syscall(SYS_ioctl, null, PERF_EVENT_IOC_SET_FILTER, NULL);
    syscall(SYS_ioctl, null, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, unmapped);
}

/* A userfaultfd's handshake, a range of two pages registered, one page copied and one zeroed; then the same on
 * /dev/null, and answered with every bit set, to show which strace names. */
static void uffd_calls(int null)
{
    int uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
    char *pages = mmap((void *)0x10000000, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    char *source = mmap((void *)0x10100000, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    struct uffdio_api api = {.api = UFFD_API};
    struct uffdio_register reg = {.range = {.start = (uintptr_t)pages, .len = 8192}, .mode = UFFDIO_REGISTER_MODE_MISSING | 0x10};
    struct uffdio_copy copy = {.dst = (uintptr_t)pages, .src = (uintptr_t)source, .len = 4096, .mode = 0};
    struct uffdio_zeropage zero = {.range = {.start = (uintptr_t)pages + 4096, .len = 4096}, .mode = UFFDIO_ZEROPAGE_MODE_DONTWAKE};
    struct uffdio_range range = {.start = (uintptr_t)pages, .len = 8192};
    syscall(SYS_ioctl, uffd, UFFDIO_API, &api);
    syscall(SYS_ioctl, uffd, UFFDIO_REGISTER, &reg);
    reg.mode = UFFDIO_REGISTER_MODE_MISSING;
    syscall(SYS_ioctl, uffd, UFFDIO_REGISTER, &reg);
    syscall(SYS_ioctl, uffd, UFFDIO_COPY, &copy);
    syscall(SYS_ioctl, uffd, UFFDIO_COPY, &copy);
    syscall(SYS_ioctl, uffd, UFFDIO_ZEROPAGE, &zero);
    syscall(SYS_ioctl, uffd, UFFDIO_WAKE, &range);
    syscall(SYS_ioctl, uffd, UFFDIO_UNREGISTER, &range);
    syscall(SYS_ioctl, uffd, UFFDIO_UNREGISTER, NULL);
    syscall(SYS_ioctl, uffd, UFFDIO_API, unmapped);
    close(uffd);
    syscall(SYS_userfaultfd, UFFD_USER_MODE_ONLY | 0x10); /* a flag no name covers: refused */
    api.features = UFFD_FEATURE_EVENT_FORK | 0x100000;
    copy.mode = UFFDIO_COPY_MODE_DONTWAKE | UFFDIO_COPY_MODE_WP | 4;
    syscall(SYS_ioctl, null, UFFDIO_API, &api);
    syscall(SYS_ioctl, null, UFFDIO_COPY, &copy);
    syscall(SYS_ioctl, null, UFFDIO_WRITEPROTECT, &range);
    syscall(SYS_ioctl, null, UFFDIO_CONTINUE, &range);
    api.features = api.ioctls = reg.ioctls = ~0ULL;
    copy.copy = -17;
    zero.zeropage = 4096;
    syscall(SYS_ioctl, ANSWERED, UFFDIO_API, &api);
    syscall(SYS_ioctl, ANSWERED, UFFDIO_REGISTER, &reg);
    syscall(SYS_ioctl, ANSWERED, UFFDIO_COPY, &copy);
    syscall(SYS_ioctl, ANSWERED, UFFDIO_ZEROPAGE, &zero);
}

/* SG_IO: data sent, received, both and neither, in a buffer or by iovecs, a direction no name covers, an unreadable
 * command; a v4 request; an id neither 'S' nor 'Q', and an 'S' whose structure runs into an unreadable page; then
 * answered, what a device would have written back. */
static void sg_calls(int null, char *edge)
{
    unsigned char command[16] = {0x12, 0, 0, 0, 0x24, 0};
    struct iovec vectors[2] = {{buf, 4}, {buf + 8, 4}};
    sg_io_hdr_t header = {.interface_id = 'S', .dxfer_direction = SG_DXFER_TO_DEV, .cmd_len = 6, .mx_sb_len = 32, .dxfer_len = 40,
                          .dxferp = buf + 64, .cmdp = command, .sbp = (unsigned char *)buf + 128, .timeout = 1000,
                          .flags = SG_FLAG_DIRECT_IO | SG_FLAG_LUN_INHIBIT | 0x1000, .pack_id = 3};
    struct sg_io_v4 v4 = {.guard = 'Q', .protocol = BSG_PROTOCOL_SCSI, .subprotocol = BSG_SUB_PROTOCOL_SCSI_TMF, .request_len = 6,
                          .request = (uintptr_t)command, .request_tag = 7, .request_attr = 8, .max_response_len = 8,
                          .response = (uintptr_t)buf + 32, .dout_xfer_len = 8, .dout_xferp = (uintptr_t)buf, .din_xfer_len = 4,
                          .din_xferp = (uintptr_t)buf + 16, .timeout = 1000, .flags = BSG_FLAG_Q_AT_TAIL | 0x100, .usr_ptr = 5};
    fill();
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.dxfer_direction = SG_DXFER_NONE;
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.dxfer_direction = SG_DXFER_TO_FROM_DEV;
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.dxfer_direction = -7;
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.dxfer_direction = SG_DXFER_FROM_DEV;
    header.cmd_len = 20;
    header.sb_len_wr = 4;
    header.resid = 8;
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.dxfer_direction = SG_DXFER_TO_DEV;
    header.cmd_len = 6;
    header.iovec_count = 2;
    header.dxferp = vectors;
    syscall(SYS_ioctl, null, SG_IO, &header);
    header.iovec_count = 0;
    header.dxferp = NULL;
    header.cmdp = unmapped;
    syscall(SYS_ioctl, null, SG_IO, &header);
    syscall(SYS_ioctl, null, SG_IO, &v4);
    v4.protocol = 5;
    v4.subprotocol = 9;
    syscall(SYS_ioctl, null, SG_IO, &v4);
    v4.protocol = BSG_PROTOCOL_SCSI;
    v4.dout_iovec_count = 2;
    v4.dout_xferp = (uintptr_t)vectors;
    syscall(SYS_ioctl, null, SG_IO, &v4);
    header.interface_id = 'Z';
    syscall(SYS_ioctl, null, SG_IO, &header);
    memcpy(edge - 4, "S\0\0\0", 4);
    syscall(SYS_ioctl, null, SG_IO, edge - 4);
    syscall(SYS_ioctl, null, SG_IO, NULL);
    syscall(SYS_ioctl, null, SG_IO, unmapped);
    header = (sg_io_hdr_t){.interface_id = 'S', .dxfer_direction = SG_DXFER_FROM_DEV, .cmd_len = 6, .cmdp = command, .dxfer_len = 16,
                           .dxferp = buf, .mx_sb_len = 8, .sbp = (unsigned char *)buf + 32, .status = 2, .masked_status = 1,
                           .msg_status = 5, .sb_len_wr = 3, .host_status = 7, .driver_status = 8, .resid = 4, .duration = 9,
                           .info = SG_INFO_CHECK | SG_INFO_DIRECT_IO};
    syscall(SYS_ioctl, ANSWERED, SG_IO, &header);
    v4 = (struct sg_io_v4){.guard = 'Q', .request_len = 6, .request = (uintptr_t)command, .response = (uintptr_t)buf + 32,
                           .response_len = 3, .din_xfer_len = 8, .din_xferp = (uintptr_t)buf, .din_resid = 2, .driver_status = 1,
                           .transport_status = 2, .device_status = 3, .retry_delay = 4, .info = 5, .duration = 6, .dout_resid = -1,
                           .generated_tag = 0x99};
    syscall(SYS_ioctl, ANSWERED, SG_IO, &v4);
}

int main(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return 1;
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    int null = open("/dev/null", O_RDONLY);
    /* a page whose next page cannot be read */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (slave < 0 || null < 0 || pages == MAP_FAILED || mprotect(pages + 4096, 4096, PROT_NONE) != 0 || !answer_ioctl_without_running(ANSWERED))
        return 1;
    write(-1, "ioctl", 5); /* where the test starts comparing */
    terminal_calls(master, slave, pages + 4096);
    block_calls(null);
    loop_calls(null);
    rtc_calls(null);
    input_calls(null);
    file_calls(null, pages + 4096);
    uffd_calls(null);
    sg_calls(null, pages + 4096);
    other_calls(null);
    /* requests no family names: of a known type, of the terminal's type without a direction, of an unknown type */
    syscall(SYS_ioctl, master, _IOR('T', 0x99, int), buf);
    syscall(SYS_ioctl, master, 0x5499, 0);
    syscall(SYS_ioctl, null, _IOR(0x12, 0x99, int), buf);
    syscall(SYS_ioctl, null, _IOWR(0xab, 3, int), 7);
    syscall(SYS_ioctl, null, 0x12345678, -1L);
    return 0;
}
