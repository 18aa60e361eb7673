using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hatrace.Engine.Syscalls;

namespace Hatrace.TableGen.Tests;

/// <summary>The committed tables against the numbers of the system's kernel headers, read by compiling a C program.
/// The headers are older than our tables, so calls only we have are fine; a call only they have is not.</summary>
public sealed partial class KernelHeaderTests : IDisposable
{
    private const string HeaderDirectory = "/usr/include/x86_64-linux-gnu";

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("tablegen-unistd-").FullName;

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    [Theory]
    [InlineData(SyscallArch.X86_64, "asm/unistd_64.h")]
    [InlineData(SyscallArch.I386, "asm/unistd_32.h")]
    public void NumbersMatchTheSystemHeader(SyscallArch arch, string header)
    {
        Dictionary<string, int> ours = SyscallTable.All(arch).ToDictionary(d => d.Name, d => d.Number, StringComparer.Ordinal);

        IReadOnlyDictionary<string, int> theirs = CompileAndRun(header, ours.Keys);

        Assert.NotEmpty(theirs);
        Assert.All(theirs, pair => Assert.True(ours[pair.Key] == pair.Value, $"__NR_{pair.Key} is {pair.Value} in <{header}> but {ours[pair.Key]} in our table"));
        IEnumerable<string> missing = DefinedNames(header).Where(name => !ours.ContainsKey(name));
        Assert.Empty(missing);
    }

    // Prints "__NR_<name> <number>" for each of the names the header defines, one #ifdef per name.
    private Dictionary<string, int> CompileAndRun(string header, IEnumerable<string> names)
    {
        var source = new StringBuilder($"#include <stdio.h>\n#include <{header}>\n\nint main(void)\n{{\n");
        foreach (string name in names.Order(StringComparer.Ordinal))
        {
            source.Append($"#ifdef __NR_{name}\n    printf(\"__NR_{name} %d\\n\", (int)__NR_{name});\n#endif\n");
        }

        source.Append("    return 0;\n}\n");
        string program = Path.Combine(_workDirectory, "unistd");
        File.WriteAllText(program + ".c", source.ToString());

        Run("cc", "-o", program, program + ".c");
        return Run(program)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(fields => fields[0]["__NR_".Length..], fields => int.Parse(fields[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    private static IEnumerable<string> DefinedNames(string header) =>
        DefinePattern().Matches(File.ReadAllText(Path.Combine(HeaderDirectory, header))).Select(m => m.Groups["name"].Value);

    private static string Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{fileName} exited with {process.ExitCode}: {error.Result}");
        return output;
    }

    [GeneratedRegex(@"^#define __NR_(?<name>\w+)\s+\d+\s*$", RegexOptions.Multiline)]
    private static partial Regex DefinePattern();
}
