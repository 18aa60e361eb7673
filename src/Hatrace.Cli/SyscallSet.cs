using System.Text.RegularExpressions;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>The calls a <c>-e trace=</c> expression chooses: <c>[!]ITEM[,ITEM]...</c> or <c>[!]none</c>, where an
/// item is <c>[?]</c> then a call's name, <c>all</c>, a class (<c>%file</c>) or <c>/regex</c>, then optionally
/// <c>@64</c>, <c>@32</c> or <c>@x32</c> for one ABI. Names are those of either ABI, as strace knows both.</summary>
internal sealed class SyscallSet
{
    private static readonly SyscallArch[] s_arches = [SyscallArch.X86_64, SyscallArch.I386];

    private readonly HashSet<SyscallDefinition> _chosen;
    private readonly bool _negated;

    private SyscallSet(HashSet<SyscallDefinition> chosen, bool negated)
    {
        _chosen = chosen;
        _negated = negated;
    }

    /// <summary>Every call, strace's default.</summary>
    public static SyscallSet All { get; } = new([], negated: true);

    /// <summary>Whether every call is chosen, numbers the kernel does not name included.</summary>
    public bool IsAll => _negated && _chosen.Count == 0;

    /// <summary>Whether the set chooses this call.</summary>
    public bool Contains(SyscallDefinition call) => _chosen.Contains(call) != _negated;

    /// <summary>Parses the value of <c>-e trace=</c>.</summary>
    /// <exception cref="HatraceUsageException">An item names no call: <c>invalid system call 'foo'</c>.</exception>
    public static SyscallSet Parse(string text)
    {
        bool negated = text.StartsWith('!');
        string body = negated ? text[1..] : text;
        var chosen = new HashSet<SyscallDefinition>();
        if (body != "none")
        {
            string[] items = body.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0)
                throw Invalid(text);
            foreach (string item in items)
                chosen.UnionWith(ParseItem(item));
        }
        return new SyscallSet(chosen, negated);
    }

    private static IEnumerable<SyscallDefinition> ParseItem(string item)
    {
        bool optional = item.StartsWith('?');
        string spec = optional ? item[1..] : item;
        (string what, SyscallArch[] arches) = SplitPersonality(spec);
        var matched = new List<SyscallDefinition>();
        // strace knows x32's table too; hatrace has none, so @x32 chooses nothing, but its names are still checked.
        SyscallArch[] checkedArches = arches.Length == 0 ? [SyscallArch.X86_64] : arches;
        bool known;
        if (what == "all")
        {
            matched.AddRange(arches.SelectMany(SyscallTable.All));
            known = true;
        }
        else if (SyscallClasses.ByClassName.TryGetValue(what, out SyscallClass classes))
        {
            matched.AddRange(arches.SelectMany(a => SyscallClasses.Members(a, classes)));
            known = true;
        }
        else if (what.StartsWith('/'))
        {
            Regex regex = CompileRegex(what[1..]);
            matched.AddRange(arches.SelectMany(SyscallTable.All).Where(d => regex.IsMatch(d.Name)));
            known = checkedArches.SelectMany(SyscallTable.All).Any(d => regex.IsMatch(d.Name));
        }
        else
        {
            matched.AddRange(arches.Select(a => SyscallTable.Find(a, what)).OfType<SyscallDefinition>());
            known = checkedArches.Any(a => SyscallTable.Find(a, what) is not null);
        }
        if (!known && !optional)
            throw Invalid(spec);
        return matched;
    }

    // "write@64" is write in the x86_64 ABI only; "write" is write in every ABI.
    private static (string What, SyscallArch[] Arches) SplitPersonality(string spec)
    {
        if (spec.EndsWith("@64", StringComparison.Ordinal))
            return (spec[..^3], [SyscallArch.X86_64]);
        if (spec.EndsWith("@32", StringComparison.Ordinal))
            return (spec[..^3], [SyscallArch.I386]);
        if (spec.EndsWith("@x32", StringComparison.Ordinal))
            return (spec[..^4], []);
        return (spec, s_arches);
    }

    // strace compiles POSIX extended expressions with regcomp; .NET's dialect agrees on everything names need.
    // The messages are glibc's regerror texts for the mistakes .NET can tell apart.
    private static Regex CompileRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (RegexParseException error)
        {
            string message = error.Error switch
            {
                RegexParseError.InsufficientClosingParentheses => "Unmatched ( or \\(",
                RegexParseError.InsufficientOpeningParentheses => "Unmatched ) or \\)",
                RegexParseError.UnterminatedBracket => "Unmatched [, [^, [:, [., or [=",
                RegexParseError.UnescapedEndingBackslash => "Trailing backslash",
                RegexParseError.ReversedCharacterRange => "Invalid range end",
                RegexParseError.QuantifierAfterNothing or RegexParseError.NestedQuantifiersNotParenthesized => "Invalid preceding regular expression",
                _ => "Invalid regular expression",
            };
            throw new HatraceUsageException($"regcomp: {pattern}: {message}");
        }
        catch (NotSupportedException)
        {
            // A construct NonBacktracking refuses (backreferences, lookarounds) is not POSIX either.
            throw new HatraceUsageException($"regcomp: {pattern}: Invalid regular expression");
        }
    }

    private static HatraceUsageException Invalid(string name) => new($"invalid system call '{name}'");
}
