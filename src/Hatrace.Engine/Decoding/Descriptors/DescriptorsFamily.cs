namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The decoders of the descriptors family: one entry for DecoderTable.</summary>
internal static class DescriptorsFamily
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        DescriptorDecoders.All.Concat(FcntlDecoders.All).Concat(IoctlDecoders.All).Concat(TransferDecoders.All)
            .Concat(VectorDecoders.All);
}
