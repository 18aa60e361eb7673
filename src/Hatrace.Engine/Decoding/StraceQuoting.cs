using System.Text;

namespace Hatrace.Engine.Decoding;

/// <summary>Quotes bytes the way strace prints strings and buffers, so a tracee's data can never write
/// control sequences to the user's terminal: printable ASCII stays, the usual C escapes are used,
/// everything else is octal, or, as <see cref="StringEscape"/> asks, hex.</summary>
internal static class StraceQuoting
{
    internal static string Quote(ReadOnlySpan<byte> bytes, bool truncated, StringEscape escape = StringEscape.Octal)
    {
        var text = new StringBuilder(bytes.Length + 8);
        Append(text, bytes, truncated, escape);
        return text.ToString();
    }

    /// <summary>Every byte in hex, whatever the style: for data strace always prints so (getrandom's).</summary>
    internal static string QuoteHex(ReadOnlySpan<byte> bytes, bool truncated)
    {
        var text = new StringBuilder(bytes.Length * 4 + 5);
        AppendHex(text, bytes, truncated);
        return text.ToString();
    }

    internal static void Append(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated, StringEscape escape = StringEscape.Octal)
    {
        if (IsHex(bytes, escape))
        {
            AppendHex(text, bytes, truncated);
            return;
        }
        text.Append('"');
        AppendEscaped(text, bytes, '"');
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
            AppendEscaped(text, bytes, '>');
    }

    private static bool IsHex(ReadOnlySpan<byte> bytes, StringEscape escape) =>
        escape == StringEscape.HexAll || (escape == StringEscape.HexNonPrintable && bytes.ContainsAnyExcept(s_printable));

    // The bytes with C escapes and octal, and the one printable character that would close what they are in.
    private static void AppendEscaped(StringBuilder text, ReadOnlySpan<byte> bytes, char closing)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            byte c = bytes[i];
            switch (c)
            {
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'\t': text.Append("\\t"); break;
                case (byte)'\n': text.Append("\\n"); break;
                case 0x0b: text.Append("\\v"); break;
                case 0x0c: text.Append("\\f"); break;
                case (byte)'\r': text.Append("\\r"); break;
                default:
                    if (c >= 0x20 && c < 0x7f && c != closing)
                        text.Append((char)c);
                    else
                        AppendOctal(text, c, nextIsOctalDigit: i + 1 < bytes.Length && bytes[i + 1] >= (byte)'0' && bytes[i + 1] <= (byte)'7');
                    break;
            }
        }
    }

    // Printable ASCII and the bytes that have a C escape: what -x leaves as it is.
    private static readonly System.Buffers.SearchValues<byte> s_printable =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0x20, 0x7f - 0x20).Select(b => (byte)b), (byte)'\t', (byte)'\n', 0x0b, 0x0c, (byte)'\r']);

    /// <summary>Every byte as <c>\xNN</c>: -xx, -x for data that is not text, and how strace prints data it knows is binary.</summary>
    internal static void AppendHex(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated)
    {
        text.Append('"');
        AppendHexBytes(text, bytes);
        text.Append('"');
        if (truncated)
            text.Append("...");
    }

    private static void AppendHexBytes(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
    }

    // As short as it can be, unless an octal digit follows and would be read as part of it.
    private static void AppendOctal(StringBuilder text, byte c, bool nextIsOctalDigit)
    {
        text.Append('\\');
        if (nextIsOctalDigit || c >= 0100)
            text.Append((char)('0' + (c >> 6)));
        if (nextIsOctalDigit || c >= 010)
            text.Append((char)('0' + ((c >> 3) & 7)));
        text.Append((char)('0' + (c & 7)));
    }
}
