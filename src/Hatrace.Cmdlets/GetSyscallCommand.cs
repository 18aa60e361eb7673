using System.Management.Automation;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cmdlets;

/// <summary>Lists the syscalls the kernel defines for an ABI: number, name and prototype.</summary>
[Cmdlet(VerbsCommon.Get, "Syscall")]
[OutputType(typeof(SyscallDefinition))]
public sealed class GetSyscallCommand : PSCmdlet
{
    /// <summary>Names of syscalls to get; wildcards allowed. All when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SyscallNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>The ABI whose table to read: x86_64 (the default) or i386 (int 0x80 and 32-bit programs).</summary>
    [Parameter]
    public SyscallArch Arch { get; set; } = SyscallArch.X86_64;

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (Name is null)
        {
            WriteObject(SyscallTable.All(Arch), enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            var pattern = new SyscallNamePattern([name]);
            var found = SyscallTable.All(Arch).Where(pattern.IsMatch).ToList();
            if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Cannot find a syscall named '{name}' in the {Arch.ToString().ToLowerInvariant()} table."),
                    ErrorIds.UnknownSyscall, ErrorCategory.ObjectNotFound, name));
            }
            WriteObject(found, enumerateCollection: true);
        }
    }
}
