/* ioctl requests of storage and other devices this machine does not have: hard disks' HDIO_*, MTD flash (mtd/mtd-abi.h),
 * UBI volumes (mtd/ubi-user.h), the random device, KVM (x86), network block devices, inotify, PTP clocks and TEEs.
 * They go to /dev/null, which answers ENOTTY and changes nothing, so inputs print decoded and outputs as addresses; to
 * NULL, to an address nothing is mapped at and to an array cut short by an unreadable page; and to descriptor 100,
 * which a seccomp filter installed before the test's marker answers 0 without running, so that the outputs show what
 * the program left in their buffers as a device would have filled them in. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/hdreg.h>
#include <linux/ioctl.h>
#include <linux/kvm.h>
#include <linux/nbd.h>
#include <linux/ptp_clock.h>
#include <linux/random.h>
#include <linux/seccomp.h>
#include <linux/tee.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
/* linux/inotify.h includes linux/fcntl.h, whose structures glibc's fcntl.h defines too */
#define INOTIFY_IOC_SETNEXTWD _IOW('I', 0, __s32)
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "answered.h"

#define ANSWERED 100

static char buf[8192] __attribute__((aligned(8)));
static void *const unmapped = (void *)0xbadc0de;

/* The bytes 1, 2, 3... for the answered outputs to show. */
static void fill(void)
{
    for (int i = 0; i < 1024; i++)
        buf[i] = (char)(i + 1);
}

static void hdio_calls(int fd)
{
    struct hd_geometry geo = {.heads = 16, .sectors = 63, .cylinders = 1024, .start = 2048};
    syscall(SYS_ioctl, fd, HDIO_GETGEO, &geo);
    syscall(SYS_ioctl, fd, HDIO_GETGEO, NULL);
    syscall(SYS_ioctl, fd, HDIO_GETGEO, unmapped);
    syscall(SYS_ioctl, ANSWERED, HDIO_GETGEO, &geo);
    fill();
    syscall(SYS_ioctl, ANSWERED, HDIO_GETGEO, buf);
    static const unsigned long gets[] = {HDIO_GET_UNMASKINTR, HDIO_GET_MULTCOUNT, HDIO_GET_QDMA, HDIO_GET_KEEPSETTINGS, HDIO_GET_32BIT,
        HDIO_GET_NOWERR, HDIO_GET_DMA, HDIO_GET_NICE, HDIO_GET_IDENTITY, HDIO_GET_WCACHE, HDIO_GET_ACOUSTIC, HDIO_GET_ADDRESS,
        HDIO_GET_BUSSTATE, HDIO_OBSOLETE_IDENTITY, HDIO_DRIVE_TASK, HDIO_DRIVE_TASKFILE, HDIO_DRIVE_RESET,
        HDIO_TRISTATE_HWIF, HDIO_SCAN_HWIF};
    for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++)
    {
        syscall(SYS_ioctl, fd, gets[i], buf);
        syscall(SYS_ioctl, ANSWERED, gets[i], buf);
    }
    static const unsigned long sets[] = {HDIO_SET_MULTCOUNT, HDIO_SET_UNMASKINTR, HDIO_SET_KEEPSETTINGS, HDIO_SET_32BIT, HDIO_SET_NOWERR,
        HDIO_SET_DMA, HDIO_SET_PIO_MODE, HDIO_SET_NICE, HDIO_SET_WCACHE, HDIO_SET_ACOUSTIC, HDIO_SET_BUSSTATE, HDIO_SET_QDMA,
        HDIO_SET_ADDRESS, HDIO_SET_XFER, HDIO_UNREGISTER_HWIF};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
    {
        syscall(SYS_ioctl, fd, sets[i], 1);
        syscall(SYS_ioctl, fd, sets[i], 0x12345678);
    }
    syscall(SYS_ioctl, fd, HDIO_SET_NICE, 0xc);
    syscall(SYS_ioctl, fd, HDIO_SET_NICE, 0);
    syscall(SYS_ioctl, fd, HDIO_SET_NICE, 0x40);
    syscall(SYS_ioctl, fd, HDIO_SET_BUSSTATE, 2);
    syscall(SYS_ioctl, fd, HDIO_SET_BUSSTATE, 7);
}

