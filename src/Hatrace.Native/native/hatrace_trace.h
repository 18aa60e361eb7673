/* The records the eBPF backend's kernel program (hatrace_trace.bpf.c) writes into its ring buffer, and the tables
 * the tracer fills before it attaches. Shared by the BPF program and, mirrored field by field, by
 * Hatrace.Engine.Tracing.Ebpf.EbpfRecords: change both together.
 *
 * Every record starts with a record_header and is a multiple of 8 bytes long. A call's records (enter, exit,
 * unfinished) continue with a call_record and then call_record.chunk_count chunks: a chunk_header followed by its
 * bytes, padded to 8. A chunk is memory the call's arguments point to, read by the kernel at entry or at exit as the
 * call's capture plan says; the tracer's decoders read it as they read a live process's memory. */
#ifndef HATRACE_TRACE_H
#define HATRACE_TRACE_H

#include <linux/types.h>

enum hatrace_record_kind {
    HATRACE_RECORD_ENTER = 1,      /* a call entered; written only when its plan captures memory at entry */
    HATRACE_RECORD_EXIT = 2,       /* a call returned: its arguments, result and the memory captured at exit */
    HATRACE_RECORD_UNFINISHED = 3, /* the thread ended inside a call (exit_group, a fatal signal) */
    HATRACE_RECORD_FORK = 4,       /* a traced process started a process or a thread: fork_record */
    HATRACE_RECORD_EXEC = 5,       /* a traced process ran a program: exec_record, then the path and command line */
    HATRACE_RECORD_TASK_EXIT = 6,  /* a traced thread ended: task_exit_record */
    HATRACE_RECORD_SIGNAL = 7,     /* a signal was sent to a traced thread: its siginfo_t (128 bytes) follows */
};

struct hatrace_record_header {
    __u32 kind; /* enum hatrace_record_kind */
    __u32 size; /* of the whole record, this header included */
    __u64 time; /* CLOCK_MONOTONIC, in nanoseconds; 0 for call records without settings.call_times */
    __u32 pid;  /* the thread group id */
    __u32 tid;
};

struct hatrace_call_record {
    __s64 number;
    __s64 result;       /* the raw return value (negated errno on failure); 0 but in exit records */
    __u64 args[6];
    __u64 enter_time;   /* when the call entered, as record_header.time */
    __u64 stack_pointer; /* at entry */
    __u32 chunk_count;
    __u16 lost_entry;      /* exit records: 1 when the call's enter record could not be written (ring buffer full) */
    __u8 socket_family;    /* exit records of socket calls: args[0]'s socket's family (AF_NETLINK...), 0 if no socket */
    __u8 socket_protocol;  /* and its protocol (NETLINK_ROUTE...): what its messages are decoded by */
};

enum hatrace_chunk_status {
    HATRACE_CHUNK_WHOLE = 0, /* every byte the plan asked for */
    HATRACE_CHUNK_CUT = 1,   /* fewer: the record's size limit, or an unreadable page after the bytes given */
    HATRACE_CHUNK_FAULT = 2, /* none: the kernel could not read the address (not mapped, or not yet paged in) */
};

struct hatrace_chunk_header {
    __u64 address;
    __u32 length;   /* bytes that follow (before padding) */
    __u16 argument; /* which argument pointed to it */
    __u8 status;    /* enum hatrace_chunk_status */
    __u8 phase;     /* 0 entry, 1 exit */
};

struct hatrace_fork_record {
    __u32 parent_pid; /* the new process's parent's thread group (a new thread's own) */
    __u32 pad;
};

struct hatrace_exec_record {
    __u32 former_tid;      /* the thread that called execve, when it was not the leader */
    __u32 filename_length; /* bytes of the path that runs (a script's interpreter) that follow, then the command line's */
    __u32 cmdline_length;  /* NUL-separated arguments, as /proc/PID/cmdline */
    __u32 pad;
};

struct hatrace_task_exit_record {
    __s32 exit_code;  /* the wait status the process's parent gets, for group_dead */
    __u32 group_dead; /* 1 when this was the process's last thread */
};

/* Values of the drops map: what a thread group lost because the ring buffer was full. */
struct hatrace_drops {
    __u64 calls; /* calls missing from the trace (their exit or unfinished record) */
    __u64 other; /* other records: enter records (the call is reported without its entry memory), forks, execs, exits */
};

