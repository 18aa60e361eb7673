using System.Text;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;
using Xunit.Abstractions;

namespace Hatrace.Engine.Tests;

/// <summary>A test of the eBPF backend: skipped, with the kernel's reason, where this process cannot load its BPF
/// program (no root nor CAP_BPF+CAP_PERFMON, no BTF, no BPF). Decided once, by tracing /bin/true with it: the only
/// check that answers for every cause at once.</summary>
internal sealed class EbpfFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public EbpfFactAttribute()
    {
        if (Reason.Value is { } reason)
            Skip = "the eBPF backend cannot run here: " + reason;
    }

    private static string? Probe()
    {
        if (!File.Exists("/sys/kernel/btf/vmlinux"))
            return "no kernel BTF (/sys/kernel/btf/vmlinux)";
        try
        {
            using TraceSession session = TraceSession.Start(new TraceStartInfo { FileName = "/bin/true" }, new TraceSessionOptions { Backend = TraceBackend.Ebpf });
            foreach (TraceEvent _ in session.ReadEvents())
            {
            }
            return null;
        }
        catch (TraceStartException error)
        {
            return $"{error.Error}: {error.Message}";
        }
    }
}

/// <summary>The eBPF backend against the ptrace backend, and what it must show of its own: loss counted exactly, a
/// process attached to never stopped, a process started killed with the session.</summary>
// Traces ipc_calls, which makes objects of fixed names, as the oracle tests do: never two at once.
[Collection("Programs with fixed names")]
public sealed partial class EbpfBackendTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-ebpf-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    /// <summary>The decoder-family programs of the oracle tests (MemoryProcessSignalDecoderTests.CallsReadAsStraceWritesThem),
    /// but ptrace_calls: its child is its own tracee, which a tracer following children would take first (strace -f's too).</summary>
    private static readonly string[] FamilyPrograms =
    [
        "memory_calls", "process_calls", "signals_calls", "process_futex", "process_usage", "memory_edges", "time_mount_calls",
        "ipc_calls", "sched_calls", "misc_calls", "quota_calls", "ioctl_calls", "ioctl_more_calls", "prctl_calls", "clone_calls",
        "sockopt_calls", "ioctl_v4l2_calls", "ioctl_devices_calls", "bpf_calls", "ipc_more_calls",
    ];

    /// <summary>Every family program and a few real commands, each traced by both backends, following children: at least
    /// 99 % of the calls of each process must be equal by name and result. The two runs are two runs of a program, so a
    /// few calls may differ in either backend (a retried futex, a pid, a random count): each process's calls are compared
    /// as multisets of name=result, so that threads interleaving differently in the two runs do not count as differences,
    /// which an ordered alignment (LCS) would. Every difference is printed; so is, not asserted, how many of the calls'
    /// whole strace lines (run-dependent numbers masked) are equal, which tells how much memory the eBPF backend did not
    /// capture as ptrace read it.</summary>
    [EbpfFact]
    public void BothBackendsSeeTheSameCalls()
    {
        string project = Path.Combine(_scratch, "make");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Makefile"), "all: a.out\na.out: a.in\n\tcp a.in a.out\n");
        File.WriteAllText(Path.Combine(project, "a.in"), "x\n");
        var runs = new List<(string Label, TraceStartInfo Start)>();
        runs.AddRange(FamilyPrograms.Select(name => (name, new TraceStartInfo { FileName = TestPrograms.PathOf(name) })));
        runs.Add(("ls -la /usr/include", Command("ls", "-la", "/usr/include")));
        runs.Add(("sh -c 'echo x | cat'", Command("sh", "-c", "echo x | cat")));
        runs.Add(("python3 -c pass", Command("python3", "-c", "pass")));
        runs.Add(("git --version", Command("git", "--version")));
        runs.Add(("dd", Command("dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=1000")));
        runs.Add(("make -B", Command("make", "-s", "-B", "-C", project)));

        var calls = new Tally();
        var lines = new Tally();
        foreach ((string label, TraceStartInfo start) in runs)
        {
            Dictionary<string, List<SyscallEvent>> ptrace = CallsByProcess(start, TraceBackend.Ptrace, out HashSet<int> ptraceIds);
            Dictionary<string, List<SyscallEvent>> ebpf = CallsByProcess(start, TraceBackend.Ebpf, out HashSet<int> ebpfIds);
            var report = new StringBuilder();
            (int sameCalls, int allCalls) = calls.Compare(ptrace, ebpf, call => NameAndResult(call, ptraceIds), call => NameAndResult(call, ebpfIds), report);
            (int sameLines, int allLines) = lines.Compare(ptrace, ebpf, call => MaskedText(call, ptraceIds), call => MaskedText(call, ebpfIds), null);
            output.WriteLine($"{label}: {sameCalls}/{allCalls} calls equal by name and result, {sameLines}/{allLines} lines equal");
            output.WriteLine(report.ToString());
        }
        output.WriteLine($"All: {calls.Same}/{calls.All} calls equal by name and result ({100.0 * calls.Same / calls.All:F2} %), " +
            $"{lines.Same}/{lines.All} whole lines ({100.0 * lines.Same / lines.All:F2} %)");
        output.WriteLine("Calls differing by name and result, most first: " + calls.TopNames());
        output.WriteLine("Lines differing, most first: " + lines.TopNames());
        Assert.True(calls.All > 5000, $"only {calls.All} calls compared");
        Assert.True(calls.Same >= 0.99 * calls.All, $"only {calls.Same} of {calls.All} calls equal by name and result");
    }

    private static TraceStartInfo Command(string program, params string[] arguments) =>
        new() { FileName = program, Arguments = arguments, StandardOutputPath = "/dev/null" };

    /// <summary>The calls of the processes, grouped by what they ran (their execs), since process ids differ between runs.</summary>
    private static Dictionary<string, List<SyscallEvent>> CallsByProcess(TraceStartInfo start, TraceBackend backend, out HashSet<int> ids)
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend, FollowChildren = true }, start);
        Assert.DoesNotContain(events, e => e is RecordsLostEvent);
        var order = new List<int>();
        var execs = new Dictionary<int, string>();
        var byProcess = new Dictionary<int, List<SyscallEvent>>();
        foreach (TraceEvent e in events)
        {
            if (!byProcess.ContainsKey(e.ProcessId))
            {
                order.Add(e.ProcessId);
                byProcess[e.ProcessId] = [];
            }
            if (e is ProcessExecEvent exec)
                execs[e.ProcessId] = execs.GetValueOrDefault(e.ProcessId, "") + ">" + Path.GetFileName(exec.Path);
            else if (e is SyscallEvent call && !call.IsDetached)
                byProcess[e.ProcessId].Add(call);
        }
        ids = [.. events.Select(e => e.ProcessId).Concat(events.Select(e => e.ThreadId))];
        // Processes that ran the same programs are one group: which of them came first differs between runs.
        var keyed = new Dictionary<string, List<SyscallEvent>>();
        foreach (int pid in order)
        {
            string what = execs.GetValueOrDefault(pid, "(no exec)");
            keyed[what] = [.. keyed.GetValueOrDefault(what, []), .. byProcess[pid]];
        }
        return keyed;
    }

    // A result that is a process or thread id, or large (an address, a time), differs between two runs of a program.
    private static string NameAndResult(SyscallEvent call, HashSet<int> ids) =>
        call.Name + " = " + (call.IsUnfinished ? "?"
            : call.Errno.Length > 0 ? call.Errno
            : call.Result is { } result && (ids.Contains((int)result) && result > 1) ? "PID"
            : call.Result is { } large && Math.Abs(large) >= 1 << 20 ? "N"
            : call.Result?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string MaskedText(SyscallEvent call, HashSet<int> ids) =>
        Decimal().Replace(Hex().Replace(call.Text, "0xADDR"), m =>
            m.Value.Length >= 6 || (int.TryParse(m.Value, out int n) && n > 1 && ids.Contains(n)) ? "N" : m.Value);

    [GeneratedRegex(@"0x[0-9a-f]{5,}")]
    private static partial Regex Hex();

    [GeneratedRegex(@"(?<![\w.])\d+(?![\w])")]
    private static partial Regex Decimal();

    /// <summary>Equal and all items over every run compared, and the unmatched ones by call name.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, int> _differing = [];

        public int Same { get; private set; }

        public int All { get; private set; }

        /// <summary>Compares each process's items as multisets; all is the larger count of the two per process.</summary>
        public (int Same, int All) Compare(Dictionary<string, List<SyscallEvent>> ptrace, Dictionary<string, List<SyscallEvent>> ebpf,
            Func<SyscallEvent, string> ptraceItem, Func<SyscallEvent, string> ebpfItem, StringBuilder? report)
        {
            int same = 0, all = 0;
            foreach (string process in ptrace.Keys.Union(ebpf.Keys))
            {
                List<SyscallEvent> left = ptrace.GetValueOrDefault(process, []), right = ebpf.GetValueOrDefault(process, []);
                var counts = new Dictionary<string, (int Ptrace, int Ebpf, string Name)>();
                foreach (SyscallEvent call in left)
                {
                    string item = ptraceItem(call);
                    (int Ptrace, int Ebpf, string Name) c = counts.GetValueOrDefault(item, (0, 0, call.Name));
                    counts[item] = (c.Ptrace + 1, c.Ebpf, c.Name);
                }
                foreach (SyscallEvent call in right)
                {
                    string item = ebpfItem(call);
                    (int Ptrace, int Ebpf, string Name) c = counts.GetValueOrDefault(item, (0, 0, call.Name));
                    counts[item] = (c.Ptrace, c.Ebpf + 1, c.Name);
                }
                int matched = counts.Values.Sum(c => Math.Min(c.Ptrace, c.Ebpf));
                same += matched;
                all += Math.Max(left.Count, right.Count);
                foreach ((string item, (int p, int e, string name)) in counts.Where(c => c.Value.Ptrace != c.Value.Ebpf).OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    _differing[name] = _differing.GetValueOrDefault(name) + Math.Abs(p - e);
                    report?.AppendLine($"  {process}: ptrace {p}x, ebpf {e}x: {item}");
                }
            }
            Same += same;
            All += all;
            return (same, all);
        }

        public string TopNames() =>
            string.Join(", ", _differing.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Take(25).Select(d => $"{d.Key} {d.Value}"));
    }
}

