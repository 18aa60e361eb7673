using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Bpf;

/// <summary>BPF programs. Classic ones (struct sock_fprog of struct sock_filter), which seccomp filters and socket
/// filters are: <c>{len=6, filter=0x7ffc...}</c>, and under -v each instruction as the macro that makes it,
/// <c>BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4)</c>, <c>BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x89, 0x3, 0)</c>, its constant named
/// as the program's user reads it (a seccomp return action, a socket filter's ancillary data). Extended ones (struct
/// bpf_insn, as bpf(BPF_PROG_LOAD) loads them): <c>{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, ...}</c>.</summary>
internal static class BpfPrograms
{
    /// <summary>Who runs the program, which decides what its constants mean.</summary>
    internal enum User
    {
        /// <summary>A seccomp filter: returns are SECCOMP_RET_* actions.</summary>
        Seccomp,

        /// <summary>A socket filter: loads from SKF_AD_OFF and the other negative offsets are ancillary data.</summary>
        Socket,
    }

    // BPF_CLASS(code) (include/uapi/linux/bpf_common.h, linux/bpf.h).
    private const int Ld = 0, Ldx = 1, St = 2, Stx = 3, Alu = 4, Jmp = 5, Ret = 6, Misc = 7, Alu64 = 7;
    private const int Abs = 0x20; // BPF_MODE
    private const uint SeccompActionMask = 0xffff0000; // SECCOMP_RET_ACTION_FULL
    // The negative offsets a socket filter loads from (include/uapi/linux/filter.h).
    private const int AncillaryOffset = -0x1000, NetworkOffset = -0x100000, LinkLayerOffset = -0x200000;

    private static readonly NamedValues s_classes = new("bpf_classes", "BPF_???");
    private static readonly NamedValues s_extendedClasses = new("bpf_ext_classes", "BPF_???");
    private static readonly NamedValues s_registers = new("bpf_regs", "BPF_REG_???");
    private static readonly NamedValues s_sizes = new("bpf_sizes", "BPF_???");
    private static readonly NamedValues s_modes = new("bpf_modes", "BPF_???");
    private static readonly NamedValues s_sources = new("bpf_sources", "BPF_???");
    private static readonly NamedValues s_aluOperations = new("bpf_alu_ops", "BPF_???");
    private static readonly NamedValues s_jumpOperations = new("bpf_jmp_ops", "BPF_???");
    private static readonly NamedValues s_returnValues = new("bpf_rvals", "BPF_???");
    private static readonly NamedValues s_miscOperations = new("bpf_misc_ops", "BPF_???");
    private static readonly NamedValues s_seccompActions = new("seccomp_ret_actions", "SECCOMP_RET_???");
    private static readonly NamedValues s_ancillaryData = new("skf_ad_offsets", "SKF_AD_???");

