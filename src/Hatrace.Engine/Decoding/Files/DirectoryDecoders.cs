using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>getdents and getdents64, whose entries strace prints with -v and counts without
/// (<c>0x55d0... /* 5 entries */</c>), and getcwd, whose buffer holds the path at exit.</summary>
internal static class DirectoryDecoders
{
    private const int MaxBuffer = 1 << 20;

    private static readonly NamedValues s_types = new("dirent_types", "DT_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("getdents", context => DecodeGetdents(context, wide: false)),
        ("getdents64", context => DecodeGetdents(context, wide: true)),
        ("getcwd", DecodeGetcwd),
    ];

    /// <summary>One record of a directory: struct linux_dirent64 (<paramref name="Wide"/>), or the older struct
    /// linux_dirent, whose d_type is its record's last byte and whose numbers are the ABI's words.</summary>
    private sealed record Entry(bool Wide, ulong Inode, long Offset, int Length, byte Type, byte[] Name)
    {
        internal IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            yield return new("d_ino", Inode);
            yield return new("d_off", Wide ? Offset : (ulong)Offset);
            yield return new("d_reclen", (ushort)Length);
            KeyValuePair<string, object?> type = new("d_type", new ConstantValue(Type, s_types));
            KeyValuePair<string, object?> name = new("d_name", new StringValue(Name, truncated: false, unterminated: false));
            yield return Wide ? type : name;
            yield return Wide ? name : type;
        }

        internal string Format(StraceRenderer render)
        {
            var text = new StructWriter()
                .Field("d_ino", Inode.ToString(CultureInfo.InvariantCulture))
                .Field("d_off", Wide ? Offset.ToString(CultureInfo.InvariantCulture) : ((ulong)Offset).ToString(CultureInfo.InvariantCulture))
                .Field("d_reclen", Length);
            string type = s_types.Format(Type, render), name = render.QuoteWhole(Name, truncated: false);
            return (Wide ? text.Field("d_type", type).Field("d_name", name) : text.Field("d_name", name).Field("d_type", type)).ToString();
        }
    }

    // The entries are the value whatever prints: strace counts them unless -v.
    private static void DecodeGetdents(DecodeContext context, bool wide)
    {
        if (!context.Exiting)
        {
            context.Defer(1);
            return;
        }
        long address = context.Raw(1);
        if (context.Failed || ReadEntries(context, (ulong)address, context.Result, wide) is not (List<Entry> entries, bool truncated))
        {
            context.SetPointer(1);
            return;
        }
        string type = wide ? "linux_dirent64" : "linux_dirent";
        var value = new ArrayValue(entries.Select(e => (object?)new StructValue(type, e, static e => ((Entry)e).Fields())), truncated, stoppedAt: null);
        bool abbreviate = context.Abbreviate;
        context.Set(1, ArgumentKind.Pointer, value, render => abbreviate && !render.Verbose
            ? $"{DecodeContext.FormatAddress(address)} /* {entries.Count} entries */"
            : StructWriter.Array(truncated ? entries.Select(e => e.Format(render)).Append("...") : entries.Select(e => e.Format(render))));
    }

    /// <summary>The records in the first <paramref name="length"/> bytes, and whether some could not be taken (a record
    /// that runs past them, or past the most read); null when they cannot be read.</summary>
    private static (List<Entry>, bool Truncated)? ReadEntries(DecodeContext context, ulong address, long length, bool wide)
    {
        var bytes = new byte[Math.Clamp(length, 0, MaxBuffer)];
        if (!context.TryReadBytes(address, bytes))
            return null;
        int word = wide ? 8 : context.WordSize;
        int lengthAt = 2 * word, nameAt = lengthAt + (wide ? 3 : 2);
        var entries = new List<Entry>();
        int offset = 0;
        while (bytes.Length - offset > nameAt)
        {
            ReadOnlySpan<byte> record = bytes.AsSpan(offset);
            int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(record[lengthAt..]);
            // A record too short for its name's NUL (the older one's d_type after it), or longer than what is left,
            // is no record the kernel wrote: the rest is left out rather than read as records.
            if (recordLength <= nameAt + (wide ? 0 : 1) || recordLength > record.Length)
                break;
            record = record[..recordLength];
            ReadOnlySpan<byte> name = record[nameAt..(wide ? recordLength : recordLength - 1)];
            int end = name.IndexOf((byte)0);
            entries.Add(new Entry(wide, Number(record, word), (long)Number(record[word..], word), recordLength,
                wide ? record[lengthAt + 2] : record[^1], name[..(end < 0 ? name.Length : end)].ToArray()));
            offset += recordLength;
        }
        return (entries, offset < length);
    }

    private static ulong Number(ReadOnlySpan<byte> bytes, int word) =>
        word == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

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
