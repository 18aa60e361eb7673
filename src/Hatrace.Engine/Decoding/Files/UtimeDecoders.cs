using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>The older calls that set a file's times: utime's struct utimbuf (<c>{actime=1 /* 1970-01-01T00:00:01+0000 */,
/// modtime=2 /* ... */}</c>) and the two timevals of utimes and futimesat, each with its date as strace adds it.</summary>
internal static class UtimeDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("utime", DecodeUtime),
        ("utimes", context => SetTimevalPair(context, 1)),
        ("futimesat", context => SetTimevalPair(context, 2)),
    ];

    /// <summary>struct utimbuf (include/uapi/linux/utime.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Utimbuf : IKernelStruct<Utimbuf>
    {
        public long actime;
        public long modtime;

        public static string TypeName => "utimbuf";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("actime", StatDecoders.Time(actime, 0)), new("modtime", StatDecoders.Time(modtime, 0))];
    }

    /// <summary>i386's struct old_utimbuf32.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Utimbuf32 : ICompatStruct<Utimbuf32, Utimbuf>
    {
        public int actime, modtime;

        public static string TypeName => "utimbuf";

        public readonly Utimbuf Widen() => new() { actime = actime, modtime = modtime };
    }

    private static void DecodeUtime(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetStruct<Utimbuf, Utimbuf32>(1, (times, _, _) => new StructWriter().Field("actime", Seconds(times.actime))
                .Field("modtime", Seconds(times.modtime)).ToString());
    }

    private static string Seconds(long seconds) => seconds.ToString(CultureInfo.InvariantCulture) + PathDecoders.TimeComment(seconds, 0, 6);

    // The access and the modification time: [{tv_sec=3, tv_usec=4} /* 1970-01-01T00:00:03.000004+0000 */, {...}].
    private static void SetTimevalPair(DecodeContext context, int index)
    {
        if (context.Exiting)
            return;
        ulong address = (ulong)context.Raw(index);
        if (context.TryRead<TimeStructs.Timeval, TimeStructs.Timeval32>(address, out TimeStructs.Timeval access)
            && context.TryRead<TimeStructs.Timeval, TimeStructs.Timeval32>(address + (ulong)(2 * context.WordSize), out TimeStructs.Timeval modify))
            context.Set(index, ArgumentKind.Pointer, new ArrayValue([StructValue.Of(access), StructValue.Of(modify)]),
                context.ArrayText([Format(access), Format(modify)]));
        else
            context.SetPointer(index);
    }

    private static string Format(TimeStructs.Timeval time) => TimeStructs.Format(time) + PathDecoders.TimeComment(time.tv_sec, time.tv_usec, 6);
}
