using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>strace's messages that <c>-q</c> and <c>-e quiet=</c> silence.</summary>
[Flags]
internal enum QuietMessages
{
    /// <summary>Print them all.</summary>
    None = 0,

    /// <summary><c>Process N attached</c>.</summary>
    Attach = 1,

    /// <summary><c>+++ exited with N +++</c>; <c>+++ killed by SIG +++</c> is said whatever the quiet, as strace says it.</summary>
    Exit = 2,

    /// <summary><c>Requested path "..." resolved into "..."</c> for -P.</summary>
    PathResolution = 4,

    /// <summary><c>[ Process PID=N runs in 32 bit mode. ]</c>.</summary>
    Personality = 8,

    /// <summary><c>+++ superseded by execve in pid N +++</c>.</summary>
    ThreadExecve = 16,

    /// <summary>None of them.</summary>
    All = Attach | Exit | PathResolution | Personality | ThreadExecve,
}

/// <summary>The syntax strace's qualifiers share: <c>[!]all</c>, <c>[!]none</c>, or <c>[!]ITEM[,ITEM]...</c>
/// where empty items are skipped; an unknown item is <c>invalid WHAT 'item'</c>.</summary>
internal static class QualifierSyntax
{
    /// <summary>Which of the values 0 to size-1 the text chooses.</summary>
    internal static bool[] Parse(string text, int size, string what, Func<string, int?> lookup)
    {
        bool negated = text.StartsWith('!');
        string body = negated ? text[1..] : text;
        var chosen = new bool[size];
        if (body == "all")
        {
            Array.Fill(chosen, true);
        }
        else if (body != "none")
        {
            string[] items = body.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0)
                throw new HatraceUsageException($"invalid {what} '{text}'");
            foreach (string item in items)
                chosen[lookup(item) ?? throw new HatraceUsageException($"invalid {what} '{item}'")] = true;
        }
        if (negated)
        {
            for (int i = 0; i < size; i++)
                chosen[i] = !chosen[i];
        }
        return chosen;
    }

    /// <summary>A plain decimal number below <paramref name="limit"/>: no sign, no spaces.</summary>
    internal static int? Number(string item, int limit) =>
        item.All(char.IsAsciiDigit) && int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < limit ? n : null;

    /// <summary>The flags the text chooses, among named ones.</summary>
    internal static T ParseFlags<T>(string text, string what, IReadOnlyDictionary<string, T> names)
        where T : struct, Enum
    {
        T[] values = [.. names.Values.Distinct()];
        bool[] chosen = Parse(text, values.Length, what, item => names.TryGetValue(item, out T v) ? Array.IndexOf(values, v) : null);
        long flags = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (chosen[i])
                flags |= Convert.ToInt64(values[i], CultureInfo.InvariantCulture);
        }
        return (T)Enum.ToObject(typeof(T), flags);
    }
}

/// <summary>The signals of <c>-e signal=</c>: names with or without SIG in any case (<c>SIGCHLD</c>, <c>chld</c>,
/// <c>RT_3</c>), or numbers below 256.</summary>
internal sealed class SignalSet
{
    private const int Limit = 256;
    private readonly bool[] _chosen;

    private SignalSet(bool[] chosen) => _chosen = chosen;

    /// <summary>Every signal, strace's default.</summary>
    public static SignalSet All { get; } = new(Enumerable.Repeat(true, Limit).ToArray());

    /// <summary>Whether the set chooses this signal.</summary>
    public bool Contains(int signal) => (uint)signal < Limit && _chosen[signal];

    /// <summary>Parses the value of <c>-e signal=</c>.</summary>
    public static SignalSet Parse(string text) =>
        new(QualifierSyntax.Parse(text, Limit, "signal", item => QualifierSyntax.Number(item, Limit) ?? Signals.GetValue(item)));
}

/// <summary>The values of <c>-e status=</c>.</summary>
internal static class CallStatusSet
{
    private static readonly Dictionary<string, SyscallStatus> s_names = new(StringComparer.Ordinal)
    {
        ["successful"] = SyscallStatus.Successful,
        ["failed"] = SyscallStatus.Failed,
        ["unfinished"] = SyscallStatus.Unfinished,
        ["unavailable"] = SyscallStatus.Unavailable,
        ["detached"] = SyscallStatus.Detached,
    };

    /// <summary>Parses the value of <c>-e status=</c>.</summary>
    public static SyscallStatus Parse(string text) => QualifierSyntax.ParseFlags(text, "status", s_names);
}

/// <summary>The values of <c>-e quiet=</c>.</summary>
internal static class QuietSet
{
    private static readonly Dictionary<string, QuietMessages> s_names = new(StringComparer.Ordinal)
    {
        ["attach"] = QuietMessages.Attach,
        ["exit"] = QuietMessages.Exit,
        ["exits"] = QuietMessages.Exit,
        ["path-resolution"] = QuietMessages.PathResolution,
        ["personality"] = QuietMessages.Personality,
        ["thread-execve"] = QuietMessages.ThreadExecve,
        ["superseded"] = QuietMessages.ThreadExecve,
    };

    /// <summary>Parses the value of <c>-e quiet=</c>.</summary>
    public static QuietMessages Parse(string text) => QualifierSyntax.ParseFlags(text, "quiet", s_names);
}

/// <summary>The descriptors of <c>-e read=</c> and <c>-e write=</c>: <c>[!]all</c>, <c>[!]none</c>, or <c>[!]FD[,FD]...</c>.</summary>
internal sealed class DescriptorSet
{
    private readonly HashSet<int> _listed;
    private readonly bool _negated;

    private DescriptorSet(HashSet<int> listed, bool negated)
    {
        _listed = listed;
        _negated = negated;
    }

    /// <summary>Whether the set holds the descriptor.</summary>
    public bool Contains(int fd) => _listed.Contains(fd) != _negated;

    /// <summary>Parses a set; a malformed one is strace's <c>invalid descriptor 'x'</c>.</summary>
    public static DescriptorSet Parse(string text)
    {
        bool negated = text.StartsWith('!');
        string body = negated ? text[1..] : text;
        // Descriptors go up to INT_MAX: the set is kept as the numbers listed, and whether it is all but those.
        if (body is "all" or "none")
            return new DescriptorSet([], (body == "all") != negated);
        string[] items = body.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
            throw new HatraceUsageException($"invalid descriptor '{text}'");
        var listed = new HashSet<int>();
        foreach (string item in items)
            listed.Add(QualifierSyntax.Number(item, int.MaxValue) ?? throw new HatraceUsageException($"invalid descriptor '{item}'"));
        return new DescriptorSet(listed, negated);
    }
}