static void mtd_calls(int fd)
{
    struct mtd_info_user info = {.type = MTD_NANDFLASH, .flags = MTD_WRITEABLE | MTD_NO_ERASE | 0x1, .size = 0x1000000,
        .erasesize = 0x20000, .writesize = 0x800, .oobsize = 64, .padding = 0};
    syscall(SYS_ioctl, fd, MEMGETINFO, &info);
    syscall(SYS_ioctl, ANSWERED, MEMGETINFO, &info);
    info.type = 5;
    info.flags = 0;
    info.padding = 0xdeadbeef;
    syscall(SYS_ioctl, ANSWERED, MEMGETINFO, &info);
    syscall(SYS_ioctl, ANSWERED, MEMGETINFO, unmapped);
    info.flags = 0x1;
    syscall(SYS_ioctl, ANSWERED, MEMGETINFO, &info);
    struct erase_info_user erase = {.start = 0x20000, .length = 0x40000};
    syscall(SYS_ioctl, fd, MEMERASE, &erase);
    syscall(SYS_ioctl, fd, MEMERASE, unmapped);
    syscall(SYS_ioctl, fd, MEMLOCK, &erase);
    syscall(SYS_ioctl, fd, MEMUNLOCK, &erase);
    syscall(SYS_ioctl, fd, MEMISLOCKED, &erase);
    syscall(SYS_ioctl, ANSWERED, MEMISLOCKED, &erase);
    struct erase_info_user64 erase64 = {.start = 0x100000000ULL, .length = 0x20000};
    syscall(SYS_ioctl, fd, MEMERASE64, &erase64);
    struct mtd_oob_buf oob = {.start = 0x800, .length = 64, .ptr = (unsigned char *)buf};
    syscall(SYS_ioctl, fd, MEMWRITEOOB, &oob);
    syscall(SYS_ioctl, fd, MEMREADOOB, &oob);
    syscall(SYS_ioctl, ANSWERED, MEMREADOOB, &oob);
    struct mtd_oob_buf64 oob64 = {.start = 0x100000800ULL, .pad = 0, .length = 64, .usr_ptr = (uintptr_t)buf};
    syscall(SYS_ioctl, fd, MEMWRITEOOB64, &oob64);
    syscall(SYS_ioctl, fd, MEMREADOOB64, &oob64);
    syscall(SYS_ioctl, ANSWERED, MEMREADOOB64, &oob64);
    struct mtd_write_req write = {.start = 0x1000, .len = 0x800, .ooblen = 64, .usr_data = (uintptr_t)buf, .usr_oob = 0, .mode = MTD_OPS_RAW};
    syscall(SYS_ioctl, fd, MEMWRITE, &write);
    write.mode = 7;
    syscall(SYS_ioctl, fd, MEMWRITE, &write);
    struct mtd_read_req read = {.start = 0x1000, .len = 0x800, .ooblen = 64, .usr_data = (uintptr_t)buf, .usr_oob = 0, .mode = MTD_OPS_AUTO_OOB};
    syscall(SYS_ioctl, fd, MEMREAD, &read);
    int count = 3;
    syscall(SYS_ioctl, fd, MEMGETREGIONCOUNT, &count);
    syscall(SYS_ioctl, ANSWERED, MEMGETREGIONCOUNT, &count);
    struct region_info_user region = {.offset = 0x1000, .erasesize = 0x2000, .numblocks = 8, .regionindex = 2};
    syscall(SYS_ioctl, fd, MEMGETREGIONINFO, &region);
    syscall(SYS_ioctl, ANSWERED, MEMGETREGIONINFO, &region);
    fill();
    syscall(SYS_ioctl, fd, MEMGETOOBSEL, buf);
    syscall(SYS_ioctl, ANSWERED, MEMGETOOBSEL, buf);
    syscall(SYS_ioctl, ANSWERED, ECCGETLAYOUT, buf);
    syscall(SYS_ioctl, ANSWERED, ECCGETSTATS, buf);
    syscall(SYS_ioctl, fd, ECCGETSTATS, buf);
    long long offset = 0x40000;
    syscall(SYS_ioctl, fd, MEMGETBADBLOCK, &offset);
    syscall(SYS_ioctl, fd, MEMSETBADBLOCK, &offset);
    syscall(SYS_ioctl, fd, MEMSETBADBLOCK, unmapped);
    int mode = MTD_OTP_USER;
    syscall(SYS_ioctl, fd, OTPSELECT, &mode);
    mode = 9;
    syscall(SYS_ioctl, fd, OTPSELECT, &mode);
    syscall(SYS_ioctl, ANSWERED, OTPSELECT, &mode);
    syscall(SYS_ioctl, fd, OTPGETREGIONCOUNT, &count);
    syscall(SYS_ioctl, ANSWERED, OTPGETREGIONCOUNT, &count);
    struct otp_info otp = {.start = 0x10, .length = 0x40, .locked = 1};
    syscall(SYS_ioctl, fd, OTPGETREGIONINFO, &otp);
    syscall(SYS_ioctl, ANSWERED, OTPGETREGIONINFO, &otp);
    syscall(SYS_ioctl, fd, OTPLOCK, &otp);
    syscall(SYS_ioctl, ANSWERED, OTPLOCK, &otp);
    syscall(SYS_ioctl, fd, OTPERASE, &otp);
    syscall(SYS_ioctl, fd, MTDFILEMODE, MTD_FILE_MODE_RAW);
    syscall(SYS_ioctl, fd, MTDFILEMODE, 9);
    /* requests of mtd's type no header names, and machine-check ones whose type is the same */
    syscall(SYS_ioctl, fd, _IOR('M', 0x99, int), buf);
    syscall(SYS_ioctl, fd, _IOW('M', 0x99, int), buf);
    syscall(SYS_ioctl, fd, _IOWR('M', 0x99, int), buf);
    syscall(SYS_ioctl, fd, _IOR('M', 1, int), buf);
}

