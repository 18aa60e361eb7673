/* More ioctl requests strace decodes: a socket's interface requests (type 0x89), asked of a real AF_INET socket about
 * "lo" where they only read (so that the success forms print), and of /dev/null where they would change something
 * (they fail with ENOTTY and change nothing, while their inputs still print decoded); then the terminal's serial
 * requests, force feedback effects, a real-time clock's parameters and device-mapper commands, on /dev/null. Descriptor 100 is answered 0
 * without running (a seccomp filter installed before the test's marker): its outputs show what the program left in
 * their buffers, as a socket would have filled them in. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <asm/ioctls.h>
#include <linux/dm-ioctl.h>
#include <linux/filter.h>
#include <linux/if_bridge.h>
#include <linux/input.h>
#include <linux/rtc.h>
#include <linux/serial.h>
#include <linux/tiocl.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
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

static struct ifreq lo(void)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    return ifr;
}

static void socket_calls(int s, int null, char *edge)
{
    struct ifreq ifr = lo();
    struct ifreq ifrs[8];
    struct ifconf ifc = {.ifc_len = sizeof ifrs, .ifc_req = ifrs};
    /* reads about lo, which succeed */
    syscall(SYS_ioctl, s, SIOCGIFINDEX, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFNAME, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFFLAGS, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFADDR, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFDSTADDR, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFBRDADDR, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFNETMASK, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFMTU, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFHWADDR, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFTXQLEN, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFMETRIC, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFMAP, &ifr);
    ifr = lo();
    syscall(SYS_ioctl, s, SIOCGIFSLAVE, &ifr);
    /* the interface list: its length only, then lo alone (the first), then whole */
    ifc.ifc_len = 0;
    ifc.ifc_req = NULL;
    syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
    ifc.ifc_len = sizeof(struct ifreq);
    ifc.ifc_req = ifrs;
    syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
    ifc.ifc_len = sizeof ifrs;
    syscall(SYS_ioctl, s, SIOCGIFCONF, &ifc);
    /* an unknown interface: the output is not written */
    ifr = lo();
    strcpy(ifr.ifr_name, "nosuch0");
    syscall(SYS_ioctl, s, SIOCGIFFLAGS, &ifr);
    syscall(SYS_ioctl, s, SIOCGIFADDR, &ifr);
    ifr.ifr_ifindex = 1000;
    syscall(SYS_ioctl, s, SIOCGIFNAME, &ifr);
    /* the socket's own */
    syscall(SYS_ioctl, s, SIOCATMARK, ip);
    syscall(SYS_ioctl, s, SIOCGSTAMP, buf);
    syscall(SYS_ioctl, s, SIOCGSTAMPNS, buf);
    /* no owner: a pid would differ between the two runs */
    *ip = 0;
    syscall(SYS_ioctl, s, SIOCSPGRP, ip);
    syscall(SYS_ioctl, s, SIOCGPGRP, ip);
    syscall(SYS_ioctl, s, FIOSETOWN, ip);
    syscall(SYS_ioctl, s, FIOGETOWN, ip);
    syscall(SYS_ioctl, s, SIOCOUTQNSD, ip);
    syscall(SYS_ioctl, null, SIOCSIFENCAP, ip);
    syscall(SYS_ioctl, null, SIOCGIFENCAP, ip);
    syscall(SYS_ioctl, s, SIOCOUTQ, ip);
    syscall(SYS_ioctl, s, SIOCINQ, ip);
    /* what would change an interface, on /dev/null */
    ifr = lo();
    ifr.ifr_flags = (short)(IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_DYNAMIC);
    syscall(SYS_ioctl, null, SIOCSIFFLAGS, &ifr);
    ifr.ifr_flags = 0;
    syscall(SYS_ioctl, null, SIOCSIFFLAGS, &ifr);
    ifr.ifr_mtu = 1500;
    syscall(SYS_ioctl, null, SIOCSIFMTU, &ifr);
    ifr.ifr_qlen = 100;
    syscall(SYS_ioctl, null, SIOCSIFTXQLEN, &ifr);
    ifr.ifr_metric = 3;
    syscall(SYS_ioctl, null, SIOCSIFMETRIC, &ifr);
    strcpy(ifr.ifr_newname, "lo1");
    syscall(SYS_ioctl, null, SIOCSIFNAME, &ifr);
    ifr = lo();
    struct sockaddr_in *in = (struct sockaddr_in *)&ifr.ifr_addr;
    in->sin_family = AF_INET;
    in->sin_port = htons(7);
    in->sin_addr.s_addr = htonl(0x7f000002);
    syscall(SYS_ioctl, null, SIOCSIFADDR, &ifr);
    syscall(SYS_ioctl, null, SIOCSIFDSTADDR, &ifr);
    syscall(SYS_ioctl, null, SIOCSIFBRDADDR, &ifr);
    syscall(SYS_ioctl, null, SIOCSIFNETMASK, &ifr);
    syscall(SYS_ioctl, null, SIOCDIFADDR, &ifr);
    ifr = lo();
    ifr.ifr_hwaddr.sa_family = 1; /* ARPHRD_ETHER */
    memcpy(ifr.ifr_hwaddr.sa_data, "\x02\x00\x5e\x10\x20\x30", 6);
    syscall(SYS_ioctl, null, SIOCSIFHWADDR, &ifr);
    syscall(SYS_ioctl, null, SIOCSIFHWBROADCAST, &ifr);
    ifr = lo();
    ifr.ifr_map.mem_start = 0x1000;
    ifr.ifr_map.mem_end = 0x2000;
    ifr.ifr_map.base_addr = 0x300;
    ifr.ifr_map.irq = 5;
    ifr.ifr_map.dma = 6;
    ifr.ifr_map.port = 7;
    syscall(SYS_ioctl, null, SIOCSIFMAP, &ifr);
    syscall(SYS_ioctl, null, SIOCBRADDBR, "br9");
    syscall(SYS_ioctl, null, SIOCBRDELBR, "br9");
    ifr = lo();
    ifr.ifr_ifindex = 1;
    syscall(SYS_ioctl, null, SIOCBRADDIF, &ifr);
    syscall(SYS_ioctl, null, SIOCBRDELIF, &ifr);
    /* NULL, unmapped, an ifreq cut short by an unreadable page */
    syscall(SYS_ioctl, s, SIOCGIFFLAGS, NULL);
    syscall(SYS_ioctl, null, SIOCSIFFLAGS, unmapped);
    syscall(SYS_ioctl, null, SIOCSIFMTU, edge - 20);
    syscall(SYS_ioctl, s, SIOCGIFCONF, NULL);
    syscall(SYS_ioctl, s, SIOCGIFCONF, unmapped);
    syscall(SYS_ioctl, null, SIOCBRADDBR, NULL);
    /* answered: what a socket would report */
    fill();
    syscall(SYS_ioctl, ANSWERED, SIOCATMARK, ip);
    syscall(SYS_ioctl, ANSWERED, SIOCGSTAMP, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGSTAMPNS, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFINDEX, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFFLAGS, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFHWADDR, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFMAP, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFNAME, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFSLAVE, buf);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFENCAP, ip);
    syscall(SYS_ioctl, ANSWERED, SIOCGSTAMP_NEW, buf);
    buf[0] = 'x'; /* an address no family covers, a hardware type no name covers */
    syscall(SYS_ioctl, ANSWERED, SIOCGIFADDR, buf);
    ifc.ifc_len = 3;
    ifc.ifc_req = (struct ifreq *)buf;
    syscall(SYS_ioctl, ANSWERED, SIOCGIFCONF, &ifc);
    ifc.ifc_len = 2 * sizeof(struct ifreq);
    ifc.ifc_req = (struct ifreq *)(edge - sizeof(struct ifreq) - 8);
    syscall(SYS_ioctl, ANSWERED, SIOCGIFCONF, &ifc);
    /* requests of the type no decoder covers */
    syscall(SYS_ioctl, null, SIOCGIFENCAP, buf);
    syscall(SYS_ioctl, null, SIOCDEVPRIVATE, buf);
    syscall(SYS_ioctl, null, _IOR(0x89, 0x99, int), buf);
}

