using System.Collections;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Completes signal names (<c>SIGTERM</c>), with their numbers as tooltips.</summary>
public sealed class SignalNameCompleter : NameCompleter
{
    private protected override IEnumerable<(string Name, string ToolTip)> Names(IDictionary fakeBoundParameters) =>
        Signals.All.Select(s => (s.Name, $"{s.Name} ({s.Value})"));
}
