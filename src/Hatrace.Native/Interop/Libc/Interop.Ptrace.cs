using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int PTRACE_PEEKUSER = 3;
        internal const int PTRACE_CONT = 7;
        internal const int PTRACE_GETREGS = 12;
        internal const int PTRACE_SETREGS = 13;
        internal const int PTRACE_SYSCALL = 24;
        internal const int PTRACE_GETEVENTMSG = 0x4201;
        internal const int PTRACE_GETSIGINFO = 0x4202;
        internal const int PTRACE_SEIZE = 0x4206;
        internal const int PTRACE_INTERRUPT = 0x4207;
        internal const int PTRACE_LISTEN = 0x4208;
        internal const int PTRACE_GET_SYSCALL_INFO = 0x420e;
        /// <summary>Linux 6.16 and later; older kernels answer EIO.</summary>
        internal const int PTRACE_SET_SYSCALL_INFO = 0x4212;

        internal const int PTRACE_O_TRACESYSGOOD = 0x01;
        internal const int PTRACE_O_TRACEFORK = 0x02;
        internal const int PTRACE_O_TRACEVFORK = 0x04;
        internal const int PTRACE_O_TRACECLONE = 0x08;
        internal const int PTRACE_O_TRACEEXEC = 0x10;
        internal const int PTRACE_O_TRACEEXIT = 0x40;
        internal const int PTRACE_O_TRACESECCOMP = 0x80;
        internal const int PTRACE_O_EXITKILL = 0x100000;

        internal const int PTRACE_EVENT_FORK = 1;
        internal const int PTRACE_EVENT_VFORK = 2;
        internal const int PTRACE_EVENT_CLONE = 3;
        internal const int PTRACE_EVENT_EXEC = 4;
        internal const int PTRACE_EVENT_EXIT = 6;
        internal const int PTRACE_EVENT_SECCOMP = 7;
        internal const int PTRACE_EVENT_STOP = 128;

        internal const byte PTRACE_SYSCALL_INFO_ENTRY = 1;
        internal const byte PTRACE_SYSCALL_INFO_EXIT = 2;
        /// <summary>A seccomp stop: the call's entry, with the filter's SECCOMP_RET_DATA besides.</summary>
        internal const byte PTRACE_SYSCALL_INFO_SECCOMP = 3;

        internal const uint AUDIT_ARCH_I386 = 0x40000003;
        internal const uint AUDIT_ARCH_X86_64 = 0xc000003e;

        /// <summary>glibc's ptrace is variadic; every argument here is integer-class, which the x86_64 ABI passes alike.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ptrace", SetLastError = true)]
        internal static partial long Ptrace(int request, int pid, nint addr, nint data);

        /// <summary>struct ptrace_syscall_info of linux/ptrace.h (88 bytes; entry, exit and seccomp share the union).</summary>
        [StructLayout(LayoutKind.Explicit, Size = 88)]
        internal unsafe struct PtraceSyscallInfo
        {
            [FieldOffset(0)] public byte Op;
            [FieldOffset(4)] public uint Arch;
            [FieldOffset(8)] public ulong InstructionPointer;
            [FieldOffset(16)] public ulong StackPointer;
            [FieldOffset(24)] public ulong Nr;
            [FieldOffset(32)] public fixed ulong Args[6];
            [FieldOffset(24)] public long ReturnValue;
            [FieldOffset(32)] public byte IsError;
            [FieldOffset(80)] public uint SeccompReturnData;
        }

        /// <summary>struct user_regs_struct of sys/user.h for x86_64, which PTRACE_GETREGS fills for 32-bit tracees too.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct UserRegs
        {
            public ulong R15, R14, R13, R12, Rbp, Rbx, R11, R10, R9, R8, Rax, Rcx, Rdx, Rsi, Rdi, OrigRax;
            public ulong Rip, Cs, Eflags, Rsp, Ss, FsBase, GsBase, Ds, Es, Fs, Gs;
        }
    }
}