static void gap_calls(int null)
{
    struct rtc_param param = {.param = RTC_PARAM_FEATURES, .uvalue = 0x3000001d5};
    /* strace prints TIOCSSERIAL without its argument; the serial structures and TIOCLINUX's subcode go undecoded */
    syscall(SYS_ioctl, null, TIOCSSERIAL, buf);
    syscall(SYS_ioctl, null, TIOCGSERIAL, buf);
    syscall(SYS_ioctl, null, TIOCGRS485, buf);
    syscall(SYS_ioctl, null, TIOCSRS485, buf);
    buf[0] = TIOCL_GETSHIFTSTATE;
    syscall(SYS_ioctl, null, TIOCLINUX, buf);
    /* force feedback effects, their parameters by the type (none for a condition effect) */
    struct ff_effect effect = {.type = FF_RUMBLE, .id = -1, .direction = 0x4000, .trigger = {.button = BTN_TRIGGER, .interval = 100},
                               .replay = {.length = 500, .delay = 10}, .u.rumble = {.strong_magnitude = 0x8000, .weak_magnitude = 0x4000}};
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    memset(&effect.u, 0, sizeof effect.u);
    effect.type = FF_PERIODIC;
    effect.u.periodic.waveform = FF_SINE;
    effect.u.periodic.period = 20;
    effect.u.periodic.magnitude = -0x2000;
    effect.u.periodic.offset = -5;
    effect.u.periodic.envelope.fade_level = 0x1234;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    effect.u.periodic.custom_len = 2;
    effect.u.periodic.custom_data = unmapped;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    memset(&effect.u, 0, sizeof effect.u);
    effect.type = FF_CONSTANT;
    effect.u.constant.level = -300;
    effect.u.constant.envelope.attack_length = 50;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    effect.type = FF_RAMP;
    effect.u.ramp.start_level = -1000;
    effect.u.ramp.end_level = 1000;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    effect.type = FF_SPRING;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    effect.type = 0x104;
    syscall(SYS_ioctl, null, EVIOCSFF, &effect);
    syscall(SYS_ioctl, null, EVIOCSFF, NULL);
    /* a real-time clock's parameters, by the parameter */
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    param.uvalue = 0;
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    param.param = RTC_PARAM_CORRECTION;
    param.svalue = -5;
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    param.param = RTC_PARAM_BACKUP_SWITCH_MODE;
    param.uvalue = RTC_BSM_STANDBY;
    param.index = 2;
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    param.uvalue = 9;
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    param.param = 7;
    param.__pad = 1;
    syscall(SYS_ioctl, null, RTC_PARAM_SET, &param);
    syscall(SYS_ioctl, null, RTC_PARAM_GET, &param);
    syscall(SYS_ioctl, null, RTC_PARAM_GET, NULL);
    syscall(SYS_ioctl, null, RTC_PARAM_SET, unmapped);
    /* answered: the value as a clock would write it */
    param.param = RTC_PARAM_CORRECTION;
    param.__pad = 0;
    syscall(SYS_ioctl, ANSWERED, RTC_PARAM_GET, &param);
    param.param = RTC_PARAM_FEATURES;
    param.uvalue = 0xff;
    syscall(SYS_ioctl, ANSWERED, RTC_PARAM_GET, &param);
    param.param = 7;
    param.__pad = 3;
    syscall(SYS_ioctl, ANSWERED, RTC_PARAM_GET, &param);
}

