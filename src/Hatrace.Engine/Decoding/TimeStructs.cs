using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding;

/// <summary>The kernel's 64-bit time structures (struct __kernel_timespec and struct __kernel_old_timeval of the
/// x86_64 ABI), i386's 32-bit ones, and how strace prints them: <c>{tv_sec=0, tv_nsec=1000}</c>. Calls of many families
/// take a time (futex, utimensat, rt_sigtimedwait, wait4's rusage, the polling and time calls), so they all read it
/// here.</summary>
internal static class TimeStructs
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec(long seconds, long nanoseconds) : IKernelStruct<Timespec>
    {
        public long tv_sec = seconds;
        public long tv_nsec = nanoseconds;

        public static string TypeName => "timespec";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("tv_sec", tv_sec), new("tv_nsec", tv_nsec)];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timeval(long seconds, long microseconds) : IKernelStruct<Timeval>
    {
        public long tv_sec = seconds;
        public long tv_usec = microseconds;

        public static string TypeName => "timeval";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("tv_sec", tv_sec), new("tv_usec", tv_usec)];
    }

    /// <summary>i386's struct old_timespec32.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec32 : ICompatStruct<Timespec32, Timespec>
    {
        public int tv_sec, tv_nsec;

        public static string TypeName => "timespec";

        public readonly Timespec Widen() => new(tv_sec, tv_nsec);
    }

    /// <summary>i386's struct old_timeval32.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timeval32 : ICompatStruct<Timeval32, Timeval>
    {
        public int tv_sec, tv_usec;

        public static string TypeName => "timeval";

        public readonly Timeval Widen() => new(tv_sec, tv_usec);
    }

    // strace prints tv_nsec and tv_usec unsigned: an invalid -1 reads 18446744073709551615.
    internal static string Format(Timespec t) =>
        new StructWriter().Field("tv_sec", t.tv_sec).Field("tv_nsec", ((ulong)t.tv_nsec).ToString(CultureInfo.InvariantCulture)).ToString();

    internal static string Format(Timeval t) =>
        new StructWriter().Field("tv_sec", t.tv_sec).Field("tv_usec", ((ulong)t.tv_usec).ToString(CultureInfo.InvariantCulture)).ToString();

    internal static void SetTimespec(DecodeContext context, int index) =>
        context.SetStruct<Timespec, Timespec32>(index, (time, _, _) => Format(time));

    internal static void SetTimeval(DecodeContext context, int index) =>
        context.SetStruct<Timeval, Timeval32>(index, (time, _, _) => Format(time));

    /// <summary>The timespec at <paramref name="address"/> as text, or null when it cannot be read.</summary>
    internal static string? ReadTimespec(DecodeContext context, long address) =>
        context.TryRead<Timespec, Timespec32>((ulong)address, out Timespec t) ? Format(t) : null;

    internal static string? ReadTimeval(DecodeContext context, long address) =>
        context.TryRead<Timeval, Timeval32>((ulong)address, out Timeval t) ? Format(t) : null;
}
