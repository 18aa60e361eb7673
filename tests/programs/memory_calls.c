/* Memory calls whose text tests compare with strace's: mmap's protections, types and flags, the calls that change a
 * mapping, and modify_ldt's entries. Mappings sit at fixed addresses so that the text is the same on every run; it
 * writes nothing. */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <linux/mman.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BASE ((char *)0x200000000L)
#define OTHER ((char *)0x300000000L)

int main(void)
{
    write(-1, "memory", 6); /* where the test starts comparing */
    int zero = open("/dev/zero", O_RDONLY);
    mmap(BASE, 0x10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    mmap(BASE + 0x10000, 0x4000, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, zero, 0x3000);
    mmap(OTHER, 0x1000, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE | MAP_POPULATE | MAP_STACK, -1, 0);
    syscall(SYS_mmap, OTHER, 0x1000L, PROT_READ | PROT_EXEC | PROT_SEM | 0x40L, MAP_SHARED_VALIDATE | MAP_SYNC | 0x8000000L, zero, 0L);
    mmap(NULL, 0x200000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_HUGE_2MB | MAP_FIXED, -1, 0);
    syscall(SYS_mmap, OTHER, 0x1000L, PROT_READ, 0xfL, -1, 0L);
    mprotect(BASE, 0x1000, PROT_NONE);
    mprotect(BASE, 0x1000, PROT_READ | PROT_WRITE | PROT_GROWSDOWN);
    syscall(SYS_pkey_mprotect, BASE, 0x1000L, PROT_READ, -1);
    madvise(BASE, 0x1000, MADV_DONTNEED);
    madvise(BASE, 0x1000, MADV_HUGEPAGE);
    madvise(BASE, 0x1000, MADV_COLLAPSE);
    madvise(BASE, 0x1000, 77);
    msync(BASE, 0x1000, MS_SYNC | MS_INVALIDATE);
    msync(BASE, 0x1000, 0x10);
    mlock(BASE, 0x1000);
    munlock(BASE, 0x1000);
    syscall(SYS_mlock2, BASE, 0x1000L, MLOCK_ONFAULT);
    mlockall(MCL_CURRENT | MCL_ONFAULT | 0x40);
    munlockall();
    mremap(BASE, 0x10000, 0x20000, MREMAP_MAYMOVE | MREMAP_FIXED, OTHER + 0x100000);
    mremap(OTHER + 0x100000, 0x1000, 0x2000, 0);
    syscall(SYS_mremap, OTHER, 0x1000L, 0x1000L, 0x80L, 0L);
    unsigned char pages[40];
    char *touched = mmap(BASE, 40 * 0x1000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    touched[0] = 1;
    touched[2 * 0x1000] = 1;
    mincore(BASE, 3 * 0x1000, pages);
    mincore(BASE, 40 * 0x1000, pages);
    mincore(BASE, 0x1000, (unsigned char *)1);
    munmap(OTHER + 0x100000, 0x20000);
    munmap(OTHER, 0x1000);
    syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 2, 3);
    syscall(SYS_membarrier, 3, 0, 0);
    syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, MEMBARRIER_CMD_FLAG_CPU, 0);
    /* Mapping types: none (MAP_FILE), none with a flag, and one no name covers. */
    mmap(NULL, 0x1000, PROT_READ, 0, -1, 0);
    mmap(NULL, 0x1000, PROT_READ, MAP_ANONYMOUS, -1, 0);
    mmap(NULL, 0x1000, PROT_READ, 0x4, -1, 0);
    /* The local descriptor table: an entry written, read back into it (the bytes of the descriptor the kernel made),
     * the default table read, and what the kernel refuses (a short count, no entry), which it returns as large numbers. */
    struct user_desc *entry = (struct user_desc *)(BASE + 0x3000);
    *entry = (struct user_desc){ .entry_number = 0, .base_addr = 0x2000, .limit = 0xfff, .seg_32bit = 1, .useable = 1 };
    syscall(SYS_modify_ldt, 1, entry, sizeof *entry);
    syscall(SYS_modify_ldt, 0, entry, sizeof *entry);
    syscall(SYS_modify_ldt, 0, entry, 64L);
    syscall(SYS_modify_ldt, 2, entry, sizeof *entry);
    syscall(SYS_modify_ldt, 1, entry, 15L);
    syscall(SYS_modify_ldt, 1, NULL, sizeof *entry);
    return 0;
}
