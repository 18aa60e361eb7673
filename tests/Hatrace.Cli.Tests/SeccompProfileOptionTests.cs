namespace Hatrace.Cli.Tests;

/// <summary>--seccomp-profile: the program runs under the profile, its denied calls in the trace as strace would print a
/// container's; a profile that cannot be read is one line on stderr.</summary>
public sealed class SeccompProfileOptionTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-profile-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Profile(string json)
    {
        string path = Path.Combine(_scratch, "profile.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void TheDeniedCallFailsInTheTraceAndTheProgramSeesIt()
    {
        string profile = Profile("""{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["uname"], "action": "SCMP_ACT_ERRNO" } ] }""");
        RunResult hatrace = Runner.Run("--seccomp-profile", profile, "-e", "trace=uname,exit_group", Runner.Program("profile_paths"), "extra");
        Assert.Equal(2, hatrace.ExitCode); // the program saw uname fail
        Assert.Matches(@"^uname\(0x[0-9a-f]+\) += -1 EPERM \(Operation not permitted\)$", hatrace.StderrLines[0]);
        Assert.Equal("+++ exited with 2 +++", hatrace.StderrLines[^1]);

        RunResult json = Runner.Run("--json", "--seccomp-profile", profile, "-e", "trace=uname", Runner.Program("profile_paths"), "extra");
        Assert.Contains("\"deniedByProfile\":true", json.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"defaultAction\": \"SCMP_ACT_NOPE\" }", "is 'SCMP_ACT_NOPE', which is no seccomp action")]
    [InlineData(null, "No such file or directory")]
    public void AProfileThatCannotBeReadIsOneLine(string? json, string why)
    {
        string path = json is null ? Path.Combine(_scratch, "missing.json") : Profile(json);
        RunResult hatrace = Runner.Run("--seccomp-profile", path, "true");
        Assert.Equal(1, hatrace.ExitCode);
        string line = Assert.Single(hatrace.StderrLines);
        Assert.StartsWith($"hatrace: --seccomp-profile: {path}: ", line, StringComparison.Ordinal);
        Assert.Contains(why, line, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileNeedsAProgramToStart()
    {
        string profile = Profile("""{ "defaultAction": "SCMP_ACT_ALLOW" }""");
        RunResult hatrace = Runner.Run("--seccomp-profile", profile, "-p", "1");
        Assert.Equal(1, hatrace.ExitCode);
        Assert.Equal("hatrace: --seccomp-profile applies to PROG, which hatrace starts: not with -p or -D", hatrace.StderrLines[0]);
        // Nor beside a program: the process attached would not run under the profile.
        RunResult both = Runner.Run("--seccomp-profile", profile, "-p", "1", "true");
        Assert.Equal(1, both.ExitCode);
        Assert.Equal("hatrace: --seccomp-profile applies to PROG, which hatrace starts: not with -p or -D", both.StderrLines[0]);
    }
}
