namespace Hatrace.Engine.Decoding.Time;

/// <summary>The time family's decoders, as DecoderTable lists families. They read the time structures as the call's
/// ABI lays them out, but struct sigevent and struct timex, which only x86_64's layout is declared for: an i386 tracee's
/// calls on those are left to the arguments' kinds rather than misread.</summary>
internal static class TimeDecoders
{
    private static readonly string[] s_x64LayoutsOnly = ["timer_create", "mq_notify", "adjtimex", "clock_adjtime"];

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        from entry in ClockDecoders.All.Concat(TimerDecoders.All).Concat(ClockAdjustDecoders.All)
        select (entry.Name, s_x64LayoutsOnly.Contains(entry.Name) ? DecoderTable.WordSize64Only(entry.Decode) : entry.Decode);
}
