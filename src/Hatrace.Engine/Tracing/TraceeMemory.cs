namespace Hatrace.Engine.Tracing;

/// <summary>Reads a stopped tracee's memory with process_vm_readv, at most one page per call so that a read
/// running into an unmapped page still returns what came before it. Owned by one thread: the buffer is reused.</summary>
internal sealed class TraceeMemory : ITraceeMemory
{
    internal const int PageSize = 4096;

    // Strings are read here, a page at a time; it grows to the longest string asked for (a path: PATH_MAX).
    private byte[] _string = new byte[PageSize];

    /// <inheritdoc/>
    public unsafe int Read(int pid, ulong address, Span<byte> destination)
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
                nint read = Interop.Libc.ProcessVmReadv(pid, &localIov, 1, &remoteIov, 1, 0);
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
    public bool TryReadCString(int pid, ulong address, int limit, out ReadOnlySpan<byte> bytes, out bool truncated)
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
            int read = Read(pid, at, _string.AsSpan(length, chunk));
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
        truncated = Read(pid, address + (ulong)limit, next) != 1 || next[0] != 0;
        bytes = _string.AsSpan(0, length);
        return true;
    }

    /// <summary>Writes a stopped tracee's memory: process_vm_writev, and for what it refuses (read-only pages, such as
    /// the string literals programs pass as paths) /proc/PID/mem, which writes as a debugger does. Any thread may call it.</summary>
    /// <exception cref="IOException">Part of the range is not mapped in the tracee.</exception>
    internal static unsafe void Write(int pid, ulong address, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
            return;
        fixed (byte* local = data)
        {
            var localIov = new Interop.Libc.Iovec { Base = (nint)local, Length = (nuint)data.Length };
            var remoteIov = new Interop.Libc.Iovec { Base = (nint)address, Length = (nuint)data.Length };
            if (Interop.Libc.ProcessVmWritev(pid, &localIov, 1, &remoteIov, 1, 0) == data.Length)
                return;
        }
        try
        {
            using var memory = new FileStream($"/proc/{pid}/mem", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            RandomAccess.Write(memory.SafeFileHandle, data, (long)address);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not write {data.Length} bytes at 0x{address:x} in process {pid}: {e.Message}", e);
        }
    }
}
