using System.Text.Json;

namespace Hatrace.Engine.Formatting;

/// <summary>The .NET types a decoder gives <see cref="Model.SyscallArgument.Value"/>, each with the tag that names it in
/// JSON (<c>valueType</c>) and how it is written and read, so that an argument read back holds the same type.</summary>
internal static class TraceJsonValues
{
    /// <summary>The tag of a value of a type not in the table: it is written as its text and read back as a string.</summary>
    internal const string TextTag = "text";

    private sealed record ValueType(Type Type, string Tag, Action<Utf8JsonWriter, object> Write, Func<JsonElement, object> Read);

    private static readonly ValueType[] s_types =
    [
        new(typeof(long), "int64", (w, v) => w.WriteNumberValue((long)v), e => e.GetInt64()),
        new(typeof(int), "int32", (w, v) => w.WriteNumberValue((int)v), e => e.GetInt32()),
        new(typeof(uint), "uint32", (w, v) => w.WriteNumberValue((uint)v), e => e.GetUInt32()),
        new(typeof(ulong), "uint64", (w, v) => w.WriteNumberValue((ulong)v), e => e.GetUInt64()),
        new(typeof(string), "string", (w, v) => w.WriteStringValue((string)v), e => e.GetString()!),
        new(typeof(byte[]), "bytes", (w, v) => w.WriteBase64StringValue((byte[])v), e => e.GetBytesFromBase64()),
        new(typeof(string[]), "strings", (w, v) => WriteArray(w, (string[])v, w.WriteStringValue), e => ReadArray(e, i => i.GetString()!)),
        new(typeof(int[]), "int32s", (w, v) => WriteArray(w, (int[])v, w.WriteNumberValue), e => ReadArray(e, i => i.GetInt32())),
        new(typeof(long[]), "int64s", (w, v) => WriteArray(w, (long[])v, w.WriteNumberValue), e => ReadArray(e, i => i.GetInt64())),
    ];

    private static readonly Dictionary<Type, ValueType> s_byType = s_types.ToDictionary(t => t.Type);
    private static readonly Dictionary<string, ValueType> s_byTag = s_types.ToDictionary(t => t.Tag);

    /// <summary>Writes <c>"valueType"</c> and <c>"value"</c>; nothing for a null value.</summary>
    internal static void Write(Utf8JsonWriter writer, object? value)
    {
        if (value is null)
            return;
        if (s_byType.TryGetValue(value.GetType(), out ValueType? type))
        {
            writer.WriteString("valueType", type.Tag);
            writer.WritePropertyName("value");
            type.Write(writer, value);
        }
        else
        {
            // A decoder's own structure (clone's struct clone_args): only its text survives the file.
            writer.WriteString("valueType", TextTag);
            writer.WriteString("value", value.ToString());
        }
    }

    /// <summary>Reads the value an argument object holds, or null when it holds none.</summary>
    internal static object? Read(JsonElement argument)
    {
        if (!argument.TryGetProperty("value", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            return null;
        string tag = argument.GetProperty("valueType").GetString() ?? TextTag;
        if (tag == TextTag)
            return value.GetString();
        return s_byTag.TryGetValue(tag, out ValueType? type)
            ? type.Read(value)
            : throw new JsonException($"Unknown valueType '{tag}'.");
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, T[] items, Action<T> write)
    {
        writer.WriteStartArray();
        foreach (T item in items)
            write(item);
        writer.WriteEndArray();
    }

    private static T[] ReadArray<T>(JsonElement array, Func<JsonElement, T> read) => [.. array.EnumerateArray().Select(read)];
}