    /// <summary>struct sock_fprog (include/uapi/linux/filter.h): a filter program's length and instructions.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockFprog : IKernelStruct<SockFprog>
    {
        public ushort len;
        public ulong filter;

        public static string TypeName => "sock_fprog";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("len", len), new("filter", DecodeContext.Pointer((long)filter, PointerReason.NotDecoded))];
    }

    /// <summary>struct sock_filter: one instruction, its code, jump offsets and constant.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockFilter : IKernelStruct<SockFilter>
    {
        public ushort code;
        public byte jt, jf;
        public uint k;

        public static string TypeName => "sock_filter";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("code", code), new("jt", jt), new("jf", jf), new("k", k)];
    }

    /// <summary>struct bpf_insn (include/uapi/linux/bpf.h): one eBPF instruction; its registers are the low and high
    /// nibbles of one byte, dst_reg and src_reg.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BpfInsn : IKernelStruct<BpfInsn>
    {
        public byte code, regs;
        public short off;
        public int imm;

        public static string TypeName => "bpf_insn";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("code", code), new("dst_reg", regs & 0xf), new("src_reg", regs >> 4), new("off", off), new("imm", imm)];
    }

    /// <summary>Decides argument <paramref name="index"/> as the program it points to: its instructions printed under
    /// -v, their address otherwise; the value holds them either way.</summary>
    internal static void SetClassicProgram(DecodeContext context, int index, User user)
    {
        if (!context.Dereference || context.Raw(index) == 0 || !context.TryRead((ulong)context.Raw(index), out SockFprog program))
        {
            context.SetPointer(index);
            return;
        }
        var instructions = StructArrays.Read<SockFilter>(context, (long)program.filter, program.len, (instruction, render, _) => Format(instruction, user, render));
        StructValue value = instructions is var (array, _)
            ? new StructValue(SockFprog.TypeName, [new("len", program.len), new("filter", array)])
            : StructValue.Of(program);
        bool abbreviate = context.Abbreviate;
        context.Set(index, ArgumentKind.Pointer, value, render => new StructWriter().Field("len", program.len)
            .Field("filter", (abbreviate && !render.Verbose) || instructions is null
                ? DecodeContext.FormatAddress((long)program.filter) : instructions.Value.Text(render)).ToString());
    }

    /// <summary>One instruction: <c>BPF_JUMP(code, k, jt, jf)</c> when it jumps anywhere, <c>BPF_STMT(code, k)</c> otherwise.</summary>
    internal static string Format(SockFilter instruction, User user, StraceRenderer render)
    {
        string code = FormatCode(instruction.code, render), k = FormatConstant(instruction, user, render);
        return instruction.jt != 0 || instruction.jf != 0
            ? $"BPF_JUMP({code}, {k}, {DecodeContext.HexOrZero(instruction.jt)}, {DecodeContext.HexOrZero(instruction.jf)})"
            : $"BPF_STMT({code}, {k})";
    }

    /// <summary>One eBPF instruction: <c>{code=BPF_JMP|BPF_K|BPF_EXIT, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, off=0, imm=0}</c>.</summary>
    internal static string Format(BpfInsn instruction, StraceRenderer render) =>
        new StructWriter().Field("code", FormatCode(instruction.code, render, extended: true))
            .Field("dst_reg", s_registers.FormatUnsigned((ulong)(instruction.regs & 0xf), render))
            .Field("src_reg", s_registers.FormatUnsigned((ulong)(instruction.regs >> 4), render))
            .Field("off", instruction.off).Field("imm", DecodeContext.HexOrZero((uint)instruction.imm)).ToString();

    // The code by its parts, each named as -X asks; bits no part covers in hex with strace's hint, whatever -X says.
    // A classic program's stores are their class alone; an extended one's have a size and mode, and its classes 6 and 7
    // are JMP32 (whose parts strace does not name) and ALU64.
    private static string FormatCode(ushort code, StraceRenderer render, bool extended = false)
    {
        int instructionClass = code & 0x7;
        var parts = new List<string> { (extended ? s_extendedClasses : s_classes).FormatUnsigned((ulong)instructionClass, render) };
        int covered = 0x7;
        switch (instructionClass)
        {
            case Ld or Ldx:
            case St or Stx when extended:
                parts.Add(s_sizes.FormatUnsigned((ulong)(code & 0x18), render));
                parts.Add(s_modes.FormatUnsigned((ulong)(code & 0xe0), render));
                covered = 0xff;
                break;
            case Alu or Jmp:
            case Alu64 when extended:
                parts.Add(s_sources.FormatUnsigned((ulong)(code & 0x08), render));
                parts.Add((instructionClass == Jmp ? s_jumpOperations : s_aluOperations).FormatUnsigned((ulong)(code & 0xf0), render));
                covered = 0xff;
                break;
            case Ret when !extended:
                parts.Add(s_returnValues.FormatUnsigned((ulong)(code & 0x18), render));
                covered = 0xff;
                break;
            case Misc when !extended:
                parts.Add(s_miscOperations.FormatUnsigned((ulong)(code & 0xf8), render));
                covered = 0xff;
                break;
            case St or Stx:
                covered = 0xff;
                break;
        }
        if ((code & ~covered) != 0)
            parts.Add($"{DecodeContext.Hex((ulong)(code & ~covered))} /* BPF_??? */");
        return string.Join('|', parts);
    }

    private static string FormatConstant(SockFilter instruction, User user, StraceRenderer render)
    {
        int instructionClass = instruction.code & 0x7;
        if (instructionClass == Ret && user == User.Seccomp)
        {
            uint data = instruction.k & ~SeccompActionMask;
            string action = s_seccompActions.FormatUnsigned(instruction.k & SeccompActionMask, render);
            return data == 0 ? action : action + "|" + DecodeContext.Hex(data);
        }
        int offset = (int)instruction.k;
        if (instructionClass != Ld || (instruction.code & 0xe0) != Abs || user != User.Socket || offset < LinkLayerOffset || offset >= 0)
            return DecodeContext.HexOrZero(instruction.k);
        if (offset >= AncillaryOffset)
            return render.Format(DecodeContext.Hex(unchecked((uint)AncillaryOffset)), "SKF_AD_OFF") + "+" + s_ancillaryData.FormatUnsigned((ulong)(offset - AncillaryOffset), render);
        (int start, string name) = offset >= NetworkOffset ? (NetworkOffset, "SKF_NET_OFF") : (LinkLayerOffset, "SKF_LL_OFF");
        return render.Format(DecodeContext.Hex(unchecked((uint)start)), name) + "+" + (offset - start).ToString(CultureInfo.InvariantCulture);
    }
}
