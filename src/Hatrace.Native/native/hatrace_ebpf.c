/* See hatrace_ebpf.h. The two skeletons have the same maps and programs under two names: each gets the same three
 * functions, and a handle says which it is. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hatrace_ebpf.h"
#include "hatrace_trace.lskel.h"
#include "hatrace_trace_before_6_16.lskel.h"

typedef struct Loaded {
    int before_6_16;
    void *skeleton;
    int exit_link; /* on_syscall on sys_exit: the skeleton attaches it to sys_enter only */
} Loaded;

/* skel_internal.h's calls return -1 and set errno, or return -errno itself. */
static int error_of(int result)
{
    return result == -1 ? errno : -result;
}

#define SKELETON_FUNCTIONS(name)                                                                                       \
    static void *name##_load(const HatraceEbpfSizes *sizes, HatraceEbpfMaps *maps, int32_t *error)                     \
    {                                                                                                                  \
        struct name *s = name##__open();                                                                               \
        if (!s) {                                                                                                      \
            *error = ENOMEM;                                                                                           \
            return NULL;                                                                                               \
        }                                                                                                              \
        s->maps.records.max_entries = sizes->ring_bytes;                                                               \
        s->maps.scratches.max_entries = sizes->cpus;                                                                   \
        s->maps.traced_bits.max_entries = sizes->traced_words;                                                         \
        s->maps.attached_bits.max_entries = sizes->traced_words;                                                       \
        int result = name##__load(s);                                                                                  \
        if (result != 0) {                                                                                             \
            *error = error_of(result);                                                                                 \
            name##__destroy(s);                                                                                        \
            return NULL;                                                                                               \
        }                                                                                                              \
        maps->records = s->maps.records.map_fd;                                                                        \
        maps->drops = s->maps.drops.map_fd;                                                                            \
        maps->traced_bits = s->maps.traced_bits.map_fd;                                                                \
        maps->attached_bits = s->maps.attached_bits.map_fd;                                                            \
        maps->plans = s->maps.plans.map_fd;                                                                            \
        maps->settings = s->maps.settings.map_fd;                                                                      \
        return s;                                                                                                      \
    }                                                                                                                  \
    static int32_t name##_attach(void *skeleton, int *exit_link)                                                      \
    {                                                                                                                  \
        int result = name##__attach(skeleton);                                                                         \
        if (result < 0)                                                                                                \
            return error_of(result);                                                                                   \
        *exit_link = skel_raw_tracepoint_open("sys_exit", ((struct name *)skeleton)->progs.on_syscall.prog_fd);        \
        return *exit_link < 0 ? error_of(*exit_link) : 0;                                                              \
    }                                                                                                                  \
    static void name##_destroy(void *skeleton)                                                                         \
    {                                                                                                                  \
        name##__destroy(skeleton);                                                                                     \
    }

SKELETON_FUNCTIONS(hatrace_trace)
SKELETON_FUNCTIONS(hatrace_trace_before_6_16)

void *HatraceNative_EbpfLoad(const HatraceEbpfSizes *sizes, int32_t before_6_16, HatraceEbpfMaps *maps, int32_t *error)
{
    Loaded *loaded = malloc(sizeof(*loaded));
    if (!loaded) {
        *error = ENOMEM;
        return NULL;
    }
    loaded->before_6_16 = before_6_16 != 0;
    loaded->exit_link = -1;
    /* The verifier gives up with EAGAIN when a signal is pending for the thread (bpf(2)), and the light skeleton does
     * not try again, as libbpf's own loads do: the host's signals wait until the load is done, and a load that still
     * meets EAGAIN is tried again, as libbpf tries. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    for (int attempt = 0; attempt < 5; attempt++) {
        loaded->skeleton = loaded->before_6_16 ? hatrace_trace_before_6_16_load(sizes, maps, error)
                                               : hatrace_trace_load(sizes, maps, error);
        if (loaded->skeleton || *error != EAGAIN)
            break;
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (!loaded->skeleton) {
        free(loaded);
        return NULL;
    }
    return loaded;
}

int32_t HatraceNative_EbpfAttach(void *handle)
{
    Loaded *loaded = handle;
    return loaded->before_6_16 ? hatrace_trace_before_6_16_attach(loaded->skeleton, &loaded->exit_link)
                               : hatrace_trace_attach(loaded->skeleton, &loaded->exit_link);
}

void HatraceNative_EbpfDestroy(void *handle)
{
    Loaded *loaded = handle;
    if (!loaded)
        return;
    if (loaded->exit_link >= 0)
        close(loaded->exit_link);
    if (loaded->before_6_16)
        hatrace_trace_before_6_16_destroy(loaded->skeleton);
    else
        hatrace_trace_destroy(loaded->skeleton);
    free(loaded);
}

int32_t HatraceNative_EbpfMapCall(int32_t command, int32_t fd, const void *key, void *value, uint64_t flags)
{
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.map_fd = fd;
    attr.key = (uintptr_t)key;
    attr.value = (uintptr_t)value; /* next_key, for BPF_MAP_GET_NEXT_KEY */
    attr.flags = flags;
    return syscall(__NR_bpf, command, &attr, sizeof(attr)) == 0 ? 0 : errno;
}

