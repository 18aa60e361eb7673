using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding;

/// <summary>strace's printing rules for the parts of a call, in one place: named values and flags as <c>-X</c> asks
/// (<see cref="ConstantStyle"/>), tracee bytes quoted as <c>-x</c>/<c>-xx</c> ask (<see cref="StringEscape"/>), process
/// ids as they are or renumbered (<c>--remap-pids</c>), strings coloured or not. Decoders make values and ask it for
/// their text; nothing else decides how a name, a number, a string or a pid prints.
/// <para>Decoders write with <see cref="Template"/>: each of those parts becomes a piece that records what it is (the
/// number and its name, the bytes, the pid), and <see cref="Resolve"/> fills the pieces in with the rules of the
/// renderer that prints the text, the session's or any other. So the text of a call can be made again with other
/// choices after it was decoded.</para></summary>
internal sealed partial class StraceRenderer
{
    /// <summary>strace's defaults: names (<c>-X abbrev</c>), octal escapes.</summary>
    internal static readonly StraceRenderer Default = new(ConstantStyle.Abbreviated, StringEscape.Octal);

    /// <summary>strace's <c>-X raw</c>, for a value whose parts a decoder styles each for every style at once.</summary>
    internal static readonly StraceRenderer RawStyle = new(ConstantStyle.Raw, StringEscape.Octal);

    /// <summary>strace's <c>-X verbose</c>, likewise.</summary>
    internal static readonly StraceRenderer VerboseStyle = new(ConstantStyle.Verbose, StringEscape.Octal);

    /// <summary>What decoders write with: pieces for <see cref="Resolve"/> to fill in.</summary>
    internal static readonly StraceRenderer Template = new(ConstantStyle.Abbreviated, StringEscape.Octal, template: true);

    // A piece: Start, its kind, its fields each ended by End. Private-use characters: no rendered text holds them
    // (strace's text is ASCII; bytes are escaped), so a text without Start is final as it is.
    private const char Start = '\uE000', End = '\uE001';
    private const char NamedPiece = 'F', CommentedPiece = 'C', UnnamedPiece = 'U', QuotedPiece = 'Q', WholePiece = 'W', HexPiece = 'X', PathPiece = 'D', ProcessIdPiece = 'P';
    private const char StyledPiece = 'S';

    private readonly bool _template;
    private readonly int? _stringLength;

    /// <summary>Whether structures and arrays print whole, whatever the session's <c>-v</c> was (strace's <c>-v</c>).</summary>
    internal bool Verbose { get; }
    private readonly Func<int, string?>? _processId;
    private readonly Func<string, string>? _quoted;

    /// <param name="style">How named values and flags print.</param>
    /// <param name="escape">How tracee bytes are escaped.</param>
    /// <param name="stringLength">How many bytes of a string or buffer print at most (strace's <c>-s</c>); null: as many
    /// as were read.</param>
    /// <param name="verbose">Whether structures and arrays print whole (strace's <c>-v</c>) even where the session
    /// abbreviated them.</param>
    /// <param name="processId">How a process id prints (null: as its number, also where it gives null).</param>
    /// <param name="quoted">What a quoted string becomes (colour around it), or null.</param>
    internal StraceRenderer(ConstantStyle style, StringEscape escape, int? stringLength = null, bool verbose = false,
        Func<int, string?>? processId = null, Func<string, string>? quoted = null)
        : this(style, escape, template: false) => (_stringLength, Verbose, _processId, _quoted) = (stringLength, verbose, processId, quoted);

    private StraceRenderer(ConstantStyle style, StringEscape escape, bool template) => (Style, Escape, _template) = (style, escape, template);

    internal ConstantStyle Style { get; }

    internal StringEscape Escape { get; }

