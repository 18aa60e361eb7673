using System.Globalization;
using System.Runtime.InteropServices;

namespace Hatrace.Engine.Tracing;

/// <summary>Reads a file of a process's /proc directory with open, read and close alone. The tracer reads some of them
/// for every process it sees start; a FileStream would add fstat, flock and its buffers to each.</summary>
internal static class ProcFile
{
    /// <summary>/proc/ID/NAME into <paramref name="buffer"/>, as much as it holds; the count read, or -1 when the process
    /// is gone or the file cannot be read.</summary>
    internal static int Read(int id, string name, Span<byte> buffer)
    {
        int fd = Open(id, name);
        if (fd < 0)
            return -1;
        try
        {
            return ReadFrom(fd, buffer);
        }
        finally
        {
            Interop.Libc.Close(fd);
        }
    }

    /// <summary>The whole of /proc/ID/NAME, or null when the process is gone or the file cannot be read.</summary>
    internal static byte[]? ReadAll(int id, string name)
    {
        int fd = Open(id, name);
        if (fd < 0)
            return null;
        try
        {
            byte[] buffer = new byte[4096];
            for (int length = 0; ; Array.Resize(ref buffer, buffer.Length * 2))
            {
                int read = ReadFrom(fd, buffer.AsSpan(length));
                if (read < 0)
                    return null;
                length += read;
                if (length < buffer.Length)
                    return buffer[..length];
            }
        }
        finally
        {
            Interop.Libc.Close(fd);
        }
    }

    private static unsafe int Open(int id, string name)
    {
        Span<byte> path = stackalloc byte[64];
        if (!System.Text.Unicode.Utf8.TryWrite(path, CultureInfo.InvariantCulture, $"/proc/{id}/{name}\0", out _))
            return -1;
        fixed (byte* p = path)
            return Interop.Libc.Open(p, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
    }

    // Until the end of the file or of the buffer; -1 on an error.
    private static unsafe int ReadFrom(int fd, Span<byte> buffer)
    {
        int length = 0;
        fixed (byte* start = buffer)
        {
            while (length < buffer.Length)
            {
                nint read = Interop.Libc.Read(fd, start + length, (nuint)(buffer.Length - length));
                if (read == 0)
                    break;
                if (read > 0)
                    length += (int)read;
                else if (Marshal.GetLastPInvokeError() != Interop.Errno.EINTR)
                    return -1;
            }
        }
        return length;
    }
}
