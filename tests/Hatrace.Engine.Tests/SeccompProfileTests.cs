using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Seccomp profiles made from traces: the program they were made from runs under them untouched, and a call off
/// its path is denied by the kernel and shown as such.</summary>
public sealed class SeccompProfileTests
{
    private static (List<SyscallEvent> Calls, int? Exit) Trace(SeccompProfile? profile, TraceBackend backend = TraceBackend.Ptrace, params string[] arguments)
    {
        var start = new TraceStartInfo
        {
            FileName = TestPrograms.PathOf("profile_paths"),
            Arguments = arguments,
            SeccompProfile = profile,
            CaptureOutput = true,
        };
        using TraceSession session = TraceSession.Start(start, new TraceSessionOptions { Backend = backend });
        var calls = session.ReadEvents().OfType<SyscallEvent>().ToList();
        session.Dispose();
        return (calls, session.RootExit?.ExitCode);
    }

    private static SeccompProfile ProfileOfThePlainPath()
    {
        (List<SyscallEvent> calls, int? exit) = Trace(null);
        Assert.Equal(0, exit);
        return SeccompProfile.FromCalls(calls.Select(c => (c.Arch, c.Name)));
    }

    [Fact]
    public void TheProgramAProfileWasMadeFromRunsUnderItWithNoCallDenied()
    {
        SeccompProfile profile = ProfileOfThePlainPath();
        Assert.Contains("openat", profile.AllowedNames);
        Assert.DoesNotContain("uname", profile.AllowedNames);

        (List<SyscallEvent> calls, int? exit) = Trace(profile);
        Assert.Equal(0, exit);
        Assert.Contains(calls, c => c.Name == "read" && c.Result > 0);
        Assert.DoesNotContain(calls, c => c.DeniedByProfile);
        Assert.DoesNotContain(calls, c => c.Errno == "EPERM");
    }

    [Fact]
    public void ACallOffThePathIsDeniedWithEpermAndShownAsDenied()
    {
        SeccompProfile profile = ProfileOfThePlainPath();
        (List<SyscallEvent> calls, int? exit) = Trace(profile, TraceBackend.Ptrace, "extra");
        Assert.Equal(2, exit); // the program saw uname fail
        SyscallEvent uname = Assert.Single(calls, c => c.Name == "uname");
        Assert.True(uname.DeniedByProfile);
        Assert.Equal("EPERM", uname.Errno);
        Assert.EndsWith("= -1 EPERM (Operation not permitted)", uname.ToString(), StringComparison.Ordinal);
        Assert.Equal([uname], calls.Where(c => c.DeniedByProfile));
    }

    /// <summary>i386's socket calls made through socketcall are named after the call made, but the kernel's filter sees
    /// socketcall: a profile made from them lets socketcall run, and says no call was denied.</summary>
    [NeedsI386Fact]
    public void AProfileOfI386SocketCallsLetsSocketcallRun()
    {
        string program = TestPrograms.PathOf("i386_calls");
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions(), program);
        // Not from i386_calls' socketcall of no call, which would name socketcall itself.
        SeccompProfile profile =
            SeccompProfile.FromCalls(events.OfType<SyscallEvent>().Where(c => c.Name != "socketcall").Select(c => (c.Arch, c.Name)));
        Assert.Contains("socketcall", profile.AllowedNames);

