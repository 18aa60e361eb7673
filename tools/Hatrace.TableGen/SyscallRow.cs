namespace Hatrace.TableGen;

/// <summary>One syscall of the data file: a numbered row of the kernel's table and the parameters of its entry point.</summary>
/// <param name="Number">The syscall number.</param>
/// <param name="Name">The call's name in the kernel's table.</param>
/// <param name="EntryPoint">The entry point, such as <c>sys_openat</c>; null for a number the kernel names but
/// implements nowhere.</param>
/// <param name="Parameters">The parameter list as the prototype has it (whitespace collapsed), empty for none;
/// null when no prototype was found.</param>
internal sealed record SyscallRow(int Number, string Name, string? EntryPoint, string? Parameters);
