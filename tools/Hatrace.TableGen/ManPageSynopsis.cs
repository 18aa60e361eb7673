using System.Text;
using System.Text.RegularExpressions;

namespace Hatrace.TableGen;

/// <summary>One prototype of a man page's SYNOPSIS.</summary>
/// <param name="Call">The function declared, or for <c>syscall(SYS_name, ...)</c> the call it makes.</param>
/// <param name="Parameters">Its parameters, arrays and function pointers written as pointers (<c>void *buf</c> for
/// <c>void buf[.count]</c>). A bare <c>...</c> is one unnamed parameter of type <c>...</c>; <c>... /* arg */</c> is
/// the parameters the comment declares.</param>
internal sealed record ManPrototype(string Call, IReadOnlyList<ParameterDeclaration> Parameters);

/// <summary>Reads the C prototypes out of the SYNOPSIS of a section 2 man page written in roff (man(7) macros).</summary>
internal static partial class ManPageSynopsis
{
    /// <summary>The variadic tail of a prototype: <c>int ioctl(int fd, unsigned long request, ...)</c>.</summary>
    public const string Variadic = "...";

    private const string RawSyscall = "syscall";

    // Qualifiers that say nothing about which argument is which.
    private static readonly string[] Qualifiers = ["restrict", "_Nullable", "_Nonnull"];

    /// <summary>The prototypes of <paramref name="roff"/>'s SYNOPSIS, in the order the page gives them.</summary>
    public static IReadOnlyList<ManPrototype> Prototypes(string roff)
    {
        // "... /* pid_t *parent_tid, void *tls */": the optional arguments the comment names are parameters too.
        string code = VariadicCommentPattern().Replace(Text(roff), "$1");
        code = CommentPattern().Replace(code, " ");
        code = PreprocessorLinePattern().Replace(code, " ");
        code = AttributePattern().Replace(code, " ");

        var prototypes = new List<ManPrototype>();
        foreach (string statement in code.Split(';'))
        {
            Match match = PrototypePattern().Match(statement);
            if (!match.Success)
            {
                continue;
            }

            List<ParameterDeclaration> parameters = SplitParameters(match.Groups["parameters"].Value)
                .Where(p => p.Length > 0 && p != "void")
                .Select(ParseParameter)
                .ToList();
            string call = match.Groups["name"].Value;
            if (call == RawSyscall)
            {
                // syscall(SYS_gettid), syscall(SYS_pidfd_open, pid_t pid, ...): the raw call and its ABI.
                if (parameters.Count == 0 || parameters[0] is not { Name: null, Type: var number } || !number.StartsWith("SYS_", StringComparison.Ordinal))
                {
                    continue;
                }

                (call, parameters) = (number["SYS_".Length..], parameters[1..]);
            }

            prototypes.Add(new ManPrototype(call, parameters));
        }

        return prototypes;
    }

    /// <summary>The prototypes part of the SYNOPSIS as plain text: up to the prose that follows them (the feature test
    /// macros, notes), with macro arguments joined as roff joins them and font changes and escapes removed; one output
    /// line per input line.</summary>
    public static string Text(string roff)
    {
        var text = new StringBuilder();
        bool inSynopsis = false;
        foreach (string line in JoinContinuations(roff).Split('\n'))
        {
            if (line.StartsWith(".SH", StringComparison.Ordinal))
            {
                inSynopsis = line.Trim() is ".SH SYNOPSIS" or ".SH \"SYNOPSIS\"";
                continue;
            }

            if (inSynopsis && ProseStartPattern().IsMatch(line))
            {
                inSynopsis = false;
            }

            if (!inSynopsis)
            {
                continue;
            }

            Match macro = FontMacroPattern().Match(line);
            if (macro.Success)
            {
                // .BI "int open(const char *" pathname ", int " flags ); alternates fonts between its arguments, with no
                // blank between them; .B and .I set all of theirs in one font, a blank apart.
                string separator = macro.Groups["macro"].Length == 1 ? " " : string.Empty;
                text.Append(string.Join(separator, MacroArguments(macro.Groups["arguments"].Value)));
            }
            else if (!line.StartsWith('.') && !line.StartsWith('\''))
            {
                text.Append(line);
            }

            text.Append('\n');
        }

        return Unescape(text.ToString());
    }

    // A line ending in a backslash continues on the next one.
    private static string JoinContinuations(string roff) => roff.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\\\n", string.Empty, StringComparison.Ordinal);

