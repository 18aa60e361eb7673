using System.Globalization;
using System.Text;

namespace Hatrace.Engine.Decoding;

/// <summary>Builds a structure as strace prints one: <c>{st_mode=S_IFREG|0644, st_size=832, ...}</c>.
/// The only place that writes braces and field separators, so every decoder prints structures alike.</summary>
internal sealed class StructWriter
{
    private readonly StringBuilder _text = new("{");
    private bool _empty = true;

    /// <summary>Adds <c>name=value</c>.</summary>
    internal StructWriter Field(string name, string value)
    {
        Separate();
        _text.Append(name).Append('=').Append(value);
        return this;
    }

    internal StructWriter Field(string name, long value) => Field(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds strace's <c>...</c> for the fields it leaves out unless -v is given.</summary>
    internal StructWriter More()
    {
        Separate();
        _text.Append("...");
        return this;
    }

    public override string ToString() => _text.ToString() + "}";

    private void Separate()
    {
        if (!_empty)
            _text.Append(", ");
        _empty = false;
    }

    /// <summary>Prints items as strace prints an array: <c>[3, 4]</c>.</summary>
    internal static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
