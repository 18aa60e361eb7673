/* Prints where the kernel's UAPI headers put each field of the structures the decoders read, one line per field:
 * "TYPE FIELD OFFSET SIZE", TYPE as the decoder's value names it. The layout test compares every line with the
 * decoders' own declarations (KernelLayout). The kernel's headers only: glibc's redefine several of these. */
#include <stddef.h>
#include <stdio.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/statfs.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <linux/bpf.h>
#include <linux/fcntl.h>
#include <linux/openat2.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/stat.h>
#include <linux/sysinfo.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/times.h>
#include <linux/utsname.h>

#define F(label, type, field) printf("%s %s %zu %zu\n", label, #field, offsetof(type, field), sizeof(((type *)0)->field))
#define SIZE(label, type) printf("%s - 0 %zu\n", label, sizeof(type))

typedef struct stat kstat;
typedef struct statx kstatx;
/* bpf(2)'s attr is a union of one structure per command, most of them unnamed: each decoder's part is the union
 * itself, its fields named as the command's, and BPF_OBJ_GET_INFO_BY_FD's is the union's info member. */
typedef union bpf_attr kbpf_attr;
typedef __typeof__(((union bpf_attr *)0)->info) kbpf_info;

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
    /* The decoder reads the two times at the start of struct rusage, all strace shows without -v. */
    F("rusage", struct rusage, ru_utime); F("rusage", struct rusage, ru_stime);
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
    SIZE("winsize", struct winsize);
    F("winsize", struct winsize, ws_row); F("winsize", struct winsize, ws_col);
    F("winsize", struct winsize, ws_xpixel); F("winsize", struct winsize, ws_ypixel);
    SIZE("open_how", struct open_how);
    F("open_how", struct open_how, flags); F("open_how", struct open_how, mode); F("open_how", struct open_how, resolve);
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
    return 0;
}
