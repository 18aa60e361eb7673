using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>An array of struct iovec as strace prints it: <c>[{iov_base="abc", iov_len=3}, ...]</c>, each buffer
/// showing at most what is left of the bytes the call moved, and at most the string length, in the layout of the call's
/// ABI (two words). Its value
/// is an <see cref="ArrayValue"/> of iovec structures whose <c>iov_base</c> holds the bytes shown (the address where
/// they cannot be read or are not shown: NULL, a call that failed, memory of another process).</summary>
internal static class IovecArray
{
    private const int MaxIovecs = 1024; // IOV_MAX

    /// <summary>Decides argument <paramref name="index"/> as the array of <paramref name="count"/> iovecs it points to,
    /// showing <paramref name="dataLength"/> bytes of their buffers (<see cref="long.MaxValue"/>: each one's, whatever
    /// the lengths); only the buffers' addresses when it is null.</summary>
    internal static void Set(DecodeContext context, int index, long count, long? dataLength)
    {
        (string text, object value) = Read(context, context.Raw(index), count, dataLength);
        context.Set(index, ArgumentKind.Pointer, value, text);
    }

    /// <summary>The array's text and value, as far as its memory goes; its address for both when not even its first
    /// iovec can be read. <paramref name="decodeData"/>, when given, decodes each buffer's data from its address and
    /// the length shown (netlink messages), null where it cannot be read.</summary>
    internal static (string Text, object Value) Read(DecodeContext context, long address, long count, long? dataLength,
        Func<long, long, (string Text, object Value)?>? decodeData = null)
    {
        // Abbreviated, strace shows as many iovecs as the string length, then "...".
        int word = context.WordSize, iovecSize = 2 * word;
        long shownCount = Math.Clamp(count, 0, context.Abbreviate ? Math.Min(MaxIovecs, context.StringLength) : MaxIovecs);
        // A count (an unsigned one) of more iovecs than the address space holds past the array's start: no array.
        bool impossible = (ulong)count > (ulong.MaxValue - (ulong)address) / (ulong)iovecSize;
        PointerValue? stoppedAt = null;
        byte[]? vectors = impossible ? null : context.ReadArray((ulong)address, shownCount, iovecSize, out stoppedAt);
        if (vectors is null)
            return (DecodeContext.FormatAddress(address), DecodeContext.Pointer(address, PointerReason.Unreadable));
        var items = new List<string>();
        var values = new List<object?>();
        ulong left = (ulong)(dataLength ?? 0);
        for (int at = 0; at < vectors.Length; at += iovecSize)
        {
            long buffer = (long)context.Word(vectors.AsSpan(at));
            ulong length = context.Word(vectors.AsSpan(at + word)); // a size_t
            long shown = (long)Math.Min(length, left);
            if (dataLength != long.MaxValue)
                left -= (ulong)shown;
            (string data, object dataValue) = dataLength is null || buffer == 0
                ? (DecodeContext.FormatAddress(buffer), DecodeContext.Pointer(buffer, PointerReason.NotDecoded))
                : decodeData is null ? Data(context, buffer, shown)
                : decodeData(buffer, shown) ?? (DecodeContext.FormatAddress(buffer), DecodeContext.Pointer(buffer, PointerReason.Unreadable));
            var iovec = new StructWriter("iovec").Field("iov_base", dataValue, data)
                .Field("iov_len", (long)length, length.ToString(CultureInfo.InvariantCulture));
            items.Add(iovec.ToString());
            values.Add(iovec.Value);
        }
        if (count > shownCount && stoppedAt is null)
            items.Add("...");
        return (StructWriter.Array(items, stoppedAt), new ArrayValue(values, truncated: count > shownCount, stoppedAt));
    }

    private static (string, object) Data(DecodeContext context, long address, long length)
    {
        var bytes = new byte[Math.Clamp(length, 0, context.StringLength)];
        if (bytes.Length > 0 && !context.TryReadBytes((ulong)address, bytes))
            return (DecodeContext.FormatAddress(address), DecodeContext.Pointer(address, PointerReason.Unreadable));
        return (context.Quote(bytes, truncated: length > bytes.Length), new StringValue(bytes, truncated: length > bytes.Length, unterminated: false));
    }
}
