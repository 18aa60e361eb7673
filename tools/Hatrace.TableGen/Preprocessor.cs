using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hatrace.TableGen;

/// <summary>Just enough of the C preprocessor to read kernel prototypes: drops comments, directive lines and the
/// branches of <c>#if</c>s that an ABI's configuration rules out.</summary>
internal static partial class Preprocessor
{
    private enum Truth
    {
        False,
        True,
        Unknown,
    }

    /// <summary>The code the compiler would see for <paramref name="abi"/>, with one output line per input line.
    /// A condition on a symbol the ABI's configuration does not decide keeps both of its branches.</summary>
    public static string Apply(string source, TableAbi abi)
    {
        string[] lines = StripComments(source).Split('\n');
        var branches = new Stack<Truth>();
        var output = new StringBuilder(source.Length);
        bool inDirective = false;

        foreach (string line in lines)
        {
            // A directive, and every line its trailing backslashes continue it onto, is not code.
            bool startsDirective = !inDirective && line.TrimStart().StartsWith('#');
            if (startsDirective)
            {
                Match directive = DirectivePattern().Match(line);
                string argument = directive.Groups["argument"].Value.Trim();
                switch (directive.Groups["keyword"].Value)
                {
                    case "if":
                        branches.Push(Evaluate(argument, abi));
                        break;
                    case "ifdef":
                        branches.Push(Lookup(argument, abi));
                        break;
                    case "ifndef":
                        branches.Push(Not(Lookup(argument, abi)));
                        break;
                    case "else":
                        branches.Push(Not(branches.Pop()));
                        break;
                    case "elif":
                        branches.Pop();
                        branches.Push(Truth.Unknown);
                        break;
                    case "endif":
                        branches.Pop();
                        break;
                }
            }

            bool isCode = !startsDirective && !inDirective && !branches.Contains(Truth.False);
            output.Append(isCode ? line : string.Empty).Append('\n');
            inDirective = (startsDirective || inDirective) && line.TrimEnd().EndsWith('\\');
        }

        return output.ToString();
    }

    // Comments become blanks; the newlines inside them stay so that lines keep their numbers.
    private static string StripComments(string source) =>
        CommentPattern().Replace(source, comment => new string('\n', comment.Value.Count(c => c == '\n')) + " ");

    // Only what the kernel's prototypes are guarded by: defined(X), a bare X, BITS_PER_LONG == N, !, && and ||.
    private static Truth Evaluate(string expression, TableAbi abi)
    {
        Truth result = Truth.False;
        foreach (string alternative in expression.Split("||"))
        {
            Truth all = Truth.True;
            foreach (string term in alternative.Split("&&"))
            {
                all = And(all, EvaluateTerm(term.Trim(), abi));
            }

            result = Or(result, all);
        }

        return result;
    }

    private static Truth EvaluateTerm(string term, TableAbi abi)
    {
        if (term.StartsWith('!'))
        {
            return Not(EvaluateTerm(term[1..].Trim(), abi));
        }

        Match bitsPerLong = BitsPerLongPattern().Match(term);
        if (bitsPerLong.Success)
        {
            return ToTruth(abi.BitsPerLong == int.Parse(bitsPerLong.Groups["bits"].Value, CultureInfo.InvariantCulture));
        }

        Match symbol = SymbolPattern().Match(term);
        return symbol.Success ? Lookup(symbol.Groups["symbol"].Value, abi) : Truth.Unknown;
    }

    private static Truth Lookup(string symbol, TableAbi abi) =>
        abi.KernelConfig.TryGetValue(symbol, out bool defined) ? ToTruth(defined) : Truth.Unknown;

    private static Truth ToTruth(bool value) => value ? Truth.True : Truth.False;

    private static Truth Not(Truth value) => value switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    private static Truth And(Truth left, Truth right) =>
        left == Truth.False || right == Truth.False ? Truth.False
        : left == Truth.True && right == Truth.True ? Truth.True
        : Truth.Unknown;

    private static Truth Or(Truth left, Truth right) =>
        left == Truth.True || right == Truth.True ? Truth.True
        : left == Truth.False && right == Truth.False ? Truth.False
        : Truth.Unknown;

    [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"^\s*#\s*(?<keyword>\w+)(?<argument>.*)$")]
    private static partial Regex DirectivePattern();

    [GeneratedRegex(@"^BITS_PER_LONG\s*==\s*(?<bits>\d+)$")]
    private static partial Regex BitsPerLongPattern();

    [GeneratedRegex(@"^(?:defined\s*\(\s*(?<symbol>\w+)\s*\)|defined\s+(?<symbol>\w+)|(?<symbol>[A-Za-z_]\w*))$")]
    private static partial Regex SymbolPattern();
}
