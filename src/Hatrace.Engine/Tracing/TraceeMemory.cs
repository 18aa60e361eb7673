namespace Hatrace.Engine.Tracing;

/// <summary>Reads a stopped tracee's memory with process_vm_readv, at most one page per call so that a read
/// running into an unmapped page still returns what came before it. Owned by one thread: the buffer is reused.</summary>
internal sealed class TraceeMemory : ITraceeMemory
{
    internal const int PageSize = 4096;

    // Strings are read here, a page at a time; it grows to the longest string asked for (a path: PATH_MAX).
    private byte[] _string = new byte[PageSize];

    // Strings read together (argv, envp) land here, one after another.
    private byte[] _strings = new byte[PageSize];

    // How many strings one process_vm_readv reads together, and how much of each at most: a longer one (a large -s)
    // is read again on its own rather than each piece running to its page's end.
    private const int StringsPerRead = 64;
    private const int PieceLength = 256;

    /// <inheritdoc/>
    public unsafe int Read(int threadId, ulong address, Span<byte> destination)
    {
        int total = 0;
        fixed (byte* local = destination)
        {
            while (total < destination.Length)
            {
                ulong at = address + (ulong)total;
                int chunk = (int)Math.Min((ulong)(destination.Length - total), PageSize - (at % PageSize));
                var localIov = new Interop.Libc.Iovec { Base = (nint)(local + total), Length = (nuint)chunk };
                var remoteIov = new Interop.Libc.Iovec { Base = (nint)at, Length = (nuint)chunk };
                nint read = Interop.Libc.ProcessVmReadv(threadId, &localIov, 1, &remoteIov, 1, 0);
                if (read <= 0)
                    break;
                total += (int)read;
                if (read < chunk)
                    break;
            }
        }
        return total;
    }

    /// <inheritdoc/>
    /// <remarks>A page at a time, into a buffer of this reader's: <paramref name="bytes"/> is valid until its next read.</remarks>
    public bool TryReadCString(int threadId, ulong address, int limit, out ReadOnlySpan<byte> bytes, out bool truncated)
    {
        bytes = default;
        truncated = false;
        if (address == 0)
            return false;
        int length = 0;
        while (length < limit)
        {
            ulong at = address + (ulong)length;
            int chunk = (int)Math.Min((ulong)(limit - length), PageSize - (at % PageSize));
            if (_string.Length < length + chunk)
                Array.Resize(ref _string, Math.Max(_string.Length * 2, length + chunk));
            int read = Read(threadId, at, _string.AsSpan(length, chunk));
            if (read == 0)
                return false;
            int nul = _string.AsSpan(length, read).IndexOf((byte)0);
            if (nul >= 0)
            {
                bytes = _string.AsSpan(0, length + nul);
                return true;
            }
            length += read;
        }
        // The limit came first: a NUL right after it still means the string is whole.
        Span<byte> next = stackalloc byte[1];
        truncated = Read(threadId, address + (ulong)limit, next) != 1 || next[0] != 0;
        bytes = _string.AsSpan(0, length);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>One process_vm_readv reads the start of many strings, each up to one byte past the limit (whether a NUL
    /// ends it there), its page's end or <see cref="PieceLength"/>; a string longer than its piece, or one after memory
    /// that could not be read, is read again on its own.</remarks>
    public unsafe void ReadCStrings(int threadId, ReadOnlySpan<ulong> addresses, int limit, CStringHandler handle)
    {
        Span<Interop.Libc.Iovec> remote = stackalloc Interop.Libc.Iovec[StringsPerRead];
        Span<int> lengths = stackalloc int[StringsPerRead];
        for (int first = 0; first < addresses.Length; first += StringsPerRead)
        {
            int count = Math.Min(StringsPerRead, addresses.Length - first), size = 0;
            for (int i = 0; i < count; i++)
            {
                ulong at = addresses[first + i];
                lengths[i] = at == 0 ? 0 : (int)Math.Min(Math.Min((ulong)limit + 1, PieceLength), PageSize - (at % PageSize));
                remote[i] = new Interop.Libc.Iovec { Base = (nint)at, Length = (nuint)lengths[i] };
                size += lengths[i];
            }
            if (_strings.Length < size)
                _strings = new byte[Math.Max(_strings.Length * 2, size)];
            nint read;
            fixed (byte* local = _strings)
            {
                var localIov = new Interop.Libc.Iovec { Base = (nint)local, Length = (nuint)size };
                fixed (Interop.Libc.Iovec* remoteIov = remote)
                    read = Interop.Libc.ProcessVmReadv(threadId, &localIov, 1, remoteIov, (nuint)count, 0);
            }
            for (int i = 0, offset = 0; i < count; offset += lengths[i], i++)
            {
                ReadOnlySpan<byte> piece = _strings.AsSpan(offset, lengths[i]);
                int nul = piece[..Math.Min(piece.Length, limit)].IndexOf((byte)0);
                if (offset + piece.Length > read || (nul < 0 && piece.Length <= limit))
                {
                    // Not read (memory ended before it), or going on past its piece (its page's end, PieceLength): on
                    // its own.
                    bool readable = TryReadCString(threadId, addresses[first + i], limit, out ReadOnlySpan<byte> bytes, out bool truncated);
                    handle(first + i, readable, bytes, truncated);
                }
                else if (nul >= 0)
                    handle(first + i, true, piece[..nul], false);
                else
                    handle(first + i, true, piece[..limit], piece[limit] != 0);
            }
        }
    }

    /// <summary>Writes a stopped tracee's memory: process_vm_writev, and for what it refuses (read-only pages, such as
    /// the string literals programs pass as paths) /proc/PID/mem, which writes as a debugger does. Any thread may call it.</summary>
    /// <exception cref="IOException">Part of the range is not mapped in the tracee.</exception>
    internal static unsafe void Write(int threadId, ulong address, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        fixed (byte* local = data)
        {
            var localIov = new Interop.Libc.Iovec { Base = (nint)local, Length = (nuint)data.Length };
            var remoteIov = new Interop.Libc.Iovec { Base = (nint)address, Length = (nuint)data.Length };
            if (Interop.Libc.ProcessVmWritev(threadId, &localIov, 1, &remoteIov, 1, 0) == data.Length)
                return;
        }
        if (address > long.MaxValue)
            throw new IOException($"Could not write {data.Length} bytes at 0x{address:x} in thread {threadId}'s process: no user-space address.");
        try
        {
            using var memory = new FileStream($"/proc/{threadId}/mem", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            RandomAccess.Write(memory.SafeFileHandle, data, (long)address);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not write {data.Length} bytes at 0x{address:x} in thread {threadId}'s process: {e.Message}", e);
        }
    }
}
