// SPDX-License-Identifier: GPL-2.0
/* The eBPF backend's kernel half: on the raw syscall tracepoints it records the calls of the traced thread groups,
 * with the memory their arguments point to as each call's plan says (hatrace_trace.h), and follows the traced tree
 * through the fork, exec and exit tracepoints. Nothing here stops or changes a traced program.
 *
 * CO-RE: the few kernel structures read are declared here with only the fields used, and the kernel relocates each
 * access against its own BTF as it loads the program (hatrace_ebpf.c loads bpftool's light skeleton of it). A pointer
 * held in a kernel structure is read with BPF_CORE_READ, not followed with ->: the verifier looks up whether each
 * pointer it sees followed stays trusted by searching the kernel's BTF for a type by name, and on_exit took 8.3 ms to
 * verify with two of them, 0.5 ms without. GPL: the tracing helpers require it. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "hatrace_trace.h"

char LICENSE[] SEC("license") = "GPL";

/* x86-64's register frame, as ptrace's user_regs_struct shows it to every program: not relocated (each type relocated
 * costs a search of the kernel's BTF). */
struct pt_regs {
    unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};

struct signal_struct {
    struct { int counter; } live;
    int group_exit_code;
    unsigned int flags;
} __attribute__((preserve_access_index));

struct mm_struct {
    unsigned long arg_start, arg_end;
} __attribute__((preserve_access_index));

struct thread_info {
    unsigned long flags;
    unsigned long syscall_work;
    __u32 status;
} __attribute__((preserve_access_index));

struct sigpending {
    struct { unsigned long sig[1]; } signal;
} __attribute__((preserve_access_index));

struct task_struct {
    struct thread_info thread_info;
    int pid, tgid, exit_code;
    struct sigpending pending;
    struct task_struct *real_parent, *group_leader;
    struct signal_struct *signal;
    struct mm_struct *mm;
    struct files_struct *files;
} __attribute__((preserve_access_index));

struct inode {
    unsigned short i_mode;
} __attribute__((preserve_access_index));

struct file {
    struct inode *f_inode;
    void *private_data;
} __attribute__((preserve_access_index));

struct fdtable {
    unsigned int max_fds;
    struct file **fd;
} __attribute__((preserve_access_index));

struct files_struct {
    struct fdtable *fdt;
} __attribute__((preserve_access_index));

struct sock_common {
    unsigned short skc_family;
} __attribute__((preserve_access_index));

struct sock {
    struct sock_common __sk_common;
    __u16 sk_protocol;
} __attribute__((preserve_access_index));

struct socket {
    struct sock *sk;
} __attribute__((preserve_access_index));

struct linux_binprm {
    const char *filename;
    const char *interp; /* what runs: the interpreter of a script, else filename */
} __attribute__((preserve_access_index));

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define SIGNAL_GROUP_EXIT 0x00000004 /* linux/sched/signal.h: the group is exiting with group_exit_code */
#define TS_COMPAT 0x0002             /* asm/thread_info.h: a 32-bit syscall is in progress */

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 24); /* the tracer sets the size it was asked for */
} records SEC(".maps");

/* Allocated as entries are added: preallocated, this map took 0.5-0.75 ms of every start and 4 MB of the kernel's
 * memory for the few processes most traces have. */
struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 65536);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, __u32); /* thread group id */
    __type(value, struct hatrace_drops);
} drops SEC(".maps");

/* The traced thread groups, a bit per thread group id: every syscall of every process on the machine runs these
 * programs, and a bit costs it less than a hash lookup. attached_bits holds the bits of those that stay running when
 * the trace stops (HATRACE_PROCESS_ATTACHED). Bitmaps rather than a hash map of states: a hash map of 65536 took 0.5 ms
 * of every start for its buckets, held no more processes, and the tracer walked every bucket to list the few traced. */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1); /* the tracer sets pid_max / 64 */
    __uint(map_flags, BPF_F_MMAPABLE); /* the tracer sets its bits with atomic operations too */
    __type(key, __u32);
    __type(value, __u64);
} traced_bits SEC(".maps"), attached_bits SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, HATRACE_MAX_SYSCALL);
    __uint(map_flags, BPF_F_MMAPABLE); /* the tracer copies the plans in at once, not with a bpf(2) call each */
    __type(key, __u32);
    __type(value, struct hatrace_call_plan);
} plans SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct hatrace_settings);
} settings SEC(".maps");

/* The call a thread is in: its arguments, kept from entry for the exit record. */
struct active_call {
    __s64 number;
    __u64 args[6];
    __u64 enter_time;
    __u64 sp;
    __u32 active;
    __u32 lost_entry;
    __u32 retry;     /* arguments whose memory could not be read at entry (a page not yet faulted in): read at exit */
    __u32 pad;
    int ignored_signal[12]; /* the siginfo of an ignored signal the call sent its own thread (0: none): see on_signal_ignored */
};

struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct active_call);
} calls SEC(".maps");

