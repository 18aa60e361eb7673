/* Loading the eBPF backend's kernel program (hatrace_trace.bpf.c). The build turns it into bpftool's light skeletons,
 * whose loading runs in the kernel: the kernel relocates the program against its own BTF (CO-RE), where libbpf read
 * and parsed all 5.5 MB of that BTF and searched it once per kernel type in this process, at every start (12 ms of
 * 25). Two skeletons: one for Linux 6.16 and later, one for the kernels before (their sched_process_exit differs).
 * Every export is prefixed HatraceNative_ and uses fixed-width types only. */
#ifndef HATRACE_EBPF_H
#define HATRACE_EBPF_H

#include <stdint.h>

/* The sizes the tracer chooses at start: each map's max_entries. */
typedef struct HatraceEbpfSizes {
    uint32_t ring_bytes;   /* records: the ring buffer, a power of two of at least a page */
    uint32_t cpus;         /* scratches: one per possible CPU */
    uint32_t traced_words; /* traced_bits: pid_max / 64, rounded up */
} HatraceEbpfSizes;

/* The maps the tracer reads and writes, by descriptor. */
typedef struct HatraceEbpfMaps {
    int32_t records, processes, drops, traced_bits, plans, settings;
} HatraceEbpfMaps;

/* Loads the program sized as asked, not attached yet: for kernels before 6.16 when before_6_16 is non-zero. Returns
 * its handle and fills maps, or returns NULL with *error set to the errno of the step that failed. */
void *HatraceNative_EbpfLoad(const HatraceEbpfSizes *sizes, int32_t before_6_16, HatraceEbpfMaps *maps, int32_t *error);

/* Attaches every program of a loaded handle: 0, or the errno of the one that failed. */
int32_t HatraceNative_EbpfAttach(void *handle);

/* Detaches and frees everything of a handle (NULL does nothing). */
void HatraceNative_EbpfDestroy(void *handle);

#endif
