using System.Text.RegularExpressions;

namespace Hatrace.TableGen;

/// <summary>A syscall entry point's parameter list as a kernel source declares it.</summary>
/// <param name="EntryPoint">The function, such as <c>sys_openat</c>.</param>
/// <param name="Parameters">The parameters joined with ", ", whitespace collapsed; empty for <c>void</c>.</param>
internal sealed record Prototype(string EntryPoint, string Parameters);

/// <summary>Finds syscall prototypes in preprocessed kernel C: <c>asmlinkage long sys_x(...);</c> declarations (as in
/// include/linux/syscalls.h), <c>long sys_x(...)</c> definitions, and <c>SYSCALL_DEFINEn(x, type, name, ...)</c>.</summary>
internal static partial class PrototypeScanner
{
    /// <summary>The prototypes in <paramref name="code"/>, in order of appearance.</summary>
    public static IEnumerable<Prototype> Scan(string code)
    {
        var found = new List<(int Position, Prototype Prototype)>();

        foreach (Match declaration in FunctionPattern().Matches(code))
        {
            IReadOnlyList<string> parameters = SplitArguments(code, declaration.Index + declaration.Length - 1);
            bool isVoid = parameters is [var only] && only == "void";
            found.Add((declaration.Index, new Prototype(declaration.Groups["name"].Value, isVoid ? string.Empty : string.Join(", ", parameters))));
        }

        foreach (Match definition in DefineMacroPattern().Matches(code))
        {
            // SYSCALL_DEFINEn(name, type1, name1, ..., typeN, nameN): the types and names come as separate arguments.
            IReadOnlyList<string> arguments = SplitArguments(code, definition.Index + definition.Length - 1);
            int count = int.Parse(definition.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (arguments.Count != 1 + (2 * count))
            {
                throw new FormatException($"{definition.Value}: expected a name and {count} type/name pairs");
            }

            IEnumerable<string> parameters = Enumerable.Range(0, count)
                .Select(i => JoinTypeAndName(arguments[1 + (2 * i)], arguments[2 + (2 * i)]));
            found.Add((definition.Index, new Prototype("sys_" + arguments[0], string.Join(", ", parameters))));
        }

        return found.OrderBy(f => f.Position).Select(f => f.Prototype);
    }

    /// <summary>"void __user *" and "ptr" become "void __user *ptr"; "int" and "fd" become "int fd".</summary>
    private static string JoinTypeAndName(string type, string name) =>
        type.EndsWith('*') ? type + name : type + " " + name;

    // The comma-separated arguments inside the parentheses that open at openParen, each with whitespace collapsed.
    private static IReadOnlyList<string> SplitArguments(string code, int openParen)
    {
        var arguments = new List<string>();
        int depth = 0;
        int start = openParen + 1;
        for (int i = openParen; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    arguments.Add(Collapse(code[start..i]));
                    return arguments is [""] ? [] : arguments;
                case ',' when depth == 1:
                    arguments.Add(Collapse(code[start..i]));
                    start = i + 1;
                    break;
            }
        }

        throw new FormatException($"unbalanced parentheses after \"{code.Substring(openParen, Math.Min(60, code.Length - openParen))}\"");
    }

    private static string Collapse(string text) => WhitespacePattern().Replace(text, " ").Trim();

    // At the start of a line, so that calls such as "return sys_x(...)" and ksys_/__sys_ helpers do not match.
    [GeneratedRegex(@"^[ \t]*(?:asmlinkage[ \t]+)?(?:long|int)[ \t]+(?<name>sys_\w+)[ \t]*\(", RegexOptions.Multiline)]
    private static partial Regex FunctionPattern();

    [GeneratedRegex(@"\bSYSCALL_DEFINE(?<count>\d)\(")]
    private static partial Regex DefineMacroPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
