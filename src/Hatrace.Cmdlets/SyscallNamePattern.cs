using System.Management.Automation;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>Syscall names as the user gives them: exact names or wildcards, matched without regard to case, and
/// strace's classes (<c>%file</c>, <c>%network</c>; <see cref="SyscallClasses.ByClassName"/>). Public for the module's
/// own script code (<c>Should -InvokeSyscall</c>), which matches names as the cmdlets do.</summary>
public sealed class SyscallNamePattern
{
    private readonly WildcardPattern[] _patterns;
    private readonly SyscallClass _classes;

    /// <summary>A pattern that matches a syscall when one of <paramref name="names"/> does.</summary>
    public SyscallNamePattern(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var patterns = new List<WildcardPattern>();
        foreach (string name in names)
        {
            if (FindClass(name) is { } classes)
                _classes |= classes;
            else
                patterns.Add(WildcardPattern.Get(name, WildcardOptions.IgnoreCase));
        }
        _patterns = [.. patterns];
    }

    /// <summary>Whether one of the names, wildcards or classes matches <paramref name="definition"/>.</summary>
    public bool IsMatch(SyscallDefinition definition) =>
        _patterns.Any(p => p.IsMatch(definition.Name)) || (_classes != SyscallClass.None && (SyscallClasses.Of(definition) & _classes) != 0);

    /// <summary>The names, without wildcards, that no syscall of any ABI nor any class has: most likely typing mistakes.</summary>
    public static IEnumerable<string> Unknown(IEnumerable<string> names) =>
        names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)
            && FindClass(n) is null
            && SyscallTable.Find(SyscallArch.X86_64, n.ToLowerInvariant()) is null
            && SyscallTable.Find(SyscallArch.I386, n.ToLowerInvariant()) is null);

    /// <summary>The error for names <see cref="Unknown"/> found.</summary>
    internal static ErrorRecord UnknownError(IReadOnlyList<string> unknown) => new(
        new ArgumentException($"Unknown syscall name: {string.Join(", ", unknown)}. Get-Syscall lists the names, and %file, %network and the like name classes."),
        ErrorIds.UnknownSyscall, ErrorCategory.InvalidArgument, unknown);

    // Only the % spellings: a bare "file" or "signal" would shadow a syscall name a user may mean.
    private static SyscallClass? FindClass(string name) =>
        name.StartsWith('%') && SyscallClasses.ByClassName.TryGetValue(name.ToLowerInvariant(), out SyscallClass classes) ? classes : null;
}
