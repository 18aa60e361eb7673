using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>A test that compares with strace -k: skipped, saying so, where this strace was built without stack traces
/// (its -V lists stack-trace=libunwind or =libdw when it has them).</summary>
internal sealed class StraceStackTraceFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Unwinds = new(() => Runner.RunProcess("strace", "-V").Stdout.Contains("stack-trace=", StringComparison.Ordinal));

    public StraceStackTraceFactAttribute()
    {
        if (!Unwinds.Value)
            Skip = "this strace has no -k (its -V lists no stack-trace=)";
    }
}

/// <summary>-k against strace -k (Debian's strace 6.1 unwinds with libunwind, hatrace with libdw): the same frames,
/// module by module and address by address, and the same names for the program's own functions and the C library's
/// exported ones. Between main and __libc_start_main, libunwind names glibc's internal __libc_start_call_main after the
/// nearest export before it; libdw, which reads the library's compressed symbol table too, names it: those names are
/// not compared. Where no symbol covers an address, both name the function before it.</summary>
public sealed partial class StackTraceTests : IDisposable
{
    private static readonly string Chain = Runner.Program("stack_chain");
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-stack-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private sealed record Frame(string Module, string Function, string Address);

    [GeneratedRegex(@"^ > (?<module>.*)\((?<function>[^+)]*)(\+0x[0-9a-f]+)?\) \[0x(?<address>[0-9a-f]+)\]$")]
    private static partial Regex FrameLine();

    /// <summary>The frames under each call line, call by call.</summary>
    private static List<List<Frame>> Stacks(string trace)
    {
        var stacks = new List<List<Frame>>();
        foreach (string line in trace.Split('\n'))
        {
            if (FrameLine().Match(line) is { Success: true } m)
                stacks[^1].Add(new Frame(m.Groups["module"].Value, m.Groups["function"].Value, m.Groups["address"].Value));
            else if (line.Length > 0 && !line.StartsWith("+++", StringComparison.Ordinal))
                stacks.Add([]);
        }
        return stacks;
    }

