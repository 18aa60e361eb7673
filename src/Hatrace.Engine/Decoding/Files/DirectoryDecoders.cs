using System.Buffers.Binary;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>getdents and getdents64, whose entries strace counts without -v (<c>0x55d0... /* 5 entries */</c>),
/// and getcwd, whose buffer holds the path at exit.</summary>
internal static class DirectoryDecoders
{
    private const int RecordLengthOffset = 16; // d_reclen, in linux_dirent and linux_dirent64 alike
    private const int MaxBuffer = 1 << 20;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("getdents", DecodeGetdents),
        ("getdents64", DecodeGetdents),
        ("getcwd", DecodeGetcwd),
    ];

    private static void DecodeGetdents(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(1);
            return;
        }
        long address = context.Raw(1);
        int? count = context.Failed || !context.Dereference ? null : CountEntries(context, (ulong)address, context.Result);
        if (count is null)
            context.SetPointer(1);
        else
            context.Set(1, ArgumentKind.Pointer, count, $"{DecodeContext.FormatAddress(address)} /* {count} entries */");
    }

    /// <summary>How many records the first <paramref name="length"/> bytes hold; null when they cannot be read.</summary>
    private static int? CountEntries(DecodeContext context, ulong address, long length)
    {
        if (length <= 0)
            return 0;
        var bytes = new byte[Math.Min(length, MaxBuffer)];
        if (!context.TryReadBytes(address, bytes))
            return null;
        int count = 0;
        for (int offset = 0; offset + RecordLengthOffset + 2 <= bytes.Length; count++)
        {
            int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + RecordLengthOffset));
            if (recordLength == 0)
                break; // a corrupt record: stop rather than loop
            offset += recordLength;
        }
        return count;
    }

    private static void DecodeGetcwd(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(0);
        else if (context.Failed)
            context.SetPointer(0);
        else
            context.SetString(0, ArgumentKind.Path);
    }
}
