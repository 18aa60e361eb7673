namespace Hatrace.Engine.Decoding.Polling;

/// <summary>The polling family's decoders, as DecoderTable lists families. They read each ABI's layouts: struct pollfd
/// and struct epoll_event are the same on both, the times and descriptor sets i386 lays out its own way.</summary>
internal static class PollingDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All => PollDecoders.All.Concat(SelectDecoders.All).Concat(EpollDecoders.All);
}
