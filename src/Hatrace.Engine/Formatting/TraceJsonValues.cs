using System.Globalization;
using System.Text.Json;
using Hatrace.Engine.Model;

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
        new(typeof(FlagsValue), "flags", (w, v) => WriteFlags(w, (FlagsValue)v), ReadFlags),
        new(typeof(ConstantValue), "constant", (w, v) => WriteConstant(w, (ConstantValue)v), ReadConstant),
        new(typeof(StructValue), "struct", (w, v) => WriteStruct(w, (StructValue)v), ReadStruct),
        new(typeof(SocketAddressValue), "sockaddr", (w, v) => WriteSocketAddress(w, (SocketAddressValue)v), e => new SocketAddressValue(e.GetProperty("bytes").GetBytesFromBase64())),
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

    // {"number": 577, "names": ["O_WRONLY", "O_CREAT", "O_TRUNC"], "unknown": 0}
    private static void WriteFlags(Utf8JsonWriter writer, FlagsValue flags)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", flags.Number);
        writer.WritePropertyName("names");
        WriteArray(writer, [.. flags.Names], writer.WriteStringValue);
        writer.WriteNumber("unknown", flags.Unknown);
        writer.WriteEndObject();
    }

    private static FlagsValue ReadFlags(JsonElement e) =>
        new(e.GetProperty("number").GetInt64(), ReadArray(e.GetProperty("names"), i => i.GetString()!), e.GetProperty("unknown").GetInt64());

    // {"number": -100, "name": "AT_FDCWD"}; the name null where none covers the number.
    private static void WriteConstant(Utf8JsonWriter writer, ConstantValue constant)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", constant.Number);
        writer.WriteString("name", constant.Name);
        writer.WriteEndObject();
    }

    private static ConstantValue ReadConstant(JsonElement e) => new(e.GetProperty("number").GetInt64(), e.GetProperty("name").GetString());

    // {"type": "stat", "fields": {"st_dev": 2049, "st_size": 12813, "st_atime": "2026-12-05T20:49:00.1234567+00:00", ...}}:
    // numbers as numbers, times as ISO 8601 text, which reads back as a time.
    private static void WriteStruct(Utf8JsonWriter writer, StructValue structure)
    {
        writer.WriteStartObject();
        writer.WriteString("type", structure.TypeName);
        writer.WriteStartObject("fields");
        foreach ((string name, object? field) in structure)
        {
            switch (field)
            {
                case null: writer.WriteNull(name); break;
                case ulong u: writer.WriteNumber(name, u); break;
                case long or int or uint or short or ushort or byte or sbyte: writer.WriteNumber(name, Convert.ToInt64(field, CultureInfo.InvariantCulture)); break;
                case DateTimeOffset time: writer.WriteString(name, time.ToString("O", CultureInfo.InvariantCulture)); break;
                default: writer.WriteString(name, field.ToString()); break;
            }
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static StructValue ReadStruct(JsonElement e) =>
        new(e.GetProperty("type").GetString()!, e.GetProperty("fields").EnumerateObject().Select(f => new KeyValuePair<string, object?>(f.Name, ReadField(f.Value))));

    private static object? ReadField(JsonElement field) => field.ValueKind switch
    {
        JsonValueKind.Number => field.TryGetInt64(out long number) ? number : field.GetUInt64(),
        JsonValueKind.String when DateTimeOffset.TryParseExact(field.GetString(), "O", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out DateTimeOffset time) => time,
        JsonValueKind.String => field.GetString(),
        _ => null,
    };

    // {"family": "AF_INET", "address": "127.0.0.1", "port": 9, "bytes": "AgAACX8AAAE="}: the parts for readers, the bytes
    // to read it back whole.
    private static void WriteSocketAddress(Utf8JsonWriter writer, SocketAddressValue address)
    {
        writer.WriteStartObject();
        writer.WriteString("family", address.Family);
        if (address.Address is { } ip)
            writer.WriteString("address", ip.ToString());
        if (address.Port is int port)
            writer.WriteNumber("port", port);
        if (address.Path is { } path)
            writer.WriteString("path", path);
        writer.WriteBase64String("bytes", address.Bytes.Span);
        writer.WriteEndObject();
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
