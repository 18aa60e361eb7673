using System.Text.RegularExpressions;

namespace Hatrace.TableGen;

/// <summary>One parameter of a prototype, split into its C type and its name.</summary>
/// <param name="Type">The type with whitespace collapsed, such as <c>const char __user *</c>.</param>
/// <param name="Name">The name, or null where the prototype leaves the parameter unnamed (<c>sys_socket(int, int, int)</c>).</param>
internal sealed partial record ParameterDeclaration(string Type, string? Name)
{
    // The words that end a type rather than name a parameter: "unsigned long", "int", "unsigned".
    private static readonly HashSet<string> TypeKeywords =
        new(["char", "short", "int", "long", "signed", "unsigned", "void"], StringComparer.Ordinal);

    private static readonly HashSet<string> TagKeywords = new(["struct", "union", "enum"], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="word"/> is a C type keyword (<c>int</c>), never a parameter's name.</summary>
    public static bool IsTypeKeyword(string word) => TypeKeywords.Contains(word);

    /// <summary>The parameters of a data file's parameter list; empty for an empty list.</summary>
    public static IReadOnlyList<ParameterDeclaration> ParseList(string parameters) =>
        parameters.Length == 0 ? [] : parameters.Split(", ").Select(Parse).ToList();

    /// <summary>Splits one declaration such as <c>const char __user * filename</c> or <c>unsigned long</c>.</summary>
    public static ParameterDeclaration Parse(string declaration)
    {
        string text = WhitespacePattern().Replace(declaration, " ").Trim();
        Match last = TrailingIdentifierPattern().Match(text);
        string prefix = last.Success ? text[..last.Index].TrimEnd() : text;
        string? wordBefore = prefix.Split(' ').LastOrDefault(w => w.Length > 0);

        bool isNamed = last.Success
            && prefix.Length > 0
            && !TypeKeywords.Contains(last.Value)
            && (wordBefore is null || !TagKeywords.Contains(wordBefore));
        return isNamed ? new ParameterDeclaration(prefix, last.Value) : new ParameterDeclaration(text, null);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"[A-Za-z_]\w*$")]
    private static partial Regex TrailingIdentifierPattern();
}
