using static Hatrace.Engine.Decoding.Time.TimeFormatter;
using static Hatrace.Engine.Decoding.TimeStructs;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>Timers: timerfd_create, timerfd_settime, timerfd_gettime, setitimer and getitimer (alarm's seconds print as
/// the plain number its kind gives).</summary>
internal static class TimerDecoders
{
    private static readonly FlagSet s_createFlags = new("timerfd_create_flags");
    private static readonly FlagSet s_settimeFlags = new("timerfd_settime_flags");
    private static readonly NamedValues s_itimers = new("itimer_which", "ITIMER_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("timerfd_create", DecodeTimerfdCreate),
        ("timerfd_settime", DecodeTimerfdSettime),
        ("timerfd_gettime", DecodeTimerfdGettime),
        ("setitimer", DecodeSetitimer),
        ("getitimer", DecodeGetitimer),
    ];

    private static void DecodeTimerfdCreate(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetNamed(0, ClockDecoders.Clocks);
        context.SetFlags(1, s_createFlags);
    }

    private static void DecodeTimerfdSettime(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetInt(0);
            context.SetFlags(1, s_settimeFlags);
            context.SetStruct<Itimerspec>(2, (timer, _, _) => Format(timer));
        }
        SetOutput<Itimerspec>(context, 3, (timer, _, _) => Format(timer));
    }

    private static void DecodeTimerfdGettime(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetInt(0);
        SetOutput<Itimerspec>(context, 1, (timer, _, _) => Format(timer));
    }

    private static void DecodeSetitimer(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, s_itimers);
            context.SetStruct<Itimerval>(1, (timer, _, _) => Format(timer));
        }
        SetOutput<Itimerval>(context, 2, (timer, _, _) => Format(timer));
    }

    private static void DecodeGetitimer(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetNamed(0, s_itimers);
        SetOutput<Itimerval>(context, 1, (timer, _, _) => Format(timer));
    }
}
