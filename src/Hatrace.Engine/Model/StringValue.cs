namespace Hatrace.Engine.Model;

/// <summary>Bytes of the tracee's that strace prints quoted: a path, a string, a buffer (the value of <c>pathname</c>,
/// <c>buf</c> and the like, <see cref="SyscallArgument.Value"/>). It compares equal to its <see cref="Text"/>, so
/// <c>$_.Arguments.pathname.Value -eq '/etc/passwd'</c> and <c>-like '/etc/*'</c> work; <see cref="Bytes"/> holds what
/// was read.</summary>
public sealed class StringValue : IEquatable<StringValue>, IComparable
{
    private readonly byte[] _bytes;
    private string? _text;

    /// <summary>A string of these bytes (a string read back from a file).</summary>
    /// <param name="bytes">The bytes read, without a terminating NUL.</param>
    /// <param name="truncated">Whether the call had more bytes than were read (strace's <c>...</c>).</param>
    /// <param name="unterminated">Whether reading a NUL-terminated string stopped before its NUL.</param>
    public StringValue(byte[] bytes, bool truncated, bool unterminated)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _bytes = bytes;
        Truncated = truncated;
        Unterminated = unterminated;
    }

    /// <summary>The bytes read (as many as strace's <c>-s</c> allows; a path whole), a copy.</summary>
    public byte[] Bytes => (byte[])_bytes.Clone();

    // The bytes themselves, for the renderer: nothing outside the engine changes them.
    internal ReadOnlySpan<byte> Span => _bytes;

    /// <summary>How many bytes were read.</summary>
    public int Length => _bytes.Length;

    /// <summary>Byte <paramref name="index"/> of those read (<c>$_.Arguments.buf.Value[0]</c>).</summary>
    public byte this[int index] => _bytes[index];

    /// <summary>The bytes made safe to show and export: printable UTF-8 as the program passed it; control characters
    /// (C0, DEL, C1) and bytes that are not UTF-8 escaped as strace escapes them (<c>\n</c>, <c>\33</c>,
    /// <c>\302\233</c>, <c>\377</c>); a backslash doubled (<c>\\</c>) only where it would otherwise read as the start of
    /// an escape.</summary>
    public string Text => _text ??= Decoding.StraceQuoting.Display(_bytes);

    /// <summary>Whether the call had more bytes than were read: a buffer longer than <c>-s</c>, a string whose NUL is
    /// further on. strace prints <c>...</c> after the quotes.</summary>
    public bool Truncated { get; }

    /// <summary>Whether this is a NUL-terminated string whose NUL was not read: reading stopped at the limit first.</summary>
    public bool Unterminated { get; }

    /// <summary>The text.</summary>
    public static implicit operator string(StringValue value) => value?.Text ?? "";

    /// <summary>The bytes, so that a buffer passes where .NET takes a <see cref="byte"/> array
    /// (<c>[Text.Encoding]::UTF8.GetString($_.Arguments.buf.Value)</c>).</summary>
    public static implicit operator byte[](StringValue value) => value?.Bytes ?? [];

    /// <summary>The text.</summary>
    public override string ToString() => Text;

    /// <inheritdoc/>
    public bool Equals(StringValue? other) =>
        other is not null && _bytes.AsSpan().SequenceEqual(other._bytes) && Truncated == other.Truncated && Unterminated == other.Unterminated;

    /// <summary>Equal to another value of the same bytes, and to a string equal (ordinally: paths are case-sensitive) to
    /// its <see cref="Text"/>, so that PowerShell's <c>-eq '/etc/passwd'</c> compares the text.</summary>
    public override bool Equals(object? obj) => obj switch
    {
        StringValue other => Equals(other),
        string text => string.Equals(Text, text, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Orders by the text, ordinally: <c>Sort-Object</c>.</summary>
    public int CompareTo(object? obj) => string.CompareOrdinal(Text, obj?.ToString());

    /// <inheritdoc/>
    public override int GetHashCode() => string.GetHashCode(Text, StringComparison.Ordinal);
}