/* A device-mapper command's header: its version and size, a device by name and uuid, with data_start where its data
 * begins after the header. */
static struct dm_ioctl *dm_header(const char *name, unsigned data)
{
    struct dm_ioctl *dm = (struct dm_ioctl *)buf;
    memset(buf, 0, sizeof buf);
    dm->version[0] = DM_VERSION_MAJOR;
    dm->version[1] = 4;
    dm->data_size = sizeof *dm + data;
    dm->data_start = sizeof *dm;
    dm->flags = DM_READONLY_FLAG | DM_UUID_FLAG;
    dm->event_nr = 3;
    dm->dev = 0xfd01;
    strcpy(dm->name, name);
    strcpy(dm->uuid, "LVM-0123456789");
    return dm;
}

/* Device-mapper commands on /dev/null, which prints what they read: each command's header, and with -v the data it
 * reads (a table's target specs, a message, a new name or geometry); answered, what they would have written back,
 * and the data a command writes (devices, dependencies, targets' statuses, versions) as the program left it. */
static void dm_calls(int null)
{
    static const unsigned long commands[] = {
        DM_VERSION, DM_REMOVE_ALL, DM_LIST_DEVICES, DM_DEV_CREATE, DM_DEV_REMOVE, DM_DEV_SUSPEND, DM_DEV_STATUS,
        DM_DEV_WAIT, DM_TABLE_CLEAR, DM_TABLE_DEPS, DM_TABLE_STATUS, DM_LIST_VERSIONS, DM_DEV_ARM_POLL,
    };
    for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++)
    {
        dm_header("vol0", 0);
        syscall(SYS_ioctl, null, commands[i], buf);
        dm_header("vol0", 0);
        syscall(SYS_ioctl, ANSWERED, commands[i], buf);
    }
    dm_header("vol0", 0)->flags |= DM_SUSPEND_FLAG;
    syscall(SYS_ioctl, null, DM_DEV_SUSPEND, buf);
    /* a table of two targets, each followed by its parameters; then one spec more than there are */
    struct dm_ioctl *dm = dm_header("vol0", 200);
    dm->target_count = 2;
    struct dm_target_spec *spec = (struct dm_target_spec *)(buf + dm->data_start);
    spec->length = 2048;
    spec->next = sizeof *spec + 16;
    strcpy(spec->target_type, "linear");
    strcpy((char *)(spec + 1), "8:1 0");
    spec = (struct dm_target_spec *)((char *)spec + spec->next);
    spec->sector_start = 2048;
    spec->length = 4096;
    strcpy(spec->target_type, "zero");
    syscall(SYS_ioctl, null, DM_TABLE_LOAD, buf);
    syscall(SYS_ioctl, ANSWERED, DM_TABLE_LOAD, buf);
    dm->target_count = 3;
    syscall(SYS_ioctl, null, DM_TABLE_LOAD, buf);
    dm->target_count = 1;
    dm->data_size = sizeof *dm + 20;
    syscall(SYS_ioctl, null, DM_TABLE_LOAD, buf);
    dm->target_count = 0;
    syscall(SYS_ioctl, null, DM_TABLE_LOAD, buf);
    /* a new name, a new uuid, a geometry, a message and one cut short */
    dm = dm_header("vol0", 100);
    strcpy(buf + dm->data_start, "vol1");
    syscall(SYS_ioctl, null, DM_DEV_RENAME, buf);
    syscall(SYS_ioctl, ANSWERED, DM_DEV_RENAME, buf);
    dm->flags |= DM_UUID_FLAG;
    strcpy(buf + dm->data_start, "LVM-new");
    syscall(SYS_ioctl, null, DM_DEV_RENAME, buf);
    strcpy(buf + dm->data_start, "16383 16 63 0");
    syscall(SYS_ioctl, null, DM_DEV_SET_GEOMETRY, buf);
    struct dm_target_msg *message = (struct dm_target_msg *)(buf + dm->data_start);
    message->sector = 9;
    strcpy(message->message, "@cancel_deferred_remove");
    syscall(SYS_ioctl, null, DM_TARGET_MSG, buf);
    syscall(SYS_ioctl, ANSWERED, DM_TARGET_MSG, buf);
    dm->data_size = sizeof *dm + 4;
    syscall(SYS_ioctl, null, DM_TARGET_MSG, buf);
    /* no device named, every flag, a name filling its array, an older ABI, sizes too small, a buffer full */
    dm = dm_header("", 0);
    dm->dev = 0;
    dm->uuid[0] = 0;
    dm->flags = 0xfffff | 0x40000000;
    syscall(SYS_ioctl, null, DM_DEV_STATUS, buf);
    memset(dm->name, 'a', sizeof dm->name);
    syscall(SYS_ioctl, null, DM_DEV_STATUS, buf);
    dm = dm_header("vol0", 0);
    dm->version[0] = 3;
    syscall(SYS_ioctl, null, DM_DEV_STATUS, buf);
    dm = dm_header("vol0", 0);
    dm->data_size = 304;
    syscall(SYS_ioctl, null, DM_DEV_STATUS, buf);
    syscall(SYS_ioctl, ANSWERED, DM_DEV_STATUS, buf);
    dm->data_size = 12;
    syscall(SYS_ioctl, null, DM_TABLE_LOAD, buf);
    dm->data_size = 10;
    syscall(SYS_ioctl, null, DM_DEV_STATUS, buf);
    dm = dm_header("vol0", 100);
    dm->flags = DM_BUFFER_FULL_FLAG;
    syscall(SYS_ioctl, ANSWERED, DM_TABLE_STATUS, buf);
    /* answered: the data as a command would write it, left in the buffer */
    dm = dm_header("", 200);
    struct dm_name_list *names = (struct dm_name_list *)(buf + dm->data_start);
    names->dev = 0xfd00;
    names->next = 32;
    strcpy(names->name, "vg-root");
    names = (struct dm_name_list *)((char *)names + 32);
    names->dev = 0xfd01;
    strcpy(names->name, "vg-swap_1");
    syscall(SYS_ioctl, ANSWERED, DM_LIST_DEVICES, buf);
    ((struct dm_name_list *)(buf + dm->data_start))->next = 1000;
    syscall(SYS_ioctl, ANSWERED, DM_LIST_DEVICES, buf);
    dm = dm_header("vol0", 200);
    struct dm_target_deps *deps = (struct dm_target_deps *)(buf + dm->data_start);
    deps->count = 2;
    deps->dev[0] = 0x801;
    deps->dev[1] = 0x802;
    syscall(SYS_ioctl, ANSWERED, DM_TABLE_DEPS, buf);
    deps->count = 100;
    syscall(SYS_ioctl, ANSWERED, DM_TABLE_DEPS, buf);
    dm = dm_header("vol0", 200);
    dm->target_count = 2;
    spec = (struct dm_target_spec *)(buf + dm->data_start);
    spec->length = 2048;
    spec->next = 56;
    strcpy(spec->target_type, "linear");
    strcpy((char *)(spec + 1), "8:1 0");
    spec = (struct dm_target_spec *)((char *)spec + 56);
    spec->sector_start = 2048;
    spec->length = 10;
    spec->status = -5;
    strcpy(spec->target_type, "error");
    syscall(SYS_ioctl, ANSWERED, DM_TABLE_STATUS, buf);
    syscall(SYS_ioctl, ANSWERED, DM_DEV_WAIT, buf);
    dm = dm_header("", 200);
    struct dm_target_versions *versions = (struct dm_target_versions *)(buf + dm->data_start);
    versions->next = 32;
    versions->version[0] = 1;
    versions->version[1] = 4;
    strcpy(versions->name, "striped");
    versions = (struct dm_target_versions *)((char *)versions + 32);
    versions->version[0] = 1;
    strcpy(versions->name, "linear");
    syscall(SYS_ioctl, ANSWERED, DM_LIST_VERSIONS, buf);
    syscall(SYS_ioctl, null, DM_DEV_STATUS, NULL);
    syscall(SYS_ioctl, null, DM_DEV_STATUS, unmapped);
    syscall(SYS_ioctl, null, DM_GET_TARGET_VERSION, buf);
}

