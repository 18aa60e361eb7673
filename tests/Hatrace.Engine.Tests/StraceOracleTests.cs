using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The installed strace is the oracle: for the calls a test program makes on purpose, the engine's text
/// must be strace's line, once strace's column padding before " = " is taken out.</summary>
public class StraceOracleTests
{
    [Fact]
    public void DecodeCasesReadAsStraceWritesThem()
    {
        string program = TestPrograms.PathOf("decode_cases");
        List<string> expected = FromFirstWriteOn(StraceOracle.Run(program));
        var (events, _) = TestPrograms.Trace(program);
        List<string> actual = FromFirstWriteOn(events.OfType<SyscallEvent>().Select(c => c.Text));
        StraceOracle.AssertEnough(expected, 8);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void VectorCallsReadAsStraceWritesThem()
    {
        string program = TestPrograms.PathOf("vector_calls");
        string[] names = ["readv(", "writev(", "preadv(", "pwritev("];
        List<string> expected = [.. StraceOracle.Run(program).Where(l => names.Any(l.StartsWith))];
        var (events, _) = TestPrograms.Trace(program);
        List<string> actual = [.. events.OfType<SyscallEvent>().Select(c => c.Text).Where(l => names.Any(l.StartsWith))];
        StraceOracle.AssertEnough(expected, 5);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("-x", StringEscape.HexNonPrintable)]
    [InlineData("-xx", StringEscape.HexAll)]
    public void HexStringsReadAsStraceWritesThem(string option, StringEscape escape)
    {
        string program = TestPrograms.PathOf("decode_cases");
        List<string> expected = FromFirstWriteOn(StraceOracle.RunWithOptions([option], program));
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { StringEscape = escape }, program);
        List<string> actual = FromFirstWriteOn(events.OfType<SyscallEvent>().Select(c => c.Text));
        StraceOracle.AssertEnough(expected, 8);
        Assert.Equal(expected, actual);
    }

    // The program's first write to its pipe: before it are the dynamic loader's calls.
    private static List<string> FromFirstWriteOn(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.StartsWith("write(4, ", StringComparison.Ordinal))];
}
