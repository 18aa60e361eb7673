using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hatrace.Engine.Tests;

/// <summary>The installed strace, run as the oracle the decoders are compared with. Its lines come back as the
/// engine writes them: without the column padding strace puts before " = ", and without its "+++ exited +++"
/// lines, which are not calls.</summary>
internal static partial class StraceOracle
{
    /// <summary>Runs strace on <paramref name="program"/> with <paramref name="arguments"/> and returns its lines.</summary>
    internal static List<string> Run(string program, params string[] arguments) => RunWithOptions([], program, arguments);

    /// <summary>Runs strace with its own <paramref name="options"/> (such as -x) on the program, and returns its lines.</summary>
    internal static List<string> RunWithOptions(string[] options, string program, params string[] arguments)
    {
        string log = Path.GetTempFileName();
        try
        {
            using var strace = Process.Start(new ProcessStartInfo("strace", [.. options, "-o", log, program, .. arguments]) { RedirectStandardOutput = true })!;
            strace.StandardOutput.ReadToEnd();
            strace.WaitForExit();
            return [.. File.ReadAllLines(log).Where(l => !l.StartsWith("+++", StringComparison.Ordinal)).Select(WithoutPadding)];
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>The line with strace's column padding before the last " = " taken out.</summary>
    internal static string WithoutPadding(string line) => Padding().Replace(line, " = ");

    /// <summary>Fails when strace printed fewer lines than the test program makes calls on purpose: a sign that
    /// the comparison would pass on too little.</summary>
    internal static void AssertEnough(List<string> expected, int atLeast) =>
        Assert.True(expected.Count >= atLeast, "strace printed too little:\n" + string.Join('\n', expected));

    [GeneratedRegex(@"\s+= (?=[^=]*$)")]
    private static partial Regex Padding();
}
