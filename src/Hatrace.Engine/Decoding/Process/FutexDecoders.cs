using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>futex(uaddr, op, val, timeout or val2, uaddr2, val3): the command with its flags
/// (<c>FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME</c>), then only the arguments that command reads, as strace prints them.</summary>
internal static class FutexDecoders
{
    private const long PrivateFlag = 128;        // FUTEX_PRIVATE_FLAG
    private const long ClockRealtime = 256;      // FUTEX_CLOCK_REALTIME
    private const uint BitsetMatchAny = 0xffffffff; // FUTEX_BITSET_MATCH_ANY

    private static readonly NamedValues s_commands = new("futex_commands", "FUTEX_???");

    // The commands FUTEX_CLOCK_REALTIME times (futex(2), as strace 6.1 names them): with another, the operation is one
    // the kernel refuses, printed as its number.
    private static readonly HashSet<string> s_realtimeClocked = ["FUTEX_WAIT", "FUTEX_WAIT_BITSET", "FUTEX_WAIT_REQUEUE_PI"];
    private static readonly NamedValues s_wakeOps = new("futex_wake_ops", "FUTEX_OP_???");
    private static readonly NamedValues s_wakeComparisons = new("futex_wake_comparisons", "FUTEX_OP_CMP_???");

    private enum Field { Address, Command, Decimal, Timeout, Hex, Bitset, WakeOp }

    // Which registers each command reads, in the order strace prints them; an unknown command shows all six.
    private static readonly (int Register, Field Format)[] s_unknown =
        [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Address), (4, Field.Address), (5, Field.Hex)];

    private static readonly Dictionary<string, (int Register, Field Format)[]> s_layouts = new(StringComparer.Ordinal)
    {
        ["FUTEX_WAIT"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Timeout)],
        ["FUTEX_WAKE"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal)],
        ["FUTEX_FD"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal)],
        ["FUTEX_REQUEUE"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Decimal), (4, Field.Address)],
        ["FUTEX_CMP_REQUEUE"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Decimal), (4, Field.Address), (5, Field.Decimal)],
        ["FUTEX_CMP_REQUEUE_PI"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Decimal), (4, Field.Address), (5, Field.Decimal)],
        ["FUTEX_WAKE_OP"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Decimal), (4, Field.Address), (5, Field.WakeOp)],
        ["FUTEX_LOCK_PI"] = [(0, Field.Address), (1, Field.Command), (3, Field.Timeout)],
        ["FUTEX_LOCK_PI2"] = [(0, Field.Address), (1, Field.Command), (3, Field.Timeout)],
        ["FUTEX_UNLOCK_PI"] = [(0, Field.Address), (1, Field.Command)],
        ["FUTEX_TRYLOCK_PI"] = [(0, Field.Address), (1, Field.Command)],
        ["FUTEX_WAIT_BITSET"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Timeout), (5, Field.Bitset)],
        ["FUTEX_WAKE_BITSET"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (5, Field.Bitset)],
        ["FUTEX_WAIT_REQUEUE_PI"] = [(0, Field.Address), (1, Field.Command), (2, Field.Decimal), (3, Field.Timeout), (4, Field.Address)],
    };

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("futex", DecodeFutex)];

    private static void DecodeFutex(DecodeContext context)
    {
        if (context.Exiting || !context.ReadsX64Layouts)
            return;
        long op = (int)context.Raw(1);
        string? command = s_commands.NameOf(op & ~(PrivateFlag | ClockRealtime));
        var layout = command is not null && s_layouts.TryGetValue(command, out var known) ? known : s_unknown;
        var shown = new List<SyscallArgument>();
        foreach ((int register, Field format) in layout)
        {
            (object value, string text) = Decode(context, register, format, command);
            shown.Add(context.Argument(context.Parameters[register].Name, context.Raw(register), ArgumentKind.UInt, value, text));
        }
        var hidden = Enumerable.Range(0, 6).Where(r => !layout.Any(f => f.Register == r))
            .Select(r => context.Argument(context.Parameters[r].Name, context.Raw(r), ArgumentKind.UInt, context.Raw(r), DecodeContext.Hex((ulong)context.Raw(r))));
        NamedArguments.Arrange(context, shown, hidden);
    }

    // A word as the operation reads it: its value (the operation by its name with its flags, FUTEX_WAIT_PRIVATE; the
    // timeout as a timespec; other words as numbers) and strace's text.
    private static (object Value, string Text) Decode(DecodeContext context, int register, Field format, string? command)
    {
        long raw = context.Raw(register);
        switch (format)
        {
            case Field.Command:
                string? name = CommandName((int)raw, command);
                return (new ConstantValue((int)raw, name),
                    name is null ? context.Render.Unnamed((int)raw, "FUTEX_???") : context.Render.Format(DecodeContext.HexOrZero((uint)raw), name));
            case Field.Decimal:
                return ((long)(uint)raw, ((uint)raw).ToString(CultureInfo.InvariantCulture));
            case Field.Timeout when raw != 0 && context.TryRead((ulong)raw, out TimeStructs.Timespec time):
                return (StructValue.Of(time), TimeStructs.Format(time));
            case Field.Address or Field.Timeout:
                return (raw, DecodeContext.FormatAddress(raw));
            case Field.Bitset:
                return (new ConstantValue((uint)raw, (uint)raw == BitsetMatchAny ? "FUTEX_BITSET_MATCH_ANY" : null),
                    (uint)raw == BitsetMatchAny ? context.Render.Format(DecodeContext.Hex(BitsetMatchAny), "FUTEX_BITSET_MATCH_ANY") : DecodeContext.HexOrZero((uint)raw));
            case Field.WakeOp:
                return (raw, FormatWakeOp((uint)raw, context.Render));
            default:
                return (raw, DecodeContext.HexOrZero((ulong)raw));
        }
    }

    /// <summary><c>FUTEX_WAIT_PRIVATE</c>, <c>FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME</c>; null for an operation no name
    /// covers (an unknown command, or the realtime clock with a command it does not time).</summary>
    internal static string? CommandName(long op, string? command)
    {
        bool clocked = (op & ClockRealtime) != 0;
        if (command is null || (clocked && !s_realtimeClocked.Contains(command)))
            return null;
        string text = command + ((op & PrivateFlag) != 0 ? "_PRIVATE" : "");
        return clocked ? text + "|FUTEX_CLOCK_REALTIME" : text;
    }

    /// <summary>FUTEX_WAKE_OP's encoded operation: <c>FUTEX_OP_SET&lt;&lt;28|0&lt;&lt;12|FUTEX_OP_CMP_GT&lt;&lt;24|0x1</c>.</summary>
    internal static string FormatWakeOp(uint value, StraceRenderer render)
    {
        uint operation = (value >> 28) & 7, argument = (value >> 12) & 0xfff, comparison = (value >> 24) & 0xf;
        string shift = (value & (8u << 28)) != 0 ? "FUTEX_OP_OPARG_SHIFT<<28|" : "";
        return $"{shift}{s_wakeOps.Format(operation, render)}<<28|{argument}<<12|{s_wakeComparisons.Format(comparison, render)}<<24|{DecodeContext.HexOrZero(value & 0xfff)}";
    }
}
