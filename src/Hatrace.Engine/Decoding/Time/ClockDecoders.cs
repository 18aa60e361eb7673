using static Hatrace.Engine.Decoding.Time.TimeFormatter;
using static Hatrace.Engine.Decoding.TimeStructs;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>Clocks and sleeps: clock_gettime, clock_getres, clock_settime, clock_nanosleep, nanosleep, gettimeofday,
/// settimeofday, time.</summary>
internal static class ClockDecoders
{
    internal static readonly NamedValues Clocks = new("clocks", "CLOCK_???");
    /// <summary>TIMER_ABSTIME, of clock_nanosleep and timer_settime.</summary>
    internal static readonly FlagSet TimerFlags = new("timer_flags", "TIMER_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("clock_gettime", DecodeClockOutput),
        ("clock_getres", DecodeClockOutput),
        ("clock_settime", DecodeClockSettime),
        ("clock_nanosleep", DecodeClockNanosleep),
        ("nanosleep", DecodeNanosleep),
        ("gettimeofday", DecodeGettimeofday),
        ("settimeofday", DecodeSettimeofday),
        ("time", DecodeTime),
    ];

    private static void SetClock(DecodeContext context, int index) => context.SetNamed(index, Clocks);

    private static void DecodeClockOutput(DecodeContext context)
    {
        if (!context.Exiting)
            SetClock(context, 0);
        SetOutput<Timespec, Timespec32>(context, 1, (time, _, _) => Format(time));
    }

    private static void DecodeClockSettime(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetClock(context, 0);
        SetTimespec(context, 1);
    }

    private static void DecodeClockNanosleep(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetClock(context, 0);
            long flags = (long)context.Unsigned(1);
            context.Set(1, Syscalls.ArgumentKind.Int, new Model.FlagsValue(flags, TimerFlags), TimerFlags.Format(flags, context.Render));
            SetTimespec(context, 2);
        }
        SetRemaining(context, 3);
    }

    private static void DecodeNanosleep(DecodeContext context)
    {
        if (!context.Exiting)
            SetTimespec(context, 0);
        SetRemaining(context, 1);
    }

    // The time left is decided at exit, as strace prints it (a sleep cut short at detach ends its line before it): the
    // kernel writes it only when a signal cut the sleep short (the tracer sees a restart code then), so it is printed
    // then and its pointer otherwise.
    private static void SetRemaining(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (context.Call.ErrnoValue is ERESTARTSYS or ERESTARTNOINTR or ERESTARTNOHAND or ERESTART_RESTARTBLOCK)
            context.SetStruct<Timespec, Timespec32>(index, (time, _, _) => Format(time));
        else
            context.SetPointer(index, Model.PointerReason.NotWritten);
    }

    private const int ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514, ERESTART_RESTARTBLOCK = 516;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timezone : Model.IKernelStruct<Timezone>
    {
        public int tz_minuteswest, tz_dsttime;

        public static string TypeName => "timezone";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("tz_minuteswest", tz_minuteswest), new("tz_dsttime", tz_dsttime)];
    }

    private static string FormatTimezone(Timezone tz) => new StructWriter().Field("tz_minuteswest", tz.tz_minuteswest).Field("tz_dsttime", tz.tz_dsttime).ToString();

    private static void DecodeGettimeofday(DecodeContext context)
    {
        SetOutput<Timeval, Timeval32>(context, 0, (time, _, _) => Format(time));
        SetOutput<Timezone>(context, 1, (tz, _, _) => FormatTimezone(tz));
    }

    private static void DecodeSettimeofday(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetTimeval(context, 0);
        context.SetStruct<Timezone>(1, (tz, _, _) => FormatTimezone(tz));
    }

    // time(2): the result prints with its date, "1795711975 (2026-11-26T16:52:55+0000)"; zero, as strace prints it, without.
    private static void DecodeTime(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(0);
            return;
        }
        // A time_t: 32 bits on i386.
        if (context.Raw(0) != 0 && !context.Failed && ReadTime(context, (ulong)context.Raw(0)) is long stored)
            context.Set(0, Syscalls.ArgumentKind.Pointer, stored, stored == 0 ? "[0]" : $"[{Decimal(stored)} /* {Date(stored)} */]");
        if (!context.Failed && context.Result != 0)
            context.SetResultText($"{Decimal(context.Result)} ({Date(context.Result)})");
    }

    private static long? ReadTime(DecodeContext context, ulong address) =>
        context.WordSize == 8 ? context.TryRead(address, out long wide) ? wide : null
        : context.TryRead(address, out int narrow) ? narrow : null;
}
