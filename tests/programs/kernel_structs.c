/* Prints where the kernel's UAPI headers put each field of the structures the decoders read, one line per field:
 * "TYPE FIELD OFFSET SIZE", TYPE as the decoder's value names it. The layout test compares every line with the
 * decoders' own declarations (KernelLayout). The kernel's headers only: glibc's redefine several of these. */
#include <asm/ldt.h>
#include <asm/siginfo.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <linux/aio_abi.h>
#include <linux/blkpg.h>
#include <linux/bsg.h>
#include <linux/dcbnl.h>
#include <linux/dm-ioctl.h>
#include <linux/fib_rules.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
/* linux/if.h takes struct sockaddr from glibc's sys/socket.h, whose sigset_t and timeval clash with the kernel's
 * headers here: the kernel's own struct sockaddr (include/linux/socket.h) stands in for it. */
#define _SYS_SOCKET_H 1
struct sockaddr
{
    unsigned short sa_family;
    char sa_data[14];
};
#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/dqblk_xfs.h>
#include <linux/fcntl.h>
#include <linux/fiemap.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/hdreg.h>
#include <linux/kcmp.h>
#include <linux/kexec.h>
#include <linux/keyctl.h>
#include <linux/kvm.h>
#include <linux/landlock.h>
#include <linux/loop.h>
#include <linux/mount.h>
#include <linux/mqueue.h>
#include <linux/msg.h>
#include <linux/openat2.h>
#include <linux/perf_event.h>
#include <linux/ptp_clock.h>
#include <linux/quota.h>
#include <linux/random.h>
#include <linux/resource.h>
#include <linux/rtc.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/seccomp.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <linux/stat.h>
#include <linux/sysinfo.h>
#include <linux/tee.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/times.h>
#include <linux/timex.h>
#include <linux/uio.h>
#include <linux/userfaultfd.h>
#include <linux/utime.h>
#include <linux/utsname.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <scsi/sg.h> /* glibc installs the kernel's include/scsi/sg.h, which UAPI does not export */
#include <stddef.h>
#include <stdio.h>
/* Last: linux/input.h includes glibc's sys/time.h, sys/ioctl.h and sys/types.h, which redefine the kernel's types;
 * their guards keep them out. */
#define _SYS_TIME_H 1
#define _SYS_IOCTL_H 1
#define _SYS_TYPES_H 1
#include <linux/input.h>
#include <linux/packet_diag.h>
#include <linux/smc_diag.h>
#include <linux/netlink_diag.h>
#include <linux/nexthop.h>
#include <linux/pkt_sched.h>
#include <linux/videodev2.h>

#define F(label, type, field) printf("%s %s %zu %zu\n", label, #field, offsetof(type, field), sizeof(((type *)0)->field))
#define SIZE(label, type) printf("%s - 0 %zu\n", label, sizeof(type))

typedef struct stat kstat;
typedef struct statx kstatx;
/* bpf(2)'s attr is a union of one structure per command, most of them unnamed: each decoder's part is the union
 * itself, its fields named as the command's, and BPF_OBJ_GET_INFO_BY_FD's is the union's info member. */
typedef union bpf_attr kbpf_attr;
/* ubi_rnvol_req's entries are of an unnamed structure. */
typedef __typeof__(((struct ubi_rnvol_req *)0)->ents[0]) kubi_rnvol_ent;
typedef __typeof__(((union bpf_attr *)0)->info) kbpf_info;
typedef __typeof__(((union bpf_attr *)0)->test) kbpf_test;
typedef __typeof__(((union bpf_attr *)0)->query) kbpf_query;
typedef __typeof__(((union bpf_attr *)0)->link_create) kbpf_link_create;
typedef __typeof__(((union bpf_attr *)0)->link_update) kbpf_link_update;
typedef __typeof__(((union bpf_attr *)0)->raw_tracepoint) kbpf_raw_tracepoint;
typedef __typeof__(((union bpf_attr *)0)->task_fd_query) kbpf_task_fd_query;
typedef __typeof__(((union bpf_attr *)0)->batch) kbpf_batch;