/* Where a record with chunks is built before it is copied into the ring buffer: one per CPU (the tracer sets the count
 * to the possible CPUs; too large for a per-CPU map), taken with a flag because a program may be preempted by another
 * on the same CPU. */
#define SCRATCH_SIZE (HATRACE_MAX_RECORD + HATRACE_MAX_CHUNK + 64)
struct scratch {
    __u32 busy;
    __u32 chunks;      /* in the record being built */
    __u32 faults;      /* chunks that could not be read, of every record built here */
    __u8 data[SCRATCH_SIZE];
};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1); /* the tracer sets the number of possible CPUs */
    __type(key, __u32);
    __type(value, struct scratch);
} scratches SEC(".maps");

static __always_inline void count_drop(__u32 pid, int call)
{
    struct hatrace_drops *count = bpf_map_lookup_elem(&drops, &pid);
    if (!count) {
        struct hatrace_drops zero = {};
        bpf_map_update_elem(&drops, &pid, &zero, BPF_NOEXIST);
        count = bpf_map_lookup_elem(&drops, &pid);
        if (!count)
            return;
    }
    if (call)
        __sync_fetch_and_add(&count->calls, 1);
    else
        __sync_fetch_and_add(&count->other, 1);
}

static __always_inline __u64 *bit_word(void *bits, __u32 pid)
{
    __u32 index = pid >> 6;
    return bpf_map_lookup_elem(bits, &index);
}

static __always_inline int bit_of(void *bits, __u32 pid)
{
    __u64 *word = bit_word(bits, pid);
    return word && (*word & (1ULL << (pid & 63)));
}

static __always_inline int is_traced(__u32 pid)
{
    return bit_of(&traced_bits, pid);
}

/* enum hatrace_process_state of a thread group, 0 when it is not traced. */
static __always_inline __u32 traced_state(__u32 pid)
{
    return !is_traced(pid) ? 0 : bit_of(&attached_bits, pid) ? HATRACE_PROCESS_ATTACHED : HATRACE_PROCESS_STARTED;
}

static __always_inline void set_bit(void *bits, __u32 pid, int on)
{
    __u64 *word = bit_word(bits, pid);
    if (word && on)
        __sync_fetch_and_or(word, 1ULL << (pid & 63));
    else if (word)
        __sync_fetch_and_and(word, ~(1ULL << (pid & 63)));
}

static __always_inline struct hatrace_settings *get_settings(void)
{
    __u32 zero = 0;
    return bpf_map_lookup_elem(&settings, &zero);
}

/* Starts or stops tracing a thread group: its state first, so that whoever sees it traced sees its state. */
static __always_inline void set_traced(__u32 pid, __u32 state)
{
    set_bit(&attached_bits, pid, state == HATRACE_PROCESS_ATTACHED);
    set_bit(&traced_bits, pid, 1);
}

static __always_inline void clear_traced(__u32 pid)
{
    set_bit(&traced_bits, pid, 0);
    set_bit(&attached_bits, pid, 0);
}

/* Submits without waking the reader, which polls every few milliseconds, unless the buffer is filling (then the kernel
 * wakes it if it is waiting): a wakeup per record would cost more than the record. */
static __always_inline __u64 wakeup_flags(void)
{
    struct hatrace_settings *set = get_settings();
    return set && bpf_ringbuf_query(&records, BPF_RB_AVAIL_DATA) > set->wakeup_bytes ? 0 : BPF_RB_NO_WAKEUP;
}

static __always_inline __u64 call_time(void)
{
    struct hatrace_settings *set = get_settings();
    return set && set->call_times ? bpf_ktime_get_ns() : 0;
}

static __always_inline void fill_header(struct hatrace_record_header *h, __u32 kind, __u32 size, __u64 pid_tgid)
{
    h->kind = kind;
    h->size = size;
    h->time = kind <= HATRACE_RECORD_UNFINISHED ? call_time() : bpf_ktime_get_ns();
    h->pid = pid_tgid >> 32;
    h->tid = (__u32)pid_tgid;
}

#define CALL_OFFSET sizeof(struct hatrace_record_header)
#define CHUNKS_OFFSET (CALL_OFFSET + sizeof(struct hatrace_call_record))
#define ROUND8(n) (((n) + 7) & ~7U)

static __always_inline struct scratch *this_cpu_scratch(void)
{
    __u32 cpu = bpf_get_smp_processor_id();
    return bpf_map_lookup_elem(&scratches, &cpu);
}

#define CHUNK_STRING 0x1000000 /* add_chunk's how: the chunk is a NUL-terminated string */

/* Appends a chunk to this CPU's scratch record at off, and returns the offset after it (off when there was no room).
 * how: the argument (bits 0-7), the phase (bits 8-15), CHUNK_STRING. A global function, so that the verifier checks it
 * once rather than at every place the capture loops call it. */
