using System.Globalization;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>Calls that move data between descriptors in the kernel: sendfile, copy_file_range, splice and tee. Their
/// offsets print as <c>[0]</c>; sendfile's, which the kernel updates, as <c>[0] => [10]</c> at exit.</summary>
internal static class TransferDecoders
{
    internal static readonly FlagSet SpliceFlags = new("splice_flags", "SPLICE_F_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sendfile", DecodeSendfile),
        ("copy_file_range", context => DecodeOffsets(context, flagsIndex: null)),
        ("splice", context => DecodeOffsets(context, flagsIndex: 5)),
        ("tee", context =>
        {
            if (!context.Exiting)
                context.SetFlags(3, SpliceFlags);
        }),
    ];

    private static void DecodeOffsets(DecodeContext context, int? flagsIndex)
    {
        if (context.Exiting)
            return;
        SetOffset(context, 1);
        SetOffset(context, 3);
        if (flagsIndex is int index)
            context.SetFlags(index, SpliceFlags);
    }

    private static void DecodeSendfile(DecodeContext context)
    {
        if (!context.Exiting)
        {
            // An offset read prints as it was, and what the kernel made it at exit: strace prints the rest then.
            SetOffset(context, 2);
            if (context.Arguments[2]?.Value is long)
                context.ContinueAtExit(2);
            return;
        }
        if (context.Failed || context.Arguments[2]?.Value is not long before || !context.TryRead((ulong)context.Raw(2), out long after) || after == before)
            return;
        context.Set(2, ArgumentKind.Pointer, after, $"{Format(before)} => {Format(after)}");
    }

    private static void SetOffset(DecodeContext context, int index) => context.SetPointee<long>(index, Format);

    private static string Format(long offset) => StructWriter.Array([offset.ToString(CultureInfo.InvariantCulture)]);
}
