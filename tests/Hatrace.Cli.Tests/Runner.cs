using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>What one run printed and returned.</summary>
internal sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The trace (or messages) printed on stderr, line by line.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs hatrace in this process (through the command's own entry point) and strace as a process, on the
/// C programs of tests/programs, and makes their outputs comparable.</summary>
internal static partial class Runner
{
    internal static readonly string RepoRoot = FindRepoRoot();

    /// <summary>Where TestPrograms.targets put the compiled tests/programs/*.c.</summary>
    internal static readonly string ProgramsDirectory =
        Environment.GetEnvironmentVariable("HATRACE_TEST_PROGRAMS") is { Length: > 0 } dir ? dir : Path.Combine(RepoRoot, "out", "programs");

    internal static string Program(string name) => Path.Combine(ProgramsDirectory, name);

    /// <summary>hatrace with these arguments; the traced program's own output goes to this process's stdout.</summary>
    internal static RunResult Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = HatraceCommand.Run(args, stdout, stderr);
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>hatrace as if its stderr were a terminal (for <c>--color=auto</c>).</summary>
    internal static RunResult RunOnTerminal(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = HatraceCommand.Run(args, stdout, stderr, stderrIsTerminal: true);
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>strace with these arguments.</summary>
    internal static RunResult Strace(params string[] args) => RunProcess("strace", args);

    /// <summary>A program run as a process, its stdin closed, until it ends: what it printed and its exit code.</summary>
    internal static RunResult RunProcess(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new RunResult(process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>A temporary file name that does not exist yet, removed (with any FILE.PID beside it) on dispose.</summary>
    internal static TempPath TempFile() => new(Path.Combine(Path.GetTempPath(), $"hatrace-test-{Guid.NewGuid():N}"));

    /// <summary>Replaces what must differ between two runs: addresses, environment sizes, and the ids of the
    /// processes (each distinct id in order of appearance becomes PID1, PID2 ...).</summary>
    internal static List<string> Normalize(IEnumerable<string> lines, IReadOnlyCollection<int> processIds)
    {
        var names = new Dictionary<int, string>();
        foreach (int pid in processIds)
            names.TryAdd(pid, $"PID{names.Count + 1}");
        return [.. lines.Select(line =>
        {
            line = Address().Replace(line, "0xADDR");
            line = EnvironmentSize().Replace(line, "/* N vars */");
            return Number().Replace(line, m => int.TryParse(m.Value, out int n) && names.TryGetValue(n, out string? name) ? name : m.Value);
        })];
    }

    /// <summary>The process ids in the order a trace shows them: line prefixes, then getpid results.</summary>
    internal static List<int> ProcessIds(IEnumerable<string> lines)
    {
        var ids = new List<int>();
        foreach (string line in lines)
        {
            Match m = PidPrefix().Match(line);
            if (m.Success)
                ids.Add(int.Parse(m.Groups[1].Value + m.Groups[2].Value));
            m = GetpidResult().Match(line);
            if (m.Success)
                ids.Add(int.Parse(m.Groups[1].Value));
        }
        return [.. ids.Distinct()];
    }

    private static string FindRepoRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Hatrace.PowerShell.sln")))
                return dir;
        }
        throw new InvalidOperationException("Hatrace.PowerShell.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"0x[0-9a-f]{6,}")]
    private static partial Regex Address();

    [GeneratedRegex(@"/\* \d+ vars? \*/")]
    private static partial Regex EnvironmentSize();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(?:(\d+) |\[pid +(\d+)\] )")]
    private static partial Regex PidPrefix();

    // After the pid, and -n's and -i's columns.
    [GeneratedRegex(@"^(?:\S+ +)?(?:\[ *\d+\] )?(?:\[[0-9a-f]+\] )?getpid\(\) += (\d+)\b")]
    private static partial Regex GetpidResult();
}

/// <summary>A temporary path, deleted with its FILE.PID siblings when disposed.</summary>
internal sealed class TempPath(string path) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>The FILE.PID files -ff wrote, by pid.</summary>
    public Dictionary<int, string> PerProcessFiles() =>
        Directory.GetFiles(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + ".*")
            .ToDictionary(f => int.Parse(f[(f.LastIndexOf('.') + 1)..]), f => f);

    public void Dispose()
    {
        File.Delete(Path);
        foreach (string file in PerProcessFiles().Values)
            File.Delete(file);
    }
}