    private static IEnumerable<string> MacroArguments(string arguments)
    {
        foreach (Match argument in MacroArgumentPattern().Matches(arguments))
        {
            yield return argument.Groups["quoted"].Success ? argument.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : argument.Value;
        }
    }

    private static string Unescape(string text)
    {
        string plain = FontEscapePattern().Replace(text, string.Empty);
        return plain
            .Replace("\\-", "-", StringComparison.Ordinal)
            .Replace("\\~", " ", StringComparison.Ordinal)
            .Replace("\\ ", " ", StringComparison.Ordinal)
            .Replace("\\&", string.Empty, StringComparison.Ordinal)
            .Replace("\\,", string.Empty, StringComparison.Ordinal)
            .Replace("\\/", string.Empty, StringComparison.Ordinal)
            .Replace("\\e", "\\", StringComparison.Ordinal);
    }

    // Commas inside parentheses or brackets belong to a function pointer's own parameters.
    private static IEnumerable<string> SplitParameters(string parameters)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            switch (parameters[i])
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return parameters[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return parameters[start..].Trim();
    }

    private static ParameterDeclaration ParseParameter(string declaration)
    {
        if (declaration == Variadic)
        {
            return new ParameterDeclaration(Variadic, null);
        }

        // fcntl(int fd, int cmd, ... /* arg */): a name without a type is one of the variadic arguments.
        if (IdentifierPattern().IsMatch(declaration) && !ParameterDeclaration.IsTypeKeyword(declaration))
        {
            return new ParameterDeclaration(Variadic, declaration);
        }

        string text = WhitespacePattern().Replace(declaration, " ");
        foreach (string qualifier in Qualifiers)
        {
            text = Regex.Replace(text, $@"\b{qualifier}\b", string.Empty);
        }

        // int (*fn)(void *) -> int (*)() fn; void buf[.count] -> void *buf.
        Match functionPointer = FunctionPointerPattern().Match(text);
        if (functionPointer.Success)
        {
            text = $"{functionPointer.Groups["returns"].Value.Trim()} (*)() {functionPointer.Groups["name"].Value}";
        }

        Match array = ArrayPattern().Match(text);
        if (array.Success)
        {
            text = $"{array.Groups["type"].Value.Trim()} *{array.Groups["name"].Value}";
        }

        return ParameterDeclaration.Parse(text);
    }

    [GeneratedRegex(@"^\.(?<macro>B|I|BI|IB|BR|RB|IR|RI)(?:\s+(?<arguments>.*))?$")]
    private static partial Regex FontMacroPattern();

    [GeneratedRegex("\"(?<quoted>(?:[^\"]|\"\")*)(?:\"|$)|[^\\s\"]+")]
    private static partial Regex MacroArgumentPattern();

    [GeneratedRegex(@"\\f(?:\[[^\]]*\]|\(..|.)")]
    private static partial Regex FontEscapePattern();

    // "Feature Test Macro Requirements for glibc", ".IR Note :": prose, which may mention calls with parentheses.
    [GeneratedRegex(@"^(?:Feature Test Macro Requirements|\.IR? Note\b)")]
    private static partial Regex ProseStartPattern();

    [GeneratedRegex(@"\.\.\.\s*/\*(.*?)\*/", RegexOptions.Singleline)]
    private static partial Regex VariadicCommentPattern();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();

    // [[deprecated]], [[noreturn]]
    [GeneratedRegex(@"\[\[\w+\]\]")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"^\s*#.*$", RegexOptions.Multiline)]
    private static partial Regex PreprocessorLinePattern();

    // A return type, the function's name, then its parameters up to the statement's last closing parenthesis.
    [GeneratedRegex(@"^\s*(?:[A-Za-z_][\w ]*?[\s*]+)\*?\s*(?<name>[A-Za-z_]\w*)\s*\((?<parameters>.*)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex PrototypePattern();

    [GeneratedRegex(@"^(?<returns>.*?)\(\s*\*\s*(?<name>[A-Za-z_]\w*)\s*\)\s*\(.*\)$", RegexOptions.Singleline)]
    private static partial Regex FunctionPointerPattern();

    [GeneratedRegex(@"^(?<type>.*?)\s*(?<name>[A-Za-z_]\w*)\s*\[[^\]]*\]$")]
    private static partial Regex ArrayPattern();

    [GeneratedRegex(@"^[a-z_]\w*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
