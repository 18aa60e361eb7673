/* The eBPF backend's kernel program (hatrace_trace.bpf.c): loading it, its maps and reading its ring buffer, with
 * bpf(2) alone. The build turns the program into bpftool's light skeletons, whose loading runs in the kernel: the
 * kernel relocates the program against its own BTF (CO-RE), where libbpf read and parsed all 5.5 MB of that BTF and
 * searched it once per kernel type in this process, at every start (12 ms of 25). Two skeletons: one for Linux 6.16
 * and later, one for the kernels before (their sched_process_exit differs). Every export is prefixed HatraceNative_
 * and uses fixed-width types only. */
#ifndef HATRACE_EBPF_H
#define HATRACE_EBPF_H

#include <stdint.h>

/* The sizes the tracer chooses at start: each map's max_entries. */
typedef struct HatraceEbpfSizes {
    uint32_t ring_bytes;   /* records: the ring buffer, a power of two of at least a page */
    uint32_t cpus;         /* scratches: one per possible CPU */
    uint32_t traced_words; /* traced_bits and attached_bits: pid_max / 64, rounded up */
} HatraceEbpfSizes;

/* The maps the tracer reads and writes, by descriptor. */
typedef struct HatraceEbpfMaps {
    int32_t records, drops, traced_bits, attached_bits, plans, settings;
} HatraceEbpfMaps;

/* Loads the program sized as asked, not attached yet: for kernels before 6.16 when before_6_16 is non-zero. Returns
 * its handle and fills maps, or returns NULL with *error set to the errno of the step that failed. */
void *HatraceNative_EbpfLoad(const HatraceEbpfSizes *sizes, int32_t before_6_16, HatraceEbpfMaps *maps, int32_t *error);

/* Attaches every program of a loaded handle: 0, or the errno of the one that failed. */
int32_t HatraceNative_EbpfAttach(void *handle);

/* Detaches and frees everything of a handle (NULL does nothing). */
void HatraceNative_EbpfDestroy(void *handle);

/* bpf(2)'s map commands on element key of map fd: BPF_MAP_LOOKUP_ELEM (1) and BPF_MAP_GET_NEXT_KEY (4) fill value,
 * BPF_MAP_UPDATE_ELEM (2) stores it with flags, BPF_MAP_DELETE_ELEM (3) takes none. 0, or the errno. */
int32_t HatraceNative_EbpfMapCall(int32_t command, int32_t fd, const void *key, void *value, uint64_t flags);

/* The ring buffer map fd of size bytes, mapped for reading; NULL with *error set when it cannot be. */
void *HatraceNative_EbpfRingOpen(int32_t fd, uint32_t size, int32_t *error);

/* Copies the records waiting in the ring, each as the kernel program wrote it, one after the other into buffer while
 * they fit in capacity bytes, and gives their room back to the kernel. Returns the bytes copied; *more is non-zero when
 * a record waits that did not fit. */
int32_t HatraceNative_EbpfRingCopy(void *ring, uint8_t *buffer, int32_t capacity, int32_t *more);

/* Unmaps a ring (NULL does nothing). */
void HatraceNative_EbpfRingClose(void *ring);

#endif