    private static void AssertSameFrames(List<Frame> expected, List<Frame> actual, string program)
    {
        Assert.Equal(expected.Select(f => (f.Module, f.Address)), actual.Select(f => (f.Module, f.Address)));
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i].Module == program || expected[i].Function is "__write" or "__libc_start_main" or "execve" or "execl")
                Assert.Equal(expected[i].Function, actual[i].Function);
        }
    }

    [StraceStackTraceFact]
    public void FramesAreStracesForAProgramWithNamedFunctions()
    {
        RunResult strace = Runner.Strace("-k", "-e", "trace=write", Chain);
        RunResult hatrace = Runner.Run("-k", "-e", "trace=write", Chain);
        List<Frame> expected = Assert.Single(Stacks(strace.Stderr)), actual = Assert.Single(Stacks(hatrace.Stderr));
        AssertSameFrames(expected, actual, Chain);
        Assert.Equal(["__write", "inner", "outer", "main"], actual.Take(4).Select(f => f.Function));
        Assert.Equal("write(1, \"x\\n\", 2)                      = 2", hatrace.StderrLines[0]);
    }

    [StraceStackTraceFact]
    public void AThreadsFramesAfterTheMainThreadEndedAreStraces()
    {
        // leader_exits writes from a thread once its main thread is a zombie, whose mappings are empty: the process's
        // modules are read through the thread (hatrace showed no frames).
        string program = Runner.Program("leader_exits");
        RunResult strace = Runner.Strace("-f", "-q", "-k", "-e", "trace=write", program);
        RunResult hatrace = Runner.Run("-f", "-q", "-k", "-e", "trace=write", program);
        // The write's line comes first; the thread's exit line ("[pid N] +++ exited ...") after it has no frames.
        List<Frame> expected = Stacks(strace.Stderr)[0], actual = Stacks(hatrace.Stderr)[0];
        AssertSameFrames(expected, actual, program);
        Assert.Equal(["__write", "after_the_leader"], actual.Take(2).Select(f => f.Function));
    }

    [StraceStackTraceFact]
    public void AStrippedProgramsFramesHaveNoNames()
    {
        string stripped = Path.Combine(_scratch, "stack_chain_stripped");
        RunResult strip = Runner.RunProcess("strip", "-o", stripped, Chain);
        Assert.Equal(0, strip.ExitCode);
        RunResult strace = Runner.Strace("-k", "-e", "trace=write", stripped);
        RunResult hatrace = Runner.Run("-k", "-e", "trace=write", stripped);
        List<Frame> expected = Assert.Single(Stacks(strace.Stderr)), actual = Assert.Single(Stacks(hatrace.Stderr));
        AssertSameFrames(expected, actual, stripped);
        Assert.Equal(4, actual.Count(f => f.Module == stripped && f.Function == "")); // inner, outer, main, _start
    }

    [StraceStackTraceFact]
    public void AFunctionPastEveryNamedOneIsNamedAfterTheOneBeforeIt()
    {
        // stack_chain exporting outer alone, stripped: main, which follows outer and has no symbol of its own, is
        // outer+0x4e to strace (and to a debugger); inner, before every named function, has no name.
        string exported = Path.Combine(_scratch, "exported"), program = Path.Combine(_scratch, "stack_chain_outer");
        File.WriteAllText(exported, "{ outer; };");
        RunResult cc = Runner.RunProcess("cc", "-O0", "-fno-omit-frame-pointer", $"-Wl,--dynamic-list={exported}", "-o", program,
            Path.Combine(Runner.RepoRoot, "tests", "programs", "stack_chain.c"));
        Assert.True(cc.ExitCode == 0, cc.Stderr);
        Assert.Equal(0, Runner.RunProcess("strip", program).ExitCode);
        RunResult strace = Runner.Strace("-k", "-e", "trace=write", program);
        RunResult hatrace = Runner.Run("-k", "-e", "trace=write", program);
        List<Frame> expected = Assert.Single(Stacks(strace.Stderr)), actual = Assert.Single(Stacks(hatrace.Stderr));
        AssertSameFrames(expected, actual, program);
        Assert.Equal(["", "outer", "outer"], actual.Skip(1).Take(3).Select(f => f.Function));
    }

    [StraceStackTraceFact]
    public void AStaticProgramsStackEndsAtItsStart()
    {
        // No unwind information ends tiny's _start, whose caller's slot holds argc: no frame follows it.
        string tiny = Runner.Program("tiny");
        RunResult strace = Runner.Strace("-k", "-e", "trace=getpid", tiny);
        RunResult hatrace = Runner.Run("-k", "-e", "trace=getpid", tiny);
        List<Frame> expected = Assert.Single(Stacks(strace.Stderr)), actual = Assert.Single(Stacks(hatrace.Stderr));
        AssertSameFrames(expected, actual, tiny);
        Assert.Equal("_start", Assert.Single(actual).Function);
    }

    /// <summary>.NET's JIT-compiled methods are in no ELF file: the map the runtime writes with DOTNET_PerfMapEnabled=1
    /// names them (strace -k does not read it). Traced: this build's own hatrace.dll printing its version.</summary>
    [Fact]
    public void JitCompiledFramesAreNamedFromThePerfMap()
    {
        string[] MapsNow() => [.. Directory.EnumerateFiles("/tmp", "perf*.map")];
        HashSet<string> before = [.. MapsNow()];
        try
        {
            RunResult hatrace = Runner.Run("-k", "-e", "trace=write", "-E", "DOTNET_PerfMapEnabled=1", "dotnet",
                Path.Combine(AppContext.BaseDirectory, "hatrace.dll"), "-V");
            Assert.Equal(0, hatrace.ExitCode);
            string[] lines = hatrace.StderrLines;
            int version = Array.FindIndex(lines, l => l.StartsWith("write(1, \"hatrace -- version", StringComparison.Ordinal));
            Assert.True(version >= 0, hatrace.Stderr);
            // A JIT frame's name holds parentheses and a +: read as text, not split as strace's frames are above.
            string[] stack = [.. lines.Skip(version + 1).TakeWhile(l => l.StartsWith(" > ", StringComparison.Ordinal))];
            Assert.Contains(stack, f => f.Contains("Hatrace.Cli.HatraceCommand::Run(", StringComparison.Ordinal));
            Assert.Contains(stack, f => f.Contains("Program::<Main>$(", StringComparison.Ordinal));
        }
        finally
        {
            // The traced program's maps, which the runtime leaves behind: those of processes that are gone.
            foreach (string map in MapsNow().Where(m => !before.Contains(m) && !Directory.Exists($"/proc/{Regex.Match(m, @"\d+").Value}")))
                File.Delete(map);
        }
    }

    [StraceStackTraceFact]
    public void AnExecsStackIsTheOldProgramsAndTheNextCallsTheNewOnes()
    {
        // sh (dash, stripped) runs stack_chain in its place.
        string[] command = ["-k", "-e", "trace=execve,write", "sh", "-c", "exec \"$0\"", Chain];
        RunResult strace = Runner.Strace(command);
        RunResult hatrace = Runner.Run(command);
        List<List<Frame>> expected = Stacks(strace.Stderr), actual = Stacks(hatrace.Stderr);
        Assert.Equal(3, actual.Count); // sh's execve, the one sh makes, stack_chain's write
        // The first execve is the spawn's, before the program: what each tracer's own start leaves there differs.
        for (int i = 1; i < actual.Count; i++)
            AssertSameFrames(expected[i], actual[i], Chain);
        Assert.Equal("execve", actual[1][0].Function);
        Assert.Matches("/(da|ba)?sh$", actual[1][1].Module);
        Assert.Equal(["__write", "inner", "outer", "main"], actual[2].Take(4).Select(f => f.Function));
    }
}
