using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding;

/// <summary>A value from a table of names, or, when it has none, its number with strace's hint
/// (<c>0x4d /* MADV_??? */</c>).</summary>
internal sealed class NamedValues(ConstantTable table, string unknownHint)
{
    internal NamedValues(string table, string unknownHint) : this(ConstantTable.Load(table), unknownHint)
    {
    }

    internal string? NameOf(long value) => table.NameOf(value);

    internal string Format(long value) => table.NameOf(value) ?? DecodeContext.Unnamed(value, unknownHint);
}