__noinline int add_chunk(__u32 off, __u64 address, __u32 wanted, __u32 how)
{
    struct scratch *s = this_cpu_scratch();
    if (!s || off > HATRACE_MAX_RECORD - sizeof(struct hatrace_chunk_header) - 8)
        return off;
    __u32 room = HATRACE_MAX_RECORD - off - sizeof(struct hatrace_chunk_header) - 8;
    __u32 length = wanted;
    __u8 status = HATRACE_CHUNK_WHOLE;
    if (length > room) {
        length = room;
        status = HATRACE_CHUNK_CUT;
    }
    if (length > HATRACE_MAX_CHUNK) {
        length = HATRACE_MAX_CHUNK;
        status = HATRACE_CHUNK_CUT;
    }
    __u32 at = (off + sizeof(struct hatrace_chunk_header)) & (HATRACE_MAX_RECORD - 1);
    long read = 0;
    if (length > 0) {
        void *dst = &s->data[at];
        const void *src = (const void *)address;
        if (how & CHUNK_STRING) {
            read = bpf_probe_read_user_str(dst, length, src);
            /* A string that filled the room got a NUL in place of its next byte: that byte is unknown. */
            if (read > 0 && (__u32)read == length) {
                read--;
                status = HATRACE_CHUNK_CUT;
            }
        } else {
            read = bpf_probe_read_user(dst, length, src);
            if (read == 0)
                read = length;
            else {
                /* The bytes up to the end of the first page may still be there (the rest not mapped). */
                __u32 first = 4096 - (address & 4095);
                if (first < length && bpf_probe_read_user(dst, first & (HATRACE_MAX_CHUNK - 1), src) == 0) {
                    read = first;
                    status = HATRACE_CHUNK_CUT;
                }
            }
        }
        if (read < 0) {
            read = 0;
            status = HATRACE_CHUNK_FAULT;
        }
    }
    struct hatrace_chunk_header *h = (void *)&s->data[off & (HATRACE_MAX_RECORD - 1)];
    h->address = address;
    h->length = read;
    h->argument = how & 0xff;
    h->status = status;
    h->phase = (how >> 8) & 0xff;
    s->chunks++;
    if (status == HATRACE_CHUNK_FAULT)
        s->faults++;
    return off + sizeof(struct hatrace_chunk_header) + ROUND8((__u32)read);
}

static __always_inline __u64 read_user_word(__u64 address)
{
    __u64 word = 0;
    bpf_probe_read_user(&word, sizeof(word), (const void *)address);
    return word;
}

/* What the capture loops share. bpf_loop runs them: the verifier checks each callback once, where unrolled loops over
 * six arguments, their strings and iovecs would exceed its limit. */
struct capture {
    __u32 off;
    __u64 args[6];
    __s64 number;    /* the call's: its plan is looked up, not copied (48 bytes of a stack the verifier holds to 512) */
    __s64 result;
    __u64 sp;        /* the stack pointer at entry */
    __u8 phase;      /* 0 entry, 1 exit */
    __u8 want;       /* enum hatrace_capture_phase of this phase */
    __u32 retry;     /* at exit: arguments to read again, which could not be read at entry */
    __u32 faulted;   /* at entry: arguments that could not be read */
};

/* The items of one argument's array of strings, iovecs or messages, for a loop over them. */
struct items {
    __u32 off;
    __u32 how;       /* add_chunk's: the argument and the phase */
    __u64 address;   /* the array */
    __u64 count;     /* iovecs or messages in it */
    __u64 left;      /* bytes still to capture: of the iovecs; of each message's (but an array's at exit: its msg_len) */
    __u32 size;      /* a string's limit; the bytes captured of a message at most */
    __u32 stride;    /* messages: 64 in an array of struct mmsghdr, 0 for one struct user_msghdr */
};

static long capture_string(__u32 k, struct items *c)
{
    __u64 string = read_user_word(c->address + (__u64)k * 8);
    if (!string)
        return 1;
    c->off = add_chunk(c->off, string, c->size, CHUNK_STRING | c->how);
    return 0;
}

static long capture_iovec(__u32 k, struct items *c)
{
    if (k >= c->count || c->left == 0)
        return 1;
    __u64 at = c->address + (__u64)k * 16;
    __u64 base = read_user_word(at), size = read_user_word(at + 8);
    if (size > c->left)
        size = c->left;
    c->left -= size;
    c->off = add_chunk(c->off, base, size, c->how);
    return 0;
}

/* An array of count iovecs at address, and left bytes of theirs at most; how: add_chunk's. Returns the offset after
 * them. Global, so that the verifier checks it once rather than at each place iovecs are captured. */
__noinline int capture_iovecs(__u32 off, __u32 how, __u64 address, __u64 count, __u64 left)
{
    struct items vectors = {
        .off = off,
        .how = how,
        .address = address,
        .count = count > HATRACE_MAX_IOVECS ? HATRACE_MAX_IOVECS : count,
        .left = left,
    };
    vectors.off = add_chunk(off, address, vectors.count * 16, how);
    bpf_loop(HATRACE_MAX_IOVECS, capture_iovec, &vectors, 0);
    return vectors.off;
}

/* A struct user_msghdr at address (msg_name, msg_namelen, msg_iov, msg_iovlen, msg_control, msg_controllen,
 * msg_flags), its name and its control data; read a word at a time, which keeps the stack within the verifier's 512
 * bytes. Returns the offset after them. Global, so that the verifier checks it once. */
