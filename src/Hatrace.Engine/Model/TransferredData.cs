namespace Hatrace.Engine.Model;

/// <summary>How a read or write call laid out the bytes it moved.</summary>
public enum TransferLayout
{
    /// <summary>One buffer: read, write, pread64, pwrite64, recvfrom, sendto.</summary>
    Buffer,

    /// <summary>An array of buffers (struct iovec): readv, writev, preadv, pwritev, recvmsg, sendmsg.</summary>
    Vector,

    /// <summary>One array of buffers per message: recvmmsg, sendmmsg.</summary>
    Messages,
}

/// <summary>The bytes a read or write call moved, captured whole, whatever the string length (strace's <c>-e read=</c>
/// and <c>-e write=</c>): for a read, what the call returned; for a write, what it was asked to write.</summary>
public sealed class TransferredData
{
    internal TransferredData(TransferLayout layout, IReadOnlyList<IReadOnlyList<byte[]>> messages)
    {
        Layout = layout;
        Messages = messages;
    }

    /// <summary>How the call laid the bytes out.</summary>
    public TransferLayout Layout { get; }

    /// <summary>The buffers, one list per message: a single list unless <see cref="Layout"/> is
    /// <see cref="TransferLayout.Messages"/>, holding a single buffer when it is <see cref="TransferLayout.Buffer"/>.</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> Messages { get; }
}
