using System.Reflection;

namespace Hatrace.Cli;

/// <summary>What -h and -V print.</summary>
internal static class HelpText
{
    /// <summary>The usage, option by option, with what hatrace does not do yet.</summary>
    public const string Usage = """
        Usage: hatrace [-ACcfhqrtTVwzZ] [-a COLUMN] [-e EXPR]... [-E VAR[=VAL]]... [-I N] [-o FILE]
                       [-P PATH]... [-s STRSIZE] [--] PROG [ARGS]

        Runs PROG and prints the system calls it makes and the signals it receives, as strace does.

        Output:
          -o FILE          write the trace to FILE instead of stderr; with -ff, one FILE.PID per process;
                           -o |COMMAND (or !COMMAND) pipes it into COMMAND, run by /bin/sh
          -A               append to the -o file
          -a COLUMN        align the results at COLUMN (default 40)
          -s STRSIZE       show at most STRSIZE bytes of strings and buffers (default 32)
          -q, -qq, -qqq    leave out attach messages; also exit messages; all messages
          -e quiet=SET     leave out these messages: attach, exit, path-resolution, personality, thread-execve
          -t, -tt, -ttt    prefix each line with the time; with microseconds; as seconds since the epoch
          --absolute-timestamps=[format:]time|unix|none,[precision:]s|ms|us|ns
                           the same, in any format and precision (times hold tenths of a microsecond)
          -r               prefix each line with the time since the previous line (--relative-timestamps[=s|ms|us|ns])
          -T               show the time spent in each call (--syscall-times[=s|ms|us|ns])
          -x, -xx          print strings that are not text in hex; print every string in hex
          --strings-in-hex[=WHEN]
                           all (as -xx, the default), non-ascii (as -x), non-ascii-chars (only the bytes
                           that would be escaped, in hex instead of octal), none
          -y               print the paths of file descriptors (--decode-fds=path)
          -yy              also sockets' protocols and addresses, devices' numbers, pidfds' processes
                           (--decode-fds=all)
          --decode-fds=SET what to print of file descriptors: path, socket, dev, pidfd, all, none
          -Y               print the process name after each pid: 42<sh> (--decode-pids=comm)
          -n               print the number of the thread's last call before each line: [ 257] (--syscall-number)
          -i               print the thread's instruction pointer before each line (--instruction-pointer)
          -k               print the user stack of each call under its line, unwound with elfutils' libdw:
                            > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]
          --pidns-translation
                           after a pid of a program in a pid namespace of its own, print the pid in hatrace's
                           namespace: 1 /* 4242 in strace's PID NS */ (--decode-pids=pidns)
          -X FORMAT        named constants and flags: abbrev (names), raw (numbers), verbose (both)
          -v               print structures whole (-e abbrev=none)
          -e abbrev=SET    print large structures of these calls abbreviated (default all)
          -e verbose=SET   decode the structures of these calls; addresses for the others (default all)
          -e raw=SET       print the arguments and results of these calls undecoded, in hex
          -e read=SET      dump in hex the data read from the descriptors in SET (--read=SET)
          -e write=SET     dump in hex the data written to the descriptors in SET (--write=SET)

          --json           the trace as JSON Lines (docs/json-schema.md), one event a line; not with -c, -C
          --color[=WHEN]   colour names, strings, failed results, signals and exits: auto (default: only when
                           the trace goes to a terminal and NO_COLOR is not set), always (NO_COLOR or not), never
          --remap-pids     show pids and tids as numbers in order of appearance: the program 1, hatrace 0,
                           each process or thread after them the next (prefixes, results, si_pid=, file names)

        Tampering:
          -e inject=SET[:error=ERRNO|:retval=VALUE][:signal=SIG][:syscall=NAME][:delay_enter=T][:delay_exit=T]
                   [:poke_enter=@argN=HEX,...][:poke_exit=@argN=HEX,...][:when=EXPR]
                           make the calls in SET fail, return VALUE, get a signal, wait, or find the memory
                           argument N points to overwritten with HEX's bytes, as they are entered or return; EXPR
                           is first[..last][+[step]], counted over every process of the trace
          -e fault=SET[:error=ERRNO][:when=EXPR]
                           as -e inject=SET:error=ERRNO (ENOSYS by default)

        Which calls:
          -f               follow the threads and processes PROG starts
          -p PID           trace a running process (repeatable, or PID,PID...), instead of PROG or beside
                           it; Ctrl+C detaches it, and it runs on as it was
          -D               run the tracer beside PROG, which stays the caller's child; -DD in its own
                           process group, -DDD in its own session (--daemonize=grandchild|pgroup|session)
          -ff              with -o, one file per process
          -b execve        let each process go once its execve succeeds: it runs on untraced, with what it starts
                           (--detach-on=execve)
          -e trace=SET     only these calls: names, /REGEX, all, none, and the classes %file %desc %network
                           (%net) %signal %ipc %memory %process %creds %clock %stat %lstat %fstat %%stat
                           %statfs %fstatfs %%statfs %pure %noise; ! negates, ? allows no match, @64 and @32 pick an ABI.
                           -e NAME is -e trace=NAME
          -e signal=SET    only the deliveries of these signals
          -e status=SET    only calls that ended so: successful, failed, unfinished, unavailable, detached
          -z, -Z           only successful calls; only failed calls
          -P PATH          only calls that take PATH as an argument, or a descriptor open on it (repeatable)
          --exclude-runtime-noise
                           leave out runtimes' chatter, the class %noise: futex, sched_yield, membarrier,
                           rt_sigprocmask, rt_sigreturn and timer re-arming (setitimer, timer_settime, timerfd_settime)
          --no-seccomp-bpf stop at every call. By default, with -f and -e trace=, a seccomp filter lets the
                           kernel run the calls left out without stopping, as strace's --seccomp-bpf does
                           (accepted, and changes nothing)

        Backend:
          --backend=ptrace stop the program at each traced call, as strace does (the default)
          --backend=ebpf   have the kernel record each call without stopping the program (eBPF on the syscall
                           tracepoints): a fraction of ptrace's cost, but it only observes (no -e inject=, -e fault=,
                           -e read=, -e write=, -D, -k, -i or -n), skips i386 calls, and needs root or CAP_BPF and CAP_PERFMON.
                           -y describes descriptors as they are when the call is decoded, a moment after it ran
          --buffer-size=SIZE
                           the eBPF ring buffer (default 16M; K, M, G suffixes): what does not fit while hatrace
                           catches up is lost, and said so: "+++ lost N calls +++", in -c's table and on stderr

        Lock down:
          --seccomp-profile=FILE
                           run PROG under a seccomp profile (the OCI/Docker JSON, rules by name), as a container
                           runtime would: the calls it denies fail as the profile says (EPERM by default) and
                           show in the trace, so that a profile can be tried before it is deployed

        Statistics:
          -c               count time (system CPU time), calls and errors per call, and print a table instead of
                           the trace
          -C               print the trace and the table
          -w               summarise wall-clock time instead (always so with --backend=ebpf)
          -S SORTBY        sort the table by time (default), min-time, max-time, avg-time, calls, errors, name
                           or nothing (--summary-sort-by)
          -O OVERHEAD      take OVERHEAD off each call's time in the table: microseconds, or with a unit (s, ms,
                           us, ns) (--summary-syscall-overhead)
          -U COLUMNS       the table's columns, comma-separated: time-percent, total-time, min-time, max-time,
                           avg-time, calls, errors, name; the name is last when not given (--summary-columns)

        Running:
          -E VAR=VAL       set VAR in PROG's environment; -E VAR removes it
          -u USERNAME      run PROG as USERNAME, with its group and supplementary groups (needs root)
          -I N             1 or 2: stop tracing on SIGINT, SIGTERM, SIGHUP, SIGQUIT (default without -o);
                           3: ignore them (default with -o); 4: also ignore SIGTSTP. Before stopping, the calls in
                           progress are printed on stderr, one line each: [pid  42] read(3,  <in progress for 2.301 s>
          SIGUSR1          sent to hatrace, prints the calls in progress on stderr and goes on tracing
          -h               print this help
          -V               print the version

        Not supported yet: -d, -e kvm=, --tips (ignored with a warning).

        """;

    /// <summary>The version line and what hatrace is.</summary>
    public static string Version
    {
        get
        {
            string version = typeof(HelpText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            int metadata = version.IndexOf('+');
            return $"""
                hatrace -- version {(metadata < 0 ? version : version[..metadata])}
                strace's command line and output over the Hatrace ptrace engine.

                """;
        }
    }
}
