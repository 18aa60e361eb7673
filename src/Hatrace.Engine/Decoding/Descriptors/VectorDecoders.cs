namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>readv, writev, preadv, pwritev, their v2 forms and vmsplice: the iovec array, with what was written at entry
/// and what was read at exit (only as much as the call read; where the buffers are when it failed). The offsets print
/// whole, as one argument.</summary>
internal static class VectorDecoders
{
    private const int Vectors = 1, Count = 2, Offset = 3, OffsetHigh = 4;

    private static readonly FlagSet s_rwFlags = new("rwf_flags", "RWF_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("writev", DecodeWrite),
        ("pwritev", context => { DecodeWrite(context); ShowOffset(context); }),
        ("pwritev2", context => { DecodeWrite(context); ShowOffsetAndFlags(context); }),
        ("readv", DecodeRead),
        ("preadv", context => { DecodeRead(context); ShowOffset(context); }),
        ("preadv2", context => { DecodeRead(context); ShowOffsetAndFlags(context); }),
        ("vmsplice", DecodeVmsplice),
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
        else
            SetVectors(context, context.Failed ? null : context.Result);
    }

    /// <summary>vmsplice(fd, iov, nr_segs, flags): the buffers given, read or written, as writev's.</summary>
    private static void DecodeVmsplice(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetVectors(context, long.MaxValue);
        context.SetFlags(3, TransferDecoders.SpliceFlags);
    }

    // The kernel splits the offset into pos_l and pos_h for 32-bit callers (one argument there, SplitArguments); on
    // x86_64 pos_l holds all of it, a signed loff_t (preadv2's -1: the file's own position), and pos_h is not shown.
    private static void ShowOffset(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetInt(Offset);
        context.ShownCount = Offset + 1;
    }

    /// <summary>preadv2 and pwritev2: the flags show after the offset, in x86_64's pos_h's place, which moves out of
    /// sight.</summary>
    private static void ShowOffsetAndFlags(DecodeContext context)
    {
        ShowOffset(context);
        if (context.Exiting)
            return;
        int flags = context.Parameters.Count - 1;
        context.SetFlags(flags, s_rwFlags);
        if (flags > OffsetHigh)
        {
            context.SetUInt(OffsetHigh);
            (context.Arguments[OffsetHigh], context.Arguments[flags]) = (context.Arguments[flags], context.Arguments[OffsetHigh]);
        }
        context.ShownCount = OffsetHigh + 1;
    }

    private static void SetVectors(DecodeContext context, long? dataLength) =>
        IovecArray.Set(context, Vectors, (long)context.Unsigned(Count), dataLength);
}
