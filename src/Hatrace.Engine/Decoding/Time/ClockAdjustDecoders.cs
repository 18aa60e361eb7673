using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.TimeStructs;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>adjtimex and clock_adjtime: struct timex, which the kernel reads and fills in, prints at exit as it was
/// left (its address when the call failed), and the clock's state they return by name: <c>= 5 (TIME_ERROR)</c>.</summary>
internal static class ClockAdjustDecoders
{
    private static readonly FlagSet s_modes = new("adjtimex_modes", "ADJ_???");
    private static readonly FlagSet s_status = new("adjtimex_status", "STA_???");
    private static readonly NamedValues s_states = new("adjtimex_states", "TIME_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("adjtimex", context => DecodeAdjust(context, 0)),
        ("clock_adjtime", DecodeClockAdjtime),
    ];

    /// <summary>struct __kernel_timex (include/uapi/linux/timex.h), its padding and unnamed tail left out; its time is
    /// a struct __kernel_timex_timeval, laid out as a timeval.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 208)]
    internal struct KernelTimex : IKernelStruct<KernelTimex>
    {
        [FieldOffset(0)] public uint modes;
        [FieldOffset(8)] public long offset;
        [FieldOffset(16)] public long freq;
        [FieldOffset(24)] public long maxerror;
        [FieldOffset(32)] public long esterror;
        [FieldOffset(40)] public int status;
        [FieldOffset(48)] public long constant;
        [FieldOffset(56)] public long precision;
        [FieldOffset(64)] public long tolerance;
        [FieldOffset(72)] public Timeval time;
        [FieldOffset(88)] public long tick;
        [FieldOffset(96)] public long ppsfreq;
        [FieldOffset(104)] public long jitter;
        [FieldOffset(112)] public int shift;
        [FieldOffset(120)] public long stabil;
        [FieldOffset(128)] public long jitcnt;
        [FieldOffset(136)] public long calcnt;
        [FieldOffset(144)] public long errcnt;
        [FieldOffset(152)] public long stbcnt;
        [FieldOffset(160)] public int tai;

        public static string TypeName => "__kernel_timex";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("modes", new FlagsValue(modes, s_modes)), new("offset", offset), new("freq", freq), new("maxerror", maxerror),
            new("esterror", esterror), new("status", new FlagsValue((uint)status, s_status)), new("constant", constant),
            new("precision", precision), new("tolerance", tolerance), new("time", StructValue.Of(time)), new("tick", tick),
            new("ppsfreq", ppsfreq), new("jitter", jitter), new("shift", shift), new("stabil", stabil), new("jitcnt", jitcnt),
            new("calcnt", calcnt), new("errcnt", errcnt), new("stbcnt", stbcnt), new("tai", tai),
        ];
    }

    private static string Format(KernelTimex t, StraceRenderer render) => new StructWriter()
        .Field("modes", s_modes.Format(t.modes, render)).Field("offset", t.offset).Field("freq", t.freq)
        .Field("maxerror", t.maxerror).Field("esterror", t.esterror).Field("status", s_status.Format((uint)t.status, render))
        .Field("constant", t.constant).Field("precision", t.precision).Field("tolerance", t.tolerance)
        .Field("time", TimeStructs.Format(t.time)).Field("tick", t.tick).Field("ppsfreq", t.ppsfreq).Field("jitter", t.jitter)
        .Field("shift", t.shift).Field("stabil", t.stabil).Field("jitcnt", t.jitcnt).Field("calcnt", t.calcnt)
        .Field("errcnt", t.errcnt).Field("stbcnt", t.stbcnt).Field("tai", t.tai).ToString();

    private static void DecodeClockAdjtime(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetNamed(0, ClockDecoders.Clocks);
        DecodeAdjust(context, 1);
    }

    private static void DecodeAdjust(DecodeContext context, int index)
    {
        context.SetX64OutputStruct<KernelTimex>(index, (timex, render, _) => Format(timex, render));
        // strace names the state only where it decodes the structure (not with -e verbose=none).
        if (context.Exiting && !context.Failed && context.Dereference && s_states.NameOf(context.Result) is { } state)
            context.SetResultText($"{TimeFormatter.Decimal(context.Result)} ({state})");
    }
}