static void ubi_calls(int fd)
{
    struct ubi_mkvol_req mk = {.vol_id = 3, .alignment = 1, .bytes = 0x100000, .vol_type = UBI_STATIC_VOLUME,
        .flags = UBI_VOL_SKIP_CRC_CHECK_FLG, .name_len = 6};
    strcpy(mk.name, "rootfs");
    syscall(SYS_ioctl, fd, UBI_IOCMKVOL, &mk);
    mk.vol_id = UBI_VOL_NUM_AUTO;
    mk.vol_type = 9;
    mk.flags = 6;
    memset(mk.name, 'x', sizeof mk.name);
    mk.name_len = 200;
    syscall(SYS_ioctl, fd, UBI_IOCMKVOL, &mk);
    syscall(SYS_ioctl, fd, UBI_IOCMKVOL, unmapped);
    strcpy(mk.name, "rootfs");
    mk.name_len = 3;
    syscall(SYS_ioctl, fd, UBI_IOCMKVOL, &mk);
    mk.name_len = -5;
    syscall(SYS_ioctl, fd, UBI_IOCMKVOL, &mk);
    int id = 3;
    syscall(SYS_ioctl, fd, UBI_IOCRMVOL, &id);
    struct ubi_rsvol_req rs = {.bytes = 0x200000, .vol_id = 3};
    syscall(SYS_ioctl, fd, UBI_IOCRSVOL, &rs);
    static struct ubi_rnvol_req rn;
    rn.count = 2;
    rn.ents[0].vol_id = 1;
    rn.ents[0].name_len = 3;
    strcpy(rn.ents[0].name, "old");
    rn.ents[1].vol_id = 2;
    rn.ents[1].name_len = 3;
    strcpy(rn.ents[1].name, "new");
    syscall(SYS_ioctl, fd, UBI_IOCRNVOL, &rn);
    rn.ents[0].name_len = 1;
    rn.count = -1;
    syscall(SYS_ioctl, fd, UBI_IOCRNVOL, &rn);
    rn.count = 40;
    syscall(SYS_ioctl, fd, UBI_IOCRNVOL, &rn);
    syscall(SYS_ioctl, fd, UBI_IOCRPEB, &id);
    syscall(SYS_ioctl, fd, UBI_IOCSPEB, &id);
    struct ubi_attach_req att = {.ubi_num = UBI_DEV_NUM_AUTO, .mtd_num = 2, .vid_hdr_offset = 2048, .max_beb_per1024 = 20, .disable_fm = 1};
    syscall(SYS_ioctl, fd, UBI_IOCATT, &att);
    syscall(SYS_ioctl, ANSWERED, UBI_IOCATT, &att);
    syscall(SYS_ioctl, fd, UBI_IOCDET, &id);
    long long bytes = 0x10000;
    syscall(SYS_ioctl, fd, UBI_IOCVOLUP, &bytes);
    int lnum = 5;
    syscall(SYS_ioctl, fd, UBI_IOCEBER, &lnum);
    struct ubi_leb_change_req change = {.lnum = 5, .bytes = 4096, .dtype = 3};
    syscall(SYS_ioctl, fd, UBI_IOCEBCH, &change);
    struct ubi_map_req map = {.lnum = 7, .dtype = 1};
    syscall(SYS_ioctl, fd, UBI_IOCEBMAP, &map);
    map.dtype = 9;
    syscall(SYS_ioctl, fd, UBI_IOCEBMAP, &map);
    syscall(SYS_ioctl, fd, UBI_IOCEBUNMAP, &lnum);
    syscall(SYS_ioctl, fd, UBI_IOCEBISMAP, &lnum);
    syscall(SYS_ioctl, ANSWERED, UBI_IOCEBISMAP, &lnum);
    struct ubi_set_vol_prop_req prop = {.property = UBI_VOL_PROP_DIRECT_WRITE, .value = 1};
    syscall(SYS_ioctl, fd, UBI_IOCSETVOLPROP, &prop);
    prop.property = 9;
    syscall(SYS_ioctl, fd, UBI_IOCSETVOLPROP, &prop);
    struct ubi_blkcreate_req blk = {0};
    syscall(SYS_ioctl, fd, UBI_IOCVOLCRBLK, &blk);
    syscall(SYS_ioctl, fd, UBI_IOCVOLRMBLK, 0);
}

