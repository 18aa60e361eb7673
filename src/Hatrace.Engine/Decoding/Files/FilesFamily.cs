namespace Hatrace.Engine.Decoding.Files;

/// <summary>The decoders of the files family beyond open (which DecoderTable lists itself): one entry for DecoderTable.</summary>
internal static class FilesFamily
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        StatDecoders.All.Concat(StatfsDecoders.All).Concat(PathDecoders.All).Concat(DirectoryDecoders.All)
            .Concat(XattrDecoders.All).Concat(Openat2Decoders.All).Concat(MountDecoders.All)
            .Concat(UtimeDecoders.All).Concat(HandleDecoders.All);
}
