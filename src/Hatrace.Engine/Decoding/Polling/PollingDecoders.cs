namespace Hatrace.Engine.Decoding.Polling;

/// <summary>The polling family's decoders, as DecoderTable lists families. Their timeouts and sigmask arguments have
/// x86_64's layout, so an i386 tracee's calls are left to the arguments' kinds.</summary>
internal static class PollingDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        from entry in PollDecoders.All.Concat(SelectDecoders.All).Concat(EpollDecoders.All)
        select (entry.Name, DecoderTable.WordSize64Only(entry.Decode));
}
