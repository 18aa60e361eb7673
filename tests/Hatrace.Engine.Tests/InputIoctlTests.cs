using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>evdev's bit arrays (EVIOCGBIT, EVIOCGKEY, EVIOCGLED, EVIOCGSND, EVIOCGSW, EVIOCGPROP), which strace names
/// bit by bit only when the call says how many bytes it wrote: ioctl_more_calls' bits, with every ioctl answered 12 by
/// strace's <c>-e inject=ioctl:retval=12</c> and by a fault rule, must read as strace writes them, abbreviated to four
/// bits, whole with -v, as longs with -X raw, both with -X verbose, as addresses with -e verbose=none.</summary>
public partial class InputIoctlTests
{
    private const string Marker = "write(-1, \"ioctl_bits\"";
    private const int Written = 12;

    public static TheoryData<string[], TraceSessionOptions> Cases => new()
    {
        { [], new TraceSessionOptions { Faults = Answered } },
        { ["-v"], new TraceSessionOptions { Faults = Answered, Abbreviated = _ => false } },
        { ["-X", "raw"], new TraceSessionOptions { Faults = Answered, ConstantStyle = ConstantStyle.Raw } },
        { ["-X", "verbose"], new TraceSessionOptions { Faults = Answered, ConstantStyle = ConstantStyle.Verbose } },
        { ["-e", "verbose=none"], new TraceSessionOptions { Faults = Answered, Dereferenced = _ => false } },
    };

    // Every ioctl returns 12 without running.
    private static SyscallFault[] Answered => [new SyscallFault { Syscalls = d => d.Name == "ioctl", ReturnValue = Written }];

    [Theory]
    [MemberData(nameof(Cases))]
    public void BitArraysReadAsStraceWritesThem(string[] straceOptions, TraceSessionOptions options)
    {
        string program = TestPrograms.PathOf("ioctl_more_calls");
        List<string> expected = FromMarkerOn(StraceOracle.RunWithOptions([.. straceOptions, "-e", $"inject=ioctl:retval={Written}"], program, "bits"));
        var (events, _) = TestPrograms.Trace(options, program, "bits");
        List<string> actual = FromMarkerOn(events.OfType<SyscallEvent>().Select(c => StraceOracle.WithoutPadding(c.Text)));
        StraceOracle.AssertEnough(expected, 20);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>The bits set are named values, as a PowerShell user filters on them.</summary>
    [Fact]
    public void TheBitsSetAreNamedValues()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { Faults = Answered }, TestPrograms.PathOf("ioctl_more_calls"), "bits");
        SyscallEvent leds = events.OfType<SyscallEvent>().First(c => c.Name == "ioctl" && c.Arguments[1].Value is ConstantValue { Name: "EVIOCGLED(16)" });
        var bits = Assert.IsType<ArrayValue>(leds.Arguments[2].Value);
        Assert.Equal(["LED_NUML", "LED_CAPSL"], bits.Select(b => Assert.IsType<ConstantValue>(b).Name));
    }

    // The buffer's address, where ASLR puts it (at least ten hex digits; the program's fixed ones are shorter), masked.
    private static List<string> FromMarkerOn(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.StartsWith(Marker, StringComparison.Ordinal)).Where(l => !l.StartsWith("+++", StringComparison.Ordinal))
            .Select(l => Address().Replace(l, "0xADDRESS"))];

    [GeneratedRegex("0x[0-9a-f]{10,}")]
    private static partial Regex Address();
}
