using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hatrace.Engine.Tampering;

/// <summary>Where each field of a kernel struct lies, so that a hook can set an output's fields by name and value
/// (<c>st_size = 42</c>, <c>nodename = "mocked"</c>) instead of by bytes. The layouts are data
/// (Tampering/Data/struct-layouts.txt); only the x86_64 ABI's are known.</summary>
internal sealed partial class StructLayout
{
    private static readonly Lazy<Dictionary<string, StructLayout>> s_layouts = new(Load);

    private readonly Dictionary<string, (string Type, int Offset)> _fields;

    private StructLayout(string name, int size, Dictionary<string, (string, int)> fields)
    {
        Name = name;
        Size = size;
        _fields = fields;
    }

    internal string Name { get; }

    internal int Size { get; }

    internal IEnumerable<string> FieldNames => _fields.Keys;

    /// <summary>The layout of the struct a parameter of C type <paramref name="parameterType"/> points to
    /// (<c>struct stat __user *</c>), or null.</summary>
    internal static StructLayout? ForParameter(string parameterType) =>
        StructName().Match(parameterType) is { Success: true } match ? s_layouts.Value.GetValueOrDefault(match.Groups[1].Value) : null;

    /// <summary>Writes <paramref name="value"/> into field <paramref name="field"/> of the struct in <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException">The struct has no such field, or the value does not fit it.</exception>
    internal void Set(Span<byte> bytes, string field, object? value)
    {
        if (!_fields.TryGetValue(field, out var f))
            throw new ArgumentException($"struct {Name} has no field '{field}'; its fields are {string.Join(", ", _fields.Keys)}.", nameof(field));
        Span<byte> at = bytes[f.Offset..];
        if (f.Type.StartsWith("char", StringComparison.Ordinal))
        {
            int length = int.Parse(f.Type.AsSpan(4), CultureInfo.InvariantCulture);
            byte[] text = Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            if (text.Length >= length)
                throw new ArgumentException($"{field} holds at most {length - 1} bytes; '{value}' has {text.Length}.", nameof(value));
            at[..length].Clear();
            text.CopyTo(at);
            return;
        }
        long number;
        try
        {
            number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"{field} is a number; '{value}' is not one.", nameof(value), e);
        }
        switch (f.Type)
        {
            case "u8": at[0] = (byte)number; break;
            case "u16": BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)number); break;
            case "u32" or "s32": BinaryPrimitives.WriteInt32LittleEndian(at, (int)number); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(at, number); break;
        }
    }

    private static Dictionary<string, StructLayout> Load()
    {
        using Stream stream = typeof(StructLayout).Assembly.GetManifestResourceStream("struct-layouts.txt")
            ?? throw new InvalidOperationException("struct-layouts.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var layouts = new Dictionary<string, StructLayout>(StringComparer.Ordinal);
        Dictionary<string, (string, int)>? fields = null;
        while (reader.ReadLine() is { } line)
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0].StartsWith('#'))
                continue;
            if (words[0] == "struct")
            {
                fields = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
                layouts[words[1]] = new StructLayout(words[1], int.Parse(words[2], CultureInfo.InvariantCulture), fields);
            }
            else
            {
                fields![words[0]] = (words[1], int.Parse(words[2], CultureInfo.InvariantCulture));
            }
        }
        return layouts;
    }

    [GeneratedRegex(@"struct\s+(\w+)")]
    private static partial Regex StructName();
}
