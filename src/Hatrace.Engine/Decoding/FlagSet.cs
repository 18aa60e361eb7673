using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding;

/// <summary>Prints a bit mask as names joined with '|', from a constant table; bits no name covers print in hex.</summary>
internal sealed class FlagSet(ConstantTable table)
{
    internal void Append(StringBuilder text, long flags)
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
        if (left != 0 || text.Length == start)
        {
            if (text.Length > start)
                text.Append('|');
            text.Append("0x").Append(left.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