        var start = new TraceStartInfo { FileName = program, SeccompProfile = profile };
        using TraceSession session = TraceSession.Start(start, new TraceSessionOptions());
        var calls = session.ReadEvents().OfType<SyscallEvent>().ToList();
        session.Dispose();
        Assert.Equal(0, session.RootExit?.ExitCode);
        Assert.Contains(calls, c => c.Name == "socket" && c.Result > 0);
        Assert.DoesNotContain(calls, c => c.DeniedByProfile);
    }

    [EbpfFact]
    public void TheEbpfBackendShowsTheDeniedCallToo()
    {
        SeccompProfile profile = ProfileOfThePlainPath();
        (List<SyscallEvent> calls, int? exit) = Trace(profile, TraceBackend.Ebpf, "extra");
        Assert.Equal(2, exit);
        SyscallEvent uname = Assert.Single(calls, c => c.DeniedByProfile);
        Assert.Equal(("uname", "EPERM"), (uname.Name, uname.Errno));
    }

    [Fact]
    public void TheProfileErrnoAndActionsAreTheOnesInTheFile()
    {
        // uname fails with EACCES here, and everything else runs.
        var profile = SeccompProfile.Parse("""
            {
              "defaultAction": "SCMP_ACT_ALLOW",
              "architectures": ["SCMP_ARCH_X86_64"],
              "syscalls": [ { "names": ["uname"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13 } ]
            }
            """);
        (List<SyscallEvent> calls, int? exit) = Trace(profile, TraceBackend.Ptrace, "extra");
        Assert.Equal(2, exit);
        SyscallEvent uname = Assert.Single(calls, c => c.DeniedByProfile);
        Assert.Equal(("uname", "EACCES"), (uname.Name, uname.Errno));
    }

    [Fact]
    public void ACallAFaultRuleSkipsIsNotKilledByAProfileThatKillsByDefault()
    {
        // The tracer skips the call (number -1) and the kernel checks that number against the filter again.
        (List<SyscallEvent> plain, _) = Trace(null, TraceBackend.Ptrace, "extra");
        string allowed = string.Join(", ", plain.Select(c => $"\"{c.Name}\"").Distinct());
        var profile = SeccompProfile.Parse($$"""{ "defaultAction": "SCMP_ACT_KILL_PROCESS", "syscalls": [ { "names": [{{allowed}}], "action": "SCMP_ACT_ALLOW" } ] }""");
        var start = new TraceStartInfo { FileName = TestPrograms.PathOf("profile_paths"), Arguments = ["extra"], SeccompProfile = profile, CaptureOutput = true };
        var options = new TraceSessionOptions { Faults = [new Tampering.SyscallFault { Syscalls = d => d.Name == "uname", Errno = 13 }] };
        var (events, exit) = TestPrograms.Trace(options, start);
        Assert.Equal(2, exit?.ExitCode); // uname failed as the rule says, and the program went on to report it
        SyscallEvent uname = Assert.Single(events.OfType<SyscallEvent>(), c => c.Name == "uname");
        Assert.Equal(("EACCES", false), (uname.Errno, uname.DeniedByProfile));
    }

    [Fact]
    public void X86_64IsAlwaysCoveredAsLibseccompKeepsTheNativeArchitecture()
    {
        var profile = SeccompProfile.Parse("""{ "defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86"], "syscalls": [ { "names": ["read"], "action": "SCMP_ACT_ALLOW" } ] }""");
        Assert.Equal([SyscallArch.X86_64, SyscallArch.I386], profile.Architectures);
        Assert.Equal(SeccompAction.Allow, profile.ActionFor(SyscallArch.X86_64, "read").Action);
    }

    [Fact]
    public void OciJsonReadsBackAsTheSameProfile()
    {
        SeccompProfile profile = SeccompProfile.FromCalls([(SyscallArch.X86_64, "read"), (SyscallArch.X86_64, "openat"),
            (SyscallArch.I386, "socketcall"), (SyscallArch.X86_64, "syscall_0x1f4")]);
        string json = profile.ToOciJson();
        Assert.Contains("\"defaultAction\": \"SCMP_ACT_ERRNO\"", json, StringComparison.Ordinal);
        Assert.Contains("\"SCMP_ARCH_X86\"", json, StringComparison.Ordinal);
        SeccompProfile again = SeccompProfile.Parse(json);
        Assert.Equal(["openat", "read", "socketcall"], again.AllowedNames);
        Assert.Equal([SyscallArch.X86_64, SyscallArch.I386], again.Architectures);
        Assert.Equal((SeccompAction.Errno, SeccompProfile.DefaultErrno), (again.DefaultAction, again.DefaultErrnoValue));
        Assert.Equal(json, again.ToOciJson());
    }

    [Fact]
    public void SystemdDirectivesListTheAllowedCalls()
    {
        SeccompProfile profile = SeccompProfile.FromCalls([(SyscallArch.X86_64, "write"), (SyscallArch.X86_64, "exit_group")]);
        Assert.Equal("SystemCallFilter=exit_group write\nSystemCallErrorNumber=EPERM\nSystemCallArchitectures=x86-64", profile.ToSystemdDirectives());
        var killing = SeccompProfile.Parse("""{ "defaultAction": "SCMP_ACT_KILL_PROCESS" }""");
        Assert.Throws<InvalidOperationException>(killing.ToSystemdDirectives);
    }

    [Theory]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{ \"syscalls\": [] }", "no defaultAction")]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_NOPE\" }", "'SCMP_ACT_NOPE', which is no seccomp action")]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_TRACE\" }", "needs a listener of its own")]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [ { \"names\": [\"clone\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [ { \"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\" } ] } ] }", "syscalls[0] has args")]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 99999 }", "defaultErrnoRet is not an errno")]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [ { \"action\": \"SCMP_ACT_ALLOW\" } ] }", "names no call")]
    [InlineData("{ defaultAction", "not JSON")]
    public void ABadProfileIsRefusedSayingWhy(string json, string why)
    {
        var error = Assert.Throws<FormatException>(() => SeccompProfile.Parse(json));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DockersArchMapAndUnknownNamesAreRead()
    {
        var profile = SeccompProfile.Parse("""
            {
              "defaultAction": "SCMP_ACT_ERRNO",
              "archMap": [ { "architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] } ],
              "syscalls": [ { "names": ["read", "arm_fadvise64_64"], "action": "SCMP_ACT_ALLOW", "args": [] } ]
            }
            """);
        Assert.Equal([SyscallArch.X86_64, SyscallArch.I386], profile.Architectures);
        Assert.Equal(SeccompAction.Allow, profile.ActionFor(SyscallArch.I386, "read").Action);
        Assert.Contains("arm_fadvise64_64", profile.AllowedNames); // kept for the profile's own sake: an ARM call
        Assert.Equal(SeccompAction.Errno, profile.ActionFor(SyscallArch.X86_64, "write").Action);
    }
}
