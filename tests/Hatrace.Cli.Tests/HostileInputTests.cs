using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>hatrace on a tracee that calls every syscall number of both ABIs with garbage (tests/programs/syscall_fuzz.c):
/// a line for every call, and hatrace's exit is the tracee's.</summary>
public sealed partial class HostileInputTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-fuzz-").FullName;

    // rm, not Directory.Delete: .NET cannot name the files the fuzzer creates with invalid UTF-8 in their names.
    public void Dispose()
    {
        using var rm = System.Diagnostics.Process.Start("rm", ["-rf", _scratch]);
        rm.WaitForExit();
    }

    [Fact]
    public void EveryFuzzedCallHasItsLine()
    {
        string trace = Path.Combine(_scratch, "trace"), report = Path.Combine(_scratch, "report");
        string work = Directory.CreateDirectory(Path.Combine(_scratch, "work")).FullName;
        // The shell prints its pid and becomes the fuzzer, whose report goes to the file.
        RunResult result = Runner.Run("-o", trace, "sh", "-c", "echo $$ > \"$1\"; exec \"$2\" \"$3\" 20261127 3 >> \"$1\"", "sh",
            report, Runner.Program("syscall_fuzz"), work);

        Assert.Equal(42, result.ExitCode);
        string[] reported = File.ReadAllLines(report);
        Match counts = ReportPattern().Match(reported[1]);
        Assert.True(counts.Success, reported[1]);
        Assert.Equal(long.Parse(counts.Groups["x64"].Value) + long.Parse(counts.Groups["i386"].Value), CountFuzzedLines(File.ReadLines(trace)));
        Assert.Equal("+++ exited with 42 +++", File.ReadLines(trace).Last());
        string? state = File.Exists($"/proc/{reported[0]}/stat") ? File.ReadAllText($"/proc/{reported[0]}/stat") : null;
        Assert.True(state is null || !"tTZ".Contains(state[(state.LastIndexOf(')') + 2)..][0]), state);
    }

    // The call lines between the fuzzer's marker writes: not its signals (--- ... ---) or strace's notes ([ ... ]).
    private static long CountFuzzedLines(IEnumerable<string> lines)
    {
        long count = 0;
        bool inside = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("write(-1, \"hatrace-fuzz-", StringComparison.Ordinal))
                inside = line.Contains("-begin\"", StringComparison.Ordinal);
            else if (inside && !line.StartsWith("---", StringComparison.Ordinal) && !line.StartsWith('['))
                count++;
        }
        return count;
    }

    [GeneratedRegex(@"x86_64=(?<x64>\d+) i386=(?<i386>\d+)")]
    private static partial Regex ReportPattern();
}