/* The kernel's ring buffer as its reader sees it (linux/bpf.h): a page holding the position read up to, which the
 * reader writes; a page holding the position written up to; then the data, mapped once (a record that runs past its
 * end goes on at its start: copied in two parts). Each record: an 8-byte header (its length, with a busy and a discard
 * bit), then its bytes, rounded up to 8.
 *
 * The kernel maps every page of a mapping at once: mapping and unmapping the 16 MiB a trace has by default took some
 * 2 ms of every trace, and most traces write a fraction of it. So the data's first FIRST_WINDOW bytes are mapped at first, and the
 * whole of it only once the kernel program writes past them (until then it has not wrapped either). */
#define FIRST_WINDOW (1u << 20)

typedef struct Ring {
    uint64_t *consumer;
    const uint64_t *producer;
    const uint8_t *data;
    size_t page, size;
    size_t mapped; /* bytes of data mapped */
    int fd;
} Ring;

/* Maps the producer's page and the data's first mapped bytes. */
static const uint64_t *map_producer(const Ring *ring, size_t mapped)
{
    void *producer = mmap(NULL, ring->page + mapped, PROT_READ, MAP_SHARED, ring->fd, (off_t)ring->page);
    return producer == MAP_FAILED ? NULL : producer;
}

void *HatraceNative_EbpfRingOpen(int32_t fd, uint32_t size, int32_t *error)
{
    Ring *ring = calloc(1, sizeof(*ring));
    if (!ring) {
        *error = ENOMEM;
        return NULL;
    }
    ring->page = (size_t)sysconf(_SC_PAGESIZE);
    ring->size = size;
    ring->mapped = size < FIRST_WINDOW ? size : FIRST_WINDOW;
    ring->fd = fd;
    void *consumer = mmap(NULL, ring->page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const uint64_t *producer = consumer == MAP_FAILED ? NULL : map_producer(ring, ring->mapped);
    if (!producer) {
        *error = errno;
        if (consumer != MAP_FAILED)
            munmap(consumer, ring->page);
        free(ring);
        return NULL;
    }
    ring->consumer = consumer;
    ring->producer = producer;
    ring->data = (const uint8_t *)producer + ring->page;
    return ring;
}

/* Whether the data is mapped up to position written, mapping it whole if need be. */
static int map_up_to(Ring *ring, uint64_t written)
{
    if (written <= ring->mapped || ring->mapped == ring->size)
        return 1;
    const uint64_t *whole = map_producer(ring, ring->size);
    if (!whole)
        return 0;
    munmap((void *)ring->producer, ring->page + ring->mapped);
    ring->producer = whole;
    ring->data = (const uint8_t *)whole + ring->page;
    ring->mapped = ring->size;
    return 1;
}

int32_t HatraceNative_EbpfRingCopy(void *handle, uint8_t *buffer, int32_t capacity, int32_t *more)
{
    Ring *ring = handle;
    uint64_t mask = ring->size - 1;
    uint64_t read = __atomic_load_n(ring->consumer, __ATOMIC_ACQUIRE);
    uint64_t written = __atomic_load_n(ring->producer, __ATOMIC_ACQUIRE);
    int32_t copied = 0;
    *more = 0;
    if (!map_up_to(ring, written))
        return 0; /* read again at the next copy */
    while (read < written) {
        uint32_t header = __atomic_load_n((const uint32_t *)(ring->data + (read & mask)), __ATOMIC_ACQUIRE);
        if (header & BPF_RINGBUF_BUSY_BIT)
            break; /* still being written: it and what follows wait for the next copy */
        uint32_t length = header & ~(BPF_RINGBUF_BUSY_BIT | BPF_RINGBUF_DISCARD_BIT);
        if (!(header & BPF_RINGBUF_DISCARD_BIT)) {
            if (length > (uint32_t)(capacity - copied)) {
                *more = 1;
                break;
            }
            size_t at = (read + BPF_RINGBUF_HDR_SZ) & mask;
            size_t first = length < ring->size - at ? length : ring->size - at;
            memcpy(buffer + copied, ring->data + at, first);
            memcpy(buffer + copied + first, ring->data, length - first);
            copied += (int32_t)length;
        }
        read += (BPF_RINGBUF_HDR_SZ + length + 7) & ~7ULL;
        __atomic_store_n(ring->consumer, read, __ATOMIC_RELEASE);
        if (read >= written) {
            written = __atomic_load_n(ring->producer, __ATOMIC_ACQUIRE);
            if (ring->mapped < ring->size && written > ring->mapped)
                break; /* mapped whole at the next copy */
        }
    }
    return copied;
}

void HatraceNative_EbpfRingClose(void *handle)
{
    Ring *ring = handle;
    if (!ring)
        return;
    munmap(ring->consumer, ring->page);
    munmap((void *)ring->producer, ring->page + ring->mapped);
    free(ring);
}
