using System.Globalization;
using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding;

/// <summary>A bit mask printed as strace prints one: the names of its bits joined with '|', then the bits no name
/// covers in hex (<c>AT_SYMLINK_NOFOLLOW|0x10000</c>). Zero prints as the table's name for 0, or <c>0</c>. A mask
/// no name covers at all prints as its number, with strace's hint when the set has one (<c>0x1 /* AT_??? */</c>).</summary>
internal sealed class FlagSet(ConstantTable table, string? unknownHint = null) : Model.IFlagNames
{
    internal FlagSet(string table, string? unknownHint = null) : this(ConstantTable.Load(table), unknownHint)
    {
    }

    /// <summary>The mask as the session prints it.</summary>
    internal string Format(long flags, StraceRenderer render)
    {
        string names = Names(flags, out bool named);
        return !named && flags != 0 && unknownHint is not null
            ? render.Unnamed(flags, unknownHint)
            : render.Flags(flags, names);
    }

    /// <summary>The names of the bits the table covers, in its order (the name of zero for zero), and the bits left.</summary>
    public (IReadOnlyList<string> Names, long Unknown) Split(long mask)
    {
        // Arrays, not the compiler's own list types, which PowerShell cannot index.
        if (mask == 0)
            return (table.NameOf(0) is { } zero ? new[] { zero } : [], 0);
        var names = new List<string>();
        long left = mask;
        foreach ((long value, string name) in table.Entries)
        {
            if (value != 0 && (left & value) == value)
            {
                names.Add(name);
                left &= ~value;
            }
        }
        return (names.ToArray(), left);
    }

    /// <summary>The mask by name whatever the style, for formatters that style a whole value made of parts.</summary>
    internal string Names(long flags) => Names(flags, out _);

    private string Names(long flags, out bool named)
    {
        named = flags == 0 && table.NameOf(0) is not null;
        if (flags == 0)
            return table.NameOf(0) ?? "0";
        StringBuilder text = TextBuilder.Acquire();
        long left = AppendNames(text, flags);
        named = text.Length > 0;
        AppendLeft(text, 0, left);
        return TextBuilder.Release(text);
    }

    /// <summary>Appends the formatted mask after earlier parts of a value, with '|' between; nothing for zero.</summary>
    internal void AppendPart(StringBuilder text, long flags)
    {
        if (flags == 0)
            return;
        if (text.Length > 0)
            text.Append('|');
        text.Append(Names(flags));
    }

    /// <summary>Appends the names and the bits left in hex; the number alone (<c>0x0</c> for zero) when no name matches.</summary>
    internal void Append(StringBuilder text, long flags)
    {
        int start = text.Length;
        AppendLeft(text, start, AppendNames(text, flags));
    }

    /// <summary>Appends the names of the bits the table covers, joined with '|'; returns the bits left.</summary>
    internal long AppendNames(StringBuilder text, long flags)
    {
        int start = text.Length;
        long left = flags;
        foreach ((long value, string name) in table.Entries)
        {
            if (value != 0 && (left & value) == value)
            {
                if (text.Length > start)
                    text.Append('|');
                text.Append(name);
                left &= ~value;
            }
        }
        return left;
    }

    private static void AppendLeft(StringBuilder text, int start, long left)
    {
        if (left == 0 && text.Length > start)
            return;
        if (text.Length > start)
            text.Append('|');
        text.Append("0x").Append(left.ToString("x", CultureInfo.InvariantCulture));
    }
}
