using System.Text.RegularExpressions;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli.Tests;

/// <summary>The syscall classes behind <c>-e trace=%file</c> and the like. Their membership is hatrace's own
/// (SyscallClasses.cs); strace is the oracle on real runs: both must trace the same calls for each class, except for
/// the differences kept on purpose, listed here.</summary>
public partial class SyscallClassesTests
{
    // Kept on purpose: socket calls take or make descriptors, so they are in %desc as well as %network (strace
    // leaves them out of %desc), but sendfile, which strace has in both; prctl is a multiplexer that only sometimes
    // touches capabilities, so it is not in %creds (strace puts it there); protection keys and process_madvise are in
    // %memory (strace leaves them out).
    private static readonly Dictionary<string, (string[] HatraceOnly, string[] StraceOnly)> s_keptDifferences = new()
    {
        ["%desc"] = ([.. SyscallClasses.Members(SyscallArch.X86_64, SyscallClass.Network).Select(d => d.Name).Where(n => n != "sendfile")], []),
        ["%creds"] = ([], ["prctl"]),
        ["%memory"] = (["pkey_alloc", "pkey_free", "process_madvise"], []),
    };

    private static readonly string[][] s_commands =
    [
        ["sh", "-c", "ls -la /usr/share/doc > /dev/null; cat /etc/os-release > /dev/null; id > /dev/null; df / > /dev/null; "
            + "stat / > /dev/null; date > /dev/null; sleep 0.01 & wait; kill -0 $$; getent hosts localhost > /dev/null; "
            + "sort --parallel=2 /etc/os-release > /dev/null; d=$(mktemp -d); touch $d/a; chmod 600 $d/a; ln -s $d/a $d/b; "
            + "readlink $d/b > /dev/null; mv $d/a $d/c; rm -r $d"],
        [Runner.Program("family")],
    ];

    /// <summary>strace's classes, each checked on real runs and on the table walk.</summary>
    public static TheoryData<string> ClassNames =>
    [
        "%file", "%desc", "%network", "%signal", "%ipc", "%memory", "%process", "%creds", "%clock", "%stat", "%lstat",
        "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs", "%pure",
    ];

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void ClassesTraceWhatStracesDo(string className)
    {
        (string[] hatraceOnly, string[] straceOnly) = s_keptDifferences.GetValueOrDefault(className, ([], []));
        foreach (string[] command in s_commands)
        {
            using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
            string[] options = ["-f", "-qq", "-e", $"trace={className}"];
            Runner.Strace([.. options, "-o", straceLog.Path, .. command]);
            Runner.Run([.. options, "-o", hatraceLog.Path, .. command]);
            SortedSet<string> expected = Names(straceLog.Path), actual = Names(hatraceLog.Path);
            expected.ExceptWith(straceOnly);
            actual.ExceptWith(hatraceOnly);
            Assert.True(expected.SetEquals(actual),
                $"{className} on {command[0]}: strace only [{string.Join(' ', expected.Except(actual))}], hatrace only [{string.Join(' ', actual.Except(expected))}]");
        }
    }

    [Theory]
    [MemberData(nameof(ClassNames))]
    public void EveryCallIsWhereStraceClassesIt(string className)
    {
        // The table walk makes every call once: each class must pick the calls strace's picks, but for the differences
        // kept on purpose and the calls newer than strace, which it prints as syscall_0x1c3 whatever the class. The
        // walk's own seccomp filter answers each call, which a seccomp pre-filter of the tracer's would then never see.
        (string[] hatraceOnly, string[] straceOnly) = s_keptDifferences.GetValueOrDefault(className, ([], []));
        List<SyscallDefinition> calls = TableWalk.Calls();
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile(), everyCall = Runner.TempFile();
        string[] walk = [Runner.Program("table_walk"), .. TableWalk.Arguments(calls)];
        Runner.Strace(["-qq", "-o", everyCall.Path, .. walk]);
        var newer = File.ReadAllLines(everyCall.Path).Select(l => NewerCall().Match(l)).Where(m => m.Success)
            .Select(m => Convert.ToInt64(m.Groups[1].Value, 16)).ToHashSet();
        Runner.Strace(["-f", "-qq", "-e", $"trace={className}", "-o", straceLog.Path, .. walk]);
        Runner.Run(["-f", "-qq", "--no-seccomp-bpf", "-e", $"trace={className}", "-o", hatraceLog.Path, .. walk]);
        SortedSet<string> expected = Names(straceLog.Path), actual = Names(hatraceLog.Path);
        expected.RemoveWhere(name => name.StartsWith("syscall_0x", StringComparison.Ordinal));
        expected.ExceptWith(straceOnly);
        actual.ExceptWith([.. hatraceOnly, .. calls.Where(d => newer.Contains(d.Number)).Select(d => d.Name)]);
        Assert.True(expected.Count > 0, $"{className}: strace traced no call of the walk");
        Assert.True(expected.SetEquals(actual),
            $"{className}: strace only [{string.Join(' ', expected.Except(actual))}], hatrace only [{string.Join(' ', actual.Except(expected))}]");
    }

