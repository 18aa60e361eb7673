using System.Text;

namespace Hatrace.Engine.Decoding;

/// <summary>Quotes bytes the way strace prints strings and buffers, so a tracee's data can never write
/// control sequences to the user's terminal: printable ASCII stays, the usual C escapes are used,
/// everything else is octal.</summary>
internal static class StraceQuoting
{
    internal static string Quote(ReadOnlySpan<byte> bytes, bool truncated)
    {
        var text = new StringBuilder(bytes.Length + 8);
        Append(text, bytes, truncated);
        return text.ToString();
    }

    internal static void Append(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated)
    {
        text.Append('"');
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
                    if (c >= 0x20 && c < 0x7f)
                        text.Append((char)c);
                    else
                        AppendOctal(text, c, nextIsOctalDigit: i + 1 < bytes.Length && bytes[i + 1] >= (byte)'0' && bytes[i + 1] <= (byte)'7');
                    break;
            }
        }
        text.Append('"');
        if (truncated)
            text.Append("...");
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
