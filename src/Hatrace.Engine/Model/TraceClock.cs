using System.Diagnostics;

namespace Hatrace.Engine.Model;

/// <summary>Turns Stopwatch readings, cheap to take at every stop, into wall-clock times only when asked.</summary>
internal static class TraceClock
{
    private static readonly DateTime s_originUtc = DateTime.UtcNow;
    private static readonly long s_originTicks = Stopwatch.GetTimestamp();

    internal static long Now() => Stopwatch.GetTimestamp();

    internal static DateTime ToDateTime(long ticks) =>
        (s_originUtc + Stopwatch.GetElapsedTime(s_originTicks, ticks)).ToLocalTime();

    internal static TimeSpan Between(long start, long end) => Stopwatch.GetElapsedTime(start, end);

    /// <summary>The reading at which <see cref="ToDateTime"/> gives this time: for events read back from a file.</summary>
    internal static long FromDateTime(DateTime time) =>
        s_originTicks + (long)((Int128)(time.ToUniversalTime() - s_originUtc).Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    /// <summary>How many readings make this many nanoseconds.</summary>
    internal static long FromNanoseconds(long nanoseconds) => (long)((Int128)nanoseconds * Stopwatch.Frequency / 1_000_000_000);

    /// <summary>The nanoseconds between two readings.</summary>
    internal static long NanosecondsBetween(long start, long end) => (long)((Int128)(end - start) * 1_000_000_000 / Stopwatch.Frequency);
}
