namespace Hatrace.Engine.Decoding.Files;

/// <summary>open, openat and creat: the mode prints only when the call may create a file, as the kernel reads it only then.</summary>
internal static class OpenDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("open", context => DecodeOpen(context, flagsIndex: 1)),
        ("openat", context => DecodeOpen(context, flagsIndex: 2)),
    ];

    private static void DecodeOpen(DecodeContext context, int flagsIndex)
    {
        if (!context.Exiting && !OpenFlags.TakesMode(context.Signed(flagsIndex)))
            context.ShownCount = flagsIndex + 1;
    }
}
