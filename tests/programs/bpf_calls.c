/* bpf commands with descriptors that -y describes (a real array map, made as root, and /dev/null where the kernel
 * refuses an object of the wrong kind; no descriptor field is 0, which the test's two runs may not share), and the
 * commands beyond the map and program basics, each refused or changing nothing but the map's one element. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "answered.h"

int main(void)
{
    union bpf_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.map_type = BPF_MAP_TYPE_ARRAY;
    attr.key_size = 4;
    attr.value_size = 8;
    attr.max_entries = 2;
    int map = syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr); /* as root: a map, fd 3 */
    int null = open("/dev/null", O_RDONLY);
    write(-1, "bpf", 3);
    int key = 1, next = 0;
    long value = 7;
    memset(&attr, 0, sizeof attr);
    attr.map_fd = map;
    attr.key = (unsigned long)&key;
    attr.value = (unsigned long)&value;
    syscall(SYS_bpf, BPF_MAP_UPDATE_ELEM, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof attr);
    attr.next_key = (unsigned long)&next;
    syscall(SYS_bpf, BPF_MAP_GET_NEXT_KEY, &attr, sizeof attr);
    attr.map_fd = null;
    syscall(SYS_bpf, BPF_MAP_DELETE_ELEM, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_FREEZE, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.btf_fd = null;
    attr.map_type = BPF_MAP_TYPE_ARRAY_OF_MAPS;
    attr.key_size = 4;
    attr.value_size = 4;
    attr.max_entries = 1;
    attr.inner_map_fd = null;
    syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.target_fd = null;
    attr.attach_bpf_fd = map;
    attr.attach_type = BPF_CGROUP_INET_EGRESS;
    attr.replace_bpf_fd = null;
    syscall(SYS_bpf, BPF_PROG_ATTACH, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_PROG_DETACH, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.pathname = (unsigned long)"/nonexistent/pin";
    attr.bpf_fd = map;
    syscall(SYS_bpf, BPF_OBJ_PIN, &attr, sizeof attr);
    struct bpf_insn insns[] = {{0xb7, 0, 0, 0, 0}, {0x95, 0, 0, 0, 0}}; /* r0 = 0; exit */
    memset(&attr, 0, sizeof attr);
    attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    attr.insn_cnt = 2;
    attr.insns = (unsigned long)insns;
    attr.license = (unsigned long)"GPL";
    attr.prog_btf_fd = null;
    attr.attach_prog_fd = null;
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof attr);
    char info[256];
    memset(info, 0, sizeof info);
    strcpy(info, "abc");
    memset(&attr, 0, sizeof attr);
    attr.info.bpf_fd = null;
    attr.info.info_len = sizeof info;
    attr.info.info = (unsigned long)info;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    /* the commands beyond */
    memset(&attr, 0, sizeof attr);
    attr.test.prog_fd = null;
    attr.test.retval = 5;
    attr.test.data_size_in = 4;
    attr.test.data_in = (unsigned long)&key;
    attr.test.repeat = 3;
    syscall(SYS_bpf, BPF_PROG_TEST_RUN, &attr, sizeof attr);
    attr.test.flags = BPF_F_TEST_RUN_ON_CPU | 4;
    syscall(SYS_bpf, BPF_PROG_TEST_RUN, &attr, 40);
    syscall(SYS_bpf, BPF_PROG_TEST_RUN, &attr, 68);
    syscall(SYS_bpf, BPF_PROG_TEST_RUN, 8, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.query.target_fd = null;
    attr.query.attach_type = BPF_CGROUP_INET_INGRESS;
    attr.query.query_flags = BPF_F_QUERY_EFFECTIVE;
    attr.query.prog_cnt = 4;
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    attr.query.query_flags = 2;
    attr.query.attach_flags = BPF_F_ALLOW_MULTI;
    attr.query.prog_ids = 8;
    ((char *)&attr)[28] = 1; /* past prog_cnt: ... */
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.btf = (unsigned long)info;
    attr.btf_size = 40;
    attr.btf_log_level = 1;
    attr.btf_log_size = 16;
    syscall(SYS_bpf, BPF_BTF_LOAD, &attr, sizeof attr);
    attr.btf_size = 3;
    syscall(SYS_bpf, BPF_BTF_LOAD, &attr, 28);
    memset(&attr, 0, sizeof attr);
    attr.link_create.prog_fd = map;
    attr.link_create.target_fd = null;
    attr.link_create.attach_type = BPF_CGROUP_INET_EGRESS;
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    attr.link_create.target_btf_id = 5; /* not what a cgroup link reads: ... */
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    unsigned iter_maps[40];
    for (unsigned i = 0; i < 40; i++)
        iter_maps[i] = i % 2 ? (unsigned)map : (unsigned)null;
    attr.link_create.attach_type = BPF_TRACE_ITER; /* strace 6.1 reads iter_info_len maps */
    attr.link_create.iter_info = (unsigned long)iter_maps;
    attr.link_create.iter_info_len = 3;
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    attr.link_create.iter_info_len = 40; /* more than strace's 32 */
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    attr.link_create.iter_info = 8; /* unreadable: its address */
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    attr.link_create.iter_info = 0;
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, 20); /* no info within size: [] */
    attr.link_create.iter_info = (unsigned long)iter_maps;
    attr.link_create.iter_info_len = 2;
    ((char *)&attr)[40] = 1; /* past iter_info_len: ... */
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    ((char *)&attr)[40] = 0;
    attr.link_create.attach_type = BPF_PERF_EVENT;
    attr.link_create.perf_event.bpf_cookie = 0x123456789;
    syscall(SYS_bpf, BPF_LINK_CREATE, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.link_update.link_fd = null;
    attr.link_update.new_prog_fd = map;
    attr.link_update.flags = BPF_F_REPLACE;
    attr.link_update.old_prog_fd = null;
    syscall(SYS_bpf, BPF_LINK_UPDATE, &attr, sizeof attr);
    attr.link_update.flags = BPF_F_ALLOW_MULTI; /* old_prog_fd means nothing without BPF_F_REPLACE */
    syscall(SYS_bpf, BPF_LINK_UPDATE, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.link_detach.link_fd = null;
    syscall(SYS_bpf, BPF_LINK_DETACH, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.enable_stats.type = 99;
    syscall(SYS_bpf, BPF_ENABLE_STATS, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.iter_create.link_fd = null;
    syscall(SYS_bpf, BPF_ITER_CREATE, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.prog_bind_map.prog_fd = null;
    attr.prog_bind_map.map_fd = map;
    syscall(SYS_bpf, BPF_PROG_BIND_MAP, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.raw_tracepoint.name = (unsigned long)"sys_enter";
    attr.raw_tracepoint.prog_fd = null;
    syscall(SYS_bpf, BPF_RAW_TRACEPOINT_OPEN, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.task_fd_query.pid = 0x7fffffff; /* no such process */
    attr.task_fd_query.fd = null;
    attr.task_fd_query.buf = (unsigned long)info;
    attr.task_fd_query.buf_len = sizeof info;
    attr.task_fd_query.fd_type = BPF_FD_TYPE_UPROBE;
    attr.task_fd_query.probe_addr = 0x1000;
    syscall(SYS_bpf, BPF_TASK_FD_QUERY, &attr, sizeof attr);
    attr.task_fd_query.buf_len = 2;
    attr.task_fd_query.fd_type = 9;
    syscall(SYS_bpf, BPF_TASK_FD_QUERY, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.batch.map_fd = map;
    attr.batch.keys = (unsigned long)&key;
    attr.batch.values = (unsigned long)&value;
    attr.batch.count = 1;
    syscall(SYS_bpf, BPF_MAP_LOOKUP_BATCH, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_UPDATE_BATCH, &attr, sizeof attr);
    attr.batch.elem_flags = BPF_F_LOCK | 2;
    attr.batch.flags = 3;
    attr.batch.map_fd = null;
    syscall(SYS_bpf, BPF_MAP_DELETE_BATCH, &attr, sizeof attr);
    syscall(SYS_bpf, BPF_MAP_LOOKUP_AND_DELETE_BATCH, &attr, sizeof attr);
    /* a program of its own, r0 = 0; exit, made as root: its descriptor as -y describes a new one */
    memset(&attr, 0, sizeof attr);
    attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    attr.insn_cnt = 2;
    attr.insns = (unsigned long)insns;
    attr.license = (unsigned long)"GPL";
    syscall(SYS_bpf, BPF_PROG_LOAD, &attr, 72);
    /* the network namespace's flow dissector: none attached, prog_cnt rewritten to 0 */
    int netns = open("/proc/self/ns/net", O_RDONLY);
    unsigned ids[40];
    for (unsigned i = 0; i < 40; i++)
        ids[i] = 7 + i;
    memset(&attr, 0, sizeof attr);
    attr.query.target_fd = netns;
    attr.query.attach_type = BPF_FLOW_DISSECTOR;
    attr.query.prog_ids = (unsigned long)ids;
    attr.query.prog_cnt = 3;
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    /* From here BPF_OBJ_GET_INFO_BY_FD and BPF_PROG_QUERY are answered 0 without running, so that the map's info is
     * what the program wrote (the kernel's would hold an id that differs between runs), read as much as info_len
     * says, and a query's ids are the program's. */
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_bpf, 0, 3),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BPF_OBJ_GET_INFO_BY_FD, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, BPF_PROG_QUERY, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
    };
    if (!install_answering_filter(filter, sizeof filter / sizeof filter[0]))
        return 1;
    struct bpf_map_info map_info;
    memset(&map_info, 0, sizeof map_info);
    map_info.type = BPF_MAP_TYPE_HASH;
    map_info.id = 42;
    map_info.key_size = 4;
    map_info.value_size = 8;
    map_info.max_entries = 16;
    map_info.map_flags = BPF_F_NO_PREALLOC | BPF_F_RDONLY_PROG | 0x100000;
    strcpy(map_info.name, "hatrace");
    map_info.ifindex = 1; /* lo */
    map_info.netns_dev = 0x803;
    map_info.netns_ino = 4026531840u;
    map_info.btf_id = 7;
    memset(&attr, 0, sizeof attr);
    attr.info.bpf_fd = map;
    attr.info.info_len = sizeof map_info;
    attr.info.info = (unsigned long)&map_info;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 20; /* map_flags beyond it: 0 */
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 25;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 41;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 65;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 0;
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info_len = 16;
    attr.info.info = 8; /* unreadable: its address */
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    attr.info.info = (unsigned long)&map_info;
    attr.info.bpf_fd = null; /* not a map: its address */
    syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &attr, sizeof attr);
    memset(&attr, 0, sizeof attr);
    attr.query.target_fd = netns;
    attr.query.attach_type = BPF_FLOW_DISSECTOR;
    attr.query.prog_ids = (unsigned long)ids;
    attr.query.prog_cnt = 3;
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    attr.query.prog_cnt = 40; /* more than strace's 32 */
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    attr.query.prog_ids = 0;
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    attr.query.prog_ids = 8; /* unreadable: its address */
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, sizeof attr);
    attr.query.prog_ids = (unsigned long)ids;
    syscall(SYS_bpf, BPF_PROG_QUERY, &attr, 24); /* prog_cnt beyond size: none */
    return 0;
}
