using System.Diagnostics;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Tests;

/// <summary>The installed strace is the oracle: for the calls a test program makes on purpose, the engine's text
/// must be strace's line, once strace's column padding before " = " is taken out.</summary>
public partial class StraceOracleTests
{
    [Fact]
    public void DecodeCasesReadAsStraceWritesThem()
    {
        string program = TestPrograms.PathOf("decode_cases");
        List<string> expected = FromFirstWriteOn(RunStrace(program));
        var (events, _) = TestPrograms.Trace(program);
        List<string> actual = FromFirstWriteOn(events.OfType<SyscallEvent>().Select(c => c.Text));
        Assert.True(expected.Count >= 8, "strace printed too little:\n" + string.Join('\n', expected));
        Assert.Equal(expected, actual);
    }

    // The program's first write to its pipe: before it are the dynamic loader's calls, and pipe2,
    // whose int[2] output is not decoded yet.
    private static List<string> FromFirstWriteOn(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.StartsWith("write(4, ", StringComparison.Ordinal))];

    private static IEnumerable<string> RunStrace(string program)
    {
        string log = Path.GetTempFileName();
        try
        {
            using var strace = Process.Start(new ProcessStartInfo("strace", ["-o", log, program]) { RedirectStandardOutput = true })!;
            strace.StandardOutput.ReadToEnd();
            strace.WaitForExit();
            return File.ReadAllLines(log).Where(l => !l.StartsWith("+++", StringComparison.Ordinal))
                .Select(l => Padding().Replace(l, " = ")).ToList();
        }
        finally
        {
            File.Delete(log);
        }
    }

    [GeneratedRegex(@"\s+= (?=[^=]*$)")]
    private static partial Regex Padding();
}
