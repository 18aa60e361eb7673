using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;
using static Interop.Libc;

namespace Hatrace.Engine.Tampering;

/// <summary>Changes a stopped call's registers: with PTRACE_SET_SYSCALL_INFO where the kernel has it (6.16 and
/// later), and with PTRACE_GETREGS/SETREGS otherwise. Tracer thread only, like every ptrace call.</summary>
internal static class SyscallRegisters
{
    // Below the stack pointer, past the red zone the x86_64 ABI lets leaf functions use without moving it.
    private const ulong RedZone = 128;

    // Set once a kernel has answered EIO: it predates PTRACE_SET_SYSCALL_INFO, and will not learn it.
    private static volatile bool s_setSyscallInfoMissing;

    /// <summary>Which way the last change was made, for tests and the closing report of a session.</summary>
    internal static bool UsesSetSyscallInfo(bool useRegisterSets) => !useRegisterSets && !s_setSyscallInfoMissing;

    /// <summary>At a syscall-entry stop: sets the call's number (-1 skips it) and arguments. Copies argument data
    /// below the stack pointer first. False when the thread is gone.</summary>
    internal static unsafe bool SetEntry(int tid, ref PtraceSyscallInfo info, SyscallArch arch, SyscallChanges changes, bool useRegisterSets)
    {
        ulong scratch = (info.StackPointer - RedZone) & ~15UL;
        foreach ((int index, byte[] data) in changes.ArgumentData)
        {
            scratch = (scratch - (ulong)data.Length) & ~15UL;
            try
            {
                TraceeMemory.Write(tid, scratch, data);
            }
            catch (IOException)
            {
                return false;
            }
            info.Args[index] = scratch;
        }
        foreach ((int index, long value) in changes.Arguments)
            info.Args[index] = (ulong)value;
        if (changes.Number is long number)
            info.Nr = (ulong)number;
        ulong nr = info.Nr;
        ulong[] arguments = [info.Args[0], info.Args[1], info.Args[2], info.Args[3], info.Args[4], info.Args[5]];
        return Set(tid, ref info, useRegisterSets, (ref UserRegs regs) =>
        {
            regs.OrigRax = nr;
            for (int i = 0; i < 6; i++)
                ArgumentRegister(ref regs, arch, i) = arch == SyscallArch.I386 ? (uint)arguments[i] : arguments[i];
        });
    }

    /// <summary>At a syscall-exit stop: sets the value the call returns (a failure is the negated errno).</summary>
    internal static bool SetExit(int tid, ref PtraceSyscallInfo info, long rawResult, bool useRegisterSets)
    {
        info.ReturnValue = rawResult;
        info.IsError = (byte)(Model.Errno.IsFailure(rawResult) ? 1 : 0);
        return Set(tid, ref info, useRegisterSets, (ref UserRegs regs) => regs.Rax = (ulong)rawResult);
    }

    private delegate void RegisterEdit(ref UserRegs regs);

    // PTRACE_SET_SYSCALL_INFO with the changed info; where the kernel lacks it, the same change made to the registers.
    private static unsafe bool Set(int tid, ref PtraceSyscallInfo info, bool useRegisterSets, RegisterEdit edit)
    {
        if (UsesSetSyscallInfo(useRegisterSets))
        {
            fixed (PtraceSyscallInfo* p = &info)
            {
                if (Ptrace(PTRACE_SET_SYSCALL_INFO, tid, sizeof(PtraceSyscallInfo), (nint)p) == 0)
                    return true;
            }
            if (!NoteMissing())
                return false;
        }
        if (!GetRegisters(tid, out UserRegs regs))
            return false;
        edit(ref regs);
        return SetRegisters(tid, regs);
    }

    // EIO means the request is unknown; anything else (ESRCH: the thread died) is not a reason to fall back.
    private static bool NoteMissing()
    {
        if (Interop.Errno.Last != Interop.Errno.EIO)
            return false;
        s_setSyscallInfoMissing = true;
        return true;
    }

    private static unsafe bool GetRegisters(int tid, out UserRegs regs)
    {
        fixed (UserRegs* p = &regs)
            return Ptrace(PTRACE_GETREGS, tid, 0, (nint)p) == 0;
    }

    private static unsafe bool SetRegisters(int tid, UserRegs regs) => Ptrace(PTRACE_SETREGS, tid, 0, (nint)(&regs)) == 0;

    // The registers the two ABIs pass arguments in.
    private static ref ulong ArgumentRegister(ref UserRegs regs, SyscallArch arch, int index)
    {
        if (arch == SyscallArch.I386)
        {
            switch (index)
            {
                case 0: return ref regs.Rbx;
                case 1: return ref regs.Rcx;
                case 2: return ref regs.Rdx;
                case 3: return ref regs.Rsi;
                case 4: return ref regs.Rdi;
                default: return ref regs.Rbp;
            }
        }
        switch (index)
        {
            case 0: return ref regs.Rdi;
            case 1: return ref regs.Rsi;
            case 2: return ref regs.Rdx;
            case 3: return ref regs.R10;
            case 4: return ref regs.R8;
            default: return ref regs.R9;
        }
    }
}