static void random_calls(int fd)
{
    int count = 256;
    syscall(SYS_ioctl, fd, RNDGETENTCNT, &count);
    syscall(SYS_ioctl, ANSWERED, RNDGETENTCNT, &count);
    syscall(SYS_ioctl, fd, RNDADDTOENTCNT, &count);
    syscall(SYS_ioctl, fd, RNDADDTOENTCNT, unmapped);
    struct rand_pool_info *pool = (struct rand_pool_info *)buf;
    pool->entropy_count = 64;
    pool->buf_size = 8;
    memcpy(pool->buf, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    syscall(SYS_ioctl, fd, RNDADDENTROPY, pool);
    syscall(SYS_ioctl, fd, RNDZAPENTCNT, 0);
    syscall(SYS_ioctl, fd, RNDCLEARPOOL, 0);
    syscall(SYS_ioctl, fd, RNDRESEEDCRNG, 0);
    syscall(SYS_ioctl, fd, RNDGETPOOL, buf);
}

static void kvm_calls(int fd, char *edge)
{
    syscall(SYS_ioctl, fd, KVM_GET_API_VERSION, 0);
    syscall(SYS_ioctl, fd, KVM_CREATE_VM, 0);
    syscall(SYS_ioctl, fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY);
    syscall(SYS_ioctl, fd, KVM_CHECK_EXTENSION, 0x7fff);
    syscall(SYS_ioctl, fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    syscall(SYS_ioctl, fd, KVM_CREATE_VCPU, 2);
    syscall(SYS_ioctl, fd, KVM_CREATE_IRQCHIP, 0);
    syscall(SYS_ioctl, fd, KVM_RUN, 0);
    struct kvm_userspace_memory_region region = {.slot = 1, .flags = KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY,
        .guest_phys_addr = 0x100000, .memory_size = 0x200000, .userspace_addr = (uintptr_t)buf};
    syscall(SYS_ioctl, fd, KVM_SET_USER_MEMORY_REGION, &region);
    region.flags = 0x10;
    syscall(SYS_ioctl, fd, KVM_SET_USER_MEMORY_REGION, &region);
    syscall(SYS_ioctl, fd, KVM_SET_USER_MEMORY_REGION, unmapped);
    region.userspace_addr = 0;
    region.memory_size = 0;
    region.guest_phys_addr = 0;
    region.flags = 0;
    syscall(SYS_ioctl, fd, KVM_SET_USER_MEMORY_REGION, &region);
    struct kvm_regs regs;
    memset(&regs, 0, sizeof regs);
    regs.rax = 1;
    regs.rip = 0x1000;
    regs.rflags = 2;
    syscall(SYS_ioctl, fd, KVM_SET_REGS, &regs);
    syscall(SYS_ioctl, fd, KVM_GET_REGS, &regs);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_REGS, &regs);
    static struct kvm_sregs sregs;
    sregs.cs.base = 0xffff0000;
    sregs.cs.limit = 0xffff;
    sregs.cs.selector = 0xf000;
    sregs.cr0 = 0x60000010;
    sregs.efer = 0x500;
    syscall(SYS_ioctl, fd, KVM_SET_SREGS, &sregs);
    syscall(SYS_ioctl, fd, KVM_GET_SREGS, &sregs);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_SREGS, &sregs);
    fill();
    syscall(SYS_ioctl, ANSWERED, KVM_GET_SREGS, buf);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_REGS, buf);
    struct kvm_cpuid2 *cpuid = (struct kvm_cpuid2 *)buf;
    memset(buf, 0, 4096);
    cpuid->nent = 2;
    cpuid->entries[0] = (struct kvm_cpuid_entry2){.function = 1, .flags = KVM_CPUID_FLAG_SIGNIFCANT_INDEX, .eax = 0x306a9, .ebx = 2, .ecx = 3, .edx = 4};
    cpuid->entries[1] = (struct kvm_cpuid_entry2){.function = 0x80000001, .index = 5, .flags = 0x10, .ebx = 2};
    syscall(SYS_ioctl, fd, KVM_SET_CPUID2, cpuid);
    syscall(SYS_ioctl, fd, KVM_GET_CPUID2, cpuid);
    syscall(SYS_ioctl, fd, KVM_GET_SUPPORTED_CPUID, cpuid);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_SUPPORTED_CPUID, cpuid);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_EMULATED_CPUID, cpuid);
    syscall(SYS_ioctl, fd, KVM_SET_CPUID2, NULL);
    cpuid->nent = 0;
    syscall(SYS_ioctl, fd, KVM_SET_CPUID2, cpuid);
    cpuid->nent = 40;
    syscall(SYS_ioctl, fd, KVM_SET_CPUID2, cpuid);
    /* entries that run into a page that cannot be read */
    struct kvm_cpuid2 *cut = (struct kvm_cpuid2 *)(edge - sizeof(struct kvm_cpuid2) - sizeof(struct kvm_cpuid_entry2));
    cut->nent = 2;
    cut->entries[0] = (struct kvm_cpuid_entry2){.function = 7};
    syscall(SYS_ioctl, fd, KVM_SET_CPUID2, cut);
    syscall(SYS_ioctl, fd, KVM_SET_IDENTITY_MAP_ADDR, buf);
    syscall(SYS_ioctl, fd, KVM_SET_TSS_ADDR, 0xfffbd000);
    syscall(SYS_ioctl, fd, KVM_GET_TSC_KHZ, 0);
    syscall(SYS_ioctl, fd, KVM_NMI, 0);
    /* descriptors returned: -y describes a VM's and a vCPU's, not a device's */
    syscall(SYS_ioctl, ANSWERED, KVM_CREATE_VM, 0);
    syscall(SYS_ioctl, ANSWERED, KVM_CREATE_VCPU, 0);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_API_VERSION, 0);
    syscall(SYS_ioctl, ANSWERED, KVM_GET_STATS_FD, 0);
    syscall(SYS_ioctl, fd, KVM_GET_API_VERSION, 5);
    syscall(SYS_ioctl, fd, KVM_CREATE_VM, 5);
    syscall(SYS_ioctl, fd, KVM_GET_VCPU_MMAP_SIZE, 5);
    syscall(SYS_ioctl, fd, KVM_CREATE_VCPU, -1L);
    syscall(SYS_ioctl, fd, KVM_CREATE_IRQCHIP, 5);
    syscall(SYS_ioctl, fd, KVM_RUN, 5);
    syscall(SYS_ioctl, fd, KVM_NMI, 5);
    syscall(SYS_ioctl, fd, KVM_CHECK_EXTENSION, -1L);
}

