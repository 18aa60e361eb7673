using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>Completes syscall names, with their prototypes as tooltips, and the classes (<c>%file</c>); i386's names
/// too, unless the command's -Arch says x86_64.</summary>
public sealed class SyscallNameCompleter : NameCompleter
{
    private protected override IEnumerable<(string Name, string ToolTip)> Names(IDictionary fakeBoundParameters)
    {
        SyscallArch[] arches = fakeBoundParameters?["Arch"] is { } arch && LanguagePrimitives.TryConvertTo(arch, out SyscallArch chosen)
            ? [chosen]
            : [SyscallArch.X86_64, SyscallArch.I386];
        IEnumerable<(string, string)> calls = arches.SelectMany(SyscallTable.All).DistinctBy(d => d.Name).Select(d => (d.Name, d.Signature));
        IEnumerable<(string, string)> classes = SyscallClasses.ByClassName.Where(c => c.Key.StartsWith('%'))
            .Select(c => (c.Key, $"{c.Key}: the {c.Value} class, {SyscallClasses.Members(arches[0], c.Value).Count()} calls"));
        return calls.Concat(classes);
    }
}
