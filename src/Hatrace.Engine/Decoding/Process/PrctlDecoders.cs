using System.Globalization;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>prctl and arch_prctl: the option by name, then only the arguments that option reads, each as strace
/// prints it; outputs (<c>PR_GET_NAME</c>, <c>ARCH_GET_FS</c>) at exit.</summary>
internal static class PrctlDecoders
{
    private const int TaskCommLength = 16; // TASK_COMM_LEN: a thread name and its NUL

    private static readonly ConstantTable s_options = ConstantTable.Load("prctl_options");
    private static readonly NamedValues s_capabilities = new("capabilities", "CAP_???");
    private static readonly NamedValues s_archCodes = new("arch_prctl_codes", "ARCH_???");

    /// <summary>How an option's arguments print.</summary>
    private enum Shape
    {
        AllHex,          // an option whose arguments this decoder does not know: all four in hex
        NoArguments,     // PR_GET_DUMPABLE
        Decimal,         // PR_SET_KEEPCAPS, 0
        AllDecimal,      // PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0
        Signal,          // PR_SET_PDEATHSIG, SIGTERM
        SignalOutput,    // PR_GET_PDEATHSIG, [SIGTERM]
        IntOutput,       // PR_GET_CHILD_SUBREAPER, [1]
        PointerOutput,   // PR_GET_TID_ADDRESS, [0x7f...]
        String,          // PR_SET_NAME, "name"
        StringOutput,    // PR_GET_NAME, "name"
        Capability,      // PR_CAPBSET_READ, CAP_KILL
    }

