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
        ("getxattr", context => DecodeOutput(context, 2)),
        ("lgetxattr", context => DecodeOutput(context, 2)),
        ("fgetxattr", context => DecodeOutput(context, 2)),
        ("listxattr", context => DecodeOutput(context, 1)),
        ("llistxattr", context => DecodeOutput(context, 1)),
        ("flistxattr", context => DecodeOutput(context, 1)),
    ];

    private static void DecodeSetxattr(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetBuffer(2, (long)context.Unsigned(3));
        context.SetFlags(4, s_flags);
    }

    /// <summary>The buffer holds as many bytes as the call returned; strace reads them even when size was 0.</summary>
    private static void DecodeOutput(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (context.Failed || context.Raw(index) == 0)
            context.SetPointer(index);
        else
            context.SetBuffer(index, context.Result);
    }
}
