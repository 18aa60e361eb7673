namespace Hatrace.Engine.Decoding.Memory;

/// <summary>Calls that return an address: the result prints in hex, as strace prints it.</summary>
internal static class MappingDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        from name in new[] { "mmap", "mmap2", "brk", "mremap", "shmat" }
        select (name, (Decoder)DecodeAddressResult);

    private static void DecodeAddressResult(DecodeContext context)
    {
        if (context.Exiting && !context.Failed)
            context.SetResultText(DecodeContext.FormatAddress(context.Result));
    }
}
