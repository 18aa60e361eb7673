using Hatrace.Engine.Decoding.Network.Netlink;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>sendto and recvfrom: the data (netlink messages on a netlink socket), the MSG_* flags and the peer's
/// address. send and recv are these calls with no address: on x86_64, and as i386's socketcall makes them.</summary>
internal static class TransferDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sendto", DecodeSendto),
        ("recvfrom", DecodeRecvfrom),
        ("send", DecodeSendto),
        ("recv", DecodeRecvfrom),
    ];

    private const int Address = 4, AddressLength = 5;

    private static bool HasAddress(DecodeContext context) => context.Parameters.Count > Address;

    private static void DecodeSendto(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        SetData(context, (long)context.Unsigned(2));
        context.SetUInt(2);
        context.SetFlags(3, SocketNames.MessageFlagNames);
        if (!HasAddress(context))
            return;
        SocketArguments.SetSockaddr(context, Address, context.Signed(AddressLength));
        context.SetInt(AddressLength);
    }

    private static void DecodeRecvfrom(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            context.SetUInt(2);
            context.SetFlags(3, SocketNames.MessageFlagNames);
            context.Defer(1);
            if (HasAddress(context))
            {
                SocketArguments.SetLengthIn(context, AddressLength);
                context.Defer(Address);
            }
            return;
        }
        if (context.Failed)
            return; // the buffer and the address print as pointers, the length as it went in
        // With MSG_TRUNC the call returns the datagram's whole length, which may be more than the buffer holds.
        SetData(context, Math.Min(context.Result, (long)context.Unsigned(2)));
        if (HasAddress(context))
            SocketArguments.SetSockaddrOut(context, Address, AddressLength);
    }

    // The data: decoded as netlink messages on a netlink socket, as strace decodes them unless told not to follow
    // pointers (-e verbose=none); quoted otherwise.
    private static void SetData(DecodeContext context, long length)
    {
        if (context.Raw(1) != 0 && context.Dereference && context.NetlinkProtocolOf((int)context.Signed(0)) is int protocol
            && NetlinkMessages.Decodes(protocol))
            NetlinkMessages.Set(context, 1, protocol, length);
        else
            context.SetBuffer(1, length);
    }
}
