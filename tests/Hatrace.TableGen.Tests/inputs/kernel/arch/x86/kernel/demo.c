// Handcrafted definitions in the style of an arch source file, for the importer tests.
SYSCALL_DEFINE2(defined_in_c, int , fd , void __user * , ptr)
{
	return sys_read(fd, ptr, 0);
}

SYSCALL_DEFINE1(read, int, ignored_because_syscalls_h_comes_first)
{
	return 0;
}
