using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>stty, the terminal requests' everyday user, run on a pty of its own (on_pty, so that it has a terminal
/// wherever the tests run): every ioctl it makes must read as strace writes it, termios whole with -v.</summary>
public class TerminalIoctlTests
{
    public static TheoryData<string[], string[], TraceSessionOptions> Cases => new()
    {
        { [], ["-a"], new TraceSessionOptions() },
        { ["-v"], ["-a"], new TraceSessionOptions { Abbreviated = _ => false } },
        { ["-v"], ["sane", "-echo", "raw"], new TraceSessionOptions { Abbreviated = _ => false } },
        { ["-X", "verbose"], ["sane", "-echo", "raw"], new TraceSessionOptions { ConstantStyle = ConstantStyle.Verbose } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SttyIoctlsReadAsStraceWritesThem(string[] straceOptions, string[] sttyArguments, TraceSessionOptions options)
    {
        string onPty = TestPrograms.PathOf("on_pty");
        List<string> expected = SttyIoctls(StraceOracle.RunWithOptions(straceOptions, onPty, ["stty", .. sttyArguments]));
        var (events, _) = TestPrograms.Trace(options, onPty, ["stty", .. sttyArguments]);
        List<string> actual = SttyIoctls(events.OfType<SyscallEvent>().Select(c => StraceOracle.WithoutPadding(c.Text)));
        // stty -a asks for the settings and the window size (of stdout, then stdin); stty sane sets them too.
        StraceOracle.AssertEnough(expected, 3);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>The request is a named value a PowerShell user filters on (<c>$_.Arguments.request.Value.Name -eq
    /// 'TCGETS'</c>), and the termios it fills a structure whose flags are named.</summary>
    [Fact]
    public void TheRequestAndTheTermiosAreValues()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("on_pty"), "stty", "-a");
        SyscallEvent tcgets = events.OfType<SyscallEvent>().Last(c => c.Name == "ioctl" && c.Arguments[0].Raw == 0 && c.Arguments[1].Raw == 0x5401);
        Assert.Equal("TCGETS", Assert.IsType<ConstantValue>(tcgets.Arguments[1].Value).Name);
        var termios = Assert.IsType<StructValue>(tcgets.Arguments[2].Value);
        Assert.Contains("ECHO", Assert.IsType<FlagsValue>(termios["c_lflag"]).Names);
        Assert.Equal(19, Assert.IsType<byte[]>(termios["c_cc"]).Length);
    }

    // The ioctls after stty's own execve: on_pty's (the pty's number) differ from run to run.
    private static List<string> SttyIoctls(IEnumerable<string> lines)
    {
        List<string> all = [.. lines];
        int stty = all.FindLastIndex(l => l.StartsWith("execve(", StringComparison.Ordinal));
        return [.. all.Skip(stty + 1).Where(l => l.StartsWith("ioctl(", StringComparison.Ordinal))];
    }
}
