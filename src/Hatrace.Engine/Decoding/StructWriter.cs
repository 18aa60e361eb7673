using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding;

/// <summary>Builds a structure as strace prints one (<c>{st_mode=S_IFREG|0644, st_size=832, ...}</c>) and, when given
/// its type's name, as a value (<see cref="StructValue"/>) from the fields' values. The only place that writes braces
/// and field separators, so every decoder prints structures alike.</summary>
internal sealed class StructWriter(string? typeName = null)
{
    // The thread's builder (TextBuilder) until the text is made; then the text, and a builder again only if more is added.
    private StringBuilder? _builder = TextBuilder.Acquire().Append('{');
    private string? _made;
    private readonly List<KeyValuePair<string, object?>>? _fields = typeName is null ? null : [];
    private bool _empty = true;

    private StringBuilder Text => _builder ??= TextBuilder.Acquire().Append(_made.AsSpan(0, _made!.Length - 1));

    /// <summary>Adds <c>name=text</c>, a field whose value is <paramref name="value"/>.</summary>
    internal StructWriter Field(string name, object? value, string text)
    {
        _fields?.Add(new(name, value));
        Separate();
        Text.Append(name).Append('=').Append(text);
        return this;
    }

    /// <summary>Adds a field whose <paramref name="text"/> is all strace prints of it, its name only where the text
    /// holds it (an IPv6 address: <c>inet_pton(AF_INET6, "::1", &amp;idiag_src)</c>).</summary>
    internal StructWriter Item(string name, object? value, string text)
    {
        _fields?.Add(new(name, value));
        return Unnamed(text);
    }

    /// <summary>Adds <c>name=value</c> for a structure printed only as text.</summary>
    internal StructWriter Field(string name, string value) => Field(name, value, value);

    internal StructWriter Field(string name, long value) => Field(name, value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds text that names no field (strace's <c>/* bytes 32..39 */ "..."</c> after the last), if any.</summary>
    internal StructWriter Unnamed(string? text)
    {
        if (text is not null)
        {
            Separate();
            Text.Append(text);
        }
        return this;
    }

    /// <summary>Adds strace's <c>...</c> for the fields it leaves out unless -v is given.</summary>
    internal StructWriter More()
    {
        Separate();
        Text.Append("...");
        return this;
    }

    public override string ToString()
    {
        if (_builder is { } text)
        {
            _made = TextBuilder.Release(text.Append('}'));
            _builder = null;
        }
        return _made!;
    }

    /// <summary>The fields given so far as a value.</summary>
    internal StructValue Value => new(typeName!, _fields!);

    private void Separate()
    {
        if (!_empty)
            Text.Append(", ");
        _empty = false;
    }

    /// <summary>Prints items as strace prints an array: <c>[3, 4]</c>.</summary>
    internal static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>An array whose memory ended after <paramref name="items"/>, at <paramref name="stoppedAt"/> (see
    /// <see cref="DecodeContext.ReadArray"/>): <c>[{fd=-5}, ... /* 0x7f0b2c85e000 */]</c>.</summary>
    internal static string Array(IEnumerable<string> items, PointerValue? stoppedAt) =>
        stoppedAt is null ? Array(items) : "[" + string.Join(", ", items.Append($"... /* {stoppedAt} */")) + "]";
}
