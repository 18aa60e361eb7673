using System.Buffers.Binary;

namespace Hatrace.Engine.Decoding;

/// <summary>An array of struct iovec as strace prints it: <c>[{iov_base="abc", iov_len=3}, ...]</c>, each buffer
/// showing at most what is left of the bytes the call moved, and at most the string length. x86_64 layout.</summary>
internal static class IovecArray
{
    private const int IovecSize = 16;
    private const int MaxIovecs = 1024; // IOV_MAX

    internal static string Format(DecodeContext context, long address, long count, long dataLength)
    {
        var vectors = new byte[Math.Clamp(count, 0, MaxIovecs) * IovecSize];
        if (address == 0 || !context.TryReadBytes((ulong)address, vectors))
            return DecodeContext.FormatAddress(address);
        var items = new List<string>();
        long left = dataLength;
        for (int at = 0; at < vectors.Length; at += IovecSize)
        {
            long buffer = BinaryPrimitives.ReadInt64LittleEndian(vectors.AsSpan(at));
            long length = BinaryPrimitives.ReadInt64LittleEndian(vectors.AsSpan(at + 8));
            long shown = Math.Min(length, left);
            left -= Math.Max(shown, 0);
            items.Add(new StructWriter().Field("iov_base", Data(context, buffer, shown)).Field("iov_len", length).ToString());
        }
        return StructWriter.Array(items);
    }

    private static string Data(DecodeContext context, long address, long length)
    {
        var bytes = new byte[Math.Clamp(length, 0, context.StringLength)];
        if (bytes.Length > 0 && !context.TryReadBytes((ulong)address, bytes))
            return DecodeContext.FormatAddress(address);
        return context.Quote(bytes, truncated: length > bytes.Length);
    }
}
