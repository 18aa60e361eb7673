namespace Hatrace.Engine.Decoding;

/// <summary>How strings and buffers print: strace's default, <c>-x</c>, <c>-xx</c> or <c>--strings-in-hex=non-ascii-chars</c>.</summary>
public enum StringEscape
{
    /// <summary>Printable ASCII as it is, the C escapes (<c>\n</c>, <c>\t</c> ...), other bytes in octal.</summary>
    Octal,

    /// <summary>strace's <c>-x</c>: a string with any byte that is neither printable nor a C escape prints wholly in
    /// <c>\xNN</c> hex.</summary>
    HexNonPrintable,

    /// <summary>strace's <c>-xx</c>: every string in <c>\xNN</c> hex.</summary>
    HexAll,

    /// <summary>strace's <c>--strings-in-hex=non-ascii-chars</c>: as <see cref="Octal"/>, but the bytes without a C
    /// escape in <c>\xNN</c> hex instead of octal.</summary>
    HexNonAsciiChars,
}
