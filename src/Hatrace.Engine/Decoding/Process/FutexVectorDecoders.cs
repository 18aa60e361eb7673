using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>futex_waitv: a wait on several futexes, each a struct futex_waitv.</summary>
internal static class FutexVectorDecoders
{
    private static readonly FlagSet s_waiterFlags = new("futex_waitv_flags", "FUTEX_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("futex_waitv", DecodeFutexWaitv)];

    /// <summary>struct futex_waitv (include/uapi/linux/futex.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FutexWaitv : IKernelStruct<FutexWaitv>
    {
        public ulong val, uaddr;
        public uint flags, __reserved;

        public static string TypeName => "futex_waitv";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("val", val), new("uaddr", DecodeContext.Pointer((long)uaddr, PointerReason.NotDecoded)),
            new("flags", new FlagsValue(flags, s_waiterFlags)), new("__reserved", __reserved),
        ];
    }

    /// <summary>futex_waitv(waiters, nr_futexes, flags, timeout, clockid).</summary>
    private static void DecodeFutexWaitv(DecodeContext context)
    {
        if (context.Exiting)
            return;
        StructArrays.Set<FutexWaitv>(context, 0, (long)context.Unsigned(1), (waiter, render, _) => FormatWaiter(waiter, render));
        context.SetHexOrZero(2);
        TimeStructs.SetTimespec(context, 3);
        context.SetNamed(4, Time.ClockDecoders.Clocks);
    }

    // The reserved word shows only when a caller set it: the kernel refuses the call then.
    private static string FormatWaiter(FutexWaitv waiter, StraceRenderer render)
    {
        var text = new StructWriter().Field("val", DecodeContext.HexOrZero(waiter.val))
            .Field("uaddr", DecodeContext.FormatAddress((long)waiter.uaddr))
            .Field("flags", s_waiterFlags.Format(waiter.flags, render));
        if (waiter.__reserved != 0)
            text.Field("__reserved", DecodeContext.Hex(waiter.__reserved));
        return text.ToString();
    }
}
