using System.Collections;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Completes errno names (<c>ENOSPC</c>), with their numbers and messages as tooltips.</summary>
public sealed class ErrnoNameCompleter : NameCompleter
{
    private protected override IEnumerable<(string Name, string ToolTip)> Names(IDictionary fakeBoundParameters) =>
        Errno.All.Select(e => (e.Name, $"{e.Name} ({e.Value}): {Errno.GetMessage(e.Value)}"));
}
