namespace Hatrace.Engine.Decoding;

/// <summary>How strings and buffers print: strace's default, <c>-x</c> or <c>-xx</c>.</summary>
public enum StringEscape
{
    /// <summary>Printable ASCII as it is, the C escapes (<c>\n</c>, <c>\t</c> ...), other bytes in octal.</summary>
    Octal,

    /// <summary>strace's <c>-x</c>: a string with any byte that is neither printable nor a C escape prints wholly in
    /// <c>\xNN</c> hex.</summary>
    HexNonPrintable,

    /// <summary>strace's <c>-xx</c>: every string in <c>\xNN</c> hex.</summary>
    HexAll,
}