/* evdev's bit arrays, which strace names only when the call says how many bytes it wrote: traced with every ioctl
 * answered 12 (strace's -e inject=ioctl:retval=12), each shows the bits the program left in the buffer. */
static void bits_calls(int null)
{
    memset(buf, 0, 64);
    buf[0] = 0x03;
    buf[3] = 0x40;
    buf[10] = 0x01;
    buf[11] = 0x03;
    syscall(SYS_ioctl, null, EVIOCGBIT(0, 8), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_KEY, 96), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_REL, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_ABS, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_MSC, 1), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_SW, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_LED, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_SND, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_REP, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_FF, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_PWR, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_FF_STATUS, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(0x1e, 16), unmapped); /* a type with no names: its address */
    syscall(SYS_ioctl, null, EVIOCGKEY(16), buf);
    syscall(SYS_ioctl, null, EVIOCGLED(16), buf);
    syscall(SYS_ioctl, null, EVIOCGSND(16), buf);
    syscall(SYS_ioctl, null, EVIOCGSW(16), buf);
    syscall(SYS_ioctl, null, EVIOCGPROP(4), buf);
    memset(buf, 0xff, 64);
    syscall(SYS_ioctl, null, EVIOCGKEY(16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(0, 16), buf);
    memset(buf, 0, 64);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_KEY, 16), buf);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_KEY, 16), NULL);
    syscall(SYS_ioctl, null, EVIOCGBIT(EV_KEY, 16), unmapped);
}

int main(int argc, char **argv)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    int null = open("/dev/null", O_RDONLY);
    if (argc > 1 && strcmp(argv[1], "bits") == 0)
    {
        write(-1, "ioctl_bits", 10);
        bits_calls(null);
        return 0;
    }
    /* a page whose next page cannot be read */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (s < 0 || null < 0 || pages == MAP_FAILED || mprotect(pages + 4096, 4096, PROT_NONE) != 0 || !answer_ioctl_without_running(ANSWERED))
        return 1;
    write(-1, "ioctl_more", 10); /* where the test starts comparing */
    socket_calls(s, null, pages + 4096);
    gap_calls(null);
    dm_calls(null);
    return 0;
}