static void nbd_calls(int fd)
{
    syscall(SYS_ioctl, fd, NBD_SET_SOCK, fd);
    syscall(SYS_ioctl, fd, NBD_SET_SOCK, -1L);
    syscall(SYS_ioctl, fd, NBD_SET_BLKSIZE, 4096);
    syscall(SYS_ioctl, fd, NBD_SET_SIZE, -1L);
    syscall(SYS_ioctl, fd, NBD_SET_SIZE_BLOCKS, 100);
    syscall(SYS_ioctl, fd, NBD_SET_TIMEOUT, 30);
    syscall(SYS_ioctl, fd, NBD_SET_FLAGS, NBD_FLAG_HAS_FLAGS | NBD_FLAG_READ_ONLY | NBD_FLAG_CAN_MULTI_CONN | 0x400);
    syscall(SYS_ioctl, fd, NBD_SET_FLAGS, 0x10000);
    syscall(SYS_ioctl, fd, NBD_SET_FLAGS, 0x100000000UL);
    syscall(SYS_ioctl, fd, NBD_DO_IT, 5);
    syscall(SYS_ioctl, fd, NBD_CLEAR_SOCK, 5);
    syscall(SYS_ioctl, fd, NBD_CLEAR_QUE, 5);
    syscall(SYS_ioctl, fd, NBD_PRINT_DEBUG, 5);
    syscall(SYS_ioctl, fd, NBD_DISCONNECT, 5);
    /* inotify's type: the request it names, and one it does not */
    syscall(SYS_ioctl, fd, INOTIFY_IOC_SETNEXTWD, 5);
    syscall(SYS_ioctl, fd, INOTIFY_IOC_SETNEXTWD, -1L);
    syscall(SYS_ioctl, fd, _IOW('I', 1, int), 5);
}