    [Fact]
    public void EveryListedNameIsACall()
    {
        var known = SyscallTable.All(SyscallArch.X86_64).Concat(SyscallTable.All(SyscallArch.I386)).Select(d => d.Name).ToHashSet();
        Assert.DoesNotContain(SyscallClasses.ListedNames, n => !known.Contains(n));
    }

    [Theory]
    [InlineData("openat", SyscallClass.File | SyscallClass.Desc)]
    [InlineData("execve", SyscallClass.File | SyscallClass.Process)]
    [InlineData("newfstatat", SyscallClass.File | SyscallClass.Desc | SyscallClass.FStat | SyscallClass.StatLike)]
    [InlineData("stat", SyscallClass.File | SyscallClass.Stat | SyscallClass.StatLike)]
    [InlineData("lstat", SyscallClass.File | SyscallClass.LStat | SyscallClass.StatLike)]
    [InlineData("statfs", SyscallClass.File | SyscallClass.StatFs | SyscallClass.StatFsLike)]
    [InlineData("fstatfs", SyscallClass.Desc | SyscallClass.FStatFs | SyscallClass.StatFsLike)]
    [InlineData("ustat", SyscallClass.StatFsLike)]
    [InlineData("mmap", SyscallClass.Desc | SyscallClass.Memory)]
    [InlineData("connect", SyscallClass.Desc | SyscallClass.Network)]
    [InlineData("getpid", SyscallClass.Pure | SyscallClass.ReturnsProcessId)]
    [InlineData("getuid", SyscallClass.Creds | SyscallClass.Pure)]
    [InlineData("clock_gettime", SyscallClass.Clock)]
    [InlineData("shmat", SyscallClass.Ipc | SyscallClass.Memory)]
    [InlineData("rt_sigaction", SyscallClass.Signal)]
    [InlineData("kill", SyscallClass.Signal | SyscallClass.Process)]
    [InlineData("getppid", SyscallClass.Pure | SyscallClass.ReturnsProcessId)]
    [InlineData("nanosleep", SyscallClass.None)]
    [InlineData("exit_group", SyscallClass.Process | SyscallClass.NeverReturns)]
    [InlineData("clone", SyscallClass.Process | SyscallClass.CreatesTask | SyscallClass.ReturnsProcessId)]
    [InlineData("wait4", SyscallClass.Process | SyscallClass.ReturnsProcessId)]
    [InlineData("set_tid_address", SyscallClass.ReturnsProcessId)]
    public void ClassesOfSomeCalls(string name, SyscallClass expected) =>
        Assert.Equal(expected, SyscallClasses.Of(SyscallArch.X86_64, name));

    [Fact]
    public void I386CallsAreClassedByTheirOwnPrototypes()
    {
        Assert.Equal(SyscallClass.File | SyscallClass.Stat | SyscallClass.StatLike, SyscallClasses.Of(SyscallArch.I386, "stat64"));
        Assert.Equal(SyscallClass.Network | SyscallClass.Desc, SyscallClasses.Of(SyscallArch.I386, "socketcall"));
        Assert.Equal(SyscallClass.Creds | SyscallClass.Pure, SyscallClasses.Of(SyscallArch.I386, "getuid32"));
        Assert.Equal(SyscallClass.Process | SyscallClass.ReturnsProcessId, SyscallClasses.Of(SyscallArch.I386, "waitpid"));
        Assert.Equal(SyscallClass.Process | SyscallClass.NeverReturns, SyscallClasses.Of(SyscallArch.I386, "exit"));
        Assert.Equal(SyscallClass.None, SyscallClasses.Of(SyscallArch.I386, "nosuchcall"));
    }

    // The names of the calls in a -f -o log: "PID name(" or strace's "PID <... name resumed>".
    private static SortedSet<string> Names(string log) =>
        [.. File.ReadLines(log).Select(l => CallName().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^\d+ +(?:<\.\.\. )?([a-z_0-9]+)(?:\(| resumed>)")]
    private static partial Regex CallName();

    // A call strace 6.1 has no name for: syscall_0x1c3(...).
    [GeneratedRegex(@"^syscall_0x([0-9a-f]+)\(")]
    private static partial Regex NewerCall();
}
