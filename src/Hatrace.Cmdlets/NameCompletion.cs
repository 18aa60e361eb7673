using System.Management.Automation;

namespace Hatrace.Cmdlets;

/// <summary>What the name completers share: the names that start with what was typed, in the quotes it was typed in.</summary>
internal static class NameCompletion
{
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<(string Name, string ToolTip)> names, string wordToComplete)
    {
        string quote = wordToComplete is ['\'' or '"', ..] ? wordToComplete[..1] : "";
        // What was typed may hold wildcards of its own (open*): a pattern serves both.
        var typed = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names.Where(n => typed.IsMatch(n.Name))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => new CompletionResult(quote + n.Name + quote, n.Name, CompletionResultType.ParameterValue, n.ToolTip));
    }
}