static void ptp_calls(int fd)
{
    fill();
    syscall(SYS_ioctl, ANSWERED, PTP_CLOCK_GETCAPS, buf);
    syscall(SYS_ioctl, ANSWERED, PTP_CLOCK_GETCAPS2, buf);
    syscall(SYS_ioctl, fd, PTP_CLOCK_GETCAPS, buf);
    struct ptp_clock_caps caps = {.max_adj = 100000, .n_ext_ts = 2, .pps = 1, .n_pins = 4};
    syscall(SYS_ioctl, ANSWERED, PTP_CLOCK_GETCAPS, &caps);
    struct ptp_extts_request extts = {.index = 1, .flags = PTP_ENABLE_FEATURE | PTP_RISING_EDGE};
    syscall(SYS_ioctl, fd, PTP_EXTTS_REQUEST, &extts);
    syscall(SYS_ioctl, ANSWERED, PTP_EXTTS_REQUEST2, &extts);
    extts.flags = 0x10 | PTP_STRICT_FLAGS;
    extts.rsv[1] = 7;
    syscall(SYS_ioctl, fd, PTP_EXTTS_REQUEST, &extts);
    syscall(SYS_ioctl, fd, PTP_EXTTS_REQUEST2, &extts);
    extts.flags = 0x10;
    syscall(SYS_ioctl, fd, PTP_EXTTS_REQUEST2, &extts);
    syscall(SYS_ioctl, fd, PTP_EXTTS_REQUEST, unmapped);
    struct ptp_pin_desc pin = {.name = "SMA1", .index = 1, .func = PTP_PF_EXTTS, .chan = 2};
    syscall(SYS_ioctl, fd, PTP_PIN_GETFUNC, &pin);
    syscall(SYS_ioctl, ANSWERED, PTP_PIN_GETFUNC, &pin);
    syscall(SYS_ioctl, fd, PTP_PIN_SETFUNC, &pin);
    pin.func = 9;
    pin.rsv[4] = 3;
    memset(pin.name, 'p', sizeof pin.name);
    syscall(SYS_ioctl, fd, PTP_PIN_SETFUNC, &pin);
    syscall(SYS_ioctl, fd, PTP_PIN_SETFUNC2, &pin);
    syscall(SYS_ioctl, fd, PTP_PIN_GETFUNC2, &pin);
    syscall(SYS_ioctl, ANSWERED, PTP_PIN_GETFUNC2, &pin);
    syscall(SYS_ioctl, ANSWERED, PTP_PIN_GETFUNC, &pin);
    syscall(SYS_ioctl, fd, PTP_ENABLE_PPS, 1);
    /* periodic outputs: a start (a date), a phase and a duty cycle (durations), reserved words in their place */
    struct ptp_perout_request perout = {.start = {.sec = 1700000000, .nsec = 5}, .period = {.sec = 1}, .index = 2};
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST, &perout);
    perout.flags = PTP_PEROUT_DUTY_CYCLE | PTP_PEROUT_ONE_SHOT;
    perout.on.sec = 3;
    perout.on.nsec = 7;
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST, &perout);
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST2, &perout);
    perout.flags = PTP_PEROUT_PHASE;
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST, &perout);
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST2, &perout);
    perout.flags = 0x40;
    perout.start = (struct ptp_clock_time){.sec = -1, .nsec = 2000000000u, .reserved = 5};
    syscall(SYS_ioctl, ANSWERED, PTP_PEROUT_REQUEST2, &perout);
    memset(&perout.on, 0, sizeof perout.on);
    perout.start = (struct ptp_clock_time){.sec = 0};
    syscall(SYS_ioctl, fd, PTP_PEROUT_REQUEST2, &perout);
    /* the clock against the system: samples asked for, and the times written back */
    static struct ptp_sys_offset offset;
    offset.n_samples = 1;
    offset.ts[0].sec = 1700000000;
    offset.ts[1] = (struct ptp_clock_time){.sec = 5, .nsec = 7, .reserved = 1};
    syscall(SYS_ioctl, fd, PTP_SYS_OFFSET, &offset);
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET, &offset);
    offset.n_samples = 30;
    offset.rsv[2] = 4;
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET2, &offset);
    static struct ptp_sys_offset_extended extended;
    extended.n_samples = 2;
    extended.ts[0][1].sec = 1700000000;
    extended.ts[1][2].nsec = 3;
    syscall(SYS_ioctl, fd, PTP_SYS_OFFSET_EXTENDED, &extended);
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET_EXTENDED, &extended);
    extended.n_samples = 40;
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET_EXTENDED2, &extended);
    struct ptp_sys_offset_precise precise = {.device = {.sec = 1700000000}, .sys_realtime = {.sec = 1700000001, .nsec = 9},
        .sys_monoraw = {.sec = 12345}};
    syscall(SYS_ioctl, fd, PTP_SYS_OFFSET_PRECISE, &precise);
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET_PRECISE, &precise);
    precise.rsv[0] = 1;
    syscall(SYS_ioctl, ANSWERED, PTP_SYS_OFFSET_PRECISE2, &precise);
}

