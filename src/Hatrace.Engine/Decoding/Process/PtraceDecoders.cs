using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>ptrace(request, pid, addr, data) made by a tracee that is itself a debugger: the request by name, then the
/// arguments that request reads as strace prints them: options, signals, the words peeked (<c>[0x1122...]</c>), struct
/// user's offsets (<c>8*RAX</c>), siginfo, signal masks, register sets (x86_64's user_regs_struct and
/// user_fpregs_struct, also inside PTRACE_GETREGSET's iovec) and struct ptrace_syscall_info. Outputs show at exit.</summary>
internal static class PtraceDecoders
{
    private const int WordSize = 8;
    private const int UserRegsSize = 27 * WordSize;   // struct user_regs_struct (sys/user.h)
    private const int UserFpregsSize = 512;          // struct user_fpregs_struct (sys/user.h)
    private const int NamedRegisters = 21;           // R15 to SS: strace names the offsets of these alone
    private const int UserSize = 912;                // sizeof(struct user) on x86_64 (sys/user.h)
    private const long NtPrstatus = 1, NtFpregset = 2;
    private const int SyscallInfoHeader = 24;        // op, arch, instruction_pointer, stack_pointer
    private const int SyscallArguments = 6;
    private const int PeekSiginfoArgsSize = 16;     // struct ptrace_peeksiginfo_args: off, flags, nr

    private static readonly NamedValues s_requests = new("ptrace_requests", "PTRACE_???");
    private static readonly FlagSet s_options = new("ptrace_options", "PTRACE_O_???");
    private static readonly NamedValues s_noteTypes = new("elf_note_types", "NT_???");
    private static readonly NamedValues s_syscallInfoOps = new("ptrace_syscall_info_ops", "PTRACE_SYSCALL_INFO_???");
    private static readonly NamedValues s_auditArches = new("audit_arches", "AUDIT_ARCH_???");
    private static readonly FlagSet s_peekSiginfoFlags = new("ptrace_peeksiginfo_flags", "PTRACE_PEEKSIGINFO_???");

    // The registers of struct user_regs_struct in order, as asm/ptrace-abi.h names their offsets (R15 is 0, RAX 80).
    private static readonly string[] s_registers =
    [
        "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax",
        "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs",
    ];

