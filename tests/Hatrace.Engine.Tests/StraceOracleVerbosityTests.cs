using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>strace's -X, -v, -e verbose= and -e raw= against the installed strace: the calls verbose_calls makes
/// (structures, flags, named values, a signal) must read as strace writes them with the same option.</summary>
public partial class StraceOracleVerbosityTests
{
    // verbose_calls makes 18 calls after the dynamic loader's, exit_group included.
    private const int ProgramCalls = 18;

    public static TheoryData<string[], TraceSessionOptions> Cases => new()
    {
        { ["-X", "raw"], new TraceSessionOptions { ConstantStyle = ConstantStyle.Raw } },
        { ["-X", "verbose"], new TraceSessionOptions { ConstantStyle = ConstantStyle.Verbose } },
        { ["-v"], new TraceSessionOptions { Abbreviated = _ => false } },
        { ["-v", "-X", "raw"], new TraceSessionOptions { Abbreviated = _ => false, ConstantStyle = ConstantStyle.Raw } },
        { ["-v", "-X", "verbose"], new TraceSessionOptions { Abbreviated = _ => false, ConstantStyle = ConstantStyle.Verbose } },
        { ["-e", "abbrev=uname"], new TraceSessionOptions { Abbreviated = call => call.Name == "uname" } },
        { ["-e", "verbose=none"], new TraceSessionOptions { Dereferenced = _ => false } },
        { ["-e", "raw=all"], new TraceSessionOptions { Undecoded = _ => true } },
        { ["-e", "raw=openat,lseek"], new TraceSessionOptions { Undecoded = call => call.Name is "openat" or "lseek" } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VerbosityReadsAsStraceWritesIt(string[] straceOptions, TraceSessionOptions options)
    {
        string program = TestPrograms.PathOf("verbose_calls");
        List<string> expected = ProgramLines(StraceOracle.RunWithOptions(straceOptions, program).Where(l => !l.StartsWith("--- ", StringComparison.Ordinal)));
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = ProgramLines(events.OfType<SyscallEvent>().Select(c => c.Text));
        StraceOracle.AssertEnough(expected, ProgramCalls);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void UnabbreviatedExecvePrintsTheWholeEnvironment()
    {
        var options = new TraceSessionOptions { Abbreviated = _ => false, Syscalls = call => call.Name == "execve" };
        var start = new TraceStartInfo
        {
            FileName = TestPrograms.PathOf("tiny"),
            Environment = new Dictionary<string, string?> { ["HATRACE_TEST"] = "1" },
        };
        using TraceSession session = TraceSession.Start(start, options);
        SyscallEvent execve = session.ReadEvents().OfType<SyscallEvent>().First();
        string environment = execve.Arguments[2].Text;
        Assert.StartsWith("[\"", environment);
        Assert.Contains("\"HATRACE_TEST=1\"", environment);
        Assert.DoesNotContain("vars */", environment);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void AnEnvironmentPrintedAsACountIsReadOnlyWhereValuesAreWanted(bool readCounted, bool abbreviated)
    {
        var options = new TraceSessionOptions
        {
            Abbreviated = _ => abbreviated,
            ReadCountedEnvironment = readCounted,
            Syscalls = call => call.Name == "execve",
        };
        var start = new TraceStartInfo
        {
            FileName = TestPrograms.PathOf("tiny"),
            Environment = new Dictionary<string, string?> { ["HATRACE_TEST"] = "1" },
        };
        using TraceSession session = TraceSession.Start(start, options);
        SyscallEvent execve = session.ReadEvents().OfType<SyscallEvent>().First();
        var environment = (ArrayValue)execve.Arguments[2].Value!;
        Assert.True(environment.Count > 1);
        if (readCounted || !abbreviated)
        {
            // Its strings, read whatever the text shows of them.
            Assert.Contains(environment, item => item is StringValue { Text: "HATRACE_TEST=1" });
        }
        else
        {
            // As strace reads it without -v: the pointers, counted.
            Assert.All(environment, item => Assert.Equal(PointerReason.NotDecoded, Assert.IsType<PointerValue>(item).Reason));
            Assert.EndsWith($" /* {environment.Count} vars */", execve.Arguments[2].Text);
        }
    }

    // The program's own calls are the last ones, after the loader's. Addresses and the process id differ from run
    // to run: they are masked, the process id wherever getpid's result text appears.
    private static List<string> ProgramLines(IEnumerable<string> lines)
    {
        List<string> program = [.. lines.TakeLast(ProgramCalls).Select(l => Address().Replace(l, "ADDR"))];
        string pid = program.Single(l => l.StartsWith("getpid()", StringComparison.Ordinal))[("getpid() = ".Length)..];
        var pidPattern = new Regex($@"\b{Regex.Escape(pid)}\b");
        return [.. program.Select(l => pidPattern.Replace(l, "PID"))];
    }

    [GeneratedRegex("0x[0-9a-f]{8,}")]
    private static partial Regex Address();
}