static void tee_calls(int fd)
{
    struct tee_ioctl_version_data version = {.impl_id = TEE_IMPL_ID_OPTEE, .impl_caps = TEE_OPTEE_CAP_TZ, .gen_caps = TEE_GEN_CAP_GP | TEE_GEN_CAP_REG_MEM};
    syscall(SYS_ioctl, fd, TEE_IOC_VERSION, &version);
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_VERSION, &version);
    version = (struct tee_ioctl_version_data){.impl_id = TEE_IMPL_ID_OPTEE, .impl_caps = 0x3, .gen_caps = 0x1f};
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_VERSION, &version);
    version.impl_caps = 0x2;
    version.gen_caps = 0x20;
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_VERSION, &version);
    version = (struct tee_ioctl_version_data){.impl_id = TEE_IMPL_ID_AMDTEE, .impl_caps = 3};
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_VERSION, &version);
    version.impl_id = 0;
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_VERSION, &version);
    struct tee_ioctl_shm_alloc_data alloc = {.size = 4096, .flags = 0x3, .id = 3};
    syscall(SYS_ioctl, fd, TEE_IOC_SHM_ALLOC, &alloc);
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_SHM_ALLOC, &alloc);
    alloc.flags = 0x80;
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_SHM_ALLOC, &alloc);
    struct tee_ioctl_shm_register_data shm = {.addr = 0x1000, .length = 4096, .flags = 0x10, .id = -1};
    syscall(SYS_ioctl, fd, TEE_IOC_SHM_REGISTER, &shm);
    syscall(SYS_ioctl, ANSWERED, TEE_IOC_SHM_REGISTER, &shm);
    shm.addr = 0;
    syscall(SYS_ioctl, fd, TEE_IOC_SHM_REGISTER, &shm);
    struct tee_ioctl_cancel_arg cancel = {.cancel_id = 1, .session = 0x20};
    syscall(SYS_ioctl, fd, TEE_IOC_CANCEL, &cancel);
    struct tee_ioctl_close_session_arg close_session = {.session = 0x20};
    syscall(SYS_ioctl, fd, TEE_IOC_CLOSE_SESSION, &close_session);
    syscall(SYS_ioctl, fd, TEE_IOC_CLOSE_SESSION, unmapped);
}

int main(void)
{
    int null = open("/dev/null", O_RDONLY);
    /* a page whose next page cannot be read */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (null < 0 || pages == MAP_FAILED || mprotect(pages + 4096, 4096, PROT_NONE) != 0 || !answer_ioctl_without_running(ANSWERED))
        return 1;
    write(-1, "ioctl_devices", 13); /* where the test starts comparing */
    hdio_calls(null);
    mtd_calls(null);
    ubi_calls(null);
    random_calls(null);
    kvm_calls(null, pages + 4096);
    nbd_calls(null);
    ptp_calls(null);
    tee_calls(null);
    return 0;
}
