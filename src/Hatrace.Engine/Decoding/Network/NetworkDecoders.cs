namespace Hatrace.Engine.Decoding.Network;

/// <summary>The network family's decoders, as DecoderTable lists families. Socket addresses are laid out alike in every
/// ABI; struct msghdr is read in the call's ABI's words.</summary>
internal static class NetworkDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All => SocketDecoders.All.Concat(TransferDecoders.All).Concat(MessageDecoders.All);
}
