using System.Text.RegularExpressions;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>The arguments of an i386 call that passes 64-bit values in two registers (fadvise64's <c>offset_lo</c> and
/// <c>offset_hi</c>), as strace shows them: each such value as one argument. The kernel's names say which registers
/// pair up and which holds the low half. Where x86_64 has a call of the same name and as many arguments, they take its
/// parameters, so that the call's family decoder reads them where it reads x86_64's.</summary>
internal sealed partial class SplitArguments
{
    private readonly int[] _registers, _highRegisters; // each argument's register, and that of its high half (-1: none)

    private SplitArguments(IReadOnlyList<SyscallParameter> parameters, int[] registers, int[] highRegisters)
    {
        Parameters = parameters;
        _registers = registers;
        _highRegisters = highRegisters;
    }

    /// <summary>The arguments' parameters, a joined one in its low half's place.</summary>
    internal IReadOnlyList<SyscallParameter> Parameters { get; }

    /// <summary>Whether argument <paramref name="index"/> is a 64-bit value made of two registers.</summary>
    internal bool IsJoined(int index) => _highRegisters[index] >= 0;

    /// <summary>Argument <paramref name="index"/>: its register, or the 64-bit value of its two.</summary>
    internal long Raw(SyscallEvent call, int index) => _highRegisters[index] < 0
        ? call.GetRawArgument(_registers[index])
        : (long)((ulong)(uint)call.GetRawArgument(_highRegisters[index]) << 32 | (uint)call.GetRawArgument(_registers[index]));

    // By number, as DecoderTable finds decoders: s_none for a call that splits nothing.
    private static readonly SplitArguments?[] s_i386 = new SplitArguments?[1024];
    private static readonly SplitArguments s_none = new([], [], []);

    /// <summary>The call's arguments, where it splits a value in two registers; null where it does not.</summary>
    internal static SplitArguments? Of(SyscallDefinition definition)
    {
        // socketcall's number is shared by calls made through it (accept, send, recv), none of which splits a value.
        if (definition.Arch != SyscallArch.I386 || Socketcall.IsSocketcall(definition) || (uint)definition.Number >= (uint)s_i386.Length)
            return null;
        SplitArguments found = s_i386[definition.Number] ??= Build(definition) ?? s_none;
        return found == s_none ? null : found;
    }

    private static SplitArguments? Build(SyscallDefinition definition)
    {
        IReadOnlyList<SyscallParameter> kernel = definition.Parameters;
        var parameters = new List<SyscallParameter>();
        var registers = new List<int>();
        var highRegisters = new List<int>();
        for (int i = 0; i < kernel.Count; i++)
        {
            if (i + 1 < kernel.Count && Half(kernel[i].Name) is { } first && Half(kernel[i + 1].Name) is { } second
                && first.Base == second.Base && first.High != second.High)
            {
                parameters.Add(new SyscallParameter("loff_t", first.Base, ArgumentKind.Int));
                registers.Add(first.High ? i + 1 : i);
                highRegisters.Add(first.High ? i : i + 1);
                i++;
            }
            else
            {
                parameters.Add(kernel[i]);
                registers.Add(i);
                highRegisters.Add(-1);
            }
        }
        if (parameters.Count == kernel.Count)
            return null;
        SyscallDefinition? x64 = SyscallTable.Find(SyscallArch.X86_64, definition.Name);
        return new SplitArguments(x64?.Parameters.Count == parameters.Count ? x64.Parameters : parameters, [.. registers], [.. highRegisters]);
    }

    // offset_lo, off_low, poslo, pos_l, mask_1: a half of a 64-bit value, by the kernel's name.
    private static (string Base, bool High)? Half(string name) =>
        HalfName().Match(name) is { Success: true } match
            ? (match.Groups["base"].Value, match.Groups["half"].Value is "hi" or "high" or "h" or "2")
            : null;

    [GeneratedRegex(@"^(?<base>[a-z]+?)_?(?<half>lo|low|hi|high)$|^(?<base>[a-z]+)_(?<half>l|h|1|2)$")]
    private static partial Regex HalfName();
}