int main(void)
{
    SIZE("stat", kstat);
    F("stat", kstat, st_dev); F("stat", kstat, st_ino); F("stat", kstat, st_nlink); F("stat", kstat, st_mode);
    F("stat", kstat, st_uid); F("stat", kstat, st_gid); F("stat", kstat, st_rdev); F("stat", kstat, st_size);
    F("stat", kstat, st_blksize); F("stat", kstat, st_blocks); F("stat", kstat, st_atime);
    F("stat", kstat, st_atime_nsec); F("stat", kstat, st_mtime); F("stat", kstat, st_mtime_nsec);
    F("stat", kstat, st_ctime); F("stat", kstat, st_ctime_nsec);

    SIZE("statx", kstatx);
    F("statx", kstatx, stx_mask); F("statx", kstatx, stx_blksize); F("statx", kstatx, stx_attributes);
    F("statx", kstatx, stx_nlink); F("statx", kstatx, stx_uid); F("statx", kstatx, stx_gid);
    F("statx", kstatx, stx_mode); F("statx", kstatx, stx_ino); F("statx", kstatx, stx_size);
    F("statx", kstatx, stx_blocks); F("statx", kstatx, stx_attributes_mask); F("statx", kstatx, stx_atime);
    F("statx", kstatx, stx_btime); F("statx", kstatx, stx_ctime); F("statx", kstatx, stx_mtime);
    F("statx", kstatx, stx_rdev_major); F("statx", kstatx, stx_rdev_minor); F("statx", kstatx, stx_dev_major);
    F("statx", kstatx, stx_dev_minor); F("statx", kstatx, stx_mnt_id);

    SIZE("timespec", struct __kernel_timespec);
    F("timespec", struct __kernel_timespec, tv_sec); F("timespec", struct __kernel_timespec, tv_nsec);
    SIZE("timeval", struct __kernel_old_timeval);
    F("timeval", struct __kernel_old_timeval, tv_sec); F("timeval", struct __kernel_old_timeval, tv_usec);
    SIZE("itimerspec", struct __kernel_itimerspec);
    F("itimerspec", struct __kernel_itimerspec, it_interval); F("itimerspec", struct __kernel_itimerspec, it_value);
    SIZE("itimerval", struct itimerval);
    F("itimerval", struct itimerval, it_interval); F("itimerval", struct itimerval, it_value);
    SIZE("timezone", struct timezone);
    F("timezone", struct timezone, tz_minuteswest); F("timezone", struct timezone, tz_dsttime);

    SIZE("rlimit", struct rlimit64);
    F("rlimit", struct rlimit64, rlim_cur); F("rlimit", struct rlimit64, rlim_max);
    SIZE("kcmp_epoll_slot", struct kcmp_epoll_slot);
    F("kcmp_epoll_slot", struct kcmp_epoll_slot, efd); F("kcmp_epoll_slot", struct kcmp_epoll_slot, tfd);
    F("kcmp_epoll_slot", struct kcmp_epoll_slot, toff);
    SIZE("rusage", struct rusage);
    F("rusage", struct rusage, ru_utime); F("rusage", struct rusage, ru_stime); F("rusage", struct rusage, ru_maxrss);
    F("rusage", struct rusage, ru_ixrss); F("rusage", struct rusage, ru_idrss); F("rusage", struct rusage, ru_isrss);
    F("rusage", struct rusage, ru_minflt); F("rusage", struct rusage, ru_majflt); F("rusage", struct rusage, ru_nswap);
    F("rusage", struct rusage, ru_inblock); F("rusage", struct rusage, ru_oublock); F("rusage", struct rusage, ru_msgsnd);
    F("rusage", struct rusage, ru_msgrcv); F("rusage", struct rusage, ru_nsignals); F("rusage", struct rusage, ru_nvcsw);
    F("rusage", struct rusage, ru_nivcsw);
    SIZE("tms", struct tms);
    F("tms", struct tms, tms_utime); F("tms", struct tms, tms_stime); F("tms", struct tms, tms_cutime); F("tms", struct tms, tms_cstime);
    SIZE("sysinfo", struct sysinfo);
    F("sysinfo", struct sysinfo, uptime); F("sysinfo", struct sysinfo, loads); F("sysinfo", struct sysinfo, totalram);
    F("sysinfo", struct sysinfo, freeram); F("sysinfo", struct sysinfo, sharedram); F("sysinfo", struct sysinfo, bufferram);
    F("sysinfo", struct sysinfo, totalswap); F("sysinfo", struct sysinfo, freeswap); F("sysinfo", struct sysinfo, procs);
    F("sysinfo", struct sysinfo, totalhigh); F("sysinfo", struct sysinfo, freehigh); F("sysinfo", struct sysinfo, mem_unit);
    SIZE("clone_args", struct clone_args);
    F("clone_args", struct clone_args, flags); F("clone_args", struct clone_args, pidfd);
    F("clone_args", struct clone_args, child_tid); F("clone_args", struct clone_args, parent_tid);
    F("clone_args", struct clone_args, exit_signal); F("clone_args", struct clone_args, stack);
    F("clone_args", struct clone_args, stack_size); F("clone_args", struct clone_args, tls);
    F("clone_args", struct clone_args, set_tid); F("clone_args", struct clone_args, set_tid_size);
    F("clone_args", struct clone_args, cgroup);
    SIZE("new_utsname", struct new_utsname);
    F("new_utsname", struct new_utsname, sysname); F("new_utsname", struct new_utsname, nodename);
    F("new_utsname", struct new_utsname, release); F("new_utsname", struct new_utsname, version);
    F("new_utsname", struct new_utsname, machine); F("new_utsname", struct new_utsname, domainname);
    SIZE("sched_attr", struct sched_attr);
    F("sched_attr", struct sched_attr, size); F("sched_attr", struct sched_attr, sched_policy);
    F("sched_attr", struct sched_attr, sched_flags); F("sched_attr", struct sched_attr, sched_nice);
    F("sched_attr", struct sched_attr, sched_priority); F("sched_attr", struct sched_attr, sched_runtime);
    F("sched_attr", struct sched_attr, sched_deadline); F("sched_attr", struct sched_attr, sched_period);
    F("sched_attr", struct sched_attr, sched_util_min); F("sched_attr", struct sched_attr, sched_util_max);
    SIZE("futex_waitv", struct futex_waitv);
    F("futex_waitv", struct futex_waitv, val); F("futex_waitv", struct futex_waitv, uaddr);
    F("futex_waitv", struct futex_waitv, flags); F("futex_waitv", struct futex_waitv, __reserved);
    SIZE("kexec_segment", struct kexec_segment);
    F("kexec_segment", struct kexec_segment, buf); F("kexec_segment", struct kexec_segment, bufsz);
    F("kexec_segment", struct kexec_segment, mem); F("kexec_segment", struct kexec_segment, memsz);
    SIZE("sock_fprog", struct sock_fprog);
    F("sock_fprog", struct sock_fprog, len); F("sock_fprog", struct sock_fprog, filter);
    /* bpf_insn's registers are two 4-bit fields of the byte after code, which offsetof cannot name */
    SIZE("bpf_insn", struct bpf_insn);
    F("bpf_insn", struct bpf_insn, code); printf("bpf_insn regs %zu 1\n", offsetof(struct bpf_insn, code) + 1);
    F("bpf_insn", struct bpf_insn, off); F("bpf_insn", struct bpf_insn, imm);
    SIZE("sock_filter", struct sock_filter);
    F("sock_filter", struct sock_filter, code); F("sock_filter", struct sock_filter, jt);
    F("sock_filter", struct sock_filter, jf); F("sock_filter", struct sock_filter, k);
    SIZE("seccomp_notif_sizes", struct seccomp_notif_sizes);
    F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_notif);
    F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_notif_resp);
    F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_data);
    /* The decoder reads the first field, the one strace 6.1 shows; later kernels' fields print as "...". */
    F("landlock_ruleset_attr", struct landlock_ruleset_attr, handled_access_fs);
    SIZE("landlock_path_beneath_attr", struct landlock_path_beneath_attr);
    F("landlock_path_beneath_attr", struct landlock_path_beneath_attr, allowed_access);
    F("landlock_path_beneath_attr", struct landlock_path_beneath_attr, parent_fd);

    SIZE("sigaction", struct sigaction);
    F("sigaction", struct sigaction, sa_handler); F("sigaction", struct sigaction, sa_flags);
    F("sigaction", struct sigaction, sa_restorer); F("sigaction", struct sigaction, sa_mask);
    SIZE("stack_t", stack_t);
    F("stack_t", stack_t, ss_sp); F("stack_t", stack_t, ss_flags); F("stack_t", stack_t, ss_size);

    SIZE("statfs", struct statfs);
    F("statfs", struct statfs, f_type); F("statfs", struct statfs, f_bsize); F("statfs", struct statfs, f_blocks);
    F("statfs", struct statfs, f_bfree); F("statfs", struct statfs, f_bavail); F("statfs", struct statfs, f_files);
    F("statfs", struct statfs, f_ffree); F("statfs", struct statfs, f_fsid); F("statfs", struct statfs, f_namelen);
    F("statfs", struct statfs, f_frsize); F("statfs", struct statfs, f_flags);
    SIZE("__kernel_fsid_t", __kernel_fsid_t);
    F("__kernel_fsid_t", __kernel_fsid_t, val);
    SIZE("flock", struct flock);
    F("flock", struct flock, l_type); F("flock", struct flock, l_whence); F("flock", struct flock, l_start);
    F("flock", struct flock, l_len); F("flock", struct flock, l_pid);
    SIZE("f_owner_ex", struct f_owner_ex);
    F("f_owner_ex", struct f_owner_ex, type); F("f_owner_ex", struct f_owner_ex, pid);
    SIZE("termios", struct termios);
    F("termios", struct termios, c_iflag); F("termios", struct termios, c_oflag);
    F("termios", struct termios, c_cflag); F("termios", struct termios, c_lflag);
    F("termios", struct termios, c_line); F("termios", struct termios, c_cc);
    SIZE("termios2", struct termios2);
    F("termios2", struct termios2, c_iflag); F("termios2", struct termios2, c_oflag);
    F("termios2", struct termios2, c_cflag); F("termios2", struct termios2, c_lflag);
    F("termios2", struct termios2, c_line); F("termios2", struct termios2, c_cc);
    F("termios2", struct termios2, c_ispeed); F("termios2", struct termios2, c_ospeed);
    SIZE("termio", struct termio);
    F("termio", struct termio, c_iflag); F("termio", struct termio, c_oflag);
    F("termio", struct termio, c_cflag); F("termio", struct termio, c_lflag);
    F("termio", struct termio, c_line); F("termio", struct termio, c_cc);
    SIZE("ndmsg", struct ndmsg);
    F("ndmsg", struct ndmsg, ndm_family); F("ndmsg", struct ndmsg, ndm_pad1); F("ndmsg", struct ndmsg, ndm_pad2);
    F("ndmsg", struct ndmsg, ndm_ifindex); F("ndmsg", struct ndmsg, ndm_state); F("ndmsg", struct ndmsg, ndm_flags);
    F("ndmsg", struct ndmsg, ndm_type);
    SIZE("fib_rule_hdr", struct fib_rule_hdr);
    F("fib_rule_hdr", struct fib_rule_hdr, family); F("fib_rule_hdr", struct fib_rule_hdr, dst_len);
    F("fib_rule_hdr", struct fib_rule_hdr, src_len); F("fib_rule_hdr", struct fib_rule_hdr, tos);
    F("fib_rule_hdr", struct fib_rule_hdr, table); F("fib_rule_hdr", struct fib_rule_hdr, res1);
    F("fib_rule_hdr", struct fib_rule_hdr, res2); F("fib_rule_hdr", struct fib_rule_hdr, action);
    F("fib_rule_hdr", struct fib_rule_hdr, flags);
    SIZE("tcmsg", struct tcmsg);
    F("tcmsg", struct tcmsg, tcm_family); F("tcmsg", struct tcmsg, tcm__pad1); F("tcmsg", struct tcmsg, tcm__pad2);
    F("tcmsg", struct tcmsg, tcm_ifindex); F("tcmsg", struct tcmsg, tcm_handle); F("tcmsg", struct tcmsg, tcm_parent);
    F("tcmsg", struct tcmsg, tcm_info);
    SIZE("ifaddrlblmsg", struct ifaddrlblmsg);
    F("ifaddrlblmsg", struct ifaddrlblmsg, ifal_family); F("ifaddrlblmsg", struct ifaddrlblmsg, __ifal_reserved);
    F("ifaddrlblmsg", struct ifaddrlblmsg, ifal_prefixlen); F("ifaddrlblmsg", struct ifaddrlblmsg, ifal_flags);
    F("ifaddrlblmsg", struct ifaddrlblmsg, ifal_index); F("ifaddrlblmsg", struct ifaddrlblmsg, ifal_seq);
    SIZE("dcbmsg", struct dcbmsg);
    F("dcbmsg", struct dcbmsg, dcb_family); F("dcbmsg", struct dcbmsg, cmd); F("dcbmsg", struct dcbmsg, dcb_pad);
    SIZE("br_port_msg", struct br_port_msg);
    F("br_port_msg", struct br_port_msg, family); F("br_port_msg", struct br_port_msg, ifindex);
    SIZE("loop_info64", struct loop_info64);
    F("loop_info64", struct loop_info64, lo_device); F("loop_info64", struct loop_info64, lo_inode);
    F("loop_info64", struct loop_info64, lo_rdevice); F("loop_info64", struct loop_info64, lo_offset);
    F("loop_info64", struct loop_info64, lo_sizelimit); F("loop_info64", struct loop_info64, lo_number);
    F("loop_info64", struct loop_info64, lo_encrypt_type); F("loop_info64", struct loop_info64, lo_encrypt_key_size);
    F("loop_info64", struct loop_info64, lo_flags); F("loop_info64", struct loop_info64, lo_file_name);
    F("loop_info64", struct loop_info64, lo_crypt_name); F("loop_info64", struct loop_info64, lo_encrypt_key);
    F("loop_info64", struct loop_info64, lo_init);
    SIZE("loop_info", struct loop_info);
    F("loop_info", struct loop_info, lo_number); F("loop_info", struct loop_info, lo_device);
    F("loop_info", struct loop_info, lo_inode); F("loop_info", struct loop_info, lo_rdevice);
    F("loop_info", struct loop_info, lo_offset); F("loop_info", struct loop_info, lo_encrypt_type);
    F("loop_info", struct loop_info, lo_encrypt_key_size); F("loop_info", struct loop_info, lo_flags);
    F("loop_info", struct loop_info, lo_name); F("loop_info", struct loop_info, lo_encrypt_key);
    F("loop_info", struct loop_info, lo_init); F("loop_info", struct loop_info, reserved);
    SIZE("loop_config", struct loop_config);
    F("loop_config", struct loop_config, fd); F("loop_config", struct loop_config, block_size);
    F("loop_config", struct loop_config, info); F("loop_config", struct loop_config, __reserved);
    SIZE("rtc_time", struct rtc_time);
    F("rtc_time", struct rtc_time, tm_sec); F("rtc_time", struct rtc_time, tm_min); F("rtc_time", struct rtc_time, tm_hour);
    F("rtc_time", struct rtc_time, tm_mday); F("rtc_time", struct rtc_time, tm_mon); F("rtc_time", struct rtc_time, tm_year);
    F("rtc_time", struct rtc_time, tm_wday); F("rtc_time", struct rtc_time, tm_yday); F("rtc_time", struct rtc_time, tm_isdst);
    SIZE("rtc_wkalrm", struct rtc_wkalrm);
    F("rtc_wkalrm", struct rtc_wkalrm, enabled); F("rtc_wkalrm", struct rtc_wkalrm, pending); F("rtc_wkalrm", struct rtc_wkalrm, time);
    SIZE("rtc_pll_info", struct rtc_pll_info);
    F("rtc_pll_info", struct rtc_pll_info, pll_ctrl); F("rtc_pll_info", struct rtc_pll_info, pll_value);
    F("rtc_pll_info", struct rtc_pll_info, pll_max); F("rtc_pll_info", struct rtc_pll_info, pll_min);
    F("rtc_pll_info", struct rtc_pll_info, pll_posmult); F("rtc_pll_info", struct rtc_pll_info, pll_negmult);
    F("rtc_pll_info", struct rtc_pll_info, pll_clock);
    SIZE("input_id", struct input_id);
    F("input_id", struct input_id, bustype); F("input_id", struct input_id, vendor);
    F("input_id", struct input_id, product); F("input_id", struct input_id, version);
    SIZE("input_absinfo", struct input_absinfo);
    F("input_absinfo", struct input_absinfo, value); F("input_absinfo", struct input_absinfo, minimum);
    F("input_absinfo", struct input_absinfo, maximum); F("input_absinfo", struct input_absinfo, fuzz);
    F("input_absinfo", struct input_absinfo, flat); F("input_absinfo", struct input_absinfo, resolution);
    SIZE("input_keymap_entry", struct input_keymap_entry);
    F("input_keymap_entry", struct input_keymap_entry, flags); F("input_keymap_entry", struct input_keymap_entry, len);
    F("input_keymap_entry", struct input_keymap_entry, index); F("input_keymap_entry", struct input_keymap_entry, keycode);
    F("input_keymap_entry", struct input_keymap_entry, scancode);
    SIZE("blkpg_ioctl_arg", struct blkpg_ioctl_arg);
    F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, op); F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, flags);
    F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, datalen); F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, data);
    SIZE("blkpg_partition", struct blkpg_partition);
    F("blkpg_partition", struct blkpg_partition, start); F("blkpg_partition", struct blkpg_partition, length);
    F("blkpg_partition", struct blkpg_partition, pno); F("blkpg_partition", struct blkpg_partition, devname);
    F("blkpg_partition", struct blkpg_partition, volname);
    SIZE("fstrim_range", struct fstrim_range);
    F("fstrim_range", struct fstrim_range, start); F("fstrim_range", struct fstrim_range, len);
    F("fstrim_range", struct fstrim_range, minlen);
    SIZE("fsxattr", struct fsxattr);
    F("fsxattr", struct fsxattr, fsx_xflags); F("fsxattr", struct fsxattr, fsx_extsize); F("fsxattr", struct fsxattr, fsx_nextents);
    F("fsxattr", struct fsxattr, fsx_projid); F("fsxattr", struct fsxattr, fsx_cowextsize); F("fsxattr", struct fsxattr, fsx_pad);
    /* without fm_extents, the flexible array that follows it */
    SIZE("fiemap", struct fiemap);
    F("fiemap", struct fiemap, fm_start); F("fiemap", struct fiemap, fm_length); F("fiemap", struct fiemap, fm_flags);
    F("fiemap", struct fiemap, fm_mapped_extents); F("fiemap", struct fiemap, fm_extent_count); F("fiemap", struct fiemap, fm_reserved);
    SIZE("fiemap_extent", struct fiemap_extent);
    F("fiemap_extent", struct fiemap_extent, fe_logical); F("fiemap_extent", struct fiemap_extent, fe_physical);
    F("fiemap_extent", struct fiemap_extent, fe_length); F("fiemap_extent", struct fiemap_extent, fe_reserved64);
    F("fiemap_extent", struct fiemap_extent, fe_flags); F("fiemap_extent", struct fiemap_extent, fe_reserved);
    SIZE("sg_io_hdr", struct sg_io_hdr);
    F("sg_io_hdr", struct sg_io_hdr, interface_id); F("sg_io_hdr", struct sg_io_hdr, dxfer_direction);
    F("sg_io_hdr", struct sg_io_hdr, cmd_len); F("sg_io_hdr", struct sg_io_hdr, mx_sb_len); F("sg_io_hdr", struct sg_io_hdr, iovec_count);
    F("sg_io_hdr", struct sg_io_hdr, dxfer_len); F("sg_io_hdr", struct sg_io_hdr, dxferp); F("sg_io_hdr", struct sg_io_hdr, cmdp);
    F("sg_io_hdr", struct sg_io_hdr, sbp); F("sg_io_hdr", struct sg_io_hdr, timeout); F("sg_io_hdr", struct sg_io_hdr, flags);
    F("sg_io_hdr", struct sg_io_hdr, pack_id); F("sg_io_hdr", struct sg_io_hdr, usr_ptr); F("sg_io_hdr", struct sg_io_hdr, status);
    F("sg_io_hdr", struct sg_io_hdr, masked_status); F("sg_io_hdr", struct sg_io_hdr, msg_status);
    F("sg_io_hdr", struct sg_io_hdr, sb_len_wr); F("sg_io_hdr", struct sg_io_hdr, host_status);
    F("sg_io_hdr", struct sg_io_hdr, driver_status); F("sg_io_hdr", struct sg_io_hdr, resid); F("sg_io_hdr", struct sg_io_hdr, duration);
    F("sg_io_hdr", struct sg_io_hdr, info);
    SIZE("sg_io_v4", struct sg_io_v4);
    F("sg_io_v4", struct sg_io_v4, guard); F("sg_io_v4", struct sg_io_v4, protocol); F("sg_io_v4", struct sg_io_v4, subprotocol);
    F("sg_io_v4", struct sg_io_v4, request_len); F("sg_io_v4", struct sg_io_v4, request); F("sg_io_v4", struct sg_io_v4, request_tag);
    F("sg_io_v4", struct sg_io_v4, request_attr); F("sg_io_v4", struct sg_io_v4, request_priority);
    F("sg_io_v4", struct sg_io_v4, request_extra); F("sg_io_v4", struct sg_io_v4, max_response_len);
    F("sg_io_v4", struct sg_io_v4, response); F("sg_io_v4", struct sg_io_v4, dout_iovec_count);
    F("sg_io_v4", struct sg_io_v4, dout_xfer_len); F("sg_io_v4", struct sg_io_v4, din_iovec_count);
    F("sg_io_v4", struct sg_io_v4, din_xfer_len); F("sg_io_v4", struct sg_io_v4, dout_xferp); F("sg_io_v4", struct sg_io_v4, din_xferp);
    F("sg_io_v4", struct sg_io_v4, timeout); F("sg_io_v4", struct sg_io_v4, flags); F("sg_io_v4", struct sg_io_v4, usr_ptr);
    F("sg_io_v4", struct sg_io_v4, spare_in); F("sg_io_v4", struct sg_io_v4, driver_status);
    F("sg_io_v4", struct sg_io_v4, transport_status); F("sg_io_v4", struct sg_io_v4, device_status);
    F("sg_io_v4", struct sg_io_v4, retry_delay); F("sg_io_v4", struct sg_io_v4, info); F("sg_io_v4", struct sg_io_v4, duration);
    F("sg_io_v4", struct sg_io_v4, response_len); F("sg_io_v4", struct sg_io_v4, din_resid); F("sg_io_v4", struct sg_io_v4, dout_resid);
    F("sg_io_v4", struct sg_io_v4, generated_tag); F("sg_io_v4", struct sg_io_v4, spare_out); F("sg_io_v4", struct sg_io_v4, padding);
    SIZE("uffdio_api", struct uffdio_api);
    F("uffdio_api", struct uffdio_api, api); F("uffdio_api", struct uffdio_api, features); F("uffdio_api", struct uffdio_api, ioctls);
    SIZE("uffdio_range", struct uffdio_range);
    F("uffdio_range", struct uffdio_range, start); F("uffdio_range", struct uffdio_range, len);
    SIZE("uffdio_register", struct uffdio_register);
    F("uffdio_register", struct uffdio_register, range); F("uffdio_register", struct uffdio_register, mode);
    F("uffdio_register", struct uffdio_register, ioctls);
    SIZE("uffdio_copy", struct uffdio_copy);
    F("uffdio_copy", struct uffdio_copy, dst); F("uffdio_copy", struct uffdio_copy, src); F("uffdio_copy", struct uffdio_copy, len);
    F("uffdio_copy", struct uffdio_copy, mode); F("uffdio_copy", struct uffdio_copy, copy);
    SIZE("uffdio_zeropage", struct uffdio_zeropage);
    F("uffdio_zeropage", struct uffdio_zeropage, range); F("uffdio_zeropage", struct uffdio_zeropage, mode);
    F("uffdio_zeropage", struct uffdio_zeropage, zeropage);
    SIZE("winsize", struct winsize);
    F("winsize", struct winsize, ws_row); F("winsize", struct winsize, ws_col);
    F("winsize", struct winsize, ws_xpixel); F("winsize", struct winsize, ws_ypixel);
    SIZE("open_how", struct open_how);
    F("open_how", struct open_how, flags); F("open_how", struct open_how, mode); F("open_how", struct open_how, resolve);
    SIZE("utimbuf", struct utimbuf);
    F("utimbuf", struct utimbuf, actime); F("utimbuf", struct utimbuf, modtime);
    SIZE("sigevent", struct sigevent);
    F("sigevent", struct sigevent, sigev_value); F("sigevent", struct sigevent, sigev_signo);
    F("sigevent", struct sigevent, sigev_notify); F("sigevent", struct sigevent, _sigev_un);
    SIZE("__kernel_timex", struct __kernel_timex);
    F("__kernel_timex", struct __kernel_timex, modes); F("__kernel_timex", struct __kernel_timex, offset);
    F("__kernel_timex", struct __kernel_timex, freq); F("__kernel_timex", struct __kernel_timex, maxerror);
    F("__kernel_timex", struct __kernel_timex, esterror); F("__kernel_timex", struct __kernel_timex, status);
    F("__kernel_timex", struct __kernel_timex, constant); F("__kernel_timex", struct __kernel_timex, precision);
    F("__kernel_timex", struct __kernel_timex, tolerance); F("__kernel_timex", struct __kernel_timex, time);
    F("__kernel_timex", struct __kernel_timex, tick); F("__kernel_timex", struct __kernel_timex, ppsfreq);
    F("__kernel_timex", struct __kernel_timex, jitter); F("__kernel_timex", struct __kernel_timex, shift);
    F("__kernel_timex", struct __kernel_timex, stabil); F("__kernel_timex", struct __kernel_timex, jitcnt);
    F("__kernel_timex", struct __kernel_timex, calcnt); F("__kernel_timex", struct __kernel_timex, errcnt);
    F("__kernel_timex", struct __kernel_timex, stbcnt); F("__kernel_timex", struct __kernel_timex, tai);
    SIZE("mount_attr", struct mount_attr);
    F("mount_attr", struct mount_attr, attr_set); F("mount_attr", struct mount_attr, attr_clr);
    F("mount_attr", struct mount_attr, propagation); F("mount_attr", struct mount_attr, userns_fd);
    /* struct perf_event_attr but its bit-fields, which offsetof cannot name; each union by the member the decoder names. */
    F("perf_event_attr", struct perf_event_attr, type); F("perf_event_attr", struct perf_event_attr, size);
    F("perf_event_attr", struct perf_event_attr, config); F("perf_event_attr", struct perf_event_attr, sample_period);
    F("perf_event_attr", struct perf_event_attr, sample_type); F("perf_event_attr", struct perf_event_attr, read_format);
    F("perf_event_attr", struct perf_event_attr, wakeup_events); F("perf_event_attr", struct perf_event_attr, bp_type);
    F("perf_event_attr", struct perf_event_attr, bp_addr); F("perf_event_attr", struct perf_event_attr, bp_len);
    F("perf_event_attr", struct perf_event_attr, branch_sample_type); F("perf_event_attr", struct perf_event_attr, sample_regs_user);
    F("perf_event_attr", struct perf_event_attr, sample_stack_user); F("perf_event_attr", struct perf_event_attr, clockid);
    F("perf_event_attr", struct perf_event_attr, sample_regs_intr); F("perf_event_attr", struct perf_event_attr, aux_watermark);
    F("perf_event_attr", struct perf_event_attr, sample_max_stack); F("perf_event_attr", struct perf_event_attr, aux_sample_size);
    F("perf_event_attr", struct perf_event_attr, sig_data);
    SIZE("ipc64_perm", struct ipc64_perm);
    F("ipc64_perm", struct ipc64_perm, key); F("ipc64_perm", struct ipc64_perm, uid);
    F("ipc64_perm", struct ipc64_perm, gid); F("ipc64_perm", struct ipc64_perm, cuid);
    F("ipc64_perm", struct ipc64_perm, cgid); F("ipc64_perm", struct ipc64_perm, mode);
    F("ipc64_perm", struct ipc64_perm, seq);
    SIZE("shmid64_ds", struct shmid64_ds);
    F("shmid64_ds", struct shmid64_ds, shm_perm); F("shmid64_ds", struct shmid64_ds, shm_segsz);
    F("shmid64_ds", struct shmid64_ds, shm_atime); F("shmid64_ds", struct shmid64_ds, shm_dtime);
    F("shmid64_ds", struct shmid64_ds, shm_ctime); F("shmid64_ds", struct shmid64_ds, shm_cpid);
    F("shmid64_ds", struct shmid64_ds, shm_lpid); F("shmid64_ds", struct shmid64_ds, shm_nattch);
    SIZE("msqid64_ds", struct msqid64_ds);
    F("msqid64_ds", struct msqid64_ds, msg_perm); F("msqid64_ds", struct msqid64_ds, msg_stime);
    F("msqid64_ds", struct msqid64_ds, msg_rtime); F("msqid64_ds", struct msqid64_ds, msg_ctime);
    F("msqid64_ds", struct msqid64_ds, msg_cbytes); F("msqid64_ds", struct msqid64_ds, msg_qnum);
    F("msqid64_ds", struct msqid64_ds, msg_qbytes); F("msqid64_ds", struct msqid64_ds, msg_lspid);
    F("msqid64_ds", struct msqid64_ds, msg_lrpid);
    SIZE("semid64_ds", struct semid64_ds);
    F("semid64_ds", struct semid64_ds, sem_perm); F("semid64_ds", struct semid64_ds, sem_otime);
    F("semid64_ds", struct semid64_ds, sem_ctime); F("semid64_ds", struct semid64_ds, sem_nsems);
    SIZE("seminfo", struct seminfo);
    F("seminfo", struct seminfo, semmap); F("seminfo", struct seminfo, semmni); F("seminfo", struct seminfo, semmns);
    F("seminfo", struct seminfo, semmnu); F("seminfo", struct seminfo, semmsl); F("seminfo", struct seminfo, semopm);
    F("seminfo", struct seminfo, semume); F("seminfo", struct seminfo, semusz); F("seminfo", struct seminfo, semvmx);
    F("seminfo", struct seminfo, semaem);
    SIZE("shminfo64", struct shminfo64);
    F("shminfo64", struct shminfo64, shmmax); F("shminfo64", struct shminfo64, shmmin);
    F("shminfo64", struct shminfo64, shmmni); F("shminfo64", struct shminfo64, shmseg);
    F("shminfo64", struct shminfo64, shmall);
    SIZE("shm_info", struct shm_info);
    F("shm_info", struct shm_info, used_ids); F("shm_info", struct shm_info, shm_tot);
    F("shm_info", struct shm_info, shm_rss); F("shm_info", struct shm_info, shm_swp);
    F("shm_info", struct shm_info, swap_attempts); F("shm_info", struct shm_info, swap_successes);
    SIZE("msginfo", struct msginfo);
    F("msginfo", struct msginfo, msgpool); F("msginfo", struct msginfo, msgmap); F("msginfo", struct msginfo, msgmax);
    F("msginfo", struct msginfo, msgmnb); F("msginfo", struct msginfo, msgmni); F("msginfo", struct msginfo, msgssz);
    F("msginfo", struct msginfo, msgtql); F("msginfo", struct msginfo, msgseg);
    SIZE("sembuf", struct sembuf);
    F("sembuf", struct sembuf, sem_num); F("sembuf", struct sembuf, sem_op); F("sembuf", struct sembuf, sem_flg);
    SIZE("mq_attr", struct mq_attr);
    F("mq_attr", struct mq_attr, mq_flags); F("mq_attr", struct mq_attr, mq_maxmsg);
    F("mq_attr", struct mq_attr, mq_msgsize); F("mq_attr", struct mq_attr, mq_curmsgs);
    SIZE("iocb", struct iocb);
    F("iocb", struct iocb, aio_data); F("iocb", struct iocb, aio_key); F("iocb", struct iocb, aio_rw_flags);
    F("iocb", struct iocb, aio_lio_opcode); F("iocb", struct iocb, aio_reqprio); F("iocb", struct iocb, aio_fildes);
    F("iocb", struct iocb, aio_buf); F("iocb", struct iocb, aio_nbytes); F("iocb", struct iocb, aio_offset);
    F("iocb", struct iocb, aio_reserved2); F("iocb", struct iocb, aio_flags); F("iocb", struct iocb, aio_resfd);
    SIZE("io_event", struct io_event);
    F("io_event", struct io_event, data); F("io_event", struct io_event, obj); F("io_event", struct io_event, res);
    F("io_event", struct io_event, res2);
    SIZE("io_sqring_offsets", struct io_sqring_offsets);
    F("io_sqring_offsets", struct io_sqring_offsets, head); F("io_sqring_offsets", struct io_sqring_offsets, tail);
    F("io_sqring_offsets", struct io_sqring_offsets, ring_mask);
    F("io_sqring_offsets", struct io_sqring_offsets, ring_entries);
    F("io_sqring_offsets", struct io_sqring_offsets, flags);
    F("io_sqring_offsets", struct io_sqring_offsets, dropped);
    F("io_sqring_offsets", struct io_sqring_offsets, array); F("io_sqring_offsets", struct io_sqring_offsets, resv1);
    F("io_sqring_offsets", struct io_sqring_offsets, resv2);
    SIZE("io_cqring_offsets", struct io_cqring_offsets);
    F("io_cqring_offsets", struct io_cqring_offsets, head); F("io_cqring_offsets", struct io_cqring_offsets, tail);
    F("io_cqring_offsets", struct io_cqring_offsets, ring_mask);
    F("io_cqring_offsets", struct io_cqring_offsets, ring_entries);
    F("io_cqring_offsets", struct io_cqring_offsets, overflow);
    F("io_cqring_offsets", struct io_cqring_offsets, cqes); F("io_cqring_offsets", struct io_cqring_offsets, flags);
    F("io_cqring_offsets", struct io_cqring_offsets, resv1); F("io_cqring_offsets", struct io_cqring_offsets, resv2);
    SIZE("iovec", struct iovec);
    F("iovec", struct iovec, iov_base); F("iovec", struct iovec, iov_len);
    SIZE("io_uring_params", struct io_uring_params);
    F("io_uring_params", struct io_uring_params, sq_entries);
    F("io_uring_params", struct io_uring_params, cq_entries); F("io_uring_params", struct io_uring_params, flags);
    F("io_uring_params", struct io_uring_params, sq_thread_cpu);
    F("io_uring_params", struct io_uring_params, sq_thread_idle);
    F("io_uring_params", struct io_uring_params, features); F("io_uring_params", struct io_uring_params, wq_fd);
    F("io_uring_params", struct io_uring_params, resv); F("io_uring_params", struct io_uring_params, sq_off);
    F("io_uring_params", struct io_uring_params, cq_off);
    SIZE("io_uring_files_update", struct io_uring_files_update);
    F("io_uring_files_update", struct io_uring_files_update, offset);
    F("io_uring_files_update", struct io_uring_files_update, resv);
    F("io_uring_files_update", struct io_uring_files_update, fds);
    SIZE("io_uring_probe", struct io_uring_probe);
    F("io_uring_probe", struct io_uring_probe, last_op);
    F("io_uring_probe", struct io_uring_probe, ops_len);
    F("io_uring_probe", struct io_uring_probe, resv);
    F("io_uring_probe", struct io_uring_probe, resv2);
    SIZE("io_uring_probe_op", struct io_uring_probe_op);
    F("io_uring_probe_op", struct io_uring_probe_op, op);
    F("io_uring_probe_op", struct io_uring_probe_op, resv);
    F("io_uring_probe_op", struct io_uring_probe_op, flags);
    F("io_uring_probe_op", struct io_uring_probe_op, resv2);
    SIZE("io_uring_restriction", struct io_uring_restriction);
    F("io_uring_restriction", struct io_uring_restriction, opcode);
    F("io_uring_restriction", struct io_uring_restriction, register_op);
    F("io_uring_restriction", struct io_uring_restriction, resv);
    F("io_uring_restriction", struct io_uring_restriction, resv2);
    SIZE("io_uring_rsrc_register", struct io_uring_rsrc_register);
    F("io_uring_rsrc_register", struct io_uring_rsrc_register, nr);
    F("io_uring_rsrc_register", struct io_uring_rsrc_register, flags);
    F("io_uring_rsrc_register", struct io_uring_rsrc_register, resv2);
    F("io_uring_rsrc_register", struct io_uring_rsrc_register, data);
    F("io_uring_rsrc_register", struct io_uring_rsrc_register, tags);
    SIZE("io_uring_rsrc_update", struct io_uring_rsrc_update);
    F("io_uring_rsrc_update", struct io_uring_rsrc_update, offset);
    F("io_uring_rsrc_update", struct io_uring_rsrc_update, resv);
    F("io_uring_rsrc_update", struct io_uring_rsrc_update, data);
    SIZE("io_uring_rsrc_update2", struct io_uring_rsrc_update2);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, offset);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, resv);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, data);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, tags);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, nr);
    F("io_uring_rsrc_update2", struct io_uring_rsrc_update2, resv2);
    SIZE("io_uring_buf_reg", struct io_uring_buf_reg);
    F("io_uring_buf_reg", struct io_uring_buf_reg, ring_addr);
    F("io_uring_buf_reg", struct io_uring_buf_reg, ring_entries);
    F("io_uring_buf_reg", struct io_uring_buf_reg, bgid);
    F("io_uring_buf_reg", struct io_uring_buf_reg, pad);
    F("io_uring_buf_reg", struct io_uring_buf_reg, resv);
    F("bpf_attr_map_create", kbpf_attr, map_type); F("bpf_attr_map_create", kbpf_attr, key_size);
    F("bpf_attr_map_create", kbpf_attr, value_size); F("bpf_attr_map_create", kbpf_attr, max_entries);
    F("bpf_attr_map_create", kbpf_attr, map_flags); F("bpf_attr_map_create", kbpf_attr, inner_map_fd);
    F("bpf_attr_map_create", kbpf_attr, numa_node); F("bpf_attr_map_create", kbpf_attr, map_name);
    F("bpf_attr_map_create", kbpf_attr, map_ifindex); F("bpf_attr_map_create", kbpf_attr, btf_fd);
    F("bpf_attr_map_create", kbpf_attr, btf_key_type_id); F("bpf_attr_map_create", kbpf_attr, btf_value_type_id);
    F("bpf_attr_map_create", kbpf_attr, btf_vmlinux_value_type_id); F("bpf_attr_map_create", kbpf_attr, map_extra);
    F("bpf_attr_map_elem", kbpf_attr, map_fd); F("bpf_attr_map_elem", kbpf_attr, key);
    F("bpf_attr_map_elem", kbpf_attr, value); F("bpf_attr_map_elem", kbpf_attr, flags);
    F("bpf_attr_prog_load", kbpf_attr, prog_type); F("bpf_attr_prog_load", kbpf_attr, insn_cnt);
    F("bpf_attr_prog_load", kbpf_attr, insns); F("bpf_attr_prog_load", kbpf_attr, license);
    F("bpf_attr_prog_load", kbpf_attr, log_level); F("bpf_attr_prog_load", kbpf_attr, log_size);
    F("bpf_attr_prog_load", kbpf_attr, log_buf); F("bpf_attr_prog_load", kbpf_attr, kern_version);
    F("bpf_attr_prog_load", kbpf_attr, prog_flags); F("bpf_attr_prog_load", kbpf_attr, prog_name);
    F("bpf_attr_prog_load", kbpf_attr, prog_ifindex); F("bpf_attr_prog_load", kbpf_attr, expected_attach_type);
    F("bpf_attr_prog_load", kbpf_attr, prog_btf_fd); F("bpf_attr_prog_load", kbpf_attr, func_info_rec_size);
    F("bpf_attr_prog_load", kbpf_attr, func_info); F("bpf_attr_prog_load", kbpf_attr, func_info_cnt);
    F("bpf_attr_prog_load", kbpf_attr, line_info_rec_size); F("bpf_attr_prog_load", kbpf_attr, line_info);
    F("bpf_attr_prog_load", kbpf_attr, line_info_cnt); F("bpf_attr_prog_load", kbpf_attr, attach_btf_id);
    F("bpf_attr_prog_load", kbpf_attr, attach_prog_fd); F("bpf_attr_prog_load", kbpf_attr, fd_array);
    F("bpf_attr_obj", kbpf_attr, pathname); F("bpf_attr_obj", kbpf_attr, bpf_fd); F("bpf_attr_obj", kbpf_attr, file_flags);
    F("bpf_attr_id", kbpf_attr, start_id); F("bpf_attr_id", kbpf_attr, next_id); F("bpf_attr_id", kbpf_attr, open_flags);
    F("bpf_attr_attach", kbpf_attr, target_fd); F("bpf_attr_attach", kbpf_attr, attach_bpf_fd);
    F("bpf_attr_attach", kbpf_attr, attach_type); F("bpf_attr_attach", kbpf_attr, attach_flags);
    F("bpf_attr_attach", kbpf_attr, replace_bpf_fd);
    SIZE("bpf_attr_info", kbpf_info);
    F("bpf_attr_info", kbpf_info, bpf_fd); F("bpf_attr_info", kbpf_info, info_len); F("bpf_attr_info", kbpf_info, info);
    F("bpf_attr_test", kbpf_test, prog_fd); F("bpf_attr_test", kbpf_test, retval);
    F("bpf_attr_test", kbpf_test, data_size_in); F("bpf_attr_test", kbpf_test, data_size_out);
    F("bpf_attr_test", kbpf_test, data_in); F("bpf_attr_test", kbpf_test, data_out);
    F("bpf_attr_test", kbpf_test, repeat); F("bpf_attr_test", kbpf_test, duration);
    F("bpf_attr_test", kbpf_test, ctx_size_in); F("bpf_attr_test", kbpf_test, ctx_size_out);
    F("bpf_attr_test", kbpf_test, ctx_in); F("bpf_attr_test", kbpf_test, ctx_out);
    F("bpf_attr_test", kbpf_test, flags); F("bpf_attr_test", kbpf_test, cpu);
    F("bpf_attr_test", kbpf_test, batch_size);
    F("bpf_attr_query", kbpf_query, target_fd); F("bpf_attr_query", kbpf_query, attach_type);
    F("bpf_attr_query", kbpf_query, query_flags); F("bpf_attr_query", kbpf_query, attach_flags);
    F("bpf_attr_query", kbpf_query, prog_ids); F("bpf_attr_query", kbpf_query, prog_cnt);
    F("bpf_attr_btf_load", kbpf_attr, btf); F("bpf_attr_btf_load", kbpf_attr, btf_log_buf);
    F("bpf_attr_btf_load", kbpf_attr, btf_size); F("bpf_attr_btf_load", kbpf_attr, btf_log_size);
    F("bpf_attr_btf_load", kbpf_attr, btf_log_level);
    F("bpf_attr_link_create", kbpf_link_create, prog_fd); F("bpf_attr_link_create", kbpf_link_create, target_fd);
    F("bpf_attr_link_create", kbpf_link_create, attach_type); F("bpf_attr_link_create", kbpf_link_create, flags);
    printf("bpf_attr_link_create bpf_cookie %zu %zu\n", offsetof(kbpf_link_create, perf_event.bpf_cookie),
           sizeof(((kbpf_link_create *)0)->perf_event.bpf_cookie));
    F("bpf_attr_link_create", kbpf_link_create, iter_info_len);
    F("bpf_attr_link_update", kbpf_link_update, link_fd); F("bpf_attr_link_update", kbpf_link_update, new_prog_fd);
    F("bpf_attr_link_update", kbpf_link_update, flags); F("bpf_attr_link_update", kbpf_link_update, old_prog_fd);
    F("bpf_attr_raw_tracepoint", kbpf_raw_tracepoint, name); F("bpf_attr_raw_tracepoint", kbpf_raw_tracepoint, prog_fd);
    F("bpf_attr_task_fd_query", kbpf_task_fd_query, pid); F("bpf_attr_task_fd_query", kbpf_task_fd_query, fd);
    F("bpf_attr_task_fd_query", kbpf_task_fd_query, flags); F("bpf_attr_task_fd_query", kbpf_task_fd_query, buf_len);
    F("bpf_attr_task_fd_query", kbpf_task_fd_query, buf); F("bpf_attr_task_fd_query", kbpf_task_fd_query, prog_id);
    F("bpf_attr_task_fd_query", kbpf_task_fd_query, fd_type); F("bpf_attr_task_fd_query", kbpf_task_fd_query, probe_offset);
    F("bpf_attr_task_fd_query", kbpf_task_fd_query, probe_addr);
    F("bpf_attr_batch", kbpf_batch, in_batch); F("bpf_attr_batch", kbpf_batch, out_batch);
    F("bpf_attr_batch", kbpf_batch, keys); F("bpf_attr_batch", kbpf_batch, values);
    F("bpf_attr_batch", kbpf_batch, count); F("bpf_attr_batch", kbpf_batch, map_fd);
    F("bpf_attr_batch", kbpf_batch, elem_flags); F("bpf_attr_batch", kbpf_batch, flags);
    F("bpf_map_info", struct bpf_map_info, type); F("bpf_map_info", struct bpf_map_info, id);
    F("bpf_map_info", struct bpf_map_info, key_size); F("bpf_map_info", struct bpf_map_info, value_size);
    F("bpf_map_info", struct bpf_map_info, max_entries); F("bpf_map_info", struct bpf_map_info, map_flags);
    F("bpf_map_info", struct bpf_map_info, name); F("bpf_map_info", struct bpf_map_info, ifindex);
    F("bpf_map_info", struct bpf_map_info, btf_vmlinux_value_type_id); F("bpf_map_info", struct bpf_map_info, netns_dev);
    F("bpf_map_info", struct bpf_map_info, netns_ino); F("bpf_map_info", struct bpf_map_info, btf_id);
    F("bpf_map_info", struct bpf_map_info, btf_key_type_id); F("bpf_map_info", struct bpf_map_info, btf_value_type_id);
    SIZE("if_dqblk", struct if_dqblk);
    F("if_dqblk", struct if_dqblk, dqb_bhardlimit); F("if_dqblk", struct if_dqblk, dqb_bsoftlimit);
    F("if_dqblk", struct if_dqblk, dqb_curspace); F("if_dqblk", struct if_dqblk, dqb_ihardlimit);
    F("if_dqblk", struct if_dqblk, dqb_isoftlimit); F("if_dqblk", struct if_dqblk, dqb_curinodes);
    F("if_dqblk", struct if_dqblk, dqb_btime); F("if_dqblk", struct if_dqblk, dqb_itime); F("if_dqblk", struct if_dqblk, dqb_valid);
    SIZE("if_nextdqblk", struct if_nextdqblk);
    F("if_nextdqblk", struct if_nextdqblk, dqb_bhardlimit); F("if_nextdqblk", struct if_nextdqblk, dqb_bsoftlimit);
    F("if_nextdqblk", struct if_nextdqblk, dqb_curspace); F("if_nextdqblk", struct if_nextdqblk, dqb_ihardlimit);
    F("if_nextdqblk", struct if_nextdqblk, dqb_isoftlimit); F("if_nextdqblk", struct if_nextdqblk, dqb_curinodes);
    F("if_nextdqblk", struct if_nextdqblk, dqb_btime); F("if_nextdqblk", struct if_nextdqblk, dqb_itime);
    F("if_nextdqblk", struct if_nextdqblk, dqb_valid); F("if_nextdqblk", struct if_nextdqblk, dqb_id);
    SIZE("if_dqinfo", struct if_dqinfo);
    F("if_dqinfo", struct if_dqinfo, dqi_bgrace); F("if_dqinfo", struct if_dqinfo, dqi_igrace);
    F("if_dqinfo", struct if_dqinfo, dqi_flags); F("if_dqinfo", struct if_dqinfo, dqi_valid);
    SIZE("fs_disk_quota", struct fs_disk_quota);
    F("fs_disk_quota", struct fs_disk_quota, d_version); F("fs_disk_quota", struct fs_disk_quota, d_flags);
    F("fs_disk_quota", struct fs_disk_quota, d_fieldmask); F("fs_disk_quota", struct fs_disk_quota, d_id);
    F("fs_disk_quota", struct fs_disk_quota, d_blk_hardlimit); F("fs_disk_quota", struct fs_disk_quota, d_blk_softlimit);
    F("fs_disk_quota", struct fs_disk_quota, d_ino_hardlimit); F("fs_disk_quota", struct fs_disk_quota, d_ino_softlimit);
    F("fs_disk_quota", struct fs_disk_quota, d_bcount); F("fs_disk_quota", struct fs_disk_quota, d_icount);
    F("fs_disk_quota", struct fs_disk_quota, d_itimer); F("fs_disk_quota", struct fs_disk_quota, d_btimer);
    F("fs_disk_quota", struct fs_disk_quota, d_iwarns); F("fs_disk_quota", struct fs_disk_quota, d_bwarns);
    F("fs_disk_quota", struct fs_disk_quota, d_rtb_hardlimit); F("fs_disk_quota", struct fs_disk_quota, d_rtb_softlimit);
    F("fs_disk_quota", struct fs_disk_quota, d_rtbcount); F("fs_disk_quota", struct fs_disk_quota, d_rtbtimer);
    F("fs_disk_quota", struct fs_disk_quota, d_rtbwarns);
    SIZE("fs_qfilestat", struct fs_qfilestat);
    F("fs_qfilestat", struct fs_qfilestat, qfs_ino); F("fs_qfilestat", struct fs_qfilestat, qfs_nblks);
    F("fs_qfilestat", struct fs_qfilestat, qfs_nextents);
    SIZE("fs_quota_stat", struct fs_quota_stat);
    F("fs_quota_stat", struct fs_quota_stat, qs_version); F("fs_quota_stat", struct fs_quota_stat, qs_flags);
    F("fs_quota_stat", struct fs_quota_stat, qs_uquota); F("fs_quota_stat", struct fs_quota_stat, qs_gquota);
    F("fs_quota_stat", struct fs_quota_stat, qs_incoredqs); F("fs_quota_stat", struct fs_quota_stat, qs_btimelimit);
    F("fs_quota_stat", struct fs_quota_stat, qs_itimelimit); F("fs_quota_stat", struct fs_quota_stat, qs_rtbtimelimit);
    F("fs_quota_stat", struct fs_quota_stat, qs_bwarnlimit); F("fs_quota_stat", struct fs_quota_stat, qs_iwarnlimit);
    SIZE("fs_quota_statv", struct fs_quota_statv);
    F("fs_quota_statv", struct fs_quota_statv, qs_version); F("fs_quota_statv", struct fs_quota_statv, qs_flags);
    F("fs_quota_statv", struct fs_quota_statv, qs_incoredqs); F("fs_quota_statv", struct fs_quota_statv, qs_uquota);
    F("fs_quota_statv", struct fs_quota_statv, qs_gquota); F("fs_quota_statv", struct fs_quota_statv, qs_pquota);
    F("fs_quota_statv", struct fs_quota_statv, qs_btimelimit); F("fs_quota_statv", struct fs_quota_statv, qs_itimelimit);
    F("fs_quota_statv", struct fs_quota_statv, qs_rtbtimelimit); F("fs_quota_statv", struct fs_quota_statv, qs_bwarnlimit);
    F("fs_quota_statv", struct fs_quota_statv, qs_iwarnlimit); F("fs_quota_statv", struct fs_quota_statv, qs_rtbwarnlimit);
    SIZE("keyctl_dh_params", struct keyctl_dh_params);
    F("keyctl_dh_params", struct keyctl_dh_params, priv); F("keyctl_dh_params", struct keyctl_dh_params, prime);
    F("keyctl_dh_params", struct keyctl_dh_params, base);
    SIZE("keyctl_kdf_params", struct keyctl_kdf_params);
    F("keyctl_kdf_params", struct keyctl_kdf_params, hashname); F("keyctl_kdf_params", struct keyctl_kdf_params, otherinfo);
    F("keyctl_kdf_params", struct keyctl_kdf_params, otherinfolen); F("keyctl_kdf_params", struct keyctl_kdf_params, __spare);
    SIZE("keyctl_pkey_params", struct keyctl_pkey_params);
    F("keyctl_pkey_params", struct keyctl_pkey_params, key_id); F("keyctl_pkey_params", struct keyctl_pkey_params, in_len);
    F("keyctl_pkey_params", struct keyctl_pkey_params, out_len);
    SIZE("packet_diag_req", struct packet_diag_req);
    F("packet_diag_req", struct packet_diag_req, sdiag_family); F("packet_diag_req", struct packet_diag_req, sdiag_protocol);
    F("packet_diag_req", struct packet_diag_req, pad); F("packet_diag_req", struct packet_diag_req, pdiag_ino);
    F("packet_diag_req", struct packet_diag_req, pdiag_show); F("packet_diag_req", struct packet_diag_req, pdiag_cookie);
    SIZE("packet_diag_msg", struct packet_diag_msg);
    F("packet_diag_msg", struct packet_diag_msg, pdiag_family); F("packet_diag_msg", struct packet_diag_msg, pdiag_type);
    F("packet_diag_msg", struct packet_diag_msg, pdiag_num); F("packet_diag_msg", struct packet_diag_msg, pdiag_ino);
    F("packet_diag_msg", struct packet_diag_msg, pdiag_cookie);
    SIZE("packet_diag_info", struct packet_diag_info);
    F("packet_diag_info", struct packet_diag_info, pdi_index); F("packet_diag_info", struct packet_diag_info, pdi_version);
    F("packet_diag_info", struct packet_diag_info, pdi_reserve); F("packet_diag_info", struct packet_diag_info, pdi_copy_thresh);
    F("packet_diag_info", struct packet_diag_info, pdi_tstamp); F("packet_diag_info", struct packet_diag_info, pdi_flags);
    SIZE("packet_diag_mclist", struct packet_diag_mclist);
    F("packet_diag_mclist", struct packet_diag_mclist, pdmc_index); F("packet_diag_mclist", struct packet_diag_mclist, pdmc_count);
    F("packet_diag_mclist", struct packet_diag_mclist, pdmc_type); F("packet_diag_mclist", struct packet_diag_mclist, pdmc_alen);
    F("packet_diag_mclist", struct packet_diag_mclist, pdmc_addr);
    SIZE("packet_diag_ring", struct packet_diag_ring);
    F("packet_diag_ring", struct packet_diag_ring, pdr_block_size); F("packet_diag_ring", struct packet_diag_ring, pdr_block_nr);
    F("packet_diag_ring", struct packet_diag_ring, pdr_frame_size); F("packet_diag_ring", struct packet_diag_ring, pdr_frame_nr);
    F("packet_diag_ring", struct packet_diag_ring, pdr_retire_tmo); F("packet_diag_ring", struct packet_diag_ring, pdr_sizeof_priv);
    F("packet_diag_ring", struct packet_diag_ring, pdr_features);
    SIZE("smc_diag_cursor", struct smc_diag_cursor);
    F("smc_diag_cursor", struct smc_diag_cursor, reserved); F("smc_diag_cursor", struct smc_diag_cursor, wrap);
    F("smc_diag_cursor", struct smc_diag_cursor, count);
    SIZE("smc_diag_conninfo", struct smc_diag_conninfo);
    F("smc_diag_conninfo", struct smc_diag_conninfo, token); F("smc_diag_conninfo", struct smc_diag_conninfo, sndbuf_size);
    F("smc_diag_conninfo", struct smc_diag_conninfo, rmbe_size); F("smc_diag_conninfo", struct smc_diag_conninfo, peer_rmbe_size);
    F("smc_diag_conninfo", struct smc_diag_conninfo, rx_prod); F("smc_diag_conninfo", struct smc_diag_conninfo, rx_cons);
    F("smc_diag_conninfo", struct smc_diag_conninfo, tx_prod); F("smc_diag_conninfo", struct smc_diag_conninfo, tx_cons);
    F("smc_diag_conninfo", struct smc_diag_conninfo, rx_prod_flags);
    F("smc_diag_conninfo", struct smc_diag_conninfo, rx_conn_state_flags);
    F("smc_diag_conninfo", struct smc_diag_conninfo, tx_prod_flags);
    F("smc_diag_conninfo", struct smc_diag_conninfo, tx_conn_state_flags);
    F("smc_diag_conninfo", struct smc_diag_conninfo, tx_prep); F("smc_diag_conninfo", struct smc_diag_conninfo, tx_sent);
    F("smc_diag_conninfo", struct smc_diag_conninfo, tx_fin);
    SIZE("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo);
    F("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo, linkid); F("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo, peer_gid);
    F("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo, my_gid); F("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo, token);
    F("smcd_diag_dmbinfo", struct smcd_diag_dmbinfo, peer_token);
    SIZE("br_mdb_entry", struct br_mdb_entry);
    F("br_mdb_entry", struct br_mdb_entry, ifindex); F("br_mdb_entry", struct br_mdb_entry, state);
    F("br_mdb_entry", struct br_mdb_entry, flags); F("br_mdb_entry", struct br_mdb_entry, vid);
    F("br_mdb_entry", struct br_mdb_entry, addr);
    SIZE("tc_sizespec", struct tc_sizespec);
    F("tc_sizespec", struct tc_sizespec, cell_log); F("tc_sizespec", struct tc_sizespec, size_log);
    F("tc_sizespec", struct tc_sizespec, cell_align); F("tc_sizespec", struct tc_sizespec, overhead);
    F("tc_sizespec", struct tc_sizespec, linklayer); F("tc_sizespec", struct tc_sizespec, mpu);
    F("tc_sizespec", struct tc_sizespec, mtu); F("tc_sizespec", struct tc_sizespec, tsize);
    SIZE("netlink_diag_ring", struct netlink_diag_ring);
    F("netlink_diag_ring", struct netlink_diag_ring, ndr_block_size); F("netlink_diag_ring", struct netlink_diag_ring, ndr_block_nr);
    F("netlink_diag_ring", struct netlink_diag_ring, ndr_frame_size); F("netlink_diag_ring", struct netlink_diag_ring, ndr_frame_nr);
    SIZE("nhmsg", struct nhmsg);
    F("nhmsg", struct nhmsg, nh_family); F("nhmsg", struct nhmsg, nh_scope); F("nhmsg", struct nhmsg, nh_protocol);
    F("nhmsg", struct nhmsg, resvd); F("nhmsg", struct nhmsg, nh_flags);
    SIZE("nexthop_grp", struct nexthop_grp);
    F("nexthop_grp", struct nexthop_grp, id); F("nexthop_grp", struct nexthop_grp, weight);
    /* The byte after weight: resvd1 in the headers strace 6.1 knows, weight_high in later ones (6.1.192's). */
    printf("nexthop_grp resvd1 %zu 1\n", offsetof(struct nexthop_grp, weight) + 1);
    F("nexthop_grp", struct nexthop_grp, resvd2);
    SIZE("v4l2_capability", struct v4l2_capability);
    F("v4l2_capability", struct v4l2_capability, driver); F("v4l2_capability", struct v4l2_capability, card);
    F("v4l2_capability", struct v4l2_capability, bus_info); F("v4l2_capability", struct v4l2_capability, version);
    F("v4l2_capability", struct v4l2_capability, capabilities);
    F("v4l2_capability", struct v4l2_capability, device_caps);
    SIZE("v4l2_fmtdesc", struct v4l2_fmtdesc);
    F("v4l2_fmtdesc", struct v4l2_fmtdesc, index); F("v4l2_fmtdesc", struct v4l2_fmtdesc, type);
    F("v4l2_fmtdesc", struct v4l2_fmtdesc, flags); F("v4l2_fmtdesc", struct v4l2_fmtdesc, description);
    F("v4l2_fmtdesc", struct v4l2_fmtdesc, pixelformat);
    SIZE("v4l2_format", struct v4l2_format);
    F("v4l2_format", struct v4l2_format, type); F("v4l2_format", struct v4l2_format, fmt);
    SIZE("v4l2_pix_format", struct v4l2_pix_format);
    F("v4l2_pix_format", struct v4l2_pix_format, width); F("v4l2_pix_format", struct v4l2_pix_format, height);
    F("v4l2_pix_format", struct v4l2_pix_format, pixelformat); F("v4l2_pix_format", struct v4l2_pix_format, field);
    F("v4l2_pix_format", struct v4l2_pix_format, bytesperline); F("v4l2_pix_format", struct v4l2_pix_format, sizeimage);
    F("v4l2_pix_format", struct v4l2_pix_format, colorspace);
    SIZE("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, width);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, height);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, pixelformat);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, field);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, colorspace);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, plane_fmt);
    F("v4l2_pix_format_mplane", struct v4l2_pix_format_mplane, num_planes);
    SIZE("v4l2_plane_pix_format", struct v4l2_plane_pix_format);
    F("v4l2_plane_pix_format", struct v4l2_plane_pix_format, sizeimage);
    F("v4l2_plane_pix_format", struct v4l2_plane_pix_format, bytesperline);
    SIZE("v4l2_window", struct v4l2_window);
    F("v4l2_window", struct v4l2_window, w); F("v4l2_window", struct v4l2_window, field);
    F("v4l2_window", struct v4l2_window, chromakey); F("v4l2_window", struct v4l2_window, clips);
    F("v4l2_window", struct v4l2_window, clipcount); F("v4l2_window", struct v4l2_window, bitmap);
    F("v4l2_window", struct v4l2_window, global_alpha);
    SIZE("v4l2_rect", struct v4l2_rect);
    F("v4l2_rect", struct v4l2_rect, left); F("v4l2_rect", struct v4l2_rect, top);
    F("v4l2_rect", struct v4l2_rect, width); F("v4l2_rect", struct v4l2_rect, height);
    SIZE("v4l2_clip", struct v4l2_clip);
    F("v4l2_clip", struct v4l2_clip, c); F("v4l2_clip", struct v4l2_clip, next);
    SIZE("v4l2_vbi_format", struct v4l2_vbi_format);
    F("v4l2_vbi_format", struct v4l2_vbi_format, sampling_rate); F("v4l2_vbi_format", struct v4l2_vbi_format, offset);
    F("v4l2_vbi_format", struct v4l2_vbi_format, samples_per_line);
    F("v4l2_vbi_format", struct v4l2_vbi_format, sample_format); F("v4l2_vbi_format", struct v4l2_vbi_format, start);
    F("v4l2_vbi_format", struct v4l2_vbi_format, count); F("v4l2_vbi_format", struct v4l2_vbi_format, flags);
    SIZE("v4l2_sliced_vbi_format", struct v4l2_sliced_vbi_format);
    F("v4l2_sliced_vbi_format", struct v4l2_sliced_vbi_format, service_set);
    F("v4l2_sliced_vbi_format", struct v4l2_sliced_vbi_format, service_lines);
    F("v4l2_sliced_vbi_format", struct v4l2_sliced_vbi_format, io_size);
    SIZE("v4l2_sdr_format", struct v4l2_sdr_format);
    F("v4l2_sdr_format", struct v4l2_sdr_format, pixelformat); F("v4l2_sdr_format", struct v4l2_sdr_format, buffersize);
    SIZE("v4l2_meta_format", struct v4l2_meta_format);
    F("v4l2_meta_format", struct v4l2_meta_format, dataformat);
    F("v4l2_meta_format", struct v4l2_meta_format, buffersize);
    SIZE("v4l2_requestbuffers", struct v4l2_requestbuffers);
    F("v4l2_requestbuffers", struct v4l2_requestbuffers, count);
    F("v4l2_requestbuffers", struct v4l2_requestbuffers, type);
    F("v4l2_requestbuffers", struct v4l2_requestbuffers, memory);
    SIZE("v4l2_buffer", struct v4l2_buffer);
    F("v4l2_buffer", struct v4l2_buffer, index); F("v4l2_buffer", struct v4l2_buffer, type);
    F("v4l2_buffer", struct v4l2_buffer, bytesused); F("v4l2_buffer", struct v4l2_buffer, flags);
    F("v4l2_buffer", struct v4l2_buffer, field); F("v4l2_buffer", struct v4l2_buffer, timestamp);
    F("v4l2_buffer", struct v4l2_buffer, sequence); F("v4l2_buffer", struct v4l2_buffer, memory);
    F("v4l2_buffer", struct v4l2_buffer, m); F("v4l2_buffer", struct v4l2_buffer, length);
    SIZE("v4l2_streamparm", struct v4l2_streamparm);
    F("v4l2_streamparm", struct v4l2_streamparm, type); F("v4l2_streamparm", struct v4l2_streamparm, parm);
    SIZE("v4l2_captureparm", struct v4l2_captureparm);
    F("v4l2_captureparm", struct v4l2_captureparm, capability);
    F("v4l2_captureparm", struct v4l2_captureparm, capturemode);
    F("v4l2_captureparm", struct v4l2_captureparm, timeperframe);
    F("v4l2_captureparm", struct v4l2_captureparm, extendedmode);
    F("v4l2_captureparm", struct v4l2_captureparm, readbuffers);
    SIZE("v4l2_fract", struct v4l2_fract);
    F("v4l2_fract", struct v4l2_fract, numerator); F("v4l2_fract", struct v4l2_fract, denominator);
    SIZE("v4l2_standard", struct v4l2_standard);
    F("v4l2_standard", struct v4l2_standard, index); F("v4l2_standard", struct v4l2_standard, name);
    F("v4l2_standard", struct v4l2_standard, frameperiod); F("v4l2_standard", struct v4l2_standard, framelines);
    SIZE("v4l2_input", struct v4l2_input);
    F("v4l2_input", struct v4l2_input, index); F("v4l2_input", struct v4l2_input, name);
    F("v4l2_input", struct v4l2_input, type);
    SIZE("v4l2_control", struct v4l2_control);
    F("v4l2_control", struct v4l2_control, id); F("v4l2_control", struct v4l2_control, value);
    SIZE("v4l2_tuner", struct v4l2_tuner);
    F("v4l2_tuner", struct v4l2_tuner, index); F("v4l2_tuner", struct v4l2_tuner, name);
    F("v4l2_tuner", struct v4l2_tuner, type); F("v4l2_tuner", struct v4l2_tuner, capability);
    F("v4l2_tuner", struct v4l2_tuner, rangelow); F("v4l2_tuner", struct v4l2_tuner, rangehigh);
    F("v4l2_tuner", struct v4l2_tuner, rxsubchans); F("v4l2_tuner", struct v4l2_tuner, audmode);
    F("v4l2_tuner", struct v4l2_tuner, signal); F("v4l2_tuner", struct v4l2_tuner, afc);
    SIZE("v4l2_queryctrl", struct v4l2_queryctrl);
    F("v4l2_queryctrl", struct v4l2_queryctrl, id); F("v4l2_queryctrl", struct v4l2_queryctrl, type);
    F("v4l2_queryctrl", struct v4l2_queryctrl, name); F("v4l2_queryctrl", struct v4l2_queryctrl, minimum);
    F("v4l2_queryctrl", struct v4l2_queryctrl, maximum); F("v4l2_queryctrl", struct v4l2_queryctrl, step);
    F("v4l2_queryctrl", struct v4l2_queryctrl, default_value); F("v4l2_queryctrl", struct v4l2_queryctrl, flags);
    SIZE("v4l2_cropcap", struct v4l2_cropcap);
    F("v4l2_cropcap", struct v4l2_cropcap, type); F("v4l2_cropcap", struct v4l2_cropcap, bounds);
    F("v4l2_cropcap", struct v4l2_cropcap, defrect); F("v4l2_cropcap", struct v4l2_cropcap, pixelaspect);
    SIZE("v4l2_crop", struct v4l2_crop);
    F("v4l2_crop", struct v4l2_crop, type); F("v4l2_crop", struct v4l2_crop, c);
    SIZE("v4l2_ext_controls", struct v4l2_ext_controls);
    F("v4l2_ext_controls", struct v4l2_ext_controls, ctrl_class);
    F("v4l2_ext_controls", struct v4l2_ext_controls, count);
    F("v4l2_ext_controls", struct v4l2_ext_controls, error_idx);
    F("v4l2_ext_controls", struct v4l2_ext_controls, controls);
    SIZE("v4l2_ext_control", struct v4l2_ext_control);
    F("v4l2_ext_control", struct v4l2_ext_control, id); F("v4l2_ext_control", struct v4l2_ext_control, size);
    F("v4l2_ext_control", struct v4l2_ext_control, value); F("v4l2_ext_control", struct v4l2_ext_control, value64);
    SIZE("v4l2_frmsizeenum", struct v4l2_frmsizeenum);
    F("v4l2_frmsizeenum", struct v4l2_frmsizeenum, index); F("v4l2_frmsizeenum", struct v4l2_frmsizeenum, pixel_format);
    F("v4l2_frmsizeenum", struct v4l2_frmsizeenum, type); F("v4l2_frmsizeenum", struct v4l2_frmsizeenum, discrete);
    F("v4l2_frmsizeenum", struct v4l2_frmsizeenum, stepwise);
    SIZE("v4l2_frmsize_discrete", struct v4l2_frmsize_discrete);
    F("v4l2_frmsize_discrete", struct v4l2_frmsize_discrete, width);
    F("v4l2_frmsize_discrete", struct v4l2_frmsize_discrete, height);
    SIZE("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, min_width);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, max_width);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, step_width);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, min_height);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, max_height);
    F("v4l2_frmsize_stepwise", struct v4l2_frmsize_stepwise, step_height);
    SIZE("v4l2_frmivalenum", struct v4l2_frmivalenum);
    F("v4l2_frmivalenum", struct v4l2_frmivalenum, index); F("v4l2_frmivalenum", struct v4l2_frmivalenum, pixel_format);
    F("v4l2_frmivalenum", struct v4l2_frmivalenum, width); F("v4l2_frmivalenum", struct v4l2_frmivalenum, height);
    F("v4l2_frmivalenum", struct v4l2_frmivalenum, type); F("v4l2_frmivalenum", struct v4l2_frmivalenum, discrete);
    F("v4l2_frmivalenum", struct v4l2_frmivalenum, stepwise);
    SIZE("v4l2_frmival_stepwise", struct v4l2_frmival_stepwise);
    F("v4l2_frmival_stepwise", struct v4l2_frmival_stepwise, min);
    F("v4l2_frmival_stepwise", struct v4l2_frmival_stepwise, max);
    F("v4l2_frmival_stepwise", struct v4l2_frmival_stepwise, step);
    SIZE("v4l2_create_buffers", struct v4l2_create_buffers);
    F("v4l2_create_buffers", struct v4l2_create_buffers, index);
    F("v4l2_create_buffers", struct v4l2_create_buffers, count);
    F("v4l2_create_buffers", struct v4l2_create_buffers, memory);
    F("v4l2_create_buffers", struct v4l2_create_buffers, format);
    SIZE("v4l2_framebuffer", struct v4l2_framebuffer);
    F("v4l2_framebuffer", struct v4l2_framebuffer, capability); F("v4l2_framebuffer", struct v4l2_framebuffer, flags);
    F("v4l2_framebuffer", struct v4l2_framebuffer, base);
    SIZE("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, id);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, type);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, name);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, minimum);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, maximum);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, step);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, default_value);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, flags);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, elem_size);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, elems);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, nr_of_dims);
    F("v4l2_query_ext_ctrl", struct v4l2_query_ext_ctrl, dims);
    SIZE("hd_geometry", struct hd_geometry);
    F("hd_geometry", struct hd_geometry, heads); F("hd_geometry", struct hd_geometry, sectors);
    F("hd_geometry", struct hd_geometry, cylinders); F("hd_geometry", struct hd_geometry, start);
    SIZE("mtd_info_user", struct mtd_info_user);
    F("mtd_info_user", struct mtd_info_user, type); F("mtd_info_user", struct mtd_info_user, flags);
    F("mtd_info_user", struct mtd_info_user, size); F("mtd_info_user", struct mtd_info_user, erasesize);
    F("mtd_info_user", struct mtd_info_user, writesize); F("mtd_info_user", struct mtd_info_user, oobsize);
    F("mtd_info_user", struct mtd_info_user, padding);
    SIZE("erase_info_user", struct erase_info_user);
    F("erase_info_user", struct erase_info_user, start); F("erase_info_user", struct erase_info_user, length);
    SIZE("erase_info_user64", struct erase_info_user64);
    F("erase_info_user64", struct erase_info_user64, start); F("erase_info_user64", struct erase_info_user64, length);
    SIZE("mtd_oob_buf", struct mtd_oob_buf);
    F("mtd_oob_buf", struct mtd_oob_buf, start); F("mtd_oob_buf", struct mtd_oob_buf, length);
    F("mtd_oob_buf", struct mtd_oob_buf, ptr);
    SIZE("mtd_oob_buf64", struct mtd_oob_buf64);
    F("mtd_oob_buf64", struct mtd_oob_buf64, start); F("mtd_oob_buf64", struct mtd_oob_buf64, pad);
    F("mtd_oob_buf64", struct mtd_oob_buf64, length); F("mtd_oob_buf64", struct mtd_oob_buf64, usr_ptr);
    SIZE("mtd_write_req", struct mtd_write_req);
    F("mtd_write_req", struct mtd_write_req, start); F("mtd_write_req", struct mtd_write_req, len);
    F("mtd_write_req", struct mtd_write_req, ooblen); F("mtd_write_req", struct mtd_write_req, usr_data);
    F("mtd_write_req", struct mtd_write_req, usr_oob); F("mtd_write_req", struct mtd_write_req, mode);
    F("mtd_write_req", struct mtd_write_req, padding);
    SIZE("region_info_user", struct region_info_user);
    F("region_info_user", struct region_info_user, offset); F("region_info_user", struct region_info_user, erasesize);
    F("region_info_user", struct region_info_user, numblocks);
    F("region_info_user", struct region_info_user, regionindex);
    SIZE("otp_info", struct otp_info);
    F("otp_info", struct otp_info, start); F("otp_info", struct otp_info, length);
    F("otp_info", struct otp_info, locked);
    SIZE("nand_oobinfo", struct nand_oobinfo);
    F("nand_oobinfo", struct nand_oobinfo, useecc); F("nand_oobinfo", struct nand_oobinfo, eccbytes);
    F("nand_oobinfo", struct nand_oobinfo, oobfree); F("nand_oobinfo", struct nand_oobinfo, eccpos);
    SIZE("nand_ecclayout_user", struct nand_ecclayout_user);
    F("nand_ecclayout_user", struct nand_ecclayout_user, eccbytes);
    F("nand_ecclayout_user", struct nand_ecclayout_user, eccpos);
    F("nand_ecclayout_user", struct nand_ecclayout_user, oobavail);
    F("nand_ecclayout_user", struct nand_ecclayout_user, oobfree);
    SIZE("nand_oobfree", struct nand_oobfree);
    F("nand_oobfree", struct nand_oobfree, offset); F("nand_oobfree", struct nand_oobfree, length);
    SIZE("mtd_ecc_stats", struct mtd_ecc_stats);
    F("mtd_ecc_stats", struct mtd_ecc_stats, corrected); F("mtd_ecc_stats", struct mtd_ecc_stats, failed);
    F("mtd_ecc_stats", struct mtd_ecc_stats, badblocks); F("mtd_ecc_stats", struct mtd_ecc_stats, bbtblocks);
    SIZE("ubi_mkvol_req", struct ubi_mkvol_req);
    F("ubi_mkvol_req", struct ubi_mkvol_req, vol_id); F("ubi_mkvol_req", struct ubi_mkvol_req, alignment);
    F("ubi_mkvol_req", struct ubi_mkvol_req, bytes); F("ubi_mkvol_req", struct ubi_mkvol_req, vol_type);
    F("ubi_mkvol_req", struct ubi_mkvol_req, flags); F("ubi_mkvol_req", struct ubi_mkvol_req, name_len);
    F("ubi_mkvol_req", struct ubi_mkvol_req, padding2); F("ubi_mkvol_req", struct ubi_mkvol_req, name);
    SIZE("ubi_rsvol_req", struct ubi_rsvol_req);
    F("ubi_rsvol_req", struct ubi_rsvol_req, bytes); F("ubi_rsvol_req", struct ubi_rsvol_req, vol_id);
    SIZE("ubi_rnvol_req", struct ubi_rnvol_req);
    F("ubi_rnvol_req", struct ubi_rnvol_req, count); F("ubi_rnvol_req", struct ubi_rnvol_req, padding1);
    F("ubi_rnvol_req", struct ubi_rnvol_req, ents);
    SIZE("ubi_rnvol_req_ent", kubi_rnvol_ent);
    F("ubi_rnvol_req_ent", kubi_rnvol_ent, vol_id); F("ubi_rnvol_req_ent", kubi_rnvol_ent, name_len);
    F("ubi_rnvol_req_ent", kubi_rnvol_ent, padding2); F("ubi_rnvol_req_ent", kubi_rnvol_ent, name);
    SIZE("ubi_attach_req", struct ubi_attach_req);
    F("ubi_attach_req", struct ubi_attach_req, ubi_num); F("ubi_attach_req", struct ubi_attach_req, mtd_num);
    F("ubi_attach_req", struct ubi_attach_req, vid_hdr_offset);
    F("ubi_attach_req", struct ubi_attach_req, max_beb_per1024); F("ubi_attach_req", struct ubi_attach_req, disable_fm);
    F("ubi_attach_req", struct ubi_attach_req, padding);
    SIZE("ubi_leb_change_req", struct ubi_leb_change_req);
    F("ubi_leb_change_req", struct ubi_leb_change_req, lnum); F("ubi_leb_change_req", struct ubi_leb_change_req, bytes);
    F("ubi_leb_change_req", struct ubi_leb_change_req, dtype);
    F("ubi_leb_change_req", struct ubi_leb_change_req, padding);
    SIZE("ubi_map_req", struct ubi_map_req);
    F("ubi_map_req", struct ubi_map_req, lnum); F("ubi_map_req", struct ubi_map_req, dtype);
    F("ubi_map_req", struct ubi_map_req, padding);
    SIZE("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req);
    F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, property);
    F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, padding);
    F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, value);
    SIZE("rand_pool_info", struct rand_pool_info);
    F("rand_pool_info", struct rand_pool_info, entropy_count); F("rand_pool_info", struct rand_pool_info, buf_size);
    SIZE("kvm_userspace_memory_region", struct kvm_userspace_memory_region);
    F("kvm_userspace_memory_region", struct kvm_userspace_memory_region, slot);
    F("kvm_userspace_memory_region", struct kvm_userspace_memory_region, flags);
    F("kvm_userspace_memory_region", struct kvm_userspace_memory_region, guest_phys_addr);
    F("kvm_userspace_memory_region", struct kvm_userspace_memory_region, memory_size);
    F("kvm_userspace_memory_region", struct kvm_userspace_memory_region, userspace_addr);
    SIZE("kvm_regs", struct kvm_regs);
    F("kvm_regs", struct kvm_regs, rax); F("kvm_regs", struct kvm_regs, rbx); F("kvm_regs", struct kvm_regs, rcx);
    F("kvm_regs", struct kvm_regs, rdx); F("kvm_regs", struct kvm_regs, rsi); F("kvm_regs", struct kvm_regs, rdi);
    F("kvm_regs", struct kvm_regs, rsp); F("kvm_regs", struct kvm_regs, rbp); F("kvm_regs", struct kvm_regs, r8);
    F("kvm_regs", struct kvm_regs, r9); F("kvm_regs", struct kvm_regs, r10); F("kvm_regs", struct kvm_regs, r11);
    F("kvm_regs", struct kvm_regs, r12); F("kvm_regs", struct kvm_regs, r13); F("kvm_regs", struct kvm_regs, r14);
    F("kvm_regs", struct kvm_regs, r15); F("kvm_regs", struct kvm_regs, rip); F("kvm_regs", struct kvm_regs, rflags);
    SIZE("kvm_segment", struct kvm_segment);
    F("kvm_segment", struct kvm_segment, base); F("kvm_segment", struct kvm_segment, limit);
    F("kvm_segment", struct kvm_segment, selector); F("kvm_segment", struct kvm_segment, type);
    F("kvm_segment", struct kvm_segment, present); F("kvm_segment", struct kvm_segment, dpl);
    F("kvm_segment", struct kvm_segment, db); F("kvm_segment", struct kvm_segment, s);
    F("kvm_segment", struct kvm_segment, l); F("kvm_segment", struct kvm_segment, g);
    F("kvm_segment", struct kvm_segment, avl); F("kvm_segment", struct kvm_segment, unusable);
    F("kvm_segment", struct kvm_segment, padding);
    SIZE("kvm_dtable", struct kvm_dtable);
    F("kvm_dtable", struct kvm_dtable, base); F("kvm_dtable", struct kvm_dtable, limit);
    F("kvm_dtable", struct kvm_dtable, padding);
    SIZE("kvm_sregs", struct kvm_sregs);
    F("kvm_sregs", struct kvm_sregs, cs); F("kvm_sregs", struct kvm_sregs, ds); F("kvm_sregs", struct kvm_sregs, es);
    F("kvm_sregs", struct kvm_sregs, fs); F("kvm_sregs", struct kvm_sregs, gs); F("kvm_sregs", struct kvm_sregs, ss);
    F("kvm_sregs", struct kvm_sregs, tr); F("kvm_sregs", struct kvm_sregs, ldt); F("kvm_sregs", struct kvm_sregs, gdt);
    F("kvm_sregs", struct kvm_sregs, idt); F("kvm_sregs", struct kvm_sregs, cr0); F("kvm_sregs", struct kvm_sregs, cr2);
    F("kvm_sregs", struct kvm_sregs, cr3); F("kvm_sregs", struct kvm_sregs, cr4); F("kvm_sregs", struct kvm_sregs, cr8);
    F("kvm_sregs", struct kvm_sregs, efer); F("kvm_sregs", struct kvm_sregs, apic_base);
    F("kvm_sregs", struct kvm_sregs, interrupt_bitmap);
    SIZE("kvm_cpuid2", struct kvm_cpuid2);
    F("kvm_cpuid2", struct kvm_cpuid2, nent); F("kvm_cpuid2", struct kvm_cpuid2, padding);
    SIZE("kvm_cpuid_entry2", struct kvm_cpuid_entry2);
    F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, function); F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, index);
    F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, flags); F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, eax);
    F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, ebx); F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, ecx);
    F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, edx); F("kvm_cpuid_entry2", struct kvm_cpuid_entry2, padding);
    SIZE("ptp_clock_caps", struct ptp_clock_caps);
    F("ptp_clock_caps", struct ptp_clock_caps, max_adj); F("ptp_clock_caps", struct ptp_clock_caps, n_alarm);
    F("ptp_clock_caps", struct ptp_clock_caps, n_ext_ts); F("ptp_clock_caps", struct ptp_clock_caps, n_per_out);
    F("ptp_clock_caps", struct ptp_clock_caps, pps); F("ptp_clock_caps", struct ptp_clock_caps, n_pins);
    F("ptp_clock_caps", struct ptp_clock_caps, cross_timestamping); F("ptp_clock_caps", struct ptp_clock_caps, adjust_phase);
    F("ptp_clock_caps", struct ptp_clock_caps, rsv);
    SIZE("ptp_extts_request", struct ptp_extts_request);
    F("ptp_extts_request", struct ptp_extts_request, index); F("ptp_extts_request", struct ptp_extts_request, flags);
    F("ptp_extts_request", struct ptp_extts_request, rsv);
    SIZE("ptp_pin_desc", struct ptp_pin_desc);
    F("ptp_pin_desc", struct ptp_pin_desc, name); F("ptp_pin_desc", struct ptp_pin_desc, index);
    F("ptp_pin_desc", struct ptp_pin_desc, func); F("ptp_pin_desc", struct ptp_pin_desc, chan); F("ptp_pin_desc", struct ptp_pin_desc, rsv);
    SIZE("ptp_clock_time", struct ptp_clock_time);
    F("ptp_clock_time", struct ptp_clock_time, sec); F("ptp_clock_time", struct ptp_clock_time, nsec);
    F("ptp_clock_time", struct ptp_clock_time, reserved);
    SIZE("ptp_perout_request", struct ptp_perout_request);
    F("ptp_perout_request", struct ptp_perout_request, start); F("ptp_perout_request", struct ptp_perout_request, period);
    F("ptp_perout_request", struct ptp_perout_request, index); F("ptp_perout_request", struct ptp_perout_request, flags);
    F("ptp_perout_request", struct ptp_perout_request, on);
    SIZE("ptp_sys_offset", struct ptp_sys_offset);
    F("ptp_sys_offset", struct ptp_sys_offset, n_samples); F("ptp_sys_offset", struct ptp_sys_offset, rsv);
    F("ptp_sys_offset", struct ptp_sys_offset, ts);
    SIZE("ptp_sys_offset_extended", struct ptp_sys_offset_extended);
    F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, n_samples); F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, rsv);
    F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, ts);
    SIZE("ptp_sys_offset_precise", struct ptp_sys_offset_precise);
    F("ptp_sys_offset_precise", struct ptp_sys_offset_precise, device); F("ptp_sys_offset_precise", struct ptp_sys_offset_precise, sys_realtime);
    F("ptp_sys_offset_precise", struct ptp_sys_offset_precise, sys_monoraw); F("ptp_sys_offset_precise", struct ptp_sys_offset_precise, rsv);
    SIZE("tee_ioctl_version_data", struct tee_ioctl_version_data);
    F("tee_ioctl_version_data", struct tee_ioctl_version_data, impl_id); F("tee_ioctl_version_data", struct tee_ioctl_version_data, impl_caps);
    F("tee_ioctl_version_data", struct tee_ioctl_version_data, gen_caps);
    SIZE("tee_ioctl_shm_alloc_data", struct tee_ioctl_shm_alloc_data);
    F("tee_ioctl_shm_alloc_data", struct tee_ioctl_shm_alloc_data, size); F("tee_ioctl_shm_alloc_data", struct tee_ioctl_shm_alloc_data, flags);
    F("tee_ioctl_shm_alloc_data", struct tee_ioctl_shm_alloc_data, id);
    SIZE("tee_ioctl_shm_register_data", struct tee_ioctl_shm_register_data);
    F("tee_ioctl_shm_register_data", struct tee_ioctl_shm_register_data, addr);
    F("tee_ioctl_shm_register_data", struct tee_ioctl_shm_register_data, length);
    F("tee_ioctl_shm_register_data", struct tee_ioctl_shm_register_data, flags); F("tee_ioctl_shm_register_data", struct tee_ioctl_shm_register_data, id);
    SIZE("tee_ioctl_cancel_arg", struct tee_ioctl_cancel_arg);
    F("tee_ioctl_cancel_arg", struct tee_ioctl_cancel_arg, cancel_id); F("tee_ioctl_cancel_arg", struct tee_ioctl_cancel_arg, session);
    SIZE("tee_ioctl_close_session_arg", struct tee_ioctl_close_session_arg);
    F("tee_ioctl_close_session_arg", struct tee_ioctl_close_session_arg, session);
    SIZE("ifreq", struct ifreq);
    F("ifreq", struct ifreq, ifr_name); F("ifreq", struct ifreq, ifr_addr); F("ifreq", struct ifreq, ifr_dstaddr);
    F("ifreq", struct ifreq, ifr_broadaddr); F("ifreq", struct ifreq, ifr_netmask); F("ifreq", struct ifreq, ifr_hwaddr);
    F("ifreq", struct ifreq, ifr_flags); F("ifreq", struct ifreq, ifr_ifindex); F("ifreq", struct ifreq, ifr_metric);
    F("ifreq", struct ifreq, ifr_mtu); F("ifreq", struct ifreq, ifr_map); F("ifreq", struct ifreq, ifr_slave);
    F("ifreq", struct ifreq, ifr_newname); F("ifreq", struct ifreq, ifr_data); F("ifreq", struct ifreq, ifr_qlen);
    SIZE("ifmap", struct ifmap);
    F("ifmap", struct ifmap, mem_start); F("ifmap", struct ifmap, mem_end); F("ifmap", struct ifmap, base_addr);
    F("ifmap", struct ifmap, irq); F("ifmap", struct ifmap, dma); F("ifmap", struct ifmap, port);
    SIZE("ifconf", struct ifconf);
    F("ifconf", struct ifconf, ifc_len); F("ifconf", struct ifconf, ifc_buf); F("ifconf", struct ifconf, ifc_req);
    SIZE("rtc_param", struct rtc_param);
    F("rtc_param", struct rtc_param, param); F("rtc_param", struct rtc_param, uvalue); F("rtc_param", struct rtc_param, svalue);
    F("rtc_param", struct rtc_param, ptr); F("rtc_param", struct rtc_param, index); F("rtc_param", struct rtc_param, __pad);
    SIZE("dm_ioctl", struct dm_ioctl);
    F("dm_ioctl", struct dm_ioctl, version); F("dm_ioctl", struct dm_ioctl, data_size); F("dm_ioctl", struct dm_ioctl, data_start);
    F("dm_ioctl", struct dm_ioctl, target_count); F("dm_ioctl", struct dm_ioctl, open_count); F("dm_ioctl", struct dm_ioctl, flags);
    F("dm_ioctl", struct dm_ioctl, event_nr); F("dm_ioctl", struct dm_ioctl, padding); F("dm_ioctl", struct dm_ioctl, dev);
    F("dm_ioctl", struct dm_ioctl, name); F("dm_ioctl", struct dm_ioctl, uuid); F("dm_ioctl", struct dm_ioctl, data);
    SIZE("dm_target_spec", struct dm_target_spec);
    F("dm_target_spec", struct dm_target_spec, sector_start); F("dm_target_spec", struct dm_target_spec, length);
    F("dm_target_spec", struct dm_target_spec, status); F("dm_target_spec", struct dm_target_spec, next);
    F("dm_target_spec", struct dm_target_spec, target_type);
    SIZE("ff_effect", struct ff_effect);
    F("ff_effect", struct ff_effect, type); F("ff_effect", struct ff_effect, id); F("ff_effect", struct ff_effect, direction);
    F("ff_effect", struct ff_effect, trigger); F("ff_effect", struct ff_effect, replay); F("ff_effect", struct ff_effect, u);
    SIZE("ff_trigger", struct ff_trigger);
    F("ff_trigger", struct ff_trigger, button); F("ff_trigger", struct ff_trigger, interval);
    SIZE("ff_replay", struct ff_replay);
    F("ff_replay", struct ff_replay, length); F("ff_replay", struct ff_replay, delay);
    SIZE("ndtmsg", struct ndtmsg);
    F("ndtmsg", struct ndtmsg, ndtm_family); F("ndtmsg", struct ndtmsg, ndtm_pad1); F("ndtmsg", struct ndtmsg, ndtm_pad2);
    SIZE("ndt_config", struct ndt_config);
    F("ndt_config", struct ndt_config, ndtc_key_len); F("ndt_config", struct ndt_config, ndtc_entry_size);
    F("ndt_config", struct ndt_config, ndtc_entries); F("ndt_config", struct ndt_config, ndtc_last_flush);
    F("ndt_config", struct ndt_config, ndtc_last_rand); F("ndt_config", struct ndt_config, ndtc_hash_rnd);
    F("ndt_config", struct ndt_config, ndtc_hash_mask); F("ndt_config", struct ndt_config, ndtc_hash_chain_gc);
    F("ndt_config", struct ndt_config, ndtc_proxy_qlen);
    SIZE("ndt_stats", struct ndt_stats);
    F("ndt_stats", struct ndt_stats, ndts_allocs); F("ndt_stats", struct ndt_stats, ndts_destroys);
    F("ndt_stats", struct ndt_stats, ndts_hash_grows); F("ndt_stats", struct ndt_stats, ndts_res_failed);
    F("ndt_stats", struct ndt_stats, ndts_lookups); F("ndt_stats", struct ndt_stats, ndts_hits);
    F("ndt_stats", struct ndt_stats, ndts_rcv_probes_mcast); F("ndt_stats", struct ndt_stats, ndts_rcv_probes_ucast);
    F("ndt_stats", struct ndt_stats, ndts_periodic_gc_runs); F("ndt_stats", struct ndt_stats, ndts_forced_gc_runs);
    F("ndt_stats", struct ndt_stats, ndts_table_fulls);
    SIZE("if_stats_msg", struct if_stats_msg);
    F("if_stats_msg", struct if_stats_msg, family); F("if_stats_msg", struct if_stats_msg, pad1); F("if_stats_msg", struct if_stats_msg, pad2);
    F("if_stats_msg", struct if_stats_msg, ifindex); F("if_stats_msg", struct if_stats_msg, filter_mask);
    SIZE("tcamsg", struct tcamsg);
    F("tcamsg", struct tcamsg, tca_family); F("tcamsg", struct tcamsg, tca__pad1); F("tcamsg", struct tcamsg, tca__pad2);
    /* perf_event_attr's padding, whose bytes strace names when they are set */
    F("perf_event_attr", struct perf_event_attr, __reserved_2); F("perf_event_attr", struct perf_event_attr, __reserved_3);
    SIZE("__user_cap_header_struct", struct __user_cap_header_struct);
    F("__user_cap_header_struct", struct __user_cap_header_struct, version);
    F("__user_cap_header_struct", struct __user_cap_header_struct, pid);
    SIZE("__user_cap_data_struct", struct __user_cap_data_struct);
    F("__user_cap_data_struct", struct __user_cap_data_struct, effective);
    F("__user_cap_data_struct", struct __user_cap_data_struct, permitted);
    F("__user_cap_data_struct", struct __user_cap_data_struct, inheritable);
    /* Versions 2 and 3 of the sets: an array of two, the low words, then the high words (_LINUX_CAPABILITY_U32S_3). */
    SIZE("__user_cap_data_struct[2]", struct __user_cap_data_struct[_LINUX_CAPABILITY_U32S_3]);
    printf("__user_cap_data_struct[2] low 0 %zu\n", sizeof(struct __user_cap_data_struct));
    printf("__user_cap_data_struct[2] high %zu %zu\n", sizeof(struct __user_cap_data_struct), sizeof(struct __user_cap_data_struct));
    /* struct user_desc but its bit-fields, which offsetof cannot name: the word after limit holds them. */
    SIZE("user_desc", struct user_desc);
    F("user_desc", struct user_desc, entry_number); F("user_desc", struct user_desc, base_addr);
    F("user_desc", struct user_desc, limit); printf("user_desc bits %zu 4\n", offsetof(struct user_desc, limit) + 4);
    return 0;
}
