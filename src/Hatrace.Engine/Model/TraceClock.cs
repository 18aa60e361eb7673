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
}
