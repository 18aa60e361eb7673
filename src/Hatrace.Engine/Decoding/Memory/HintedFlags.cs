using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding;

/// <summary>A bit mask printed as strace prints one: names joined with '|' and leftover bits in hex; a mask with no
/// known bit at all is a number with strace's hint (<c>0x10 /* MS_??? */</c>), and zero is the table's name for 0,
/// or <c>0</c>. Shared by the memory, process and signal decoders (a candidate for DecodeContext).</summary>
internal sealed class HintedFlags
{
    private readonly ConstantTable _table;
    private readonly FlagSet _flags;
    private readonly string _hint;
    private readonly long _known;

    internal HintedFlags(string table, string hint)
    {
        _table = ConstantTable.Load(table);
        _flags = new FlagSet(_table);
        _hint = hint;
        foreach ((long value, _) in _table.Entries)
            _known |= value;
    }

    internal string Format(long value)
    {
        if (value == 0)
            return _table.NameOf(0) ?? "0";
        if ((value & _known) == 0)
            return DecodeContext.Unnamed(value, _hint);
        var text = new StringBuilder();
        _flags.Append(text, value);
        return text.ToString();
    }

    /// <summary>Appends the mask after earlier parts, with '|' between: nothing for zero.</summary>
    internal void AppendPart(StringBuilder text, long value)
    {
        if (value == 0)
            return;
        if (text.Length > 0)
            text.Append('|');
        text.Append(Format(value));
    }
}

/// <summary>A value from a table of names, or its number with strace's hint (<c>0x4d /* MADV_??? */</c>).</summary>
internal sealed class HintedNames(string table, string hint)
{
    private readonly ConstantTable _table = ConstantTable.Load(table);

    internal string? NameOf(long value) => _table.NameOf(value);

    internal string Format(long value) => _table.NameOf(value) ?? DecodeContext.Unnamed(value, hint);
}