/// <summary>What the eBPF backend must show of its own: loss counted exactly, a process attached to never stopped, and
/// what a session started killed with it.</summary>
public sealed class EbpfBackendOwnTests(ITestOutputHelper output)
{
    /// <summary>8 threads calling getppid as fast as they can, into a ring buffer of 16 KiB: calls are lost, each is
    /// counted, and the calls seen and the calls lost make every call the program made.</summary>
    [EbpfFact]
    public void LostCallsAddUpToEveryCallMade()
    {
        const int PerThread = 20000;
        var options = new TraceSessionOptions { Backend = TraceBackend.Ebpf, EbpfBufferSize = 16384, Syscalls = d => d.Name == "getppid" };
        var (events, exit) = TestPrograms.Trace(options, new TraceStartInfo { FileName = TestPrograms.PathOf("syscall_storm"), Arguments = [$"{PerThread}"] });
        int seen = events.OfType<SyscallEvent>().Count(c => c.Name == "getppid");
        long lost = events.OfType<RecordsLostEvent>().Sum(l => l.Calls);
        output.WriteLine($"{seen} calls seen, {lost} lost in {events.OfType<RecordsLostEvent>().Count()} reports");
        Assert.Equal(0, exit?.ExitCode);
        Assert.True(lost > 0, "a 16 KiB buffer kept up with 8 threads: nothing shows the counting");
        Assert.Equal(8L * PerThread, seen + lost);
    }