    // The fields of struct user after its registers, at their offsets on x86_64 (sys/user.h, as ptrace(2) points to).
    private static readonly (int Offset, string Name)[] s_userFields =
    [
        (216, "u_fpvalid"), (224, "i387"), (736, "u_tsize"), (744, "u_dsize"), (752, "u_ssize"), (760, "start_code"),
        (768, "start_stack"), (776, "signal"), (784, "reserved"), (792, "u_ar0"), (800, "u_fpstate"), (808, "magic"),
        (816, "u_comm"), (848, "u_debugreg"),
    ];

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("ptrace", DecodePtrace)];

    private static void DecodePtrace(DecodeContext context)
    {
        if (context.WordSize != WordSize)
            return; // x86_64's layouts only: on i386 the kinds print the numbers
        string? request = s_requests.NameOf(context.Signed(0));
        if (context.Exiting)
        {
            DecodeOutputs(context, request);
            return;
        }
        context.SetNamed(0, s_requests);
        int pid = (int)context.Raw(1);
        context.Set(1, ArgumentKind.Int, new ProcessIdValue(pid), render => render.ProcessId(pid));
        context.ShownCount = 4;
        switch (request)
        {
            case "PTRACE_TRACEME":
                context.ShownCount = 1;
                break;
            case "PTRACE_ATTACH" or "PTRACE_INTERRUPT" or "PTRACE_LISTEN" or "PTRACE_KILL":
                context.ShownCount = 2;
                break;
            case "PTRACE_CONT" or "PTRACE_SYSCALL" or "PTRACE_SINGLESTEP" or "PTRACE_SYSEMU" or "PTRACE_SYSEMU_SINGLESTEP"
                or "PTRACE_SINGLEBLOCK" or "PTRACE_DETACH":
                context.SetPointer(2, PointerReason.NotDecoded);
                int signal = (int)context.Raw(3);
                context.Set(3, ArgumentKind.Int, Signals.Value(signal), render => render.Signal(signal));
                break;
            case "PTRACE_SETOPTIONS" or "PTRACE_SEIZE":
                context.SetPointer(2, PointerReason.NotDecoded);
                context.SetFlags(3, s_options);
                break;
            case "PTRACE_PEEKTEXT" or "PTRACE_PEEKDATA":
                context.SetPointer(2, PointerReason.NotDecoded);
                context.Defer(3);
                break;
            case "PTRACE_PEEKUSER":
                SetUserOffset(context, 2);
                context.Defer(3);
                break;
            case "PTRACE_POKETEXT" or "PTRACE_POKEDATA":
                context.SetPointer(2, PointerReason.NotDecoded);
                context.SetPointer(3, PointerReason.NotDecoded); // the word written, as strace prints it: NULL for 0
                break;
            case "PTRACE_POKEUSER":
                SetUserOffset(context, 2);
                context.SetPointer(3, PointerReason.NotDecoded);
                break;
            case "PTRACE_PEEKSIGINFO":
                SetPeekSiginfoArgs(context);
                context.Defer(3);
                break;
            case "PTRACE_GETSIGINFO" or "PTRACE_GETEVENTMSG":
                context.SetPointer(2, PointerReason.NotDecoded);
                context.Defer(3);
                break;
            case "PTRACE_SETSIGINFO":
                context.SetPointer(2, PointerReason.NotDecoded);
                SignalFamily.SignalWaitDecoders.SetSignalInfo(context, 3);
                break;
            case "PTRACE_GETSIGMASK" or "PTRACE_GET_SYSCALL_INFO":
                context.SetUInt(2); // the size of the caller's buffer
                context.Defer(3);
                break;
            case "PTRACE_SETSIGMASK":
                context.SetUInt(2);
                SignalFamily.SignalSets.Set(context, 3, context.Unsigned(2));
                break;
            case "PTRACE_GETREGSET":
                context.SetUnsignedNamed(2, s_noteTypes);
                context.Defer(3);
                break;
            case "PTRACE_SETREGSET":
                context.SetUnsignedNamed(2, s_noteTypes);
                SetRegisterSetIovec(context);
                break;
            // These read no address: strace shows data third, in the address's place.
            case "PTRACE_GETREGS" or "PTRACE_GETFPREGS":
                context.ShownCount = 3;
                context.Defer(2);
                break;
            case "PTRACE_SETREGS":
                context.ShownCount = 3;
                SetDataInAddressSlot(context, UserRegsSize);
                break;
            case "PTRACE_SETFPREGS":
                context.ShownCount = 3;
                SetDataInAddressSlot(context, UserFpregsSize);
                break;
            case "PTRACE_SECCOMP_GET_FILTER":
                context.SetUInt(2); // the filter's index
                context.SetPointer(3, PointerReason.NotDecoded);
                break;
            case "PTRACE_GET_RSEQ_CONFIGURATION":
                context.SetHexOrZero(2);
                context.SetPointer(3, PointerReason.NotDecoded);
                break;
            default:
                // Requests whose arguments strace does not decode, and requests without a name.
                context.SetPointer(2, PointerReason.NotDecoded);
                if (request is null or "PTRACE_ARCH_PRCTL")
                    context.SetHexOrZero(3);
                else
                    context.SetPointer(3, PointerReason.NotDecoded);
                break;
        }
    }

    /// <summary>At exit: what the kernel wrote where data points.</summary>
    private static void DecodeOutputs(DecodeContext context, string? request)
    {
        switch (request)
        {
            case "PTRACE_PEEKTEXT" or "PTRACE_PEEKDATA" or "PTRACE_PEEKUSER":
                SetOutputWord(context, word => DecodeContext.FormatAddress((long)word));
                break;
            case "PTRACE_GETEVENTMSG":
                SetOutputWord(context, message => message.ToString(CultureInfo.InvariantCulture));
                break;
            case "PTRACE_GETSIGINFO":
                if (context.Failed)
                    context.SetPointer(3);
                else
                    SignalFamily.SignalWaitDecoders.SetSignalInfo(context, 3);
                break;
            case "PTRACE_PEEKSIGINFO":
                SetPeekedSignals(context);
                break;
            case "PTRACE_GETSIGMASK":
                if (context.Failed)
                    context.SetPointer(3);
                else
                    SignalFamily.SignalSets.Set(context, 3, context.Unsigned(2));
                break;
            case "PTRACE_GET_SYSCALL_INFO":
                SetSyscallInfo(context);
                break;
            case "PTRACE_GETREGSET":
                SetRegisterSetIovec(context);
                break;
            case "PTRACE_GETREGS":
                SetDataInAddressSlot(context, UserRegsSize);
                break;
            case "PTRACE_GETFPREGS":
                SetDataInAddressSlot(context, UserFpregsSize);
                break;
        }
    }

    /// <summary>An offset into struct user, as strace names one: <c>8*RAX</c>, <c>8*SS+48</c>,
    /// <c>offsetof(struct user, u_debugreg)+8</c>, <c>sizeof(struct user)</c>; in hex past it.</summary>
    internal static string FormatUserOffset(ulong offset)
    {
        if (offset < (ulong)s_userFields[0].Offset)
        {
            int register = (int)Math.Min(offset / WordSize, NamedRegisters - 1);
            ulong rest = offset - (ulong)(register * WordSize);
            string name = "8*" + s_registers[register].ToUpperInvariant();
            return rest == 0 ? name : name + "+" + rest.ToString(CultureInfo.InvariantCulture);
        }
        if (offset == UserSize)
            return "sizeof(struct user)";
        if (offset > UserSize)
            return DecodeContext.Hex(offset);
        (int start, string field) = s_userFields.Last(f => (ulong)f.Offset <= offset);
        string text = $"offsetof(struct user, {field})";
        return offset == (ulong)start ? text : text + "+" + (offset - (ulong)start).ToString(CultureInfo.InvariantCulture);
    }

    private static void SetUserOffset(DecodeContext context, int index)
    {
        ulong offset = context.Unsigned(index);
        string name = FormatUserOffset(offset);
        context.Set(index, ArgumentKind.UInt, (long)offset, offset > UserSize ? name : context.Render.Format(DecodeContext.HexOrZero(offset), name));
    }

    /// <summary>The word the kernel stored where data points, <c>[0x1122334455667788]</c>; its address when the call
    /// failed or it cannot be read.</summary>
    private static void SetOutputWord(DecodeContext context, Func<ulong, string> print)
    {
        if (context.Failed || !context.TryRead((ulong)context.Raw(3), out ulong word))
            context.SetPointer(3);
        else
            context.Set(3, ArgumentKind.Pointer, (long)word, "[" + print(word) + "]");
    }

    /// <summary>The user_regs_struct or user_fpregs_struct data points to, in the slot of the address these requests do
    /// not read; data's address when it is NULL, cannot be read, or the call failed to write it.</summary>
    private static void SetDataInAddressSlot(DecodeContext context, int size)
    {
        long data = context.Raw(3);
        var bytes = new byte[size];
        (object Value, string Text) registers = (DecodeContext.Pointer(data, context.Failed ? PointerReason.NotWritten : PointerReason.Unreadable), DecodeContext.FormatAddress(data));
        if (data != 0 && context.Dereference && !(context.Exiting && context.Failed) && context.TryReadBytes((ulong)data, bytes))
        {
            StructWriter fields = FormatRegisters(bytes, context.Abbreviate);
            registers = (fields.Value, fields.ToString());
        }
        context.Arguments[2] = context.Argument("data", data, ArgumentKind.Pointer, registers.Value, registers.Text);
    }

    /// <summary>x86_64's registers as PTRACE_GETREGS (user_regs_struct, 216 bytes) or PTRACE_GETFPREGS
    /// (user_fpregs_struct, 512 bytes) writes them, every field in hex.</summary>
    private static StructWriter FormatRegisters(byte[] bytes, bool abbreviate)
    {
        if (bytes.Length == UserRegsSize)
        {
            var regs = new StructWriter("user_regs_struct");
            for (int i = 0; i < s_registers.Length; i++)
                regs.Field(s_registers[i], HexField(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * WordSize))));
            return regs;
        }
        var fp = new StructWriter("user_fpregs_struct");
        string[] shortFields = ["cwd", "swd", "ftw", "fop"];
        for (int i = 0; i < shortFields.Length; i++)
            fp.Field(shortFields[i], HexField(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2))));
        fp.Field("rip", HexField(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8))))
            .Field("rdp", HexField(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16))))
            .Field("mxcsr", HexField(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24))))
            .Field("mxcr_mask", HexField(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28))));
        AppendWords(fp, "st_space", bytes.AsSpan(32, 128), abbreviate);
        AppendWords(fp, "xmm_space", bytes.AsSpan(160, 256), abbreviate);
        AppendWords(fp, "padding", bytes.AsSpan(416, 96), abbreviate);
        return fp;
    }

    private static (object Value, string Text) HexField(ulong value) => ((long)value, DecodeContext.HexOrZero(value));

    private static StructWriter Field(this StructWriter writer, string name, (object Value, string Text) field) => writer.Field(name, field.Value, field.Text);

    // An array of 32-bit words in hex; abbreviated, its first 32 and "...", as strace prints a long array.
    private static void AppendWords(StructWriter writer, string name, ReadOnlySpan<byte> bytes, bool abbreviate)
    {
        uint[] words = MemoryMarshal.Cast<byte, uint>(bytes).ToArray();
        const int Shown = 32;
        IEnumerable<string> texts = words.Take(abbreviate ? Shown : words.Length).Select(w => DecodeContext.HexOrZero(w));
        if (abbreviate && words.Length > Shown)
            texts = texts.Append("...");
        writer.Field(name, new ArrayValue(words.Select(w => (object?)(long)w), truncated: false, stoppedAt: null), StructWriter.Array(texts));
    }

    /// <summary>PTRACE_GETREGSET's and PTRACE_SETREGSET's iovec: <c>{iov_base={r15=...}, iov_len=216}</c>, the registers
    /// decoded where the set is NT_PRSTATUS or NT_FPREGSET of its full size and the call wrote (or, setting, reads) them.</summary>
    private static void SetRegisterSetIovec(DecodeContext context)
    {
        long address = context.Raw(3);
        Span<byte> iovec = stackalloc byte[2 * WordSize];
        if (address == 0 || !context.TryReadBytes((ulong)address, iovec))
        {
            context.SetPointer(3);
            return;
        }
        ulong buffer = BinaryPrimitives.ReadUInt64LittleEndian(iovec);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(iovec[WordSize..]);
        long noteType = (long)context.Unsigned(2);
        int size = noteType == NtPrstatus ? UserRegsSize : noteType == NtFpregset ? UserFpregsSize : 0;
        var bytes = new byte[size];
        (object, string) iovBase = (DecodeContext.Pointer((long)buffer, PointerReason.NotDecoded), DecodeContext.FormatAddress((long)buffer));
        if (size != 0 && length == (ulong)size && !context.Failed && context.TryReadBytes(buffer, bytes))
        {
            StructWriter registers = FormatRegisters(bytes, context.Abbreviate);
            iovBase = (registers.Value, registers.ToString());
        }
        var text = new StructWriter("iovec").Field("iov_base", iovBase).Field("iov_len", (long)length, length.ToString(CultureInfo.InvariantCulture));
        context.Set(3, ArgumentKind.Pointer, text.Value, text.ToString());
    }

    /// <summary>PTRACE_PEEKSIGINFO's struct ptrace_peeksiginfo_args: <c>{off=0, flags=PTRACE_PEEKSIGINFO_SHARED, nr=1}</c>.</summary>
    private static void SetPeekSiginfoArgs(DecodeContext context)
    {
        Span<byte> bytes = stackalloc byte[PeekSiginfoArgsSize];
        if (context.Raw(2) == 0 || !context.TryReadBytes((ulong)context.Raw(2), bytes))
        {
            context.SetPointer(2);
            return;
        }
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        var args = new StructWriter("ptrace_peeksiginfo_args").Field("off", (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes).ToString(CultureInfo.InvariantCulture))
            .Field("flags", new FlagsValue(flags, s_peekSiginfoFlags), s_peekSiginfoFlags.Format(flags, context.Render))
            .Field("nr", BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]));
        context.Set(2, ArgumentKind.Pointer, args.Value, args.ToString());
    }

    /// <summary>At exit: the siginfo_t of each signal PTRACE_PEEKSIGINFO copied (as many as it returned).</summary>
    private static void SetPeekedSignals(DecodeContext context)
    {
        long count = Math.Min(context.Result, context.StringLength);
        byte[]? bytes = context.Failed ? null : context.ReadArray((ulong)context.Raw(3), count, SignalEvent.SigInfoSize, out PointerValue? stoppedAt);
        if (context.Failed || !context.Dereference || (bytes is null && count > 0))
        {
            context.SetPointer(3);
            return;
        }
        var values = new List<object?>();
        var texts = new List<string>();
        for (int at = 0; bytes is not null && at < bytes.Length; at += SignalEvent.SigInfoSize)
        {
            (StructValue value, string text) = SignalFamily.SignalWaitDecoders.Decode(context, bytes[at..(at + SignalEvent.SigInfoSize)]);
            values.Add(value);
            texts.Add(text);
        }
        context.Set(3, ArgumentKind.Pointer, new ArrayValue(values, truncated: context.Result > count, stoppedAt: null), StructWriter.Array(texts));
    }

    /// <summary>At exit: struct ptrace_syscall_info (include/uapi/linux/ptrace.h), as far as both the caller's size and
    /// the size the kernel returned reach: <c>{op=PTRACE_SYSCALL_INFO_ENTRY, arch=AUDIT_ARCH_X86_64, ..., entry={nr=__NR_getppid, args=[...]}}</c>.</summary>
    private static void SetSyscallInfo(DecodeContext context)
    {
        int size = (int)Math.Min(Math.Min(context.Unsigned(2), (ulong)Math.Max(context.Result, 0)), 88);
        var bytes = new byte[size];
        if (context.Failed || size == 0 || !context.TryReadBytes((ulong)context.Raw(3), bytes))
        {
            context.SetPointer(3);
            return;
        }
        var info = new StructWriter("ptrace_syscall_info");
        byte op = bytes[0];
        if (size >= 8)
        {
            uint arch = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
            info.Field("op", new ConstantValue(op, s_syscallInfoOps), s_syscallInfoOps.Format(op, context.Render))
                .Field("arch", new ConstantValue(arch, s_auditArches), s_auditArches.Format(arch, context.Render));
        }
        if (size >= 16)
            info.Field("instruction_pointer", HexField(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8))));
        if (size >= SyscallInfoHeader)
            info.Field("stack_pointer", HexField(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16))));
        ReadOnlySpan<byte> union = bytes.AsSpan(Math.Min(size, SyscallInfoHeader));
        uint archValue = size >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) : 0;
        switch (s_syscallInfoOps.NameOf(op))
        {
            case "PTRACE_SYSCALL_INFO_ENTRY" when union.Length >= 8:
                info.Field("entry", FormatCall(union, archValue, withReturnData: false, context.Render));
                break;
            case "PTRACE_SYSCALL_INFO_SECCOMP" when union.Length >= 8:
                info.Field("seccomp", FormatCall(union, archValue, withReturnData: true, context.Render));
                break;
            case "PTRACE_SYSCALL_INFO_EXIT" when union.Length >= 8:
                // A failed call's rval is an errno, negated: strace names it when is_error says so.
                long rval = BinaryPrimitives.ReadInt64LittleEndian(union);
                bool isError = union.Length >= 9 && union[8] != 0;
                var exit = new StructWriter("exit").Field("rval", rval,
                    isError && Errno.GetName((int)-rval) is string errno
                        ? context.Render.Format(rval.ToString(CultureInfo.InvariantCulture), "-" + errno)
                        : rval.ToString(CultureInfo.InvariantCulture));
                if (union.Length >= 9)
                    exit.Field("is_error", union[8]);
                info.Field("exit", exit.Value, exit.ToString());
                break;
        }
        context.Set(3, ArgumentKind.Pointer, info.Value, info.ToString());
    }

    // The entry or seccomp member: the call by its __NR_ name in the architecture of the stop, its six arguments, and a
    // seccomp filter's return data.
    private static (object Value, string Text) FormatCall(ReadOnlySpan<byte> union, uint arch, bool withReturnData, StraceRenderer render)
    {
        var call = new StructWriter(withReturnData ? "seccomp" : "entry");
        ulong nr = BinaryPrimitives.ReadUInt64LittleEndian(union);
        SyscallArch callArch = s_auditArches.NameOf(arch) == "AUDIT_ARCH_I386" ? SyscallArch.I386 : SyscallArch.X86_64;
        string? name = SyscallTable.Find(callArch, (long)nr)?.Name;
        call.Field("nr", new ConstantValue((long)nr, name is null ? null : "__NR_" + name),
            name is null ? nr.ToString(CultureInfo.InvariantCulture) : render.Format(nr.ToString(CultureInfo.InvariantCulture), "__NR_" + name));
        int argumentCount = Math.Min((union.Length - 8) / WordSize, SyscallArguments); // as many as the sizes reach
        if (argumentCount > 0)
        {
            ulong[] args = MemoryMarshal.Cast<byte, ulong>(union.Slice(8, argumentCount * WordSize)).ToArray();
            call.Field("args", new ArrayValue(args.Select(a => (object?)(long)a), truncated: false, stoppedAt: null),
                StructWriter.Array(args.Select(a => DecodeContext.HexOrZero(a))));
            if (withReturnData && union.Length >= 8 + SyscallArguments * WordSize + 4)
                call.Field("ret_data", BinaryPrimitives.ReadUInt32LittleEndian(union[(8 + SyscallArguments * WordSize)..]));
        }
        return (call.Value, call.ToString());
    }
}