__noinline int capture_message_header(__u32 off, __u32 how, __u64 address)
{
    off = add_chunk(off, address, 7 * 8, how);
    __u64 name = read_user_word(address), control = read_user_word(address + 32);
    __u32 name_length = (__u32)read_user_word(address + 8), control_length = read_user_word(address + 40);
    if (name && name_length)
        off = add_chunk(off, name, name_length > 128 ? 128 : name_length, how);
    if (control && control_length)
        off = add_chunk(off, control, control_length > 1024 ? 1024 : control_length, how);
    return off;
}

/* The k-th message of messages: in an array of struct mmsghdr (a struct user_msghdr and msg_len), at exit the bytes
 * its msg_len says were transferred. */
static long capture_messages(__u32 k, struct items *messages)
{
    if (k >= messages->count)
        return 1;
    __u64 at = messages->address + (__u64)k * messages->stride;
    __u64 left = messages->stride && (messages->how >> 8) == 1 ? (__u32)read_user_word(at + 56) : messages->left;
    /* Its iovecs are captured here rather than by capture_message_header: one call deeper, an array of messages would
     * make the calls nine deep, one more than the verifier allows. */
    __u32 off = capture_message_header(messages->off, messages->how, at);
    messages->off = capture_iovecs(off, messages->how, read_user_word(at + 16), read_user_word(at + 24),
                                   left < messages->size ? left : messages->size);
    return 0;
}

static __always_inline const struct hatrace_call_plan *plan_of(__s64 number)
{
    if (number < 0 || number >= HATRACE_MAX_SYSCALL)
        return 0;
    __u32 key = number;
    return bpf_map_lookup_elem(&plans, &key);
}

/* The bytes of a call's buffers to capture: at exit what the call transferred (its result), at entry what entry allows
 * (all for writes, none for calls that fill them). */
static __always_inline __u64 transferred(const struct capture *c, __u64 entry)
{
    return c->phase == 1 ? (c->result > 0 ? c->result : 0) : entry;
}

/* Captures what argument i's plan asks for at this phase. Global, so that the verifier checks it once, not once per
 * argument and phase. */
__noinline long capture_argument(__u32 i, struct capture *c)
{
    if (!c || i >= 6)
        return 1;
    const struct hatrace_call_plan *call_plan = plan_of(c->number);
    if (!call_plan)
        return 1;
    struct hatrace_arg_plan plan = call_plan->args[i];
    __u64 address = plan.kind == HATRACE_CAPTURE_STACK ? c->sp : c->args[i];
    int planned = (plan.phases & c->want) && (c->phase == 0 || c->result >= 0 || (plan.phases & HATRACE_AT_EXIT_FAILED));
    int retried = c->retry & (1U << i);
    if (plan.kind == HATRACE_CAPTURE_NONE || !address || !(planned || retried))
        return 0;
    /* At entry only: what could not be read then is read again at exit. */
    struct scratch *s = c->phase == 0 ? this_cpu_scratch() : 0;
    __u32 faults = s ? s->faults : 0;
    __u64 length = plan.size;
    switch (plan.kind) {
    case HATRACE_CAPTURE_STRING:
        c->off = add_chunk(c->off, address, plan.size, CHUNK_STRING | c->phase << 8 | i);
        break;
    case HATRACE_CAPTURE_FIXED:
    case HATRACE_CAPTURE_STACK:
        c->off = add_chunk(c->off, address, plan.size, c->phase << 8 | i);
        break;
    case HATRACE_CAPTURE_ARG_LENGTH:
        length = c->args[plan.length_arg < 6 ? plan.length_arg : 0] << (plan.shift & 7);
        if (length > plan.size)
            length = plan.size;
        c->off = add_chunk(c->off, address, length, c->phase << 8 | i);
        break;
    case HATRACE_CAPTURE_IOCTL:
        length = (c->args[plan.length_arg < 6 ? plan.length_arg : 0] >> 16) & 0x3fff; /* _IOC_SIZE */
        if (length < plan.size)
            length = plan.size;
        c->off = add_chunk(c->off, address, length, c->phase << 8 | i);
        break;
    case HATRACE_CAPTURE_RESULT_LENGTH:
        if (c->result <= 0)
            break;
        length = (__u64)c->result << (plan.shift & 7);
        if (length > plan.size)
            length = plan.size;
        c->off = add_chunk(c->off, address, length, c->phase << 8 | i);
        break;
    case HATRACE_CAPTURE_STRING_ARRAY:
        c->off = add_chunk(c->off, address, HATRACE_MAX_STRINGS * 8, c->phase << 8 | i);
        struct items strings = { .off = c->off, .how = c->phase << 8 | i, .address = address, .size = plan.size };
        bpf_loop(HATRACE_MAX_STRINGS, capture_string, &strings, 0);
        c->off = strings.off;
        break;
    case HATRACE_CAPTURE_MSGHDR:
    case HATRACE_CAPTURE_MMSGHDR: {
        if (!planned)
            break;
        struct items messages = {
            .off = c->off,
            .how = c->phase << 8 | i,
            .address = address,
            .count = 1,
            .left = transferred(c, plan.shift ? 0 : ~0ULL),
            .size = plan.size,
        };
        if (plan.kind == HATRACE_CAPTURE_MMSGHDR) {
            __u64 count = c->phase == 1 ? c->result : c->args[plan.length_arg < 6 ? plan.length_arg : 0];
            messages.count = count > HATRACE_MAX_MESSAGES ? HATRACE_MAX_MESSAGES : count;
            messages.stride = 64;
            messages.left = plan.shift ? 0 : ~0ULL;
            messages.off = add_chunk(c->off, address, messages.count * 64, messages.how);
        }
        bpf_loop(HATRACE_MAX_MESSAGES, capture_messages, &messages, 0);
        c->off = messages.off;
        break;
    }
    case HATRACE_CAPTURE_IOVECS: {
        if (!planned && !retried)
            break;
        __u64 left = transferred(c, plan.shift ? 0 : ~0ULL);
        c->off = capture_iovecs(c->off, c->phase << 8 | i, address, c->args[plan.length_arg < 6 ? plan.length_arg : 0],
                                left < plan.size ? left : plan.size);
        break;
    }
    }
    /* Memory the call itself may fault in, read again at exit (but an execve's strings: the exit is in another
     * program's memory). */
    if (c->phase == 0 && s && s->faults != faults && (plan.kind <= HATRACE_CAPTURE_ARG_LENGTH || plan.kind == HATRACE_CAPTURE_IOVECS))
        c->faulted |= 1U << i;
    return 0;
}

