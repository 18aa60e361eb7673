using System.Globalization;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding;

/// <summary>A value from a table of names, or, when it has none, its number with strace's hint
/// (<c>0x4d /* MADV_??? */</c>).</summary>
internal sealed class NamedValues(ConstantTable table, string unknownHint) : Model.IConstantNames
{
    internal NamedValues(string table, string unknownHint) : this(ConstantTable.Load(table), unknownHint)
    {
    }

    public string? NameOf(long value) => table.NameOf(value);

    /// <summary>The value by name whatever the style, for formatters that style a whole value made of parts.</summary>
    internal string Name(long value) =>
        table.NameOf(value) ?? $"{(value < 0 ? value.ToString(CultureInfo.InvariantCulture) : DecodeContext.HexOrZero((ulong)value))} /* {unknownHint} */";

    /// <summary>The value as the session prints it. Its number is in hex, as an unsigned number of its C type: a negative
    /// int as 32 bits, named or not (<c>0xfffffffb /* SHUT_??? */</c>, RUSAGE_CHILDREN's <c>0xffffffff</c> under -X raw),
    /// as strace prints it.</summary>
    internal string Format(long value, StraceRenderer render)
    {
        string number = DecodeContext.HexOrZero(value is < 0 and >= int.MinValue ? (uint)value : (ulong)value);
        return table.NameOf(value) is string name ? render.Format(number, name) : render.Unnamed(number, unknownHint);
    }

    /// <summary>Like <see cref="Format"/>, for a value of an unsigned type: one no name covers prints in hex whatever its
    /// top bit (<c>0xffffffffffffffff /* TC??? */</c>).</summary>
    internal string FormatUnsigned(ulong value, StraceRenderer render) =>
        table.NameOf((long)value) is string name ? render.Value((long)value, name) : render.Unnamed(DecodeContext.HexOrZero(value), unknownHint);

    /// <summary>Like <see cref="Format"/>, for a value strace prints in decimal, named or not (<c>12 /* IOCB_CMD_??? */</c>).</summary>
    internal string FormatDecimal(long value, StraceRenderer render) =>
        table.NameOf(value) is string name ? render.Decimal(value, name) : render.Unnamed(value.ToString(CultureInfo.InvariantCulture), unknownHint);
}
