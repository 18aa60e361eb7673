namespace Hatrace.Engine.Decoding.Files;

/// <summary>Extended attributes: the value set is quoted up to its size at entry; the value read and the list of
/// names are quoted up to the result at exit, as strace prints them (<c>"user.a\0user.b\0"</c>).</summary>
internal static class XattrDecoders
{
    private static readonly FlagSet s_flags = new("xattr_flags", "XATTR_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("setxattr", DecodeSetxattr),
        ("lsetxattr", DecodeSetxattr),
        ("fsetxattr", DecodeSetxattr),
        ("getxattr", context => DecodeOutput(context, 2, isValue: true)),
        ("lgetxattr", context => DecodeOutput(context, 2, isValue: true)),
        ("fgetxattr", context => DecodeOutput(context, 2, isValue: true)),
        ("listxattr", context => DecodeOutput(context, 1, isValue: false)),
        ("llistxattr", context => DecodeOutput(context, 1, isValue: false)),
        ("flistxattr", context => DecodeOutput(context, 1, isValue: false)),
    ];

    private const ulong XattrSizeMax = 65536;

    private static void DecodeSetxattr(DecodeContext context)
    {
        if (context.Exiting)
            return;
        // A value larger than the kernel takes (XATTR_SIZE_MAX, include/uapi/linux/limits.h) prints as its address, as
        // strace prints it.
        if (context.Unsigned(3) > XattrSizeMax)
            context.SetPointer(2, Model.PointerReason.NotDecoded);
        else
            context.SetBufferEndingInNul(2, (long)context.Unsigned(3));
        context.SetFlags(4, s_flags);
    }

    /// <summary>The buffer holds as many bytes as the call returned; strace reads them even when size was 0.</summary>
    private static void DecodeOutput(DecodeContext context, int index, bool isValue)
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (context.Failed || context.Raw(index) == 0)
            context.SetPointer(index);
        else if (isValue)
            context.SetBufferEndingInNul(index, context.Result);
        else
            context.SetBuffer(index, context.Result);
    }
}
