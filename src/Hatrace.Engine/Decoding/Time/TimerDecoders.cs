using Hatrace.Engine.Syscalls;
using static Hatrace.Engine.Decoding.Time.TimeFormatter;
using static Hatrace.Engine.Decoding.TimeStructs;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>Timers: timerfd_create, timerfd_settime, timerfd_gettime, setitimer and getitimer (alarm's seconds print as
/// the plain number its kind gives), the POSIX timers (timer_create, timer_settime, timer_gettime), and mq_notify, told
/// how to notify by the same struct sigevent as timer_create.</summary>
internal static class TimerDecoders
{
    private static readonly FlagSet s_timerfdFlags = new("timerfd_flags", "TFD_???");
    private static readonly NamedValues s_itimers = new("itimer_which", "ITIMER_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("timerfd_create", DecodeTimerfdCreate),
        ("timerfd_settime", DecodeTimerfdSettime),
        ("timerfd_gettime", DecodeGettime),
        ("setitimer", DecodeSetitimer),
        ("getitimer", DecodeGetitimer),
        ("timer_create", DecodeTimerCreate),
        ("timer_settime", DecodeTimerSettime),
        ("timer_gettime", DecodeGettime),
        ("mq_notify", DecodeMqNotify),
    ];

    private static void DecodeTimerfdCreate(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetNamed(0, ClockDecoders.Clocks);
        context.SetFlags(1, s_timerfdFlags);
    }

    private static void DecodeTimerfdSettime(DecodeContext context) => DecodeSettime(context, s_timerfdFlags);

    private static void DecodeTimerSettime(DecodeContext context) => DecodeSettime(context, ClockDecoders.TimerFlags);

    // timerfd_settime and timer_settime: (timer, flags, new setting, old setting out).
    private static void DecodeSettime(DecodeContext context, FlagSet flags)
    {
        if (!context.Exiting)
        {
            SetTimer(context);
            context.SetFlags(1, flags);
            context.SetStruct<Itimerspec, Itimerspec32>(2, (timer, _, _) => Format(timer));
        }
        SetOutput<Itimerspec, Itimerspec32>(context, 3, (timer, _, _) => Format(timer));
    }

    // The new timer's id prints once the kernel has written it: [0].
    private static void DecodeTimerCreate(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, ClockDecoders.Clocks);
            SignalFamily.Sigevent.Set(context, 1);
            context.Defer(2);
        }
        else if (context.Failed)
            context.SetPointer(2);
        else
            context.SetPointee<int>(2, id => StructWriter.Array([Decimal(id)]));
    }

    private static void DecodeMqNotify(DecodeContext context)
    {
        if (!context.Exiting)
            SignalFamily.Sigevent.Set(context, 1);
    }

    // timerfd_gettime and timer_gettime: (timer, setting out).
    private static void DecodeGettime(DecodeContext context)
    {
        if (!context.Exiting)
            SetTimer(context);
        SetOutput<Itimerspec, Itimerspec32>(context, 1, (timer, _, _) => Format(timer));
    }

    // The timer: a timerfd's descriptor, or a POSIX timer's id.
    private static void SetTimer(DecodeContext context)
    {
        if (context.Parameters[0].Kind == ArgumentKind.Fd)
            context.SetFd(0);
        else
            context.SetInt(0);
    }

    private static void DecodeSetitimer(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, s_itimers);
            context.SetStruct<Itimerval, Itimerval32>(1, (timer, _, _) => Format(timer));
        }
        SetOutput<Itimerval, Itimerval32>(context, 2, (timer, _, _) => Format(timer));
    }

    private static void DecodeGetitimer(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetNamed(0, s_itimers);
        SetOutput<Itimerval, Itimerval32>(context, 1, (timer, _, _) => Format(timer));
    }
}