/* The family (bits 0-7) and protocol (bits 8-15) of the socket descriptor fd of the current task, as the tracer's
 * decoders would ask /proc and sock_diag for them if the task were still there when they run; 0 for anything but a
 * socket. Global, so that the verifier checks it, and the kernel relocates its reads, once rather than at each place
 * a call's record is filled. */
__noinline int socket_of(__u64 fd)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
    if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
        return 0;
    struct file **fds = BPF_CORE_READ(fdt, fd);
    struct file *file = 0;
    bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]);
    if (!file || (BPF_CORE_READ(file, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
        return 0;
    struct socket *socket = BPF_CORE_READ(file, private_data);
    struct sock *sk = BPF_CORE_READ(socket, sk);
    return BPF_CORE_READ(sk, __sk_common.skc_family) | BPF_CORE_READ(sk, sk_protocol) << 8;
}

static long capture_arguments(__u32 i, struct capture *c)
{
    return capture_argument(i, c) ? 1 : 0;
}

static __always_inline struct scratch *take_scratch(void)
{
    struct scratch *s = this_cpu_scratch();
    if (!s || __sync_fetch_and_add(&s->busy, 1) != 0) {
        if (s)
            __sync_fetch_and_sub(&s->busy, 1);
        return 0;
    }
    return s;
}

static __always_inline void release_scratch(struct scratch *s)
{
    __sync_fetch_and_sub(&s->busy, 1);
}

/* Writes a call's record with the memory its plan captures at this phase; returns 0 when it was written. */
static __always_inline void fill_call(struct hatrace_call_record *r, const struct active_call *call, __s64 result,
                                      const struct hatrace_call_plan *plan, __u8 phase, __u32 chunks)
{
    r->number = call->number;
    r->result = result;
    __builtin_memcpy(r->args, call->args, sizeof(r->args));
    r->enter_time = call->enter_time;
    r->stack_pointer = call->sp;
    r->chunk_count = chunks;
    r->lost_entry = call->lost_entry;
    int socket = plan && plan->socket && phase == 1 ? socket_of(call->args[0]) : 0;
    r->socket_family = socket;
    r->socket_protocol = socket >> 8;
}

/* Writes a call's record without memory; returns 0 when it was written. */
static __always_inline int write_bare_call(__u32 kind, __u64 pid_tgid, const struct active_call *call, __s64 result,
                                           const struct hatrace_call_plan *plan, __u8 phase)
{
    struct {
        struct hatrace_record_header h;
        struct hatrace_call_record c;
    } *r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);
    if (!r)
        return -1;
    fill_header(&r->h, kind, sizeof(*r), pid_tgid);
    fill_call(&r->c, call, result, plan, phase, 0);
    bpf_ringbuf_submit(r, wakeup_flags());
    return 0;
}

/* Writes a call's enter record (phase 0) or exit record (phase 1) with the memory its plan captures then; returns 0 when
 * it was written. A record whose memory cannot be built (this CPU's scratch taken by a preempted program) is written
 * without it. Global, so that the verifier checks it once rather than at each place on_syscall writes a call (1 ms of
 * every start). */
__noinline int write_call(__u64 pid_tgid, struct active_call *call, __s64 result, const struct hatrace_call_plan *plan,
                          __u32 phase)
{
    if (!call)
        return -1;
    __u32 kind = phase == 0 ? HATRACE_RECORD_ENTER : HATRACE_RECORD_EXIT;
    struct scratch *s = 0;
    if (plan && (phase == 1 ? (plan->exit_capture && (result >= 0 || plan->exit_capture == 2)) || call->retry : plan->entry_record))
        s = take_scratch();
    if (!s)
        return write_bare_call(kind, pid_tgid, call, result, plan, phase);
    s->chunks = 0;
    struct capture c = {
        .off = CHUNKS_OFFSET,
        .number = call->number,
        .result = result,
        .phase = phase,
        .want = phase == 0 ? HATRACE_AT_ENTRY : HATRACE_AT_EXIT,
        .retry = phase == 0 ? 0 : call->retry,
        .sp = call->sp,
    };
    __builtin_memcpy(c.args, call->args, sizeof(c.args));
    bpf_loop(6, capture_arguments, &c, 0);
    __u32 off = c.off & (HATRACE_MAX_RECORD - 1);
    if (phase == 0)
        call->retry = c.faulted;
    fill_header((void *)s->data, kind, off, pid_tgid);
    fill_call((void *)&s->data[CALL_OFFSET], call, result, plan, phase, s->chunks);
    long failed = bpf_ringbuf_output(&records, s->data, off & (HATRACE_MAX_RECORD - 1), wakeup_flags());
    release_scratch(s);
    return failed ? -1 : 0;
}

#define NR_CLONE 56
#define NR_FORK 57
#define NR_VFORK 58
#define NR_EXECVE 59
#define NR_EXECVEAT 322
#define NR_CLONE3 435

/* Takes the call a thread makes into call, as its registers hold it. */
static __always_inline void take_call(struct active_call *call, __s64 number, const struct pt_regs *regs)
{
    call->number = number;
    call->args[0] = regs->di;
    call->args[1] = regs->si;
    call->args[2] = regs->dx;
    call->args[3] = regs->r10;
    call->args[4] = regs->r8;
    call->args[5] = regs->r9;
    call->sp = regs->sp;
    call->enter_time = call_time();
    call->lost_entry = 0;
}

static __always_inline void call_entered(struct task_struct *task, struct active_call *call, struct pt_regs *regs,
                                         long id, __u64 pid_tgid)
{
    __u32 pid = pid_tgid >> 32;
    if (task->thread_info.status & TS_COMPAT)
        return; /* i386 calls: not decoded by this backend */
    struct hatrace_settings *set = get_settings();
    if (set && set->before_exec_pid == pid && id != NR_EXECVE && id != NR_EXECVEAT)
        return;
    const struct hatrace_call_plan *plan = plan_of(id);
    if (plan && !plan->traced)
        return;
    take_call(call, id, regs);
    call->active = 1;
    call->retry = 0;
    if (plan && plan->entry_record && write_call(pid_tgid, call, 0, plan, 0) != 0) {
        call->lost_entry = 1;
        count_drop(pid, 0);
    }
}

/* A call that returns without having entered: one a seccomp filter answered (its entry tracepoint comes after seccomp,
 * which skipped the call), or one the thread was inside when the trace began. What its registers still hold is all
 * there is, taken into call; its inputs are read now. Returns whether it is recorded: a new thread's or process's return
 * from the call that made it is none (its parent's call is the one, as ptrace and strace show it). */
static __always_inline int call_answered(struct task_struct *task, struct active_call *call, struct pt_regs *regs,
                                         long ret, __u64 pid_tgid)
{
    if (task->thread_info.status & TS_COMPAT)
        return 0;
    __s64 number = regs->orig_ax;
    if (ret == 0 && (number == NR_CLONE || number == NR_FORK || number == NR_VFORK || number == NR_CLONE3))
        return 0;
    struct hatrace_settings *set = get_settings();
    const struct hatrace_call_plan *plan = plan_of(number);
    if ((set && set->before_exec_pid == pid_tgid >> 32) || (plan && !plan->traced))
        return 0;
    take_call(call, number, regs);
    call->retry = 0x3f;
    return 1;
}

#define TRACE_SIGNAL_IGNORED 1 /* include/trace/events/signal.h: discarded when sent, its action being to ignore it */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SIGKILL 9

/* The first 48 bytes of a siginfo (sizeof(kernel_siginfo_t)) as the thread takes the signal. */
static __always_inline void read_siginfo(int *to, int sig, void *info)
{
    /* SEND_SIG_NOINFO (0) and SEND_SIG_PRIV (1) stand for a siginfo the kernel makes at delivery. */
    if ((unsigned long)info > 1)
        bpf_probe_read_kernel(to, 48, info);
    else {
        to[0] = sig;
        to[2] = info ? SI_KERNEL : SI_USER;
        if (!info) {
            to[4] = bpf_get_current_pid_tgid() >> 32;
            to[5] = (__u32)bpf_get_current_uid_gid();
        }
    }
}

/* A signal as ptrace reports it to a tracer. */
static __always_inline void write_signal(struct task_struct *task, int sig, void *info)
{
    __u32 pid = BPF_CORE_READ(task, tgid);
    struct {
        struct hatrace_record_header h;
        int info[32];
    } *r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);
    if (!r) {
        count_drop(pid, 0);
        return;
    }
    __builtin_memset(r->info, 0, sizeof(r->info));
    read_siginfo(r->info, sig, info);
    fill_header(&r->h, HATRACE_RECORD_SIGNAL, sizeof(*r), ((__u64)pid << 32) | (__u32)BPF_CORE_READ(task, pid));
    bpf_ringbuf_submit(r, wakeup_flags());
}

