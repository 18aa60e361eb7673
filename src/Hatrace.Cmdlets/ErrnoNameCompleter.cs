using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Completes errno names (<c>ENOSPC</c>), with their numbers and messages as tooltips.</summary>
public sealed class ErrnoNameCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompletion.Complete(Errno.All.Select(e => (e.Name, $"{e.Name} ({e.Value}): {Errno.GetMessage(e.Value)}")), wordToComplete);
}