    /// <summary>A value by <paramref name="name"/>, by <paramref name="number"/>, or both, as the style asks; the
    /// number alone when the name is only the number again (a mask no name covers).</summary>
    internal string Format(string number, string name) => _template ? Piece(NamedPiece, number, name) : Style switch
    {
        ConstantStyle.Raw => number,
        ConstantStyle.Verbose when name != number => $"{number} /* {QuotedAsAsked(name)} */",
        ConstantStyle.Verbose => number,
        _ => QuotedAsAsked(name),
    };

    // A name that quotes an address or an interface (inet_addr("127.0.0.1"), inet_pton(AF_INET6, "::1"),
    // if_nametoindex("lo")) quotes it in hex under -xx, as strace quotes every string; only those, whose strings are
    // plain ASCII: other names may hold a tracee's quotes (a fourcc's '"').
    private string QuotedAsAsked(string name) => PrintsAsIs(name) ? name
        : QuotedInName().Replace(name, m => StraceQuoting.QuoteHex(Encoding.ASCII.GetBytes(m.Groups[1].Value), truncated: false));

    private bool PrintsAsIs(ReadOnlySpan<char> name) => Escape != StringEscape.HexAll || !name.Contains('"');

    [GeneratedRegex(@"(?<=\b(?:inet_addr|if_nametoindex)\(|\binet_pton\(AF_INET6?, )""([^""\\]*)""")]
    private static partial Regex QuotedInName();

    /// <summary>Like <see cref="Format(string, string)"/>, for a name made of named parts, which -X verbose styles
    /// too inside its comment: <c>0x4004 /* IOPRIO_PRIO_VALUE(0x2 /* IOPRIO_CLASS_BE */, 4) */</c>.</summary>
    internal string Format(string number, string name, string verboseName) => Styled(number, name, $"{number} /* {verboseName} */");

    /// <summary>A value strace prints as one number when raw but as parts styled each on its own otherwise: the caller
    /// gives the text of each style (<c>V4L2_BUF_FLAG_MAPPED|V4L2_BUF_FLAG_TIMESTAMP_COPY</c>, <c>0x1 /*
    /// V4L2_BUF_FLAG_MAPPED */|0x4000 /* V4L2_BUF_FLAG_TIMESTAMP_COPY */</c>, <c>0x4001</c>).</summary>
    internal string Styled(string raw, string abbreviated, string verbose) =>
        _template ? $"{Start}{StyledPiece}{raw}{End}{abbreviated}{End}{verbose}{End}" : Style switch
        {
            ConstantStyle.Raw => raw,
            ConstantStyle.Verbose => QuotedAsAsked(verbose),
            _ => QuotedAsAsked(abbreviated),
        };

    /// <summary>A result and, after it, its flags by name (<c>0x2d (SECBIT_NOROOT|...)</c>); the number alone when raw.</summary>
    internal string Commented(string number, string names) =>
        _template ? Piece(CommentedPiece, number, names) : Style == ConstantStyle.Raw ? number : $"{number} ({names})";

    /// <summary>A bit mask: its number in hex, <c>0</c> for zero.</summary>
    internal string Flags(long flags, string names) => Format(DecodeContext.HexOrZero((ulong)flags), names);

    /// <summary>A named value: in hex when positive, as strace prints most of them, in decimal when negative.</summary>
    internal string Value(long value, string name) =>
        Format(value < 0 ? value.ToString(CultureInfo.InvariantCulture) : DecodeContext.HexOrZero((ulong)value), name);

    /// <summary>A value printed in decimal whatever the style (signal numbers, <c>AT_FDCWD</c>).</summary>
    internal string Decimal(long value, string name) => Format(value.ToString(CultureInfo.InvariantCulture), name);

    /// <summary>A signal number: <c>SIGUSR1</c>, <c>10</c> or <c>10 /* SIGUSR1 */</c>.</summary>
    internal string Signal(int signal) => Decimal(signal, Signals.GetName(signal));

