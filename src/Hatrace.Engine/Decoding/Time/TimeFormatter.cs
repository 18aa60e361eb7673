using System.Globalization;
using System.Runtime.InteropServices;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>The kernel's time structures of the x86_64 ABI, and how strace prints them: <c>{tv_sec=0, tv_nsec=1000}</c>.</summary>
internal static class TimeFormatter
{
    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Timespec(long Seconds, long Nanoseconds);

    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Timeval(long Seconds, long Microseconds);

    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Itimerspec(Timespec Interval, Timespec Value);

    [StructLayout(LayoutKind.Sequential)]
    internal readonly record struct Itimerval(Timeval Interval, Timeval Value);

    private const long MinSeconds = -62135596800 + 86400; // 0001-01-02: leaves room for any local offset
    private const long MaxSeconds = 253402300799 - 86400;

    internal static string Format(Timespec t) => new StructWriter().Field("tv_sec", t.Seconds).Field("tv_nsec", t.Nanoseconds).ToString();

    internal static string Format(Timeval t) => new StructWriter().Field("tv_sec", t.Seconds).Field("tv_usec", t.Microseconds).ToString();

    internal static string Format(Itimerspec t) =>
        new StructWriter().Field("it_interval", Format(t.Interval)).Field("it_value", Format(t.Value)).ToString();

    internal static string Format(Itimerval t) =>
        new StructWriter().Field("it_interval", Format(t.Interval)).Field("it_value", Format(t.Value)).ToString();

    internal static void SetTimespec(DecodeContext context, int index) => context.SetStruct<Timespec>(index, Format);

    internal static void SetTimeval(DecodeContext context, int index) => context.SetStruct<Timeval>(index, Format);

    /// <summary>The timespec at <paramref name="address"/> as text, or null when it cannot be read.</summary>
    internal static string? ReadTimespec(DecodeContext context, long address) =>
        context.TryRead((ulong)address, out Timespec t) ? Format(t) : null;

    internal static string? ReadTimeval(DecodeContext context, long address) =>
        context.TryRead((ulong)address, out Timeval t) ? Format(t) : null;

    /// <summary>An output struct: at entry deferred, at exit printed if the call succeeded (else its pointer).</summary>
    internal static void SetOutput<T>(DecodeContext context, int index, Func<T, string> print) where T : unmanaged
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (!context.Failed)
            context.SetStruct(index, print);
    }

    internal static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds since the epoch as strace prints a date: local time and its offset, <c>2026-11-26T16:52:55+0000</c>.</summary>
    internal static string Date(long seconds)
    {
        if (seconds < MinSeconds || seconds > MaxSeconds)
            return Decimal(seconds); // beyond what DateTimeOffset holds; tracee data must not make us throw
        DateTimeOffset local = DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime();
        TimeSpan offset = local.Offset;
        string sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + sign + offset.ToString("hhmm", CultureInfo.InvariantCulture);
    }
}
