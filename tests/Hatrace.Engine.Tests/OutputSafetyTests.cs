using System.Collections;
using System.Reflection;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>A tracee that puts terminal escapes, control characters and bytes that are not UTF-8 into a path, the data
/// it writes, its name and a child's argv and environment (tests/programs/hostile_strings.c): none of them may
/// reach a string of the trace raw.</summary>
public class OutputSafetyTests
{
    // What hostile_strings.c's HOSTILE bytes become: ESC [31m, BEL, LF, a lone 0x9b, U+009B, a backslash, 0xff 0xfe.
    private const string Hostile = @"\33[31m\7\n\233\302\233\\\377\376";

    private static List<TraceEvent> TraceHostile() =>
        TestPrograms.Trace(new TraceSessionOptions
        {
            DescriptorDetail = DescriptorDetail.All,
            Abbreviated = _ => false,  // the environment decoded, as strace -v prints it
        }, TestPrograms.PathOf("hostile_strings")).Events;

    [Fact]
    public void EveryStringOfEveryEventIsSafeToShow()
    {
        List<TraceEvent> events = TraceHostile();

        foreach (TraceEvent e in events)
        {
            foreach (string text in StringsOf(e))
                Assert.True(IsSafe(text), $"{e.GetType().Name} holds an unsafe string: {Visible(text)}");
        }
        var calls = events.OfType<SyscallEvent>().ToList();
        Assert.Contains(calls, c => c.Name == "openat" && c.Path!.Contains(Hostile, StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Name == "write" && c.FdPath!.Contains(Hostile, StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Name == "prctl" && (c.Arguments[1].Value as StringValue)?.Text == Hostile);
        SyscallEvent execve = Assert.Single(calls, c => c.Name == "execve" && c.Path == "/bin/true");
        Assert.Equal(["true", Hostile], ((ArrayValue)execve.Arguments["argv"]!.Value!).Select(a => a!.ToString()));
        Assert.Equal(["HOSTILE=" + Hostile], ((ArrayValue)execve.Arguments["envp"]!.Value!).Select(a => a!.ToString()));
        ProcessExecEvent exec = Assert.Single(events.OfType<ProcessExecEvent>(), x => x.CommandName == "true");
        Assert.Equal(["true", Hostile], exec.Arguments);
        Assert.Contains(events.OfType<ProcessStartEvent>(), s => s.CommandName == Hostile);
    }

    [Fact]
    public void JsonLinesHoldNoControlCharacters()
    {
        using var json = new StringWriter { NewLine = "\n" };
        foreach (TraceEvent e in TraceHostile())
            TraceJson.WriteLine(json, e);

        foreach (string line in json.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(IsSafe(line), "Unsafe JSON line: " + Visible(line));
    }

    // No C0 control, DEL or C1 control, no replacement character (a byte lost), no lone surrogate (not UTF-8).
    private static bool IsSafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c is >= '\u007f' and <= '\u009f' or '\ufffd')
                return false;
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
                return false;
        }
        return true;
    }

    private static string Visible(string text) => string.Concat(text.Select(c => c < 0x20 || c >= 0x7f ? $"<U+{(int)c:X4}>" : c.ToString()));

    /// <summary>Every string an event shows: its text and the strings of its public properties, their items and the
    /// properties of the engine's objects they hold (arguments, transferred data), however deep.</summary>
    private static IEnumerable<string> StringsOf(object? value, int depth = 0)
    {
        switch (value)
        {
            case null or byte[]:
                yield break;
            case string text:
                yield return text;
                yield break;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    foreach (string text in StringsOf(item, depth + 1))
                        yield return text;
                }
                break;
        }
        if (value.GetType().Namespace?.StartsWith("Hatrace.Engine", StringComparison.Ordinal) != true || depth > 8)
            yield break;
        yield return value.ToString()!;
        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
                continue;
            foreach (string text in StringsOf(property.GetValue(value), depth + 1))
                yield return text;
        }
    }
}
