using System.Buffers;
using System.Text;

namespace Hatrace.Engine.Decoding;

/// <summary>Quotes bytes the way strace prints strings and buffers, so a tracee's data can never write
/// control sequences to the user's terminal: printable ASCII stays, the usual C escapes are used,
/// everything else is octal, or, as <see cref="StringEscape"/> asks, hex; and makes them safe to show unquoted
/// (<see cref="Display"/>), for the strings of the objects a trace is made of.</summary>
internal static class StraceQuoting
{
    /// <summary>The string a fixed array of chars holds: its bytes before the first NUL, or all of them.</summary>
    internal static ReadOnlySpan<byte> BeforeNul(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOf((byte)0) is int end and >= 0 ? bytes[..end] : bytes;

    /// <summary>A fixed array of chars as strace prints one whose NUL may be missing (lo_file_name): the bytes before
    /// the NUL; with none, all but the last, cut short (<c>"xx"...</c>).</summary>
    internal static ReadOnlySpan<byte> BeforeNul(ReadOnlySpan<byte> bytes, out bool truncated)
    {
        truncated = bytes.Length > 0 && bytes.IndexOf((byte)0) < 0;
        return truncated ? bytes[..^1] : BeforeNul(bytes);
    }

    internal static string Quote(ReadOnlySpan<byte> bytes, bool truncated, StringEscape escape = StringEscape.Octal)
    {
        StringBuilder text = TextBuilder.Acquire();
        Append(text, bytes, truncated, escape);
        return TextBuilder.Release(text);
    }

    /// <summary>Every byte in hex, whatever the style: for data strace always prints so (getrandom's).</summary>
    internal static string QuoteHex(ReadOnlySpan<byte> bytes, bool truncated)
    {
        StringBuilder text = TextBuilder.Acquire();
        AppendHex(text, bytes, truncated);
        return TextBuilder.Release(text);
    }

    /// <summary>Tracee bytes as a string that is safe to show and to export (object properties, CSV, tables): printable
    /// UTF-8 as it is, so an ordinary path equals what the program passed; C0 controls, DEL, C1 controls and bytes that
    /// are not UTF-8 escaped as strace escapes them in its strings (<c>\n</c>, <c>\33</c>, <c>\302\233</c>, <c>\377</c>).
    /// A backslash stays single unless what follows it would read as an escape (a backslash, <c>n t v f r</c>, an octal
    /// digit or an escaped byte): then it is <c>\\</c>, so that every escape reads back to one byte.</summary>
    internal static string Display(ReadOnlySpan<byte> bytes)
    {
        if (!bytes.ContainsAnyExcept(s_plain))
            return Encoding.ASCII.GetString(bytes);
        StringBuilder text = TextBuilder.Acquire();
        Span<char> chars = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            int length = DisplayedRuneLength(bytes, out Rune rune);
            if (length > 0)
            {
                if (rune.Value == '\\' && StartsEscape(bytes[1..]))
                    text.Append('\\');
                text.Append(chars[..rune.EncodeToUtf16(chars)]);
            }
            else
            {
                // Not UTF-8 (the bytes the decoder rejects) or a control character's bytes: each byte escaped.
                length = Math.Max(-length, 1);
                for (int i = 0; i < length; i++)
                    AppendControl(text, bytes[i], nextIsOctalDigit: i + 1 < bytes.Length && IsOctalDigit(bytes[i + 1]));
            }
            bytes = bytes[length..];
        }
        return TextBuilder.Release(text);
    }

    // The length of the printable character at the start of the bytes, or minus the number of bytes to escape.
    private static int DisplayedRuneLength(ReadOnlySpan<byte> bytes, out Rune rune)
    {
        OperationStatus status = Rune.DecodeFromUtf8(bytes, out rune, out int length);
        return status == OperationStatus.Done && !Rune.IsControl(rune) ? length : -length;
    }

    private static bool StartsEscape(ReadOnlySpan<byte> rest) =>
        !rest.IsEmpty && (rest[0] == '\\' || IsOctalDigit(rest[0]) || CEscapeLetters.Contains((char)rest[0]) || DisplayedRuneLength(rest, out _) <= 0);

    // Printable ASCII but the backslash: what Display keeps as it is without looking further.
    private static readonly SearchValues<byte> s_plain =
        SearchValues.Create([.. Enumerable.Range(0x20, 0x7f - 0x20).Where(b => b != '\\').Select(b => (byte)b)]);

    // Printable ASCII but the backslash and the double quote: what a quoted string shows as it is.
    private static readonly SearchValues<byte> s_unescaped =
        SearchValues.Create([.. Enumerable.Range(0x20, 0x7f - 0x20).Where(b => b is not '\\' and not '"').Select(b => (byte)b)]);