/* Whether the thread has SIGKILL pending, which it dies of before it runs again: a group's end, or a kill. ptrace
 * reports no return from the call it is in (the thread ends inside it, as task_exit records it). */
static __always_inline int killed(struct task_struct *task)
{
    return (BPF_CORE_READ(task, pending.signal.sig[0]) & (1UL << (SIGKILL - 1))) != 0;
}

/* One program on both syscall tracepoints, sys_enter and (attached by hatrace_ebpf.c) sys_exit: the verifier checks
 * the capture code once, where a program for each took 1.5 ms more of every start. A raw tracepoint program, since a
 * tp_btf one is bound to one tracepoint; the tracepoint's value is the call's number at entry, its result at exit.
 * A thread in a call it entered is at that call's exit. Otherwise the registers tell: at entry ax holds -ENOSYS
 * (x86-64's entry code puts it there), at exit the result. Only then are they looked up: the helper costs each call
 * about 10 ns. */
SEC("raw_tp/sys_enter")
int on_syscall(struct bpf_raw_tracepoint_args *ctx)
{
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    if (!is_traced(pid_tgid >> 32))
        return 0;
    struct task_struct *task = bpf_get_current_task_btf();
    long value = ctx->args[1];
    struct active_call *call = bpf_task_storage_get(&calls, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (!call || !call->active) {
        struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
        int exit = value == (long)regs->ax;
        if (!call) {
            if (exit)
                count_drop(pid_tgid >> 32, 1); /* no room for the thread's call, even for a while */
            return 0;
        }
        if (!exit) {
            call_entered(task, call, regs, value, pid_tgid);
            return 0;
        }
        if (!call_answered(task, call, regs, value, pid_tgid))
            return 0;
    }
    if (killed(task))
        return 0;
    call->active = 0;
    if (write_call(pid_tgid, call, value, plan_of(call->number), 1) != 0)
        count_drop(pid_tgid >> 32, 1);
    if (call->ignored_signal[0]) {
        write_signal(task, call->ignored_signal[0], call->ignored_signal);
        call->ignored_signal[0] = 0;
    }
    return 0;
}

/* The process tracepoints but sched_process_exit (whose arguments differ from one kernel to another: see on_exit) are
 * raw tracepoint programs, attached by name: a tp_btf program's tracepoint is looked up in the kernel's BTF, by a
 * linear search of its names, as the program loads (0.1 ms each). Their arguments are read with BPF_CORE_READ. */
SEC("raw_tp/sched_process_fork")
int on_fork(struct bpf_raw_tracepoint_args *ctx)
{
    struct task_struct *parent = (void *)ctx->args[0], *child = (void *)ctx->args[1];
    __u32 parent_pid = BPF_CORE_READ(parent, tgid);
    __u32 state = traced_state(parent_pid);
    struct hatrace_settings *set = get_settings();
    if (!state || !set || !set->follow_children || set->before_exec_pid == parent_pid)
        return 0;
    __u32 child_pid = BPF_CORE_READ(child, tgid), child_tid = BPF_CORE_READ(child, pid);
    if (child_tid == child_pid)
        set_traced(child_pid, state); /* a thread is traced with its process */
    struct {
        struct hatrace_record_header h;
        struct hatrace_fork_record f;
    } *r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);
    if (!r) {
        count_drop(child_pid, 0);
        return 0;
    }
    fill_header(&r->h, HATRACE_RECORD_FORK, sizeof(*r), ((__u64)child_pid << 32) | child_tid);
    r->f.parent_pid = BPF_CORE_READ(child, real_parent, tgid);
    r->f.pad = 0;
    bpf_ringbuf_submit(r, wakeup_flags());
    return 0;
}

