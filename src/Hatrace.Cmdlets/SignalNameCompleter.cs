using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Completes signal names (<c>SIGTERM</c>), with their numbers as tooltips.</summary>
public sealed class SignalNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompletion.Complete(Signals.All.Select(s => (s.Name, $"{s.Name} ({s.Value})")), wordToComplete);
}