/* How the kernel program captures one argument's memory. */
enum hatrace_capture_kind {
    HATRACE_CAPTURE_NONE = 0,
    HATRACE_CAPTURE_STRING = 1,       /* a NUL-terminated string, at most size bytes */
    HATRACE_CAPTURE_FIXED = 2,        /* size bytes */
    HATRACE_CAPTURE_ARG_LENGTH = 3,   /* args[length_arg] << shift bytes, at most size */
    HATRACE_CAPTURE_RESULT_LENGTH = 4, /* at exit, the result << shift bytes when positive, at most size */
    HATRACE_CAPTURE_STRING_ARRAY = 5, /* a NULL-terminated array of string pointers, and each string (at most size bytes) */
    HATRACE_CAPTURE_IOVECS = 6,       /* args[length_arg] struct iovec, and each one's bytes (at most size in all);
                                       * shift 1: the call fills them (readv), so at entry only the iovecs */
    HATRACE_CAPTURE_STACK = 7,        /* size bytes at the stack pointer (rt_sigreturn's signal frame), whatever the argument */
    HATRACE_CAPTURE_MSGHDR = 8,       /* a struct user_msghdr, its name, control and iovecs' bytes (at most size in all);
                                       * shift 1: the call fills the iovecs (recvmsg), so at entry only the lengths */
    HATRACE_CAPTURE_IOCTL = 9,        /* size bytes, or as many as args[length_arg], an ioctl request, says its argument
                                       * has (_IOC_SIZE) when that is more */
    HATRACE_CAPTURE_MMSGHDR = 10,     /* args[length_arg] struct mmsghdr (at exit: as many as the result), each message as
                                       * HATRACE_CAPTURE_MSGHDR's, its bytes up to its msg_len at exit; shift 1 as there */
};

enum hatrace_capture_phase {
    HATRACE_AT_ENTRY = 1,
    HATRACE_AT_EXIT = 2, /* only when the call succeeded */
    HATRACE_AT_EXIT_FAILED = 4, /* at exit when the call failed too: what the kernel writes then (a sleep's time left) */
};

struct hatrace_arg_plan {
    __u8 kind;       /* enum hatrace_capture_kind */
    __u8 phases;     /* enum hatrace_capture_phase, or'ed */
    __u8 length_arg;
    __u8 shift;
    __u32 size;
};

struct hatrace_call_plan {
    __u32 traced;       /* 1: the call is reported */
    __u32 entry_record; /* 1: an enter record is written (memory to capture at entry) */
    __u32 socket;       /* 1: args[0] is a descriptor whose socket's family and protocol the exit record carries */
    __u32 exit_capture; /* memory to capture at exit, 1: when the call succeeded, 2: whatever its result (else the exit
                         * record is the call alone) */
    struct hatrace_arg_plan args[6];
};

struct hatrace_settings {
    __u32 follow_children; /* trace the processes the traced ones start */
    __u32 before_exec_pid; /* the program the tracer started, until its execve: only that call of it is reported */
    __u64 wakeup_bytes;    /* wake the reader when the ring buffer holds more than this */
    __u32 call_times;      /* read the clock at each call's entry and exit; else records' times are 0 (a clock read
                            * costs a call about what the rest of its record does) */
    __u32 pad;
};

/* How a thread group came to be traced: its bits in traced_bits and attached_bits. */
enum hatrace_process_state {
    HATRACE_PROCESS_STARTED = 1,  /* the tracer started it, or a process it started did: killed when the trace stops */
    HATRACE_PROCESS_ATTACHED = 3, /* attached, or started by an attached process: left running when the trace stops */
};

#define HATRACE_MAX_SYSCALL 512
#define HATRACE_MAX_RECORD 65536 /* a call record's largest size, its chunks included */
#define HATRACE_MAX_CHUNK 32768  /* one chunk's largest size */
#define HATRACE_MAX_STRINGS 64   /* strings captured of one string array */
#define HATRACE_MAX_IOVECS 16    /* iovecs captured of one array */
#define HATRACE_MAX_MESSAGES 16  /* messages captured of one struct mmsghdr array */

#endif
