using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding;

/// <summary>strace's printing rules for the parts of a call, in one place and with the session's choices: named values
/// and flags as <c>-X</c> asks (<see cref="ConstantStyle"/>), tracee bytes quoted as <c>-x</c>/<c>-xx</c> ask
/// (<see cref="StringEscape"/>). Decoders make values and ask it for their text; nothing else decides how a
/// name, a number or a string prints.</summary>
internal sealed class StraceRenderer(ConstantStyle style, StringEscape escape)
{
    /// <summary>strace's defaults: names (<c>-X abbrev</c>), octal escapes.</summary>
    internal static readonly StraceRenderer Default = new(ConstantStyle.Abbreviated, StringEscape.Octal);

    internal ConstantStyle Style => style;

    internal StringEscape Escape => escape;

    /// <summary>A value by <paramref name="name"/>, by <paramref name="number"/>, or both, as the style asks; the
    /// number alone when the name is only the number again (a mask no name covers).</summary>
    internal string Format(string number, string name) => style switch
    {
        ConstantStyle.Raw => number,
        ConstantStyle.Verbose when name != number => $"{number} /* {name} */",
        ConstantStyle.Verbose => number,
        _ => name,
    };

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
    internal string Unnamed(string number, string hint) => style == ConstantStyle.Raw ? number : $"{number} /* {hint} */";

    /// <summary>A number no name covers, in hex when positive, with strace's hint.</summary>
    internal string Unnamed(long value, string hint) =>
        Unnamed(value < 0 ? value.ToString(CultureInfo.InvariantCulture) : DecodeContext.Hex((ulong)value), hint);

    /// <summary>An argument's text made from its value: a number as its C type prints, a named value or a mask by its
    /// table, as the session asks.</summary>
    internal string Render(object value, TextForm form) => form switch
    {
        TextForm.Decimal => ((long)value).ToString(CultureInfo.InvariantCulture),
        TextForm.Unsigned => ((ulong)(long)value).ToString(CultureInfo.InvariantCulture),
        TextForm.Hex => DecodeContext.Hex((ulong)(long)value),
        TextForm.Address => DecodeContext.FormatAddress(((PointerValue)value).Address),
        TextForm.Descriptor => ((DescriptorValue)value).Number.ToString(CultureInfo.InvariantCulture),
        TextForm.Quoted => Quote(((StringValue)value).Span, ((StringValue)value).Truncated),
        TextForm.Named => ((ConstantValue)value).Render(this),
        TextForm.Flags => ((FlagsValue)value).Render(this),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    /// <summary>Tracee bytes in double quotes, escaped as the session asks, <c>...</c> after them when cut short.</summary>
    internal string Quote(ReadOnlySpan<byte> bytes, bool truncated) => StraceQuoting.Quote(bytes, truncated, escape);

    internal void AppendQuoted(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated) =>
        StraceQuoting.Append(text, bytes, truncated, escape);
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

    /// <summary>A <see cref="StringValue"/>'s bytes quoted as -x asks, <c>...</c> after them when truncated.</summary>
    Quoted,

    /// <summary>A <see cref="ConstantValue"/> by its table, as -X asks.</summary>
    Named,

    /// <summary>A <see cref="FlagsValue"/> by its table, as -X asks.</summary>
    Flags,
}