    internal static void Append(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated, StringEscape escape = StringEscape.Octal)
    {
        if (IsHex(bytes, escape))
        {
            AppendHex(text, bytes, truncated);
            return;
        }
        text.Append('"');
        AppendEscaped(text, bytes, '"', escape);
        text.Append('"');
        if (truncated)
            text.Append("...");
    }

    /// <summary>A descriptor's path as strace prints it between <c>&lt;</c> and <c>&gt;</c>: unquoted, with <c>&gt;</c>
    /// escaped so that a path cannot end the brackets early.</summary>
    internal static void AppendDescriptorPath(StringBuilder text, ReadOnlySpan<byte> bytes, StringEscape escape)
    {
        if (IsHex(bytes, escape))
            AppendHexBytes(text, bytes);
        else
            AppendEscaped(text, bytes, '>', escape);
    }

    /// <summary>Whether <paramref name="escape"/> prints these bytes in hex, every one of them.</summary>
    internal static bool IsHex(ReadOnlySpan<byte> bytes, StringEscape escape) =>
        escape == StringEscape.HexAll || (escape == StringEscape.HexNonPrintable && bytes.ContainsAnyExcept(s_printable));

    // The bytes with C escapes and octal (hex with --strings-in-hex=non-ascii-chars), and the one printable character
    // that would close what they are in.
    private static void AppendEscaped(StringBuilder text, ReadOnlySpan<byte> bytes, char closing, StringEscape escape)
    {
        Span<char> chars = stackalloc char[128];
        for (int i = 0; i < bytes.Length; i++)
        {
            // A run of characters shown as they are, appended at once.
            int run = bytes[i..Math.Min(bytes.Length, i + chars.Length)].IndexOfAnyExcept(s_unescaped);
            run = run < 0 ? Math.Min(bytes.Length - i, chars.Length) : run;
            if (closing != '"' && run > 0 && bytes.Slice(i, run).IndexOf((byte)closing) is int stop and >= 0)
                run = stop;
            if (run > 0)
            {
                Ascii.ToUtf16(bytes.Slice(i, run), chars, out int written);
                text.Append(chars[..written]);
                i += run;
                if (i == bytes.Length)
                    break;
            }
            byte c = bytes[i];
            switch (c)
            {
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\\': text.Append("\\\\"); break;
                default:
                    if (c >= 0x20 && c < 0x7f && c != closing)
                        text.Append((char)c);
                    else if (escape == StringEscape.HexNonAsciiChars && !CEscapeBytes.Contains((char)c))
                        AppendHexBytes(text, [c]);
                    else
                        AppendControl(text, c, nextIsOctalDigit: i + 1 < bytes.Length && IsOctalDigit(bytes[i + 1]));
                    break;
            }
        }
    }

    // The control characters with a C escape, and the letters of their escapes.
    private const string CEscapeBytes = "\t\n\v\f\r", CEscapeLetters = "tnvfr";

    // One byte that is not shown as it is: its C escape, or octal.
    private static void AppendControl(StringBuilder text, byte c, bool nextIsOctalDigit)
    {
        int escape = CEscapeBytes.IndexOf((char)c);
        if (escape >= 0)
            text.Append('\\').Append(CEscapeLetters[escape]);
        else
            AppendOctal(text, c, nextIsOctalDigit);
    }

    private static bool IsOctalDigit(byte c) => c is >= (byte)'0' and <= (byte)'7';

    // Printable ASCII and the bytes that have a C escape: what -x leaves as it is.
    private static readonly SearchValues<byte> s_printable =
        SearchValues.Create([.. Enumerable.Range(0x20, 0x7f - 0x20).Select(b => (byte)b), (byte)'\t', (byte)'\n', 0x0b, 0x0c, (byte)'\r']);

    /// <summary>Every byte as <c>\xNN</c>: -xx, -x for data that is not text, and how strace prints data it knows is binary.</summary>
    internal static void AppendHex(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated)
    {
        text.Append('"');
        AppendHexBytes(text, bytes);
        text.Append('"');
        if (truncated)
            text.Append("...");
    }

    private const string HexDigits = "0123456789abcdef";

    private static void AppendHexBytes(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            text.Append("\\x").Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xf]);
    }

    // As short as it can be, unless an octal digit follows and would be read as part of it.
    private static void AppendOctal(StringBuilder text, byte c, bool nextIsOctalDigit)
    {
        // As few octal digits as the byte needs: three from octal 100 (0x40), two from octal 10 (0x08).
        text.Append('\\');
        if (nextIsOctalDigit || c >= 0x40)
            text.Append((char)('0' + (c >> 6)));
        if (nextIsOctalDigit || c >= 0x08)
            text.Append((char)('0' + ((c >> 3) & 7)));
        text.Append((char)('0' + (c & 7)));
    }
}
