namespace Hatrace.Cli.Tests;

/// <summary>The options that print more about strings, pids and the environment than the default, each compared with
/// strace on the same program: --strings-in-hex's four choices, -Y's process names, --pidns-translation's pids of the
/// tracer's namespace, -v's environment in its order.</summary>
public class DecodePidsTests
{
    private static readonly string Tiny = Runner.Program("tiny");

    [Theory]
    [InlineData("--strings-in-hex")]
    [InlineData("--strings-in-hex=all")]
    [InlineData("--strings-in-hex=non-ascii")]
    [InlineData("--strings-in-hex=non-ascii-chars")]
    [InlineData("--strings-in-hex=none")]
    public void StringsInHexPrintsAsStraces(params string[] options)
    {
        string[] args = [.. options, "-e", "trace=open,write,read", Runner.Program("odd_bytes")];
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.Run(args);
        Assert.Contains(hatrace.StderrLines, l => l.StartsWith("write(", StringComparison.Ordinal));
        Assert.Equal(strace.StderrLines, hatrace.StderrLines);
    }

    [Theory]
    [InlineData("-Y")]
    [InlineData("--decode-pids=comm")]
    [InlineData("-e", "decode-pids=comm")]
    [InlineData("-Y", "-f", "-o", "FILE")]
    public void ProcessNamesFollowPidsAsStraces(params string[] options)
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        RunResult strace = Runner.Strace([.. options.Select(o => o == "FILE" ? straceLog.Path : o), "-e", "trace=getpid", Tiny]);
        RunResult hatrace = Runner.Run([.. options.Select(o => o == "FILE" ? hatraceLog.Path : o), "-e", "trace=getpid", Tiny]);
        string[] straceLines = options.Contains("FILE") ? File.ReadAllLines(straceLog.Path) : [.. strace.StderrLines];
        string[] hatraceLines = options.Contains("FILE") ? File.ReadAllLines(hatraceLog.Path) : [.. hatrace.StderrLines];
        Assert.Contains(hatraceLines, l => l.Contains("getpid()", StringComparison.Ordinal) && l.EndsWith("<tiny>", StringComparison.Ordinal));
        Assert.Equal(Normalize(straceLines), Normalize(hatraceLines));
    }

    [Fact]
    public void TheEnvironmentKeepsItsOrderAndItsChangesAsStraces()
    {
        // -v shows the whole environment: in the order hatrace got it, a variable changed where it was, a new one
        // last, a removed one gone. Both start from one shell, which hands them its environment in one order (this
        // test's own process has it in no particular order).
        const string Script = "exec \"$0\" -v -E HOME=/nonexistent -E HATRACE_TEST_NEW=1 -E PATH -e trace=execve \"$1\"";
        string strace = Runner.RunProcess("sh", "-c", Script, "strace", Tiny).StderrLines[0];
        string hatrace = Runner.RunProcess("sh", "-c", Script, Path.Combine(AppContext.BaseDirectory, "hatrace"), Tiny).StderrLines[0];
        Assert.Contains("\"HATRACE_TEST_NEW=1\"]", hatrace, StringComparison.Ordinal);
        Assert.Equal(Normalize([strace]), Normalize([hatrace]));
    }

    [PidNamespaceFact]
    public void PidsOfAnotherNamespaceAreTranslatedAsStraces()
    {
        // The program is pid 1 of a namespace of its own: its getpid's 1 is followed by what the tracer's calls it.
        string[] args = ["--pidns-translation", "-f", "-qq", "-e", "trace=getpid", "unshare", "--pid", "--fork", Tiny];
        RunResult strace = Runner.Strace(args);
        RunResult hatrace = Runner.Run(args);
        Assert.Contains(hatrace.StderrLines, l => l.Contains("getpid()", StringComparison.Ordinal) && l.Contains("= 1 /* ", StringComparison.Ordinal));
        // The pid in the comment differs from run to run, and is no pid of the trace's prefixes.
        Assert.Equal(Normalize(strace.StderrLines.Select(MaskTranslation)), Normalize(hatrace.StderrLines.Select(MaskTranslation)));
    }

    private static string MaskTranslation(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @"/\* \d+ in strace's PID NS \*/", "/* N in strace's PID NS */");

    private static List<string> Normalize(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return Runner.Normalize(list, Runner.ProcessIds(list));
    }
}

/// <summary>A test that starts a program in a pid namespace of its own (unshare --pid): skipped where unshare is
/// missing or this machine does not let this user make one.</summary>
internal sealed class PidNamespaceFactAttribute : FactAttribute
{
    public PidNamespaceFactAttribute()
    {
        try
        {
            RunResult probe = Runner.RunProcess("unshare", "--pid", "--fork", "true");
            if (probe.ExitCode != 0)
                Skip = $"this machine refuses a pid namespace to this user: {probe.Stderr.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Skip = $"needs unshare (util-linux): {e.Message}";
        }
    }
}
