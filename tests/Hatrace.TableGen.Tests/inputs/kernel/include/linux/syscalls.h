/* Handcrafted prototypes in the style of include/linux/syscalls.h, for the importer tests. */
#ifndef _TEST_SYSCALLS_H
#define _TEST_SYSCALLS_H

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE0(sname)					\
	asmlinkage long sys_##sname(void)

#ifndef CONFIG_ARCH_HAS_SYSCALL_WRAPPER
asmlinkage long sys_read(unsigned int fd, char __user *buf, size_t count);
asmlinkage long sys_openat(int dfd, const char __user *filename, int flags,
			   umode_t mode);
/* asmlinkage long sys_unknown_call(int commented_out); */
// asmlinkage long sys_unknown_call(int also_commented_out);
asmlinkage long sys_spaced(void);
asmlinkage long sys_leave(int error_code);
asmlinkage long sys_newer_call(int fd);

#ifdef CONFIG_CLONE_BACKWARDS
asmlinkage long sys_clone(unsigned long, unsigned long, int __user *, unsigned long,
	       int __user *);
#else
asmlinkage long sys_clone(unsigned long, unsigned long, int __user *,
	       int __user *, unsigned long);
#endif

#if defined(CONFIG_ARCH_SPLIT_ARG64)
asmlinkage long sys_split_mark(int fd, unsigned int mask_1, unsigned int mask_2);
#else
asmlinkage long sys_split_mark(int fd, u64 mask);
#endif

#if BITS_PER_LONG == 32
asmlinkage long sys_wide_only(unsigned int fd, loff_t length);
#endif
#endif /* CONFIG_ARCH_HAS_SYSCALL_WRAPPER */

static inline long ksys_read(unsigned int fd, char __user *buf, size_t count)
{
	return 0;
}
#endif
