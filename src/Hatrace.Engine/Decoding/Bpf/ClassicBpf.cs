using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Bpf;

/// <summary>Classic BPF programs (struct sock_fprog of struct sock_filter), which seccomp filters and socket filters
/// are: <c>{len=6, filter=0x7ffc...}</c>, and under -v each instruction as the macro that makes it,
/// <c>BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4)</c>, <c>BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x89, 0x3, 0)</c>, its constant named
/// as the program's user reads it (a seccomp return action, a socket filter's ancillary data).</summary>
internal static class ClassicBpf
{
    /// <summary>Who runs the program, which decides what its constants mean.</summary>
    internal enum User
    {
        /// <summary>A seccomp filter: returns are SECCOMP_RET_* actions.</summary>
        Seccomp,

        /// <summary>A socket filter: loads from SKF_AD_OFF and the other negative offsets are ancillary data.</summary>
        Socket,
    }

    // BPF_CLASS(code) (include/uapi/linux/bpf_common.h).
    private const int Ld = 0, Ldx = 1, Alu = 4, Jmp = 5, Ret = 6, Misc = 7;
    private const int Abs = 0x20; // BPF_MODE
    private const uint SeccompActionMask = 0xffff0000; // SECCOMP_RET_ACTION_FULL
    // The negative offsets a socket filter loads from (include/uapi/linux/filter.h).
    private const int AncillaryOffset = -0x1000, NetworkOffset = -0x100000, LinkLayerOffset = -0x200000;

    private static readonly NamedValues s_classes = new("bpf_classes", "BPF_???");
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

    /// <summary>Decides argument <paramref name="index"/> as the program it points to: its instructions printed under
    /// -v, their address otherwise; the value holds them either way.</summary>
    internal static void SetProgram(DecodeContext context, int index, User user)
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

    // The code by its parts, each named as -X asks; bits no part covers in hex with strace's hint, whatever -X says.
    private static string FormatCode(ushort code, StraceRenderer render)
    {
        int instructionClass = code & 0x7;
        var parts = new List<string> { s_classes.FormatUnsigned((ulong)instructionClass, render) };
        switch (instructionClass)
        {
            case Ld or Ldx:
                parts.Add(s_sizes.FormatUnsigned((ulong)(code & 0x18), render));
                parts.Add(s_modes.FormatUnsigned((ulong)(code & 0xe0), render));
                break;
            case Alu or Jmp:
                parts.Add(s_sources.FormatUnsigned((ulong)(code & 0x08), render));
                parts.Add((instructionClass == Alu ? s_aluOperations : s_jumpOperations).FormatUnsigned((ulong)(code & 0xf0), render));
                break;
            case Ret:
                parts.Add(s_returnValues.FormatUnsigned((ulong)(code & 0x18), render));
                break;
            case Misc:
                parts.Add(s_miscOperations.FormatUnsigned((ulong)(code & 0xf8), render));
                break;
        }
        if ((code & 0xff00) != 0)
            parts.Add($"{DecodeContext.Hex((ulong)(code & 0xff00))} /* BPF_??? */");
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
