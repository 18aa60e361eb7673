using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.TimeStructs;

namespace Hatrace.Engine.Decoding.Time;

/// <summary>The time family's structures of the x86_64 ABI (timers; timespec and timeval are in <see cref="TimeStructs"/>),
/// i386's, and how strace prints them.</summary>
internal static class TimeFormatter
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct Itimerspec(Timespec interval, Timespec value) : IKernelStruct<Itimerspec>
    {
        public Timespec it_interval = interval;
        public Timespec it_value = value;

        public static string TypeName => "itimerspec";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("it_interval", StructValue.Of(it_interval)), new("it_value", StructValue.Of(it_value))];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Itimerval(Timeval interval, Timeval value) : IKernelStruct<Itimerval>
    {
        public Timeval it_interval = interval;
        public Timeval it_value = value;

        public static string TypeName => "itimerval";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("it_interval", StructValue.Of(it_interval)), new("it_value", StructValue.Of(it_value))];
    }

    /// <summary>i386's struct old_itimerspec32.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Itimerspec32 : ICompatStruct<Itimerspec32, Itimerspec>
    {
        public Timespec32 it_interval, it_value;

        public static string TypeName => "itimerspec";

        public readonly Itimerspec Widen() => new(it_interval.Widen(), it_value.Widen());
    }

    /// <summary>i386's struct old_itimerval32.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Itimerval32 : ICompatStruct<Itimerval32, Itimerval>
    {
        public Timeval32 it_interval, it_value;

        public static string TypeName => "itimerval";

        public readonly Itimerval Widen() => new(it_interval.Widen(), it_value.Widen());
    }

    private const long MinSeconds = -62135596800 + 86400; // 0001-01-02: leaves room for any local offset
    private const long MaxSeconds = 253402300799 - 86400;

    internal static string Format(Itimerspec t) =>
        new StructWriter().Field("it_interval", TimeStructs.Format(t.it_interval)).Field("it_value", TimeStructs.Format(t.it_value)).ToString();

    internal static string Format(Itimerval t) =>
        new StructWriter().Field("it_interval", TimeStructs.Format(t.it_interval)).Field("it_value", TimeStructs.Format(t.it_value)).ToString();

    /// <summary>An output struct of the same layout on both ABIs: at entry deferred, at exit printed if the call succeeded
    /// (else its pointer).</summary>
    internal static void SetOutput<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, int index, StructPrinter<T> print) where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (!context.Failed)
            context.SetStruct(index, print);
    }

    /// <summary>Like <see cref="SetOutput{T}"/>, for a struct i386 lays out as <typeparamref name="T32"/>.</summary>
    internal static void SetOutput<[DynamicallyAccessedMembers(KernelLayout.Members)] T, [DynamicallyAccessedMembers(KernelLayout.Members)] T32>(
        DecodeContext context, int index, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T> where T32 : unmanaged, ICompatStruct<T32, T>
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (!context.Failed)
            context.SetStruct<T, T32>(index, print);
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
