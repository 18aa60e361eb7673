using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Hatrace.Cmdlets;

/// <summary>What the name completers share: the names that start with what was typed (wildcards allowed), in the
/// quotes it was typed in, with a tooltip each.</summary>
public abstract class NameCompleter : IArgumentCompleter
{
    private protected NameCompleter()
    {
    }

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ArgumentNullException.ThrowIfNull(wordToComplete);
        string quote = wordToComplete is ['\'' or '"', ..] ? wordToComplete[..1] : "";
        // What was typed may hold wildcards of its own (open*): a pattern serves both.
        var typed = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return Names(fakeBoundParameters).Where(n => typed.IsMatch(n.Name))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => new CompletionResult(quote + n.Name + quote, n.Name, CompletionResultType.ParameterValue, n.ToolTip));
    }

    // Every name the parameter takes, given the parameters bound so far.
    private protected abstract IEnumerable<(string Name, string ToolTip)> Names(IDictionary fakeBoundParameters);
}