    /// <summary>A number no name covers, with strace's hint (<c>0x7b /* SOCK_??? */</c>); the number alone when raw.</summary>
    internal string Unnamed(string number, string hint) =>
        _template ? Piece(UnnamedPiece, number, hint) : Style == ConstantStyle.Raw ? number : $"{number} /* {hint} */";

    /// <summary>A number no name covers, in hex when positive (<c>0</c> for zero, as C's %#x), with strace's hint.</summary>
    internal string Unnamed(long value, string hint) =>
        Unnamed(value < 0 ? value.ToString(CultureInfo.InvariantCulture) : DecodeContext.HexOrZero((ulong)value), hint);

    /// <summary>A process or thread id (a negative one a process group: its leader's id, negated; 0 and -1 mean the
    /// caller's group and every process, and print as they are).</summary>
    internal string ProcessId(long id)
    {
        string number = id.ToString(CultureInfo.InvariantCulture);
        if (_template)
            return Piece(ProcessIdPiece, number);
        if (_processId is null || id is 0 or -1 or < int.MinValue + 1 or > int.MaxValue)
            return number;
        return _processId((int)Math.Abs(id)) is { } shown ? (id < 0 ? "-" + shown : shown) : number;
    }

    /// <summary>An argument's text made from its value: a number as its C type prints, a named value or a mask by its
    /// table, as the renderer's rules ask.</summary>
    internal string Render(object value, TextForm form) => form switch
    {
        TextForm.Decimal => ((long)value).ToString(CultureInfo.InvariantCulture),
        TextForm.Unsigned => ((ulong)(long)value).ToString(CultureInfo.InvariantCulture),
        TextForm.Hex => DecodeContext.Hex((ulong)(long)value),
        TextForm.Address => DecodeContext.FormatAddress(((PointerValue)value).Address),
        TextForm.Descriptor => ((DescriptorValue)value).Number.ToString(CultureInfo.InvariantCulture),
        TextForm.Quoted => Quote(((StringValue)value).Span, ((StringValue)value).Truncated),
        TextForm.QuotedWhole => QuoteWhole(((StringValue)value).Span, ((StringValue)value).Truncated),
        TextForm.ProcessId => ProcessId(((ProcessIdValue)value).Number),
        TextForm.Named => ((ConstantValue)value).Render(this),
        TextForm.Flags => ((FlagsValue)value).Render(this),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    /// <summary>Appends what <see cref="Render"/> makes, where that needs no string of its own (a number, a string's
    /// quoted bytes); false, and nothing appended, for the other forms.</summary>
    internal bool TryAppend(StringBuilder text, object value, TextForm form)
    {
        if (_template)
            return false;
        switch (form)
        {
            case TextForm.Decimal:
                text.Append((long)value);
                return true;
            case TextForm.Unsigned:
                text.Append((ulong)(long)value);
                return true;
            case TextForm.Hex:
                DecodeContext.AppendHex(text, (ulong)(long)value);
                return true;
            case TextForm.Address:
                DecodeContext.AppendAddress(text, ((PointerValue)value).Address);
                return true;
            case TextForm.Descriptor:
                text.Append(((DescriptorValue)value).Number);
                return true;
            case TextForm.ProcessId when _processId is null:
                text.Append(((ProcessIdValue)value).Number);
                return true;
            case TextForm.Quoted or TextForm.QuotedWhole when _quoted is null:
                var quoted = (StringValue)value;
                ReadOnlySpan<byte> bytes = quoted.Span;
                bool truncated = quoted.Truncated;
                if (form == TextForm.Quoted)
                    Limit(ref bytes, ref truncated);
                StraceQuoting.Append(text, bytes, truncated, Escape);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Tracee bytes in double quotes, escaped as the renderer asks, at most its string length of them,
    /// <c>...</c> after them when cut short.</summary>
    internal string Quote(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (_template)
            return BytesPiece(QuotedPiece, bytes, truncated);
        Limit(ref bytes, ref truncated);
        return QuoteWhole(bytes, truncated);
    }

    /// <summary>Bytes that end in a C string's NUL, quoted as strace quotes such a buffer: without the NUL, unless -x or
    /// -xx print them in hex, where the NUL counts among them and shows (<c>"\x6c\x61\x62\x65\x6c\x00"</c>).</summary>
    internal string QuoteWithoutTrailingNul(ReadOnlySpan<byte> bytes) =>
        Quote(StraceQuoting.IsHex(bytes, Escape) ? bytes : bytes[..^1], truncated: false);

    /// <summary>Tracee bytes strace prints whole whatever <c>-s</c> says (a path, <c>sun_path</c>, <c>sa_data</c>, a
    /// uname field, a thread's name), in double quotes, escaped as the renderer asks.</summary>
    internal string QuoteWhole(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (_template)
            return BytesPiece(WholePiece, bytes, truncated);
        return _quoted is null ? StraceQuoting.Quote(bytes, truncated, Escape) : Quoted(StraceQuoting.Quote(bytes, truncated: false, Escape), truncated);
    }

    /// <summary>A fixed array of chars (lo_file_name, devname), quoted whole: the bytes before its NUL, or with none all
    /// but the last and <c>...</c> (<see cref="StraceQuoting.BeforeNul(ReadOnlySpan{byte}, out bool)"/>).</summary>
    internal string QuoteFixed(ReadOnlySpan<byte> array) => QuoteWhole(StraceQuoting.BeforeNul(array, out bool truncated), truncated);

    /// <summary>Tracee bytes in <c>\xNN</c> hex whatever the escape asks: data strace always prints so (getrandom's).</summary>
    internal string QuoteHex(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (_template)
            return BytesPiece(HexPiece, bytes, truncated);
        Limit(ref bytes, ref truncated);
        return _quoted is null ? StraceQuoting.QuoteHex(bytes, truncated) : Quoted(StraceQuoting.QuoteHex(bytes, truncated: false), truncated);
    }

    private void Limit(ref ReadOnlySpan<byte> bytes, ref bool truncated)
    {
        if (_stringLength is int limit && bytes.Length > limit)
        {
            bytes = bytes[..limit];
            truncated = true;
        }
    }

    // The quoted string as the hook makes it, strace's "..." after it.
    private string Quoted(string quoted, bool truncated) => truncated ? _quoted!(quoted) + "..." : _quoted!(quoted);

    /// <summary>Appends what <see cref="Quote"/> makes.</summary>
    internal void AppendQuoted(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (_template || _quoted is not null || _stringLength is not null)
            text.Append(Quote(bytes, truncated));
        else
            StraceQuoting.Append(text, bytes, truncated, Escape);
    }

    /// <summary>A descriptor's path between <c>&lt;</c> and <c>&gt;</c> (strace's <c>-y</c>), escaped as the renderer asks.</summary>
    internal void AppendDescriptorPath(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        if (_template)
            text.Append(BytesPiece(PathPiece, bytes, truncated: false));
        else
            StraceQuoting.AppendDescriptorPath(text, bytes, Escape);
    }

    /// <summary>The text with the pieces <see cref="Template"/> wrote made by this renderer's rules.</summary>
    internal string Resolve(string text)
    {
        int at = text.IndexOf(Start);
        if (at < 0)
            return text;
        StringBuilder resolved = TextBuilder.Acquire();
        Span<byte> buffer = stackalloc byte[256]; // a quoted piece's bytes
        int from = 0;
        while (at >= 0)
        {
            resolved.Append(text, from, at - from);
            int first = at + 2 < text.Length ? text.IndexOf(End, at + 2) : -1;
            char kind = first < 0 ? '\0' : text[at + 1];
            int end = kind == ProcessIdPiece || first < 0 ? first : text.IndexOf(End, first + 1);
            int third = kind == StyledPiece && end >= 0 ? text.IndexOf(End, end + 1) : end; // its third field
            if (end < 0 || third < 0)
            {
                from = at; // not a piece Template wrote: the rest as it is
                break;
            }
            ReadOnlySpan<char> field = text.AsSpan(at + 2, first - at - 2);
            ReadOnlySpan<char> second = end > first ? text.AsSpan(first + 1, end - first - 1) : [];
            switch (kind)
            {
                // What Format would make, without making the parts strings first.
                case NamedPiece when Style == ConstantStyle.Raw: resolved.Append(field); break;
                case NamedPiece when Style == ConstantStyle.Abbreviated && PrintsAsIs(second):
                    resolved.Append(second);
                    break;
                case ProcessIdPiece when _processId is null: resolved.Append(field); break;
                case NamedPiece: resolved.Append(Format(field.ToString(), second.ToString())); break;
                case UnnamedPiece: resolved.Append(Unnamed(field.ToString(), second.ToString())); break;
                case CommentedPiece: resolved.Append(Commented(field.ToString(), second.ToString())); break;
                case ProcessIdPiece: resolved.Append(ProcessId(long.Parse(field, CultureInfo.InvariantCulture))); break;
                case StyledPiece: resolved.Append(Styled(field.ToString(), second.ToString(), text[(end + 1)..third])); break;
                default:
                    byte[]? rented = second.Length > 256 ? ArrayPool<byte>.Shared.Rent(second.Length) : null;
                    Span<byte> bytes = rented ?? buffer;
                    bytes = bytes[..Encoding.Latin1.GetBytes(second, bytes)];
                    if (kind == PathPiece)
                        AppendDescriptorPath(resolved, bytes);
                    else if (kind == HexPiece)
                        resolved.Append(QuoteHex(bytes, truncated: field is "1"));
                    else if (kind == WholePiece && _quoted is null)
                        StraceQuoting.Append(resolved, bytes, truncated: field is "1", Escape);
                    else if (kind == WholePiece)
                        resolved.Append(QuoteWhole(bytes, truncated: field is "1"));
                    else
                        AppendQuoted(resolved, bytes, truncated: field is "1");
                    if (rented is not null)
                        ArrayPool<byte>.Shared.Return(rented);
                    break;
            }
            from = third + 1;
            at = text.IndexOf(Start, from);
        }
        return TextBuilder.Release(resolved.Append(text, from, text.Length - from));
    }

    private static string Piece(char kind, string field) => $"{Start}{kind}{field}{End}";

    private static string Piece(char kind, string first, string second) => $"{Start}{kind}{first}{End}{second}{End}";

    private static string BytesPiece(char kind, ReadOnlySpan<byte> bytes, bool truncated) =>
        Piece(kind, truncated ? "1" : "0", Encoding.Latin1.GetString(bytes));
}

/// <summary>How an argument's text is made from its value (<see cref="StraceRenderer.Render"/>).</summary>
internal enum TextForm : byte
{
    /// <summary>A signed number in decimal.</summary>
    Decimal,

    /// <summary>An unsigned number in decimal.</summary>
    Unsigned,

    /// <summary>A number in hex: <c>0x1f</c>, <c>0x0</c>.</summary>
    Hex,

    /// <summary>A <see cref="PointerValue"/>: <c>NULL</c> or hex.</summary>
    Address,

    /// <summary>A <see cref="DescriptorValue"/>'s number.</summary>
    Descriptor,

    /// <summary>A <see cref="StringValue"/>'s bytes quoted as -x and -s ask, <c>...</c> after them when truncated.</summary>
    Quoted,

    /// <summary>A <see cref="StringValue"/> strace prints whole (a path), quoted as -x asks.</summary>
    QuotedWhole,

    /// <summary>A <see cref="ProcessIdValue"/>, as the renderer prints process ids.</summary>
    ProcessId,

    /// <summary>A <see cref="ConstantValue"/> by its table, as -X asks.</summary>
    Named,

    /// <summary>A <see cref="FlagsValue"/> by its table, as -X asks.</summary>
    Flags,
}
