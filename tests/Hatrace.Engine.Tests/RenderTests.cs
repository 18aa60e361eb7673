using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>A record's text made again with other choices (StraceFormatter with StraceTextOptions) is the text a
/// session with those choices makes: every name, number, string and pid of it is printed from what was decoded, at
/// render time, not fixed when the call was decoded.</summary>
public partial class RenderTests
{
    public static TheoryData<string, ConstantStyle, StringEscape, DescriptorDetail> Cases() => new()
    {
        { "decode_cases", ConstantStyle.Raw, StringEscape.HexAll, DescriptorDetail.None },
        { "files_calls", ConstantStyle.Verbose, StringEscape.HexNonPrintable, DescriptorDetail.None },
        { "poll_calls", ConstantStyle.Raw, StringEscape.HexNonPrintable, DescriptorDetail.None },
        { "signals_calls", ConstantStyle.Verbose, StringEscape.HexAll, DescriptorDetail.None },
        { "memory_calls", ConstantStyle.Raw, StringEscape.Octal, DescriptorDetail.None },
        { "process_calls", ConstantStyle.Verbose, StringEscape.HexAll, DescriptorDetail.None },
        { "odd_bytes", ConstantStyle.Abbreviated, StringEscape.HexNonPrintable, DescriptorDetail.Path },
        { "fd_paths", ConstantStyle.Raw, StringEscape.HexNonPrintable, DescriptorDetail.All },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnotherStyleMadeFromARecordIsTheTextOfASessionWithThatStyle(string program, ConstantStyle style, StringEscape escape, DescriptorDetail detail)
    {
        // Two runs of one program: one decoded with strace's defaults and made again with the other choices, one
        // decoded with them. Addresses, times and ids differ from run to run: they are masked in both.
        List<SyscallEvent> plain = Calls(new TraceSessionOptions { DescriptorDetail = detail }, program);
        List<SyscallEvent> chosen = Calls(new TraceSessionOptions { ConstantStyle = style, StringEscape = escape, DescriptorDetail = detail }, program);
        var options = new StraceTextOptions { ConstantStyle = style, StringEscape = escape };
        AssertSame(chosen, options, plain, options);
        int differing = plain.Zip(chosen).Count(pair => pair.First.Text != pair.Second.Text);
        // The choices change the text of many of the calls: the test compares what it means to.
        Assert.True(differing > 5, $"only {differing} of {plain.Count} calls print differently");
    }

    [Theory]
    [InlineData("files_calls")]
    [InlineData("process_calls")]
    [InlineData("decode_cases")]
    [InlineData("signals_calls")]
    public void AShorterStringLengthMadeFromARecordIsTheTextOfASessionWithIt(string program)
    {
        const int Short = 3;
        List<SyscallEvent> plain = Calls(new TraceSessionOptions(), program);
        List<SyscallEvent> chosen = Calls(new TraceSessionOptions { StringLength = Short }, program);
        var options = new StraceTextOptions { StringLength = Short };
        AssertSame(chosen, new StraceTextOptions(), plain, options);
        Assert.Contains(plain, c => c.Text != StraceFormatter.Format(c, options));
    }

    [Theory]
    [InlineData("decode_cases")]
    [InlineData("files_calls")]
    [InlineData("process_calls")]
    [InlineData("signals_calls")]
    [InlineData("poll_calls")]
    [InlineData("verbose_calls")]
    public void VerboseMadeFromAnAbbreviatedRecordIsTheTextOfAVerboseSession(string program)
    {
        List<SyscallEvent> plain = Calls(new TraceSessionOptions(), program);
        List<SyscallEvent> chosen = Calls(new TraceSessionOptions { Abbreviated = _ => false }, program);
        var options = new StraceTextOptions { Verbose = true };
        AssertSame(chosen, new StraceTextOptions(), plain, options);
        // execve's environment, at least, prints whole only with -v.
        Assert.Contains(plain, c => c.Text != StraceFormatter.Format(c, options));
    }

    [Fact]
    public void ProcessIdsPrintAsTheOptionsSay()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions(), TestPrograms.PathOf("family"));
        int root = events.OfType<ProcessStartEvent>().First().ProcessId;
        var options = new StraceTextOptions { ProcessId = id => id == root ? "ROOT" : "ID" };
        List<string> lines = [.. events.Select(e => StraceFormatter.Format(e, options))];
        // clone's result, wait4's pid, a signal's sender, clone3's parent_tid and getpid's result are pids.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^clone\(.*\) = ID$"));
        Assert.Contains(lines, l => l.StartsWith("wait4(ID, ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=ID,", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^clone3\(.*=> \{parent_tid=\[ID\]\}, 88\) = ID$"));
        Assert.Contains(lines, l => l == "getpid() = ROOT");
        // Nothing else is taken for a pid: the session's own text has the numbers where these have names.
        SyscallEvent wait = events.OfType<SyscallEvent>().First(c => c.Name == "wait4");
        Assert.Equal(wait.Text, Regex.Replace(StraceFormatter.Format(wait, options), @"\bID\b", wait.Result.ToString()!));
    }

    // The session's text of each chosen call is the plain call's made again with the options. Pids are values: both
    // sides print them alike (a small pid has too few digits to mask); the session's own text is the call made again
    // with its own choices.
    private static void AssertSame(List<SyscallEvent> chosen, StraceTextOptions chosenOptions, List<SyscallEvent> plain, StraceTextOptions options)
    {
        Assert.Equal(plain.Select(c => c.Name), chosen.Select(c => c.Name));
        StraceTextOptions chosenPids = WithoutPids(chosenOptions), plainPids = WithoutPids(options);
        for (int i = 0; i < plain.Count; i++)
        {
            Assert.Equal(chosen[i].Text, StraceFormatter.Format(chosen[i], chosenOptions));
            Assert.Equal(Mask(StraceFormatter.Format(chosen[i], chosenPids)), Mask(StraceFormatter.Format(plain[i], plainPids)));
        }
    }

    private static StraceTextOptions WithoutPids(StraceTextOptions options) => new()
    {
        ConstantStyle = options.ConstantStyle, StringEscape = options.StringEscape, StringLength = options.StringLength,
        Verbose = options.Verbose, ProcessId = _ => "PID",
    };

    // Each process's calls in order, the processes in the order they started: they run side by side.
    private static List<SyscallEvent> Calls(TraceSessionOptions options, string program)
    {
        List<SyscallEvent> calls = [.. TestPrograms.Trace(options, TestPrograms.PathOf(program)).Events.OfType<SyscallEvent>().Where(c => !Varies(c))];
        List<int> started = [.. calls.Select(c => c.ThreadId).Distinct()];
        return [.. calls.OrderBy(c => started.IndexOf(c.ThreadId))];
    }

    // Calls whose arguments or result differ from run to run whatever is masked: random bytes, the clock.
    private static bool Varies(SyscallEvent call) => call.Name is "getrandom" or "clock_gettime" or "gettimeofday" or "time" or "times";

    private static string Mask(string text) => Variable().Replace(text, "?");

    // Addresses, ids and times: any number of four digits or more, hex or decimal; a netlink socket's port id
    // (-yy), which is its process's pid, of however many digits this machine's pids have; and a port's bytes (-X raw).
    [GeneratedRegex(@"0x[0-9a-f]{4,}|\b\d{4,}\b|(?<=NETLINK:\[\w+:)\d+|(?<=port="")(\\x[0-9a-f]{2}){2}")]
    private static partial Regex Variable();
}