    // Checked against strace 6.1; options not listed print all four arguments in hex.
    private static readonly Dictionary<string, Shape> s_shapes = new(StringComparer.Ordinal)
    {
        ["PR_GET_DUMPABLE"] = Shape.NoArguments,
        ["PR_GET_KEEPCAPS"] = Shape.NoArguments,
        ["PR_GET_TIMERSLACK"] = Shape.NoArguments,
        ["PR_GET_SECUREBITS"] = Shape.NoArguments,
        ["PR_GET_SECCOMP"] = Shape.NoArguments,
        ["PR_SET_DUMPABLE"] = Shape.Decimal,
        ["PR_SET_KEEPCAPS"] = Shape.Decimal,
        ["PR_SET_CHILD_SUBREAPER"] = Shape.Decimal,
        ["PR_SET_TIMERSLACK"] = Shape.Decimal,
        ["PR_SET_PTRACER"] = Shape.Decimal,
        ["PR_SET_NO_NEW_PRIVS"] = Shape.AllDecimal,
        ["PR_GET_NO_NEW_PRIVS"] = Shape.AllDecimal,
        ["PR_SET_THP_DISABLE"] = Shape.AllDecimal,
        ["PR_GET_THP_DISABLE"] = Shape.AllDecimal,
        ["PR_SET_PDEATHSIG"] = Shape.Signal,
        ["PR_GET_PDEATHSIG"] = Shape.SignalOutput,
        ["PR_GET_CHILD_SUBREAPER"] = Shape.IntOutput,
        ["PR_GET_TID_ADDRESS"] = Shape.PointerOutput,
        ["PR_SET_NAME"] = Shape.String,
        ["PR_GET_NAME"] = Shape.StringOutput,
        ["PR_CAPBSET_READ"] = Shape.Capability,
        ["PR_CAPBSET_DROP"] = Shape.Capability,
    };

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("prctl", DecodePrctl),
        ("arch_prctl", DecodeArchPrctl),
    ];

    private static void DecodePrctl(DecodeContext context)
    {
        string? option = s_options.NameOf(context.Signed(0));
        Shape shape = option is not null && s_shapes.TryGetValue(option, out Shape known) ? known : Shape.AllHex;
        if (context.Exiting)
        {
            if (shape is Shape.SignalOutput or Shape.IntOutput or Shape.PointerOutput or Shape.StringOutput)
                SetOutput(context, shape);
            return;
        }
        context.Set(0, ArgumentKind.Int, new Model.ConstantValue(context.Signed(0), option), option ?? context.Render.Unnamed(context.Signed(0), "PR_???"));
        context.ShownCount = shape switch
        {
            Shape.NoArguments => 1,
            Shape.AllHex or Shape.AllDecimal => 5,
            _ => 2,
        };
        // Decimal where the shape says so; the second argument of the other shapes by the switch below; the rest
        // (shown only by AllHex, hidden otherwise) in hex.
        for (int i = 1; i < 5; i++)
        {
            if (shape == Shape.AllDecimal || (shape == Shape.Decimal && i == 1))
                context.SetUInt(i);
            else if (shape == Shape.AllHex || i > 1 || shape == Shape.NoArguments)
                context.Set(i, ArgumentKind.UInt, context.Raw(i), DecodeContext.HexOrZero((ulong)context.Raw(i)));
        }
        switch (shape)
        {
            case Shape.Signal:
                context.Set(1, ArgumentKind.Int, Signals.Value(context.Raw(1)), Signals.GetName((int)context.Raw(1)));
                break;
            case Shape.String:
                SetTaskName(context, 1, written: false);
                break;
            case Shape.Capability:
                context.Set(1, ArgumentKind.Int, new Model.ConstantValue(context.Raw(1), s_capabilities), s_capabilities.Format(context.Raw(1), context.Render));
                break;
            case Shape.SignalOutput or Shape.IntOutput or Shape.PointerOutput or Shape.StringOutput:
                context.Defer(1);
                break;
        }
    }

    private static void SetOutput(DecodeContext context, Shape shape)
    {
        ulong address = (ulong)context.Raw(1);
        if (context.Failed || address == 0)
            context.SetPointer(1);
        else if (shape == Shape.StringOutput)
            SetTaskName(context, 1, written: true);
        else if (shape == Shape.PointerOutput && context.Memory.ReadWord(context.Call.ProcessId, address, context.WordSize) is ulong pointer)
            context.Set(1, ArgumentKind.Pointer, (long)pointer, "[" + DecodeContext.FormatAddress((long)pointer) + "]");
        else if (shape != Shape.PointerOutput && context.TryRead(address, out int value))
            context.Set(1, ArgumentKind.Pointer, (long)value,
                "[" + (shape == Shape.SignalOutput ? Signals.GetName(value) : value.ToString(CultureInfo.InvariantCulture)) + "]");
        else
            context.SetPointer(1);
    }

    /// <summary>A thread name: the kernel keeps 15 bytes and a NUL (TASK_COMM_LEN). strace shows a name being set
    /// that fills those 15 bytes with <c>...</c> after it, whether or not a NUL follows; a name read back, up to its NUL.</summary>
    private static void SetTaskName(DecodeContext context, int index, bool written)
    {
        var bytes = new byte[TaskCommLength];
        int read = context.Memory.Read(context.Call.ProcessId, (ulong)context.Raw(index), bytes);
        int end = Array.IndexOf(bytes, (byte)0, 0, read);
        if (read == 0 || (end < 0 && read < TaskCommLength))
        {
            context.SetPointer(index);
            return;
        }
        int limit = written ? TaskCommLength : TaskCommLength - 1;
        bool full = end < 0 || end >= limit;
        int length = full ? limit : end;
        context.Set(index, ArgumentKind.String, new StringValue(bytes[..length], truncated: full, unterminated: end < 0), context.Render.QuoteWhole(bytes.AsSpan(0, length), truncated: full));
    }

    /// <summary>arch_prctl(code, addr): the value to set in hex, a value read back at exit as <c>[0x7f...]</c>.</summary>
    private static void DecodeArchPrctl(DecodeContext context)
    {
        string? code = s_archCodes.NameOf(context.Signed(0));
        bool isGet = code is "ARCH_GET_FS" or "ARCH_GET_GS" or "ARCH_GET_XCOMP_SUPP" or "ARCH_GET_XCOMP_PERM" or "ARCH_GET_XCOMP_GUEST_PERM";
        if (context.Exiting)
        {
            if (isGet)
                SetOutput(context, Shape.PointerOutput);
            return;
        }
        context.SetNamed(0, s_archCodes);
        if (code == "ARCH_GET_CPUID")
            context.ShownCount = 1;
        else if (isGet)
            context.Defer(1);
        else
            context.Set(1, ArgumentKind.UInt, context.Raw(1), DecodeContext.HexOrZero((ulong)context.Raw(1)));
    }
}
