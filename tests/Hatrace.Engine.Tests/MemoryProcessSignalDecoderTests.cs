using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Decoding.Memory;
using Hatrace.Engine.Decoding.Process;
using Hatrace.Engine.Decoding.SignalFamily;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The memory, process and signal decoders: each test program's calls must read as strace 6.1 prints them,
/// once what differs between two runs is normalised (pids, ASLR'd addresses, times, random bytes); and the
/// formatting that is easy to get wrong is checked on its own.</summary>
// Both trace programs that make objects of fixed names (ipc_calls' message queue): never two at once.
[Collection("Programs with fixed names")]
public partial class MemoryProcessSignalDecoderTests
{
    [Theory]
    [InlineData("memory_calls", "write(-1, \"memory\"")]
    [InlineData("process_calls", "write(-1, \"process\"")]
    [InlineData("signals_calls", "write(-1, \"signals\"")]
    [InlineData("process_futex", "write(-1, \"futex\"")]
    [InlineData("process_usage", "write(-1, \"usage\"")]
    [InlineData("memory_edges", "write(-1, \"edges\"")]
    [InlineData("time_mount_calls", "write(-1, \"time_mount\"")]
    [InlineData("ipc_calls", "write(-1, \"ipc\"")]
    [InlineData("sched_calls", "write(-1, \"sched\"")]
    [InlineData("misc_calls", "write(-1, \"misc\"")]
    [InlineData("quota_calls", "write(-1, \"quota\"")]
    [InlineData("ioctl_calls", "write(-1, \"ioctl\"")]
    [InlineData("ioctl_more_calls", "write(-1, \"ioctl_more\"")]
    [InlineData("prctl_calls", "write(-1, \"prctl\"")]
    [InlineData("clone_calls", "write(-1, \"clone\"")]
    [InlineData("ptrace_calls", "write(-1, \"ptrace\"")]
    [InlineData("sockopt_calls", "write(-1, \"sockopt\"")]
    [InlineData("ioctl_v4l2_calls", "write(-1, \"ioctl_v4l2\"")]
    [InlineData("ioctl_devices_calls", "write(-1, \"ioctl_devices\"")]
    [InlineData("bpf_calls", "write(-1, \"bpf\"")]
    [InlineData("ipc_more_calls", "write(-1, \"ipc_more\"")]
    [NeedsI386InlineData("i386_calls", "write(-1, \"i386\"")]
    public void CallsReadAsStraceWritesThem(string name, string marker)
    {
        string program = TestPrograms.PathOf(name);
        List<string> expected = FromMarkerOn(StraceOracle.Run(program), marker);
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, program);
        List<string> actual = FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text), marker);
        StraceOracle.AssertEnough(expected, 6);
        // One line per call, so that a failure shows the first line that differs in full.
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>A 64-bit value an i386 call splits in two registers is one argument, named and valued as x86_64's
    /// (pread64's offset); fanotify_mark's 64-bit mask is one value too.</summary>
    [NeedsI386Fact]
    public void AnI386ValueInTwoRegistersIsOneArgument()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("i386_calls"));
        SyscallEvent[] calls = [.. events.OfType<SyscallEvent>()];
        SyscallEvent pread = calls.Single(c => c.Name == "pread64");
        Assert.Equal(["fd", "buf", "count", "offset"], pread.Arguments.Select(a => a.Name));
        Assert.Equal(0x1_0000_0010L, pread.Arguments["offset"]!.Value);
        Assert.Equal(0x1_0000_0010L, pread.Arguments["offset"]!.Raw);
        FlagsValue mask = Assert.IsType<FlagsValue>(calls.Single(c => c.Name == "fanotify_mark").Arguments["mask"]!.Value);
        Assert.Equal(0x1_0000_0010L, mask.Number);
    }

    public static TheoryData<string, string[], TraceSessionOptions> StructOptions()
    {
        var data = new TheoryData<string, string[], TraceSessionOptions>();
        foreach (string program in (string[])["time_mount", "quota", "ioctl", "ipc", "ioctl_v4l2", "ioctl_devices", "ioctl_more", "ipc_more", "prctl"])
        {
            data.Add(program, ["-v"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false });
            data.Add(program, ["-X", "raw"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Raw });
            data.Add(program, ["-X", "verbose"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Verbose });
            data.Add(program, ["-y"], new TraceSessionOptions { FollowChildren = false, DescriptorDetail = DescriptorDetail.Path });
            data.Add(program, ["-e", "verbose=none"], new TraceSessionOptions { FollowChildren = false, Dereferenced = _ => false });
        }
        // Under -e verbose=none strace reads no structure or array, only strings and data: every program's calls.
        foreach (string program in (string[])["memory", "process", "signals", "sched", "misc", "clone", "ptrace", "sockopt"])
            data.Add(program, ["-e", "verbose=none"], new TraceSessionOptions { FollowChildren = false, Dereferenced = _ => false });
        // BPF programs, classic and extended, print whole only under -v, their codes' parts each styled as -X asks; a
        // bpf attr's bytes past its command's fields as data.
        foreach (string program in (string[])["sockopt", "misc"])
        {
            data.Add(program, ["-v"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false });
            data.Add(program, ["-v", "-X", "raw"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false, ConstantStyle = ConstantStyle.Raw });
            data.Add(program, ["-v", "-X", "verbose"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false, ConstantStyle = ConstantStyle.Verbose });
        }
        // bpf_calls' descriptors inside bpf attrs, described under -y as they were when the call was made.
        data.Add("bpf", ["-v"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false });
        data.Add("bpf", ["-X", "raw"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Raw });
        data.Add("bpf", ["-X", "verbose"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Verbose });
        data.Add("bpf", ["-y"], new TraceSessionOptions { FollowChildren = false, DescriptorDetail = DescriptorDetail.Path });
        return data;
    }

    /// <summary>time_mount_calls, quota_calls and ioctl_calls with strace's options that change their structures and
    /// names: perf_event_attr, the quota structures, termios' c_line and c_cc, loop_info64's devices and rtc_time's
    /// last fields with -v, each byte of a cache event and every request and field by number with -X raw, both with -X
    /// verbose, the structures left as addresses with -e verbose=none, descriptors (fsconfig's directory, LOOP_SET_FD's,
    /// a namespace's result, an aio control block's) with -y, where a pty's number, a temporary file's name or a socket's
    /// inode may differ between the two runs; io_uring_register's structures under each; sockopt_calls' and misc_calls'
    /// BPF programs; ioctl_v4l2_calls' V4L2 structures (VIDIOC_QUERYCTRL's limits with -v, a buffer's flags and a queried
    /// control's id as one number with -X raw and as parts with -X verbose, every argument as a number with -e
    /// verbose=none); the device, socket and device-mapper requests of ioctl_devices_calls and ioctl_more_calls;
    /// prctl_calls' capability sets, each word styled on its own.</summary>
    [Theory]
    [MemberData(nameof(StructOptions))]
    public void StructuresReadAsStraceWritesThemWithItsOptions(string name, string[] straceOptions, TraceSessionOptions options)
    {
        string marker = $"write(-1, \"{name}\"";
        string program = TestPrograms.PathOf(name + "_calls");
        List<string> expected = [.. FromMarkerOn(StraceOracle.RunWithOptions(straceOptions, program), marker).Select(Stable)];
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = [.. FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text), marker).Select(Stable)];
        StraceOracle.AssertEnough(expected, 6);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>i386_calls with strace's options that change structures and names: every field of stat, statfs and the
    /// rest with -v, every number with -X raw (an i386 unlimited rlimit is 4294967295), both with -X verbose, addresses
    /// with -e verbose=none.</summary>
    [Theory]
    [NeedsI386InlineData("-v")]
    [NeedsI386InlineData("-X", "raw")]
    [NeedsI386InlineData("-X", "verbose")]
    [NeedsI386InlineData("-e", "verbose=none")]
    public void I386CallsReadAsStraceWritesThemWithItsOptions(params string[] straceOptions)
    {
        const string Marker = "write(-1, \"i386\"";
        string program = TestPrograms.PathOf("i386_calls");
        TraceSessionOptions options = straceOptions switch
        {
            ["-v"] => new() { FollowChildren = false, Abbreviated = _ => false },
            ["-X", "raw"] => new() { FollowChildren = false, ConstantStyle = ConstantStyle.Raw },
            ["-X", "verbose"] => new() { FollowChildren = false, ConstantStyle = ConstantStyle.Verbose },
            _ => new() { FollowChildren = false, Dereferenced = _ => false },
        };
        List<string> expected = FromMarkerOn(StraceOracle.RunWithOptions(straceOptions, program), Marker);
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text), Marker);
        StraceOracle.AssertEnough(expected, 40);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>keys_calls: a key's serial number differs between the two runs, so numbers of four digits or more
    /// (serials: random 31-bit numbers; no other number of the program is that long) are masked. Under -x a key's
    /// description prints in hex with its NUL, and -s cuts the kdf params' spare words.</summary>
    [Theory]
    [InlineData]
    [InlineData("-x")]
    [InlineData("-s", "3")]
    public void KeyCallsReadAsStraceWritesThem(params string[] straceOptions)
    {
        const string Marker = "write(-1, ";
        string program = TestPrograms.PathOf("keys_calls");
        List<string> expected = [.. FromMarkerOn(StraceOracle.RunWithOptions(straceOptions, program), Marker).Select(MaskSerials)];
        var options = new TraceSessionOptions
        {
            FollowChildren = false,
            StringEscape = straceOptions is ["-x"] ? StringEscape.HexNonPrintable : StringEscape.Octal,
            StringLength = straceOptions is ["-s", string length]
                ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)
                : TraceSessionOptions.DefaultStringLength,
        };
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = [.. FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text), Marker).Select(MaskSerials)];
        StraceOracle.AssertEnough(expected, 50);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    private static string MaskSerials(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\b\d{4,10}\b", "SERIAL");

    /// <summary>The program's path is longer than strace's 32-character string limit: the path prints whole,
    /// argv[0] is cut.</summary>
    [Fact]
    public void ExecveOfALongPathReadsAsStraceWritesIt()
    {
        string program = TestPrograms.PathOf("memory_calls");
        Assert.True(program.Length > 32);
        string expected = Normalise(StraceOracle.Run(program).First());
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, program);
        Assert.Equal(expected, Normalise(events.OfType<SyscallEvent>().First().Text));
    }

    [Theory]
    [InlineData(0UL, "[]")]
    [InlineData((1UL << 1) | (1UL << 14), "[INT TERM]")]
    [InlineData((1UL << 30) | (1UL << 31) | (1UL << 32) | (1UL << 35), "[SYS RTMIN RT_1 RT_4]")]
    [InlineData(~0UL, "~[]")]
    [InlineData(~((1UL << 8) | (1UL << 18) | (1UL << 31) | (1UL << 32)), "~[KILL STOP RTMIN RT_1]")]
    public void SignalSetsPrintAsStraceDoes(ulong set, string text) => Assert.Equal(text, SignalSets.Format(set, StraceRenderer.Default));

    [Theory]
    [InlineData(0x0300, "{WIFEXITED(s) && WEXITSTATUS(s) == 3}")]
    [InlineData(0x0009, "{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}")]
    [InlineData(0x008b, "{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}")]
    [InlineData(0x137f, "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}")]
    [InlineData(0x857f, "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP | 0x80}")]
    [InlineData(0x6057f, "{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP}|PTRACE_EVENT_EXIT<<16")]
    [InlineData(0xffff, "{WIFCONTINUED(s)}")]
    public void WaitStatusesPrintAsStraceDoes(int status, string text) => Assert.Equal(text, WaitDecoders.FormatStatus(status));

    [Theory]
    [InlineData(0x1200011UL, "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD")]
    [InlineData(0x10010000UL | 10, "CLONE_THREAD|CLONE_NEWUSER|SIGUSR1")]
    [InlineData(0x40UL, "SIGRT_32")]
    [InlineData(0UL, "0")]
    [InlineData(0x400000000UL | 0x100, "CLONE_VM|0x400000000")]
    public void CloneFlagsPrintAsStraceDoes(ulong flags, string text) => Assert.Equal(text, CloneDecoders.FormatCloneFlags(flags, StraceRenderer.Default));

    [Theory]
    [InlineData(0x22L, "MAP_PRIVATE|MAP_ANONYMOUS")]
    [InlineData(0x1fL, "0xf /* MAP_??? */|MAP_FIXED")]
    [InlineData(0x222L | (1L << 26), "MAP_PRIVATE|MAP_ANONYMOUS|0x200|1<<MAP_HUGE_SHIFT")]
    [InlineData(0x40022L | (21L << 26), "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT")]
    public void MapFlagsPrintAsStraceDoes(long flags, string text) => Assert.Equal(text, MappingDecoders.FormatMapFlags(flags, StraceRenderer.Default));

    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(20000UL, "20000")]
    [InlineData(8192UL * 1024, "8192*1024")]
    [InlineData(ulong.MaxValue, "RLIM64_INFINITY")]
    public void LimitsPrintAsStraceDoes(ulong value, string text) => Assert.Equal(text, LimitDecoders.FormatLimit(value));

    [Theory]
    [InlineData(0x80L, "FUTEX_WAIT", "FUTEX_WAIT_PRIVATE")]
    [InlineData(0x189L, "FUTEX_WAIT_BITSET", "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME")]
    [InlineData(0x100L, "FUTEX_WAIT", "FUTEX_WAIT|FUTEX_CLOCK_REALTIME")]
    [InlineData(0x101L, "FUTEX_WAKE", null)]
    [InlineData(0x18dL, "FUTEX_LOCK_PI2", null)]
    [InlineData(0x63L, null, null)]
    public void FutexCommandsAreNamedAsStraceNamesThem(long op, string? command, string? name) =>
        Assert.Equal(name, FutexDecoders.CommandName(op, command));

    [Fact]
    public void FutexWakeOperationsPrintAsStraceDoes() =>
        Assert.Equal("FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1", FutexDecoders.FormatWakeOp((0u << 28) | (4u << 24) | 1, StraceRenderer.Default));

    [Fact]
    public void ActionsShowTheRestorerOnlyWithSaRestorer()
    {
        var withRestorer = new SignalDecoders.KernelSigaction { sa_handler = 1, sa_flags = 0x04000000, sa_restorer = 0x7f0000001000, sa_mask = 0 };
        var plain = new SignalDecoders.KernelSigaction { sa_handler = 0, sa_flags = 0, sa_mask = 1UL << 14 };
        Assert.Equal("{sa_handler=SIG_IGN, sa_mask=[], sa_flags=SA_RESTORER, sa_restorer=0x7f0000001000}", SignalDecoders.FormatAction(withRestorer, StraceRenderer.Default));
        Assert.Equal("{sa_handler=SIG_DFL, sa_mask=[TERM], sa_flags=0}", SignalDecoders.FormatAction(plain, StraceRenderer.Default));
    }

    private static List<string> FromMarkerOn(IEnumerable<string> lines, string marker) =>
        [.. lines.SkipWhile(l => !l.StartsWith(marker, StringComparison.Ordinal))
            .Where(l => !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal))
            .Select(Normalise)];

    /// <summary>Takes out what differs between two runs of the same program: pids, addresses ASLR places
    /// (all at least ten hex digits long; the programs' fixed addresses are shorter), times and random bytes.</summary>
    private static string Normalise(string line)
    {
        line = StraceOracle.WithoutPadding(line);
        line = LongAddress().Replace(line, "0xADDR");
        line = PidResult().Replace(line, "$1 = PID");
        line = PidArguments().Replace(line, m => m.Groups[1].Value + Digits().Replace(m.Groups[2].Value, "PID"));
        line = ParentTid().Replace(line, "parent_tid=[PID]");
        line = Times().Replace(line, "$1=N");
        line = WaitedPid().Replace(line, "$1PID");
        if (line.StartsWith("times(", StringComparison.Ordinal))
            line = Digits().Replace(line, "N"); // clock ticks since boot, and those the process used
        line = SenderPid().Replace(line, "si_pid=PID");
        line = CredentialPid().Replace(line, "pid=PID");
        line = IpcId().Replace(line, "$1ID");
        line = IpcIdResult().Replace(line, "$1 = ID");
        line = IpcPids().Replace(line, "$1=PID");
        if (line.Contains(", SHM_INFO, {", StringComparison.Ordinal))
            line = Digits().Replace(line, "N"); // the segments every process on the machine holds
        if (line.StartsWith("sysinfo({", StringComparison.Ordinal))
            line = Digits().Replace(line, "N"); // the machine's uptime, load and free memory
        if (line.StartsWith("adjtimex({", StringComparison.Ordinal) || line.StartsWith("clock_adjtime(CLOCK_REALTIME, {", StringComparison.Ordinal)
            || line.StartsWith("timer_gettime(", StringComparison.Ordinal))
            line = Digits().Replace(line, "N"); // the clock's time and error estimates, a timer's time left
        return RandomBytes().Replace(line, "\"RANDOM\"");
    }

    [GeneratedRegex(@"0x[0-9a-f]{10,}")]
    private static partial Regex LongAddress();

    [GeneratedRegex(@"^((?:clone3?|vfork|getpid|getppid|gettid|wait4)\(.*\)) = \d+$")]
    private static partial Regex PidResult();

    [GeneratedRegex(@"^(wait4\(|kill\(|tkill\(|tgkill\(|rt_sigqueueinfo\(|rt_tgsigqueueinfo\(|pidfd_open\(|process_vm_readv\(|process_vm_writev\(|ptrace\([A-Z_]+, )(\d+(?:, \d+)?)(?=, )")]
    private static partial Regex PidArguments();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"si_pid=\d+")]
    private static partial Regex SenderPid();

    // struct ucred's pid (SO_PEERCRED), not si_pid or nl_pid.
    [GeneratedRegex(@"(?<![\w])pid=\d+")]
    private static partial Regex CredentialPid();

    [GeneratedRegex(@"parent_tid=\[\d+\]")]
    private static partial Regex ParentTid();

    [GeneratedRegex(@"\b(tv_sec|tv_usec|si_utime|si_stime|shm_[acd]time|msg_[src]time|sem_[oc]time)=\d+( /\* [\d.]+ s \*/)?")]
    private static partial Regex Times();

    // System V IPC ids: each run makes new objects, and the kernel numbers them on.
    [GeneratedRegex(@"^((?:shm|sem|msg)[a-z]*\()\d+")]
    private static partial Regex IpcId();

    [GeneratedRegex(@"^((?:shm|sem|msg)(?:get|ctl)\(.*\)) = \d+$")]
    private static partial Regex IpcIdResult();

    [GeneratedRegex(@"\b(shm_cpid|shm_lpid|msg_lspid|msg_lrpid)=\d+")]
    private static partial Regex IpcPids();

    [GeneratedRegex(@"^(waitid\(P_PID, )\d+")]
    private static partial Regex WaitedPid();

    // What differs between the two runs under -y: a pty's number, a temporary file's name, a socket's inode.
    [GeneratedRegex(@"/dev/pts/\d+|/tmp/hatrace-aio-\w{6}|socket:\[\d+\]")]
    private static partial Regex RunDependentPath();

    private static string Stable(string line) => RunDependentPath().Replace(line, "PATH");

    [GeneratedRegex(@"""(\\x[0-9a-f]{2})+""")]
    private static partial Regex RandomBytes();
}
