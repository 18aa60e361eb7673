/* See hatrace_ebpf.h. The two skeletons have the same maps and programs under two names: each gets the same three
 * functions, and a handle says which it is. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hatrace_ebpf.h"
#include "hatrace_trace.lskel.h"
#include "hatrace_trace_before_6_16.lskel.h"

typedef struct Loaded {
    int before_6_16;
    void *skeleton;
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
        int result = name##__load(s);                                                                                  \
        if (result != 0) {                                                                                             \
            *error = error_of(result);                                                                                 \
            name##__destroy(s);                                                                                        \
            return NULL;                                                                                               \
        }                                                                                                              \
        maps->records = s->maps.records.map_fd;                                                                        \
        maps->processes = s->maps.processes.map_fd;                                                                    \
        maps->drops = s->maps.drops.map_fd;                                                                            \
        maps->traced_bits = s->maps.traced_bits.map_fd;                                                               \
        maps->plans = s->maps.plans.map_fd;                                                                            \
        maps->settings = s->maps.settings.map_fd;                                                                      \
        return s;                                                                                                      \
    }                                                                                                                  \
    static int32_t name##_attach(void *skeleton)                                                                       \
    {                                                                                                                  \
        int result = name##__attach(skeleton);                                                                         \
        return result < 0 ? error_of(result) : 0;                                                                      \
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
    loaded->skeleton = loaded->before_6_16 ? hatrace_trace_before_6_16_load(sizes, maps, error)
                                           : hatrace_trace_load(sizes, maps, error);
    if (!loaded->skeleton) {
        free(loaded);
        return NULL;
    }
    return loaded;
}

int32_t HatraceNative_EbpfAttach(void *handle)
{
    Loaded *loaded = handle;
    return loaded->before_6_16 ? hatrace_trace_before_6_16_attach(loaded->skeleton) : hatrace_trace_attach(loaded->skeleton);
}

void HatraceNative_EbpfDestroy(void *handle)
{
    Loaded *loaded = handle;
    if (!loaded)
        return;
    if (loaded->before_6_16)
        hatrace_trace_before_6_16_destroy(loaded->skeleton);
    else
        hatrace_trace_destroy(loaded->skeleton);
    free(loaded);
}
