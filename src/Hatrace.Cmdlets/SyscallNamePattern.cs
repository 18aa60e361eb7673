using System.Management.Automation;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>Syscall names as the user gives them: exact names or wildcards, matched without regard to case.</summary>
internal sealed class SyscallNamePattern
{
    private readonly WildcardPattern[] _patterns;

    internal SyscallNamePattern(IEnumerable<string> names) =>
        _patterns = [.. names.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase))];

    internal bool IsMatch(SyscallDefinition definition) => _patterns.Any(p => p.IsMatch(definition.Name));

    /// <summary>The names, without wildcards, that no syscall of any ABI has: most likely typing mistakes.</summary>
    internal static IEnumerable<string> Unknown(IEnumerable<string> names) =>
        names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)
            && SyscallTable.Find(SyscallArch.X86_64, n.ToLowerInvariant()) is null
            && SyscallTable.Find(SyscallArch.I386, n.ToLowerInvariant()) is null);

    /// <summary>The error for names <see cref="Unknown"/> found.</summary>
    internal static ErrorRecord UnknownError(IReadOnlyList<string> unknown) => new(
        new ArgumentException($"Unknown syscall name: {string.Join(", ", unknown)}. Get-Syscall lists the names."),
        ErrorIds.UnknownSyscall, ErrorCategory.InvalidArgument, unknown);
}
