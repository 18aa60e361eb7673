using System.Text;

namespace Hatrace.Cli.Tests;

/// <summary>A tracee whose path, data, name, argv and environment hold terminal escapes, control characters and bytes
/// that are not UTF-8 (tests/programs/hostile_strings.c) cannot write them to the user's terminal through hatrace's
/// text or JSON.</summary>
public class OutputSafetyTests
{
    private static readonly string HostileStrings = Runner.Program("hostile_strings");

    // strace's quoting of hostile_strings.c's HOSTILE bytes.
    private const string Hostile = @"\33[31m\7\n\233\302\233\\\377\376";

    [Theory]
    [InlineData("-o")]
    [InlineData("--json", "-o")]
    public void OutputHoldsOnlyPrintableUtf8AndLineEnds(params string[] output)
    {
        using TempPath log = Runner.TempFile();
        RunResult run = Runner.Run([.. output, log.Path, "-f", "-yy", "-v", "-s", "64", HostileStrings]);
        Assert.Equal(0, run.ExitCode);

        byte[] bytes = File.ReadAllBytes(log.Path);
        string text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.DoesNotContain(bytes, b => (b < 0x20 && b != '\n') || b == 0x7f);
        // C1 controls (CSI, 0x9b, among them) as characters: the text is valid UTF-8, so a 0x9b byte is part of another
        // character (a JSON text of random bytes, getrandom's, may hold U+A6C4, EA 9B 84).
        Assert.DoesNotContain(text, c => c is >= '\u0080' and <= '\u009f');
        // The strings are there, escaped: the test reads what it must.
        Assert.Contains(Hostile.Replace(@"\", output[0] == "--json" ? @"\\" : @"\", StringComparison.Ordinal), text, StringComparison.Ordinal);
    }
}
