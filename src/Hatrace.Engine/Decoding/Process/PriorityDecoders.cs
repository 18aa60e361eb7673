using System.Globalization;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>Priorities: getpriority and setpriority's whose (<c>PRIO_PROCESS</c>), ioprio_get and ioprio_set's whose
/// (<c>IOPRIO_WHO_PROCESS</c>) and I/O priority (<c>IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)</c>), the one ioprio_get
/// returns too.</summary>
internal static class PriorityDecoders
{
    private const int IoprioClassShift = 13; // IOPRIO_CLASS_SHIFT, include/uapi/linux/ioprio.h

    private static readonly NamedValues s_which = new("priority_which", "PRIO_???");
    private static readonly NamedValues s_ioprioWho = new("ioprio_who", "IOPRIO_WHO_???");
    private static readonly NamedValues s_ioprioClasses = new("ioprio_classes", "IOPRIO_CLASS_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("getpriority", context => SetWhose(context, s_which)),
        ("setpriority", context => SetWhose(context, s_which)),
        ("ioprio_get", DecodeIoprioGet),
        ("ioprio_set", context =>
        {
            SetWhose(context, s_ioprioWho);
            if (context.Exiting)
                return;
            long priority = context.Signed(2);
            context.Set(2, ArgumentKind.Int, priority, render => FormatIoprio((ushort)priority, render, priority.ToString(CultureInfo.InvariantCulture)));
        }),
    ];

    private static void SetWhose(DecodeContext context, NamedValues names)
    {
        if (!context.Exiting)
            context.SetNamed(0, names);
    }

    // The priority the call returns, as ioprio_set takes it: 0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0)); the number
    // alone when raw.
    private static void DecodeIoprioGet(DecodeContext context)
    {
        SetWhose(context, s_ioprioWho);
        if (context.Exiting && !context.Failed)
        {
            string number = context.Result.ToString(CultureInfo.InvariantCulture);
            (string name, string verbose) = Value((ushort)context.Result);
            context.SetResultText(context.Render.Styled(number, $"{number} ({name})", $"{number} ({verbose})"));
        }
    }

    /// <summary>An I/O priority: its class and level, <c>IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)</c>, <paramref name="number"/>
    /// when raw (aio's in hex, ioprio_set's in decimal, as strace prints each); -X verbose styles the class inside the
    /// comment too (<c>0x2 /* IOPRIO_CLASS_BE */</c>).</summary>
    internal static string FormatIoprio(ushort priority, StraceRenderer render, string number)
    {
        (string name, string verbose) = Value(priority);
        return render.Format(number, name, verbose);
    }

    // IOPRIO_PRIO_VALUE(class, level), the class by name and as -X verbose styles it.
    private static (string Name, string Verbose) Value(ushort priority)
    {
        int priorityClass = priority >> IoprioClassShift, level = priority & ((1 << IoprioClassShift) - 1);
        return (string.Create(CultureInfo.InvariantCulture, $"IOPRIO_PRIO_VALUE({s_ioprioClasses.Name(priorityClass)}, {level})"),
            string.Create(CultureInfo.InvariantCulture, $"IOPRIO_PRIO_VALUE({s_ioprioClasses.FormatUnsigned((ulong)priorityClass, StraceRenderer.VerboseStyle)}, {level})"));
    }
}
