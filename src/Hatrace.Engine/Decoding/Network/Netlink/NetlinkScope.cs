using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>One netlink buffer being decoded: the call's context, the socket's protocol, and the buffer's bytes, of
/// which the first <see cref="ReadCount"/> could be read (the rest print as their address).</summary>
internal sealed class NetlinkScope(DecodeContext context, int protocol, long address, byte[] bytes, int readCount)
{
    internal DecodeContext Context => context;

    /// <summary>The socket's netlink protocol (NETLINK_ROUTE's 0...).</summary>
    internal int Protocol => protocol;

    /// <summary>The buffer as long as the call gave it; only <see cref="ReadCount"/> bytes of it were read.</summary>
    internal byte[] Bytes => bytes;

    internal int ReadCount => readCount;

    /// <summary>The bytes from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    internal ReadOnlySpan<byte> Slice(int start, int end) => bytes.AsSpan(start, end - start);

    /// <summary>Whether the bytes from <paramref name="from"/> up to <paramref name="to"/> could be read.</summary>
    internal bool Readable(int from, int to) => to <= readCount && from <= to;

    /// <summary>The address of the byte at <paramref name="offset"/>, for what could not be read.</summary>
    internal NetlinkPart AddressAt(int offset) =>
        new(DecodeContext.FormatAddress(address + offset), DecodeContext.Pointer(address + offset, PointerReason.Unreadable));

    /// <summary>Whether a list holding <paramref name="count"/> items is as long as strace prints one without -v: as
    /// many items as the string length.</summary>
    internal bool Full(int count) => context.Abbreviate && count >= context.StringLength;

    /// <summary>Items as strace prints a list of messages, attributes or a message's parts: one item alone, several in
    /// brackets, <c>...</c> after them when there are <paramref name="more"/>. The value is the list whatever its length.</summary>
    internal static NetlinkPart List(List<NetlinkPart> items, bool more)
    {
        var value = new ArrayValue(items.Select(item => item.Value), truncated: more, stoppedAt: null);
        if (items.Count == 1 && !more)
            return new(items[0].Text, value);
        IEnumerable<string> texts = items.Select(item => item.Text);
        return new("[" + string.Join(", ", more ? texts.Append("...") : texts) + "]", value);
    }
}