SEC("raw_tp/sched_process_exec")
int on_exec(struct bpf_raw_tracepoint_args *ctx)
{
    struct task_struct *task = (void *)ctx->args[0];
    int old_pid = ctx->args[1];
    struct linux_binprm *bprm = (void *)ctx->args[2];
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    __u32 pid = pid_tgid >> 32;
    if (!is_traced(pid))
        return 0;
    struct hatrace_settings *set = get_settings();
    if (set && set->before_exec_pid == pid)
        set->before_exec_pid = 0;
    struct scratch *s = take_scratch();
    if (!s) {
        count_drop(pid, 0);
        return 0;
    }
    __u32 off = sizeof(struct hatrace_record_header) + sizeof(struct hatrace_exec_record);
    long name = bpf_probe_read_kernel_str(&s->data[off], 4096, BPF_CORE_READ(bprm, interp));
    if (name < 0)
        name = 0;
    __u32 name_length = name;
    off += name_length;
    unsigned long start = BPF_CORE_READ(task, mm, arg_start), end = BPF_CORE_READ(task, mm, arg_end);
    __u32 line_length = end > start ? end - start : 0;
    if (line_length > 4096)
        line_length = 4096;
    if (bpf_probe_read_user(&s->data[off & 8191], line_length & 8191, (const void *)start) != 0)
        line_length = 0;
    off += line_length;
    struct hatrace_record_header *h = (void *)s->data;
    struct hatrace_exec_record *e = (void *)&s->data[sizeof(*h)];
    e->former_tid = old_pid;
    e->filename_length = name_length;
    e->cmdline_length = line_length;
    e->pad = 0;
    off = ROUND8(off);
    fill_header(h, HATRACE_RECORD_EXEC, off, pid_tgid);
    if (bpf_ringbuf_output(&records, s->data, off & 16383, wakeup_flags()) != 0)
        count_drop(pid, 0);
    release_scratch(s);
    return 0;
}

