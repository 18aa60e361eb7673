namespace Hatrace.Engine.Syscalls;

/// <summary>A syscall of one ABI: its number, name and the parameters the kernel declares for it.</summary>
/// <param name="Arch">The ABI whose table holds the call.</param>
/// <param name="Number">The syscall number in that ABI.</param>
/// <param name="Name">The call's name, as strace prints it.</param>
/// <param name="Parameters">The parameters, in order; empty for calls that take none.</param>
public sealed record SyscallDefinition(SyscallArch Arch, int Number, string Name, IReadOnlyList<SyscallParameter> Parameters)
{
    /// <summary>How many arguments the call takes.</summary>
    public int ArgumentCount => Parameters.Count;

    /// <summary>The classes the call is in (<see cref="SyscallClasses.Of(SyscallDefinition)"/>).</summary>
    public SyscallClass Classes { get; } = SyscallClasses.Of(Name, Parameters);

    /// <summary>The prototype with the kernel's types and the man page's names, such as
    /// <c>openat(int dirfd, const char __user *pathname, int flags, umode_t mode)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.Type.EndsWith('*') ? p.Type + p.Name : p.Type + " " + p.Name))})";

    /// <inheritdoc/>
    public override string ToString() => Signature;
}
