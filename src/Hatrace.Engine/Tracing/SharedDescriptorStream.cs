namespace Hatrace.Engine.Tracing;

/// <summary>A descriptor this process shares with the programs it traces, such as its stdout or stderr, written with
/// write(2) at the descriptor's own offset, as strace's stdio writes. A <see cref="FileStream"/> over a regular file
/// writes at a position of its own, and would write over what a program wrote to the same file in between
/// (<c>hatrace ... 2&gt;log</c>). A write that fails throws an <see cref="IOException"/> whose HResult is the errno,
/// as the runtime's own do.</summary>
public sealed class SharedDescriptorStream : Stream
{
    private readonly int _descriptor;

    private SharedDescriptorStream(int descriptor) => _descriptor = descriptor;

    /// <summary>The stream over <paramref name="descriptor"/>, which it does not close; null when this process has no
    /// such descriptor (started with it closed).</summary>
    public static SharedDescriptorStream? Open(int descriptor) => Interop.Libc.Fcntl(descriptor, Interop.Libc.F_GETFD) < 0 ? null : new(descriptor);

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint written;
            fixed (byte* bytes = buffer)
                written = Interop.Libc.Write(_descriptor, bytes, (nuint)buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }
            int errno = Interop.Errno.Last;
            if (errno != Interop.Errno.EINTR)
                throw new IOException($"write: {Interop.Errno.Message(errno)}", errno);
        }
    }

    /// <summary>Nothing to do: every write goes straight to the descriptor.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
}
