namespace Hatrace.Engine.Syscalls;

/// <summary>The system-call ABI a call was made through. A 64-bit process can make i386 calls with <c>int 0x80</c>.</summary>
public enum SyscallArch
{
    /// <summary>The x86_64 ABI (<c>syscall</c> instruction; AUDIT_ARCH_X86_64).</summary>
    X86_64,

    /// <summary>The i386 ABI (<c>int 0x80</c> or a 32-bit process; AUDIT_ARCH_I386).</summary>
    I386,
}