    /// <summary>An ioctl argument larger than what is read of any (struct dm_ioctl, 312 bytes) is read to the size its
    /// request gives; LOOP_CONFIGURE's struct loop_config (304 bytes), whose old request gives none, within what is read
    /// of any. Both print as ptrace prints them.</summary>
    [EbpfFact]
    public void AnIoctlArgumentIsReadWhole()
    {
        foreach ((string program, string request) in (ReadOnlySpan<(string, string)>)[("ioctl_more_calls", "DM_DEV_CREATE"), ("ioctl_calls", "LOOP_CONFIGURE")])
        {
            string[] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
                TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf(program)).Events
                    .OfType<SyscallEvent>().First(c => c.Name == "ioctl" && c.ToString().Contains(request, StringComparison.Ordinal)).ToString())];
            Assert.Contains("{", lines[1]);
            Assert.Equal(lines[0], lines[1]);
        }
    }

    /// <summary>A getdents64 that fills its 32 KB buffer to the last byte is read whole: the directory's entries take
    /// exactly 32768 bytes (".", "..", 1020 names of 12 bytes and 2 of 20, records of 24, 32 and 40 bytes).</summary>
    [EbpfFact]
    public void AFullDirectoryBufferIsReadWhole()
    {
        string directory = Directory.CreateTempSubdirectory("hatrace-dirent-").FullName;
        try
        {
            for (int i = 0; i < 1022; i++)
                File.WriteAllBytes(Path.Combine(directory, i < 1020 ? $"{i:D12}" : $"{i:D20}"), []);
            string[] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
                TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, "ls", "-f", directory).Events
                    .OfType<SyscallEvent>().First(c => c.Name == "getdents64").ToString())];
            Assert.EndsWith("/* 1024 entries */, 32768) = 32768", lines[0]);
            Assert.Equal(Regex.Replace(lines[0], "0x[0-9a-f]+", "ADDR"), Regex.Replace(lines[1], "0x[0-9a-f]+", "ADDR"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>vector_calls' iovecs as ptrace reads them: writev's bytes in pages the program has not touched yet, which
    /// the kernel program cannot read at entry (literals, and a page of a file it mapped), read at the exit of the call
    /// that faulted them in; and the iovecs of a readv that failed, read at its entry, though it filled none.</summary>
    [EbpfFact]
    public void VectorsAreReadAsTheCallHadThem()
    {
        string[][] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
            TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf("vector_calls")).Events
                .OfType<SyscallEvent>().Where(c => c.Name is "writev" or "readv").Select(c => c.ToString()).ToArray())];
        Assert.Equal("writev(4, [{iov_base=\"hello \", iov_len=6}], 1) = 6", lines[1][^1]);
        Assert.Contains("readv(4, [{iov_base=0x1000, iov_len=4}], 1) = -1 EBADF (Bad file descriptor)", lines[1]);
        Assert.Equal(lines[0], lines[1]);
    }

    /// <summary>Pointers the prototype does not show as such are read as what they point to: one followed by a number
    /// that is no length, not as a buffer of that many bytes (landlock_add_rule's rule, its flags after it 0; fsconfig's
    /// string value, its aux after it), one its typedef names (capget's sets, cap_user_data_t), and semctl's union of a
    /// number and pointers. The lines that read it are compared, the two runs' addresses, pids, ids and times masked.</summary>
    [EbpfFact]
    public void PointersTheirPrototypeHidesAreRead()
    {
        AssertReadAsPtraceReadsIt("sched_calls", "landlock_add_rule", "{allowed_access=LANDLOCK_ACCESS_FS_READ_FILE, parent_fd=");
        AssertReadAsPtraceReadsIt("time_mount_calls", "fsconfig", "\"none\"");
        AssertReadAsPtraceReadsIt("prctl_calls", "capget", "}, {effective=1<<CAP_");
        AssertReadAsPtraceReadsIt("ipc_calls", "semctl", "IPC_STAT, {sem_perm={uid=");
    }

    /// <summary>What a call writes when it fails is read at its exit too, as ptrace reads it: a sleep's time left when
    /// a signal cut it short, the size sched_setattr and perf_event_open want (E2BIG), a file handle's (EOVERFLOW).</summary>
    [EbpfFact]
    public void WhatAFailedCallWritesIsRead()
    {
        AssertReadAsPtraceReadsIt("time_calls", "clock_nanosleep", "}, {tv_sec=0, tv_nsec=");
        AssertReadAsPtraceReadsIt("sched_calls", "sched_setattr", "} => {size=");
        AssertReadAsPtraceReadsIt("time_mount_calls", "perf_event_open", " => 0x88");
        AssertReadAsPtraceReadsIt("time_mount_calls", "name_to_handle_at", "{handle_bytes=0 => ");
    }

    // The program's calls of that name whose text holds read, under each backend: there are some, and the same, the two
    // runs' addresses, pids, ids, times and other long numbers masked.
    private static void AssertReadAsPtraceReadsIt(string program, string call, string read)
    {
        string[][] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
            TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf(program)).Events
                .OfType<SyscallEvent>().Where(c => c.Name == call && c.ToString().Contains(read, StringComparison.Ordinal))
                .Select(c => Regex.Replace(c.ToString(), @"0x[0-9a-f]{8,}|(?<=pid=)\d+|\b\d{4,}\b", "N")).ToArray())];
        Assert.NotEmpty(lines[0]);
        Assert.Equal(lines[0], lines[1]);
    }

    /// <summary>prctl's "unsigned long" arguments are addresses as its option says: PR_SET_NAME's name and
    /// PR_GET_PDEATHSIG's signal are read as ptrace reads them, not printed as addresses.</summary>
    [EbpfFact]
    public void APrctlArgumentThatIsAnAddressIsRead()
    {
        string[][] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
            TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf("prctl_calls")).Events
                .OfType<SyscallEvent>().Where(c => c.Name == "prctl" && c.Result == 0)
                .Select(c => c.ToString()).Where(t => t.Contains("PR_SET_NAME", StringComparison.Ordinal) || t.Contains("PR_GET_PDEATHSIG", StringComparison.Ordinal)).ToArray())];
        Assert.Contains(lines[1], line => line.StartsWith("prctl(PR_SET_NAME, \"prctl-test\")", StringComparison.Ordinal));
        Assert.Contains(lines[1], line => line.StartsWith("prctl(PR_GET_PDEATHSIG, [", StringComparison.Ordinal));
        Assert.Equal(lines[0], lines[1]);
    }

    /// <summary>sendmmsg's and recvmmsg's arrays of messages are read with each message's iovecs and bytes (those its
    /// msg_len says were received, for recvmmsg), and print as ptrace prints them: not the iovecs' address.</summary>
    [EbpfFact]
    public void AnArrayOfMessagesIsReadWithItsBytes()
    {
        string[][] lines = [.. ((TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf]).Select(backend =>
            TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf("misc_calls")).Events
                .OfType<SyscallEvent>().Where(c => c.Name is "sendmmsg" or "recvmmsg" && c.Result > 0).Select(c => c.ToString()).ToArray())];
        Assert.Equal(2, lines[1].Length);
        Assert.All(lines[1], line => Assert.Contains("iov_base=\"abc\"", line));
        Assert.Equal(lines[0], lines[1]);
    }

    /// <summary>execve's argv and envp in one array, envp right after argv's NULL (exec_adjacent_arrays): what the kernel
    /// program copied of argv's array runs on into envp's and ends before envp's NULL; envp is read from its own copy,
    /// whole, as ptrace reads it.</summary>
    [EbpfFact]
    public void AnEnvironmentRightAfterArgvIsReadWhole()
    {
        foreach (TraceBackend backend in (TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf])
        {
            var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend }, TestPrograms.PathOf("exec_adjacent_arrays"));
            Assert.Equal(0, exit?.ExitCode);
            SyscallEvent exec = events.OfType<SyscallEvent>().Last(c => c.Name == "execve");
            var environment = Assert.IsType<ArrayValue>(exec.Arguments[2].Value);
            Assert.True(environment.Count == 63 && environment.StoppedAt is null, $"{backend}: {exec.Text}");
            Assert.Contains("/* 63 vars */", exec.Text);
        }
    }

    /// <summary>A new process's or thread's return from the clone, fork or vfork that made it is no call of its own: the
    /// kernel runs its exit tracepoint, without an entry, but ptrace (and strace) show only the parent's call.</summary>
    [EbpfFact]
    public void ANewTaskReturningFromCloneIsNoCall()
    {
        foreach (TraceBackend backend in (TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf])
        {
            var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend, FollowChildren = true },
                new TraceStartInfo { FileName = "sh", Arguments = ["-c", "true | true"] });
            Assert.Equal(0, exit?.ExitCode);
            SyscallEvent[] forks = [.. events.OfType<SyscallEvent>().Where(c => c.Name is "clone" or "clone3" or "fork" or "vfork")];
            Assert.True(forks.Length == 2 && forks.All(c => c.Result > 0), $"{backend}: " + string.Join(" | ", forks.Select(c => c.ToString())));
        }
    }

    /// <summary>The signals both backends report are those ptrace stops a thread for: where the thread takes one to act
    /// on it, not one sigtimedwait takes (signals_calls waits for two it sends itself) nor SIGKILL (process_calls' child
    /// kills itself); and an ignored one it sent itself (process_calls' SIGWINCH and SIGRT_5) after the call that sent
    /// it, as ptrace reports it as that call returns. Each signal is compared by its text, a signal a process sent
    /// itself with the name of the call its thread made before it; the two runs' pids masked.</summary>
    [EbpfFact]
    public void SignalsAreReportedAsPtraceReportsThem()
    {
        foreach (string name in (string[])["signals_calls", "process_calls"])
        {
            string[] ptrace = Signals(name, TraceBackend.Ptrace), ebpf = Signals(name, TraceBackend.Ebpf);
            Assert.NotEmpty(ptrace);
            Assert.Equal(ptrace, ebpf);
        }
    }

    private static string[] Signals(string program, TraceBackend backend)
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend, FollowChildren = true }, TestPrograms.PathOf(program));
        var signals = new List<string>();
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is not SignalEvent signal)
                continue;
            string text = Regex.Replace(signal.Text, @"si_pid=\d+", "si_pid=N");
            if (signal.SenderProcessId == signal.ProcessId)
                text += " after " + events.Take(i).OfType<SyscallEvent>().LastOrDefault(c => c.ThreadId == signal.ThreadId)?.Name;
            signals.Add(text);
        }
        signals.Sort(StringComparer.Ordinal);
        return [.. signals];
    }

    /// <summary>A call its thread dies in, of SIGKILL, has no return, as ptrace shows none: a shell's kill -9 of itself.</summary>
    [EbpfFact]
    public void ACallItsThreadDiesInHasNoReturn()
    {
        foreach (TraceBackend backend in (TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf])
        {
            var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend },
                new TraceStartInfo { FileName = "sh", Arguments = ["-c", "kill -9 $$"] });
            Assert.Equal(9, exit?.Signal);
            SyscallEvent kill = events.OfType<SyscallEvent>().Last(c => c.Name == "kill");
            Assert.True(kill.IsUnfinished, $"{backend}: {kill}");
        }
    }

    /// <summary>Each thread a traced process starts is announced before anything of it: threads_pipe starts two.</summary>
    [EbpfFact]
    public void EachThreadStartsBeforeItsFirstEvent()
    {
        foreach (TraceBackend backend in (TraceBackend[])[TraceBackend.Ptrace, TraceBackend.Ebpf])
        {
            var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { Backend = backend, FollowChildren = true },
                TestPrograms.PathOf("threads_pipe"));
            Assert.Equal(0, exit?.ExitCode);
            ThreadStartEvent[] starts = [.. events.OfType<ThreadStartEvent>()];
            Assert.Equal(2, starts.Length);
            foreach (ThreadStartEvent start in starts)
            {
                Assert.Equal(exit!.ProcessId, start.ProcessId);
                Assert.Equal("+++ thread started +++", start.Text);
                Assert.Equal(events.IndexOf(start), events.FindIndex(e => e.ThreadId == start.ThreadId));
                Assert.Contains(events, e => e is ThreadExitEvent && e.ThreadId == start.ThreadId);
            }
        }
    }

    /// <summary>The verifier's answer to a program it rejects, EACCES, is no missing privilege: the error says what it
    /// may be and asks for no root (which a root user already is); EPERM is the missing privilege.</summary>
    [Fact]
    public void AProgramTheKernelRejectsIsNotReportedAsMissingPrivilege()
    {
        TraceStartException rejected = Hatrace.Engine.Tracing.Ebpf.EbpfProgram.Failure("true", "load the eBPF program", Interop.Errno.EACCES);
        Assert.Equal(TraceStartError.SystemError, rejected.Error);
        Assert.Contains("verifier rejected", rejected.Message);
        Assert.DoesNotContain("root", rejected.Message);
        TraceStartException unprivileged = Hatrace.Engine.Tracing.Ebpf.EbpfProgram.Failure("true", "load the eBPF program", Interop.Errno.EPERM);
        Assert.Equal(TraceStartError.PermissionDenied, unprivileged.Error);
        Assert.Contains("CAP_BPF", unprivileged.Message);
    }

    /// <summary>The program built for kernels before 6.16, which the tracer falls back on where the kernel refuses the
    /// other's exit program: it loads and attaches on this kernel too (its exit program reads only what every kernel
    /// passes), so the verifier takes it and its maps are sized as asked.</summary>
    [EbpfFact]
    public unsafe void TheProgramForKernelsBefore616LoadsAndAttaches()
    {
        var sizes = new Interop.HatraceNative.EbpfSizes { RingBytes = 4096, Cpus = (uint)Environment.ProcessorCount, TracedWords = 1 };
        Interop.HatraceNative.EbpfMaps maps;
        int error;
        nint loaded = Interop.HatraceNative.EbpfLoad(&sizes, 1, &maps, &error);
        Assert.True(loaded != 0, $"not loaded: {Interop.Errno.Message(error)}");
        try
        {
            Assert.Equal(0, Interop.HatraceNative.EbpfAttach(loaded));
            Assert.All(new[] { maps.Records, maps.Drops, maps.TracedBits, maps.AttachedBits, maps.Plans, maps.Settings }, fd => Assert.True(fd > 2));
        }
        finally
        {
            Interop.HatraceNative.EbpfDestroy(loaded);
        }
    }

    /// <summary>A running program attached to with the eBPF backend: its calls are seen, while none of its threads is
    /// ever stopped or traced (sampled in /proc all along), and it runs on once the session ends.</summary>
    [EbpfFact]
    public void AProcessAttachedToIsNeverStoppedAndRunsOn()
    {
        using var program = System.Diagnostics.Process.Start(TestPrograms.PathOf("getppid_loop"), "1000000000")!;
        try
        {
            int calls = 0;
            var states = new List<string>();
            using (TraceSession session = TraceSession.Attach([program.Id], new TraceSessionOptions { Backend = TraceBackend.Ebpf }))
            {
                Task reading = Task.Run(() =>
                {
                    foreach (TraceEvent e in session.ReadEvents())
                    {
                        if (e is SyscallEvent { Name: "getppid" })
                            calls++;
                    }
                });
                for (int sample = 0; sample < 40; sample++)
                {
                    foreach (string task in Directory.GetDirectories($"/proc/{program.Id}/task"))
                    {
                        string[] status = File.ReadAllLines(Path.Combine(task, "status"));
                        states.Add(status.First(l => l.StartsWith("State:", StringComparison.Ordinal)) + " " +
                            status.First(l => l.StartsWith("TracerPid:", StringComparison.Ordinal)).Replace('\t', ' '));
                    }
                    Thread.Sleep(25);
                }
                session.Stop();
                reading.Wait(TimeSpan.FromSeconds(30));
            }
            output.WriteLine($"{calls} getppid calls seen; states: {string.Join(", ", states.Distinct())}");
            Assert.True(calls > 1000, $"only {calls} calls seen");
            Assert.All(states, s => Assert.Matches(@"^State:\s+[RS] .*TracerPid: 0$", s));
            Assert.False(program.HasExited, "the program did not run on after the session");
        }
        finally
        {
            program.Kill();
            program.WaitForExit();
        }
    }

    /// <summary>A session disposed while what it started still runs (Select-Object -First, Ctrl+C) kills all of it: the
    /// shell and both its sleeps are gone, none stopped or left a zombie.</summary>
    [EbpfFact]
    public void DisposingEarlyKillsWhatTheSessionStarted()
    {
        var start = new TraceStartInfo { FileName = "sh", Arguments = ["-c", "sleep 30 & sleep 30; wait"] };
        HashSet<int> started = [];
        int sleeping = 0;
        using (TraceSession session = TraceSession.Start(start, new TraceSessionOptions { Backend = TraceBackend.Ebpf }))
        {
            foreach (TraceEvent e in session.ReadEvents())
            {
                if (e is ProcessStartEvent s)
                    started.Add(s.ProcessId);
                if (e is ProcessExecEvent { CommandName: "sleep" } && ++sleeping == 2)
                    break;
            }
        }
        output.WriteLine($"started: {string.Join(", ", started)}");
        Assert.Equal(3, started.Count);
        foreach (int pid in started)
        {
            // Killed before Dispose returned: dead a moment later, then a zombie until init reaps it (its shell is gone).
            for (int i = 0; i < 100 && TestPrograms.ReadState(pid) is not (null or "Z"); i++)
                Thread.Sleep(50);
            Assert.True(TestPrograms.ReadState(pid) is null or "Z", $"process {pid} still runs");
        }
        // Init reaps orphans when it gets to them, which can take seconds on this kind of machine.
        TestPrograms.AssertNoneLeft(started);
    }
}
