namespace Hatrace.Engine.Decoding;

/// <summary>The family decoders, by syscall name. Each family lists its own calls; a call no family lists is
/// decoded by its arguments' kinds alone.</summary>
internal static class DecoderTable
{
    private static readonly Dictionary<string, Decoder> s_decoders = Build(
        Files.OpenDecoders.All,
        Files.FilesFamily.All,
        Descriptors.DescriptorsFamily.All,
        Process.ProcessDecoders.All,
        SignalFamily.SignalDecoders.All,
        Network.NetworkDecoders.All,
        Polling.PollingDecoders.All,
        Time.TimeDecoders.All,
        Memory.MappingDecoders.All,
        Ipc.IpcDecoders.All,
        Bpf.BpfDecoders.All);

    internal static Decoder? Find(string name) => s_decoders.GetValueOrDefault(name);

    /// <summary>Runs <paramref name="decode"/> only for calls made through a 64-bit ABI: for the families that read
    /// x86_64's layouts, so that an i386 tracee's calls are left to the arguments' kinds rather than misread.</summary>
    internal static Decoder WordSize64Only(Decoder decode) => context =>
    {
        if (context.WordSize == 8)
            decode(context);
    };

    private static Dictionary<string, Decoder> Build(params IEnumerable<(string Name, Decoder Decode)>[] families)
    {
        var table = new Dictionary<string, Decoder>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            foreach ((string name, Decoder decode) in family)
                table.Add(name, decode); // a call claimed by two families is a bug: Add throws at start-up, and tests see it
        }
        return table;
    }
}
