using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>A tracee that calls every syscall number of both ABIs with garbage (tests/programs/syscall_fuzz.c): the
/// tracer must emit every call, decoded as far as the memory allows, and end with the tracee's own exit.
/// tests/Fuzz-Syscalls.ps1 runs it longer, with random seeds.</summary>
public sealed partial class HostileInputTests : IDisposable
{
    /// <summary>The seed and rounds CI runs: every number of both tables, three times.</summary>
    internal const string Seed = "20261127", Rounds = "3";

    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-fuzz-").FullName;

    // rm, not Directory.Delete: .NET cannot name the files the fuzzer creates with invalid UTF-8 in their names.
    public void Dispose()
    {
        using var rm = System.Diagnostics.Process.Start("rm", ["-rf", _scratch]);
        rm.WaitForExit();
    }

    /// <summary>Errors that echo errors, nested a megabyte deep: decoded some levels deep, the rest in hex, and the
    /// tracer (whose stack a decoder following every echo would overflow, killing the host) traces on to the exit.</summary>
    [Fact]
    public void NetlinkErrorsNestedWithoutEndAreDecodedToALimit()
    {
        var (events, exit) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("netlink_nested"));
        SyscallEvent send = Assert.Single(events.OfType<SyscallEvent>(), c => c.Name == "sendto");
        Assert.StartsWith("sendto(3, [{nlmsg_len=1048576, nlmsg_type=NLMSG_ERROR", send.Text, StringComparison.Ordinal);
        Assert.Contains("msg=[{nlmsg_len=1048556, nlmsg_type=NLMSG_ERROR", send.Text, StringComparison.Ordinal);
        Assert.Contains("\\x", send.Text, StringComparison.Ordinal);
        Assert.Equal(0, exit?.ExitCode);
    }

    [Fact]
    public void EveryFuzzedCallIsEmittedAndTheRunEndsWithTheTraceesExit()
    {
        string report = Path.Combine(_scratch, "report");
        string scratch = Directory.CreateDirectory(Path.Combine(_scratch, "work")).FullName;
        var start = new TraceStartInfo
        {
            FileName = TestPrograms.PathOf("syscall_fuzz"),
            Arguments = [scratch, Seed, Rounds],
            StandardOutputPath = report,
        };
        using TraceSession session = TraceSession.Start(start, new TraceSessionOptions());
        List<TraceEvent> events = [.. session.ReadEvents()];
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);

        Assert.Equal(42, session.RootExit?.ExitCode);
        var (x64, i386) = CountFuzzed(events.OfType<SyscallEvent>().Where(c => c.ProcessId == session.RootExit?.ProcessId));
        Match reported = ReportPattern().Match(File.ReadAllText(report));
        Assert.True(reported.Success, "the fuzzer's report: " + File.ReadAllText(report));
        Assert.Equal(long.Parse(reported.Groups["x64"].Value), x64);
        Assert.Equal(long.Parse(reported.Groups["i386"].Value), i386);
    }

    /// <summary>The calls between the fuzzer's two marker writes, by ABI; every one has a name and its text.</summary>
    internal static (long X64, long I386) CountFuzzed(IEnumerable<SyscallEvent> calls)
    {
        long x64 = 0, i386 = 0;
        bool inside = false;
        foreach (SyscallEvent call in calls)
        {
            if (call.Text.StartsWith("write(-1, \"hatrace-fuzz-", StringComparison.Ordinal))
            {
                inside = call.Text.Contains("-begin\"", StringComparison.Ordinal);
                continue;
            }
            if (!inside)
                continue;
            Assert.False(string.IsNullOrEmpty(call.Text), call.Name);
            if (call.Arch == SyscallArch.I386)
                i386++;
            else
                x64++;
        }
        return (x64, i386);
    }

    [GeneratedRegex(@"x86_64=(?<x64>\d+) i386=(?<i386>\d+)")]
    internal static partial Regex ReportPattern();
}
