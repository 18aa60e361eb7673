using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>Bit masks and named values as strace prints them: <c>0</c> when no bit is set, names joined with '|'
/// and the bits left over in hex, or the number with a <c>/* AT_??? */</c> hint when no name covers any bit.
/// (A helper other families may want in DecodeContext; it lives here so as not to touch shared files.)</summary>
internal static class FlagText
{
    internal static string Format(ConstantTable table, long flags, string unknownHint)
    {
        if (flags == 0)
            return "0";
        var text = new StringBuilder();
        long left = Append(text, table, flags);
        if (text.Length == 0)
            return DecodeContext.Unnamed(flags, unknownHint);
        if (left != 0)
            text.Append("|0x").Append(left.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Appends the names of the bits of <paramref name="flags"/> the table covers; returns the bits left.</summary>
    internal static long Append(StringBuilder text, ConstantTable table, long flags)
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

    /// <summary>A value from a table of names, or its number with the hint.</summary>
    internal static string Named(ConstantTable table, long value, string unknownHint) =>
        table.NameOf(value) ?? DecodeContext.Unnamed(value, unknownHint);

    /// <summary>Sets argument <paramref name="index"/> to its flags (its unsigned value as the parameter is wide).</summary>
    internal static void SetFlags(DecodeContext context, int index, ConstantTable table, string unknownHint)
    {
        long value = (long)context.Unsigned(index);
        context.Set(index, Syscalls.ArgumentKind.UInt, value, Format(table, value, unknownHint));
    }

    /// <summary>Sets argument <paramref name="index"/> to one value of a table.</summary>
    internal static void SetNamed(DecodeContext context, int index, ConstantTable table, string unknownHint)
    {
        long value = (long)context.Unsigned(index);
        context.Set(index, Syscalls.ArgumentKind.UInt, value, Named(table, value, unknownHint));
    }
}