/* A traced thread's end. group_dead: it was its process's last thread. */
static __always_inline void task_exit(struct task_struct *task, __u32 group_dead)
{
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    __u32 pid = pid_tgid >> 32;
    if (!is_traced(pid))
        return;
    struct active_call *call = bpf_task_storage_get(&calls, task, 0, 0);
    if (call && call->active) {
        call->active = 0;
        if (write_bare_call(HATRACE_RECORD_UNFINISHED, pid_tgid, call, 0, 0, 1) != 0)
            count_drop(pid, 1);
    }
    struct signal_struct *signal = BPF_CORE_READ(task, signal);
    struct {
        struct hatrace_record_header h;
        struct hatrace_task_exit_record x;
    } *r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);
    if (r) {
        fill_header(&r->h, HATRACE_RECORD_TASK_EXIT, sizeof(*r), pid_tgid);
        /* The process's status is what its parent's wait gets: the group's exit code, else its leader's. */
        r->x.exit_code = !group_dead ? task->exit_code
            : (BPF_CORE_READ(signal, flags) & SIGNAL_GROUP_EXIT) ? BPF_CORE_READ(signal, group_exit_code)
            : BPF_CORE_READ(task, group_leader, exit_code);
        r->x.group_dead = group_dead;
        /* A process's end wakes the reader: the trace may be waiting for it to end (a poll's 10 ms, at every end). */
        bpf_ringbuf_submit(r, group_dead ? BPF_RB_FORCE_WAKEUP : wakeup_flags());
    } else
        count_drop(pid, 0);
    if (group_dead)
        clear_traced(pid);
}

/* Linux 6.16 and later pass group_dead; before, the thread that sees no thread left alive is taken for the last (two
 * threads exiting at once can both see none: the tracer keeps one end per process). The build makes a program of each
 * (HATRACE_BEFORE_6_16), and the tracer loads the one the kernel takes. */
SEC("tp_btf/sched_process_exit")
#ifndef HATRACE_BEFORE_6_16
int BPF_PROG(on_exit, struct task_struct *task, _Bool group_dead)
{
    task_exit(task, group_dead);
    return 0;
}
#else
int BPF_PROG(on_exit, struct task_struct *task)
{
    task_exit(task, BPF_CORE_READ(task, signal, live.counter) == 0);
    return 0;
}
#endif

/* A signal a traced thread takes to act on it, where ptrace stops the thread for its tracer: not one that sigwaitinfo
 * or a signalfd takes, nor SIGKILL, which ptrace never reports. */
SEC("raw_tp/signal_deliver")
int on_signal_delivered(struct bpf_raw_tracepoint_args *ctx)
{
    int sig = ctx->args[0];
    struct task_struct *task = bpf_get_current_task_btf();
    if (sig != SIGKILL && is_traced(BPF_CORE_READ(task, tgid)))
        write_signal(task, sig, (void *)ctx->args[1]);
    return 0;
}

/* A signal the kernel discards as it is sent, its action being to ignore it: ptrace keeps a traced thread's ignored
 * signals and reports them (strace prints a SIGCHLD nobody handles), so it is reported as sent; or, sent by a call to
 * the thread making it, as that call returns, where ptrace reports it (on_syscall). */
SEC("raw_tp/signal_generate")
int on_signal_ignored(struct bpf_raw_tracepoint_args *ctx)
{
    struct task_struct *task = (void *)ctx->args[2];
    if (ctx->args[4] != TRACE_SIGNAL_IGNORED || !is_traced(BPF_CORE_READ(task, tgid)))
        return 0;
    int own = BPF_CORE_READ(task, pid) == (__u32)bpf_get_current_pid_tgid();
    struct active_call *call = own ? bpf_task_storage_get(&calls, bpf_get_current_task_btf(), 0, 0) : 0;
    if (call && call->active && !call->ignored_signal[0])
        read_siginfo(call->ignored_signal, ctx->args[0], (void *)ctx->args[1]);
    else
        write_signal(task, ctx->args[0], (void *)ctx->args[1]);
    return 0;
}
