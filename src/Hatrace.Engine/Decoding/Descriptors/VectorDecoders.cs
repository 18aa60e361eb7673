using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>readv, writev, preadv and pwritev: the iovec array, with what was written at entry and what was read at
/// exit (only as much as the call read). preadv and pwritev print their offset whole, as one argument.</summary>
internal static class VectorDecoders
{
    private const int Vectors = 1, Count = 2, OffsetLow = 3;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("writev", DecodeWrite),
        ("pwritev", context => { DecodeWrite(context); ShowOffset(context); }),
        ("readv", DecodeRead),
        ("preadv", context => { DecodeRead(context); ShowOffset(context); }),
    ];

    private static void DecodeWrite(DecodeContext context)
    {
        if (!context.Exiting)
            SetVectors(context, long.MaxValue);
    }

    private static void DecodeRead(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(Vectors);
        else if (context.Failed)
            context.SetPointer(Vectors);
        else
            SetVectors(context, context.Result);
    }

    // The kernel splits the offset into pos_l and pos_h for 32-bit callers; on x86_64 pos_l holds all of it.
    private static void ShowOffset(DecodeContext context)
    {
        if (!context.Exiting)
            context.ShownCount = OffsetLow + 1;
    }

    private static void SetVectors(DecodeContext context, long dataLength)
    {
        if (context.Call.Arch == SyscallArch.I386)
            return; // the x86_64 layout only: the kind prints the address
        (string text, object value) = IovecArray.Read(context, context.Raw(Vectors), (long)context.Unsigned(Count), dataLength);
        context.Set(Vectors, ArgumentKind.Pointer, value, text);
    }
}
