namespace Hatrace.Engine.Decoding.Time;

/// <summary>The time family's decoders, as DecoderTable lists families. They read x86_64's 64-bit time structures,
/// so an i386 tracee's calls (32-bit time_t) are left to the arguments' kinds rather than misread, but those of its
/// _time64 calls and those that read no structure.</summary>
internal static class TimeDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        from entry in ClockDecoders.All.Concat(TimerDecoders.All).Concat(ClockAdjustDecoders.All)
        select (entry.Name, entry.Name == "timerfd_create" ? entry.Decode : DecoderTable.WordSize64Only(entry.Decode));
}
