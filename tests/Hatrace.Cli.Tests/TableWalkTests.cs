using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hatrace.Engine.Syscalls;
using Xunit.Abstractions;

namespace Hatrace.Cli.Tests;

/// <summary>Every x86_64 syscall with a pointer argument, made once by tests/programs/table_walk.c with its pointers
/// into zeroed memory and answered 0 by a seccomp filter before it runs: where strace 6.1 decodes what an argument
/// points to, hatrace must not print the bare address. The calls that still do are listed below, each with why.</summary>
public partial class TableWalkTests(ITestOutputHelper output)
{
    // Calls whose pointed-to argument strace decodes and hatrace does not, on purpose, and why.
    private static readonly Dictionary<string, string> s_leftAsAddresses = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void NoPointerStraceDecodesIsABareAddress()
    {
        List<SyscallDefinition> calls = [.. SyscallTable.All(SyscallArch.X86_64)
            .Where(d => d.Name is not ("exit" or "exit_group") && TableWalk.PointerMask(d) != 0)];
        string[] spec = TableWalk.Arguments(calls);
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Assert.Equal(0, Runner.Strace(["-o", straceLog.Path, Runner.Program("table_walk"), .. spec]).ExitCode);
        Assert.Equal(0, Runner.Run(["-o", hatraceLog.Path, Runner.Program("table_walk"), .. spec]).ExitCode);
        List<Line> strace = Walk(straceLog.Path), hatrace = Walk(hatraceLog.Path);
        Assert.Equal(calls.Count, hatrace.Count);
        Assert.Equal(strace.Count, hatrace.Count);

        var addresses = new SortedDictionary<string, string>(StringComparer.Ordinal);
        int different = 0;
        foreach ((Line s, Line h) in strace.Zip(hatrace))
        {
            // strace names a call newer than it as syscall_0x1c3.
            Assert.True(s.Name == h.Name || s.Name.StartsWith("syscall_0x", StringComparison.Ordinal), $"{s.Name} against {h.Name}");
            if (s.Text != h.Text)
            {
                different++;
                output.WriteLine($"strace:  {s.Text}\nhatrace: {h.Text}");
            }
            IEnumerable<int> undecoded = Enumerable.Range(0, Math.Min(s.Arguments.Count, h.Arguments.Count))
                .Where(i => IsAddress(h.Arguments[i]) && !IsAddress(s.Arguments[i]));
            if (undecoded.Any())
                addresses[h.Name] = $"{h.Text}  (strace: {s.Text})";
        }
        output.WriteLine($"{hatrace.Count} calls, {different} printed otherwise than strace prints them");
        foreach ((string name, string reason) in s_leftAsAddresses)
            output.WriteLine($"left as an address: {name}: {reason}");
        string[] unexpected = [.. addresses.Where(a => !s_leftAsAddresses.ContainsKey(a.Key)).Select(a => a.Value)];
        string[] decodedNow = [.. s_leftAsAddresses.Keys.Where(name => !addresses.ContainsKey(name))];
        Assert.True(unexpected.Length == 0, $"{unexpected.Length} calls print an address strace decodes:\n{string.Join('\n', unexpected)}");
        Assert.True(decodedNow.Length == 0, $"decoded now, no longer to be listed: {string.Join(", ", decodedNow)}");
    }

    // Where strace 6.1's text is wrong and hatrace's is kept: open_by_handle_at returns a new descriptor, which strace
    // does not describe; mount_setattr returns 0, which strace describes as descriptor 0.
    private static readonly HashSet<string> s_straceMistakes = new(StringComparer.Ordinal) { "open_by_handle_at", "mount_setattr" };

    [Theory]
    [InlineData]
    [InlineData("-v")]
    [InlineData("-X", "raw")]
    [InlineData("-X", "verbose")]
    [InlineData("-v", "-X", "verbose")]
    [InlineData("-yy")]
    [InlineData("-xx")]
    [InlineData("-e", "verbose=none")]
    public void EveryCallStraceKnowsReadsAsStraceWritesIt(params string[] options)
    {
        List<SyscallDefinition> calls = TableWalk.Calls();
        string[] spec = TableWalk.Arguments(calls);
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Assert.Equal(0, Runner.Strace([.. options, "-o", straceLog.Path, Runner.Program("table_walk"), .. spec]).ExitCode);
        Assert.Equal(0, Runner.Run([.. options, "-o", hatraceLog.Path, Runner.Program("table_walk"), .. spec]).ExitCode);
        List<Line> strace = Walk(straceLog.Path), hatrace = Walk(hatraceLog.Path);
        Assert.Equal(calls.Count, hatrace.Count);
        // Calls newer than strace it names syscall_0x1c3 and prints undecoded. What the runs' descriptors 0 and 1 are
        // differs (pipes of their own): -yy's descriptions are compared by where they stand, not what they say.
        static string Described(string text) => DescriptionPattern().Replace(text, "<D>");
        string[] different = [.. strace.Zip(hatrace)
            .Where(p => !p.First.Name.StartsWith("syscall_0x", StringComparison.Ordinal) && !s_straceMistakes.Contains(p.First.Name))
            .Where(p => Described(p.First.Text) != Described(p.Second.Text))
            .Select(p => $"strace:  {p.First.Text}\nhatrace: {p.Second.Text}")];
        Assert.True(different.Length == 0, $"{different.Length} calls print otherwise than strace prints them:\n{string.Join('\n', different)}");
    }

    private static bool IsAddress(string argument) => AddressPattern().IsMatch(argument);

    private sealed record Line(string Name, List<string> Arguments, string Text);

    // The walk's lines: those after the filter's seccomp call, but for the last call's exit_group.
    private static List<Line> Walk(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int start = Array.FindIndex(lines, l => l.StartsWith("seccomp(", StringComparison.Ordinal));
        Assert.True(start >= 0, "the filter's seccomp call is in the trace");
        List<Line> walk = [];
        foreach (string line in lines.Skip(start + 1))
        {
            Match m = CallPattern().Match(line);
            if (m.Success && m.Groups[1].Value != "exit_group")
                walk.Add(new Line(m.Groups[1].Value, SplitArguments(m.Groups[2].Value), Normalize(line)));
        }
        return walk;
    }

    // A line as two runs of the walk print it alike: the memory's addresses differ from run to run, and the padding to
    // the result's column is not what this test is about.
    private static string Normalize(string line) => WhitespacePattern().Replace(LongAddressPattern().Replace(line, "ADDR"), " ");

    // The arguments of one call's text, split at the commas outside brackets and quotes.
    private static List<string> SplitArguments(string text)
    {
        List<string> arguments = [];
        var current = new StringBuilder();
        int depth = 0;
        bool quoted = false, escaped = false;
        foreach (char c in text)
        {
            if (quoted)
            {
                quoted = escaped || c != '"';
                escaped = !escaped && c == '\\';
            }
            else if (c == '"')
                quoted = true;
            else if (c is '[' or '{' or '(')
                depth++;
            else if (c is ']' or '}' or ')')
                depth--;
            else if (c == ',' && depth == 0)
            {
                arguments.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0)
            arguments.Add(current.ToString().Trim());
        return arguments;
    }

    [GeneratedRegex(@"^(\w+)\((.*)\)\s+= .*$")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"^0x[0-9a-f]+$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"0x[0-9a-f]{8,}")]
    private static partial Regex LongAddressPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    // A descriptor's -yy description, one level of brackets inside: <pipe:[42]>, </dev/null<char 1:3>>.
    [GeneratedRegex(@"<[^<>]*(<[^<>]*>)?>")]
    private static partial Regex DescriptionPattern();
}
