namespace Hatrace.Engine.Decoding.Network;

/// <summary>The network family's decoders, as DecoderTable lists families. Socket addresses are laid out alike in every
/// ABI; struct msghdr holds pointers, so sendmsg and recvmsg decode only calls made through a 64-bit ABI.</summary>
internal static class NetworkDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
        SocketDecoders.All.Concat(TransferDecoders.All)
            .Concat(from entry in MessageDecoders.All select (entry.Name, DecoderTable.WordSize64Only(entry.Decode)));
}
