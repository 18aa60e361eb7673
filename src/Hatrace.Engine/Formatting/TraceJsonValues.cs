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
        new(typeof(FlagsValue), "flags", WriteValue, e => ReadValue(e)!),
        new(typeof(ConstantValue), "constant", WriteValue, e => ReadValue(e)!),
        new(typeof(StructValue), "struct", WriteValue, e => ReadValue(e)!),
        new(typeof(SocketAddressValue), "sockaddr", WriteValue, e => ReadValue(e)!),
        new(typeof(SignalSetValue), "sigset", WriteValue, e => ReadValue(e)!),
        new(typeof(ArrayValue), "array", WriteValue, e => ReadValue(e)!),
        new(typeof(StringValue), "quoted", WriteValue, e => ReadValue(e)!),
        new(typeof(PointerValue), "pointer", WriteValue, e => ReadValue(e)!),
        new(typeof(DescriptorValue), "fd", WriteValue, e => ReadValue(e)!),
        new(typeof(ProcessIdValue), "pid", WriteValue, e => ReadValue(e)!),
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
            // Not a value type of the engine's (a test checks that every decoder gives one): its text survives.
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

    // A value as JSON, any part of it in turn, each shape telling its type so that it reads back the same:
    // numbers; strings (times as ISO 8601 text); bytes as {"bytes": base64}; arrays; a structure as
    // {"type": "stat", "fields": {"st_size": 12813, ...}}; flags as {"number": 577, "names": [...], "unknown": 0};
    // a named value as {"number": -100, "name": "AT_FDCWD"}; a socket address as {"family": "AF_INET", "address":
    // "127.0.0.1", "port": 9, "bytes": ...}; a signal set as {"signals": ["SIGINT"], "numbers": [2], "size": 8};
    // a string as {"text": "/etc/passwd", "bytes": ..., "truncated": false, "unterminated": false}; a pointer as
    // {"address": 0, "reason": "Null"}; a descriptor as {"fd": 3, "path": "/etc/passwd"}; a process id as {"pid": 1234};
    // an array read in part as {"items": [...], "truncated": true, "stoppedAt": {"address": ..., "reason": "Unreadable"}}.
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case long or int or uint or short or ushort or byte or sbyte: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string text: writer.WriteStringValue(text); break;
            case DateTimeOffset time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case byte[] bytes:
                writer.WriteStartObject();
                writer.WriteBase64String("bytes", bytes);
                writer.WriteEndObject();
                break;
            case StructValue structure:
                writer.WriteStartObject();
                writer.WriteString("type", structure.TypeName);
                writer.WriteStartObject("fields");
                foreach ((string name, object? field) in structure)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, field);
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case FlagsValue flags:
                writer.WriteStartObject();
                writer.WriteNumber("number", flags.Number);
                writer.WritePropertyName("names");
                WriteArray(writer, [.. flags.Names], writer.WriteStringValue);
                writer.WriteNumber("unknown", flags.Unknown);
                writer.WriteEndObject();
                break;
            case ConstantValue constant:
                writer.WriteStartObject();
                writer.WriteNumber("number", constant.Number);
                writer.WriteString("name", constant.Name);
                writer.WriteEndObject();
                break;
            case SocketAddressValue address:
                WriteSocketAddress(writer, address);
                break;
            case StringValue text:
                writer.WriteStartObject();
                writer.WriteString("text", text.Text);
                writer.WriteBase64String("bytes", text.Span);
                writer.WriteBoolean("truncated", text.Truncated);
                writer.WriteBoolean("unterminated", text.Unterminated);
                writer.WriteEndObject();
                break;
            case PointerValue pointer:
                writer.WriteStartObject();
                writer.WriteNumber("address", pointer.Address);
                writer.WriteString("reason", pointer.Reason.ToString());
                writer.WriteEndObject();
                break;
            case ProcessIdValue pid:
                writer.WriteStartObject();
                writer.WriteNumber("pid", pid.Number);
                writer.WriteEndObject();
                break;
            case DescriptorValue fd:
                writer.WriteStartObject();
                writer.WriteNumber("fd", fd.Number);
                if (fd.Path is not null)
                    writer.WriteString("path", fd.Path);
                writer.WriteEndObject();
                break;
            case SignalSetValue set:
                writer.WriteStartObject();
                writer.WritePropertyName("signals");
                WriteArray(writer, [.. set.Names], writer.WriteStringValue);
                writer.WritePropertyName("numbers");
                WriteArray(writer, [.. set.Numbers], writer.WriteNumberValue);
                writer.WriteNumber("size", set.Size);
                writer.WriteEndObject();
                break;
            case ArrayValue { Truncated: true } or ArrayValue { StoppedAt: not null }:
                var array = (ArrayValue)value;
                writer.WriteStartObject();
                writer.WritePropertyName("items");
                WriteValue(writer, array.ToList());
                writer.WriteBoolean("truncated", array.Truncated);
                if (array.StoppedAt is { } stoppedAt)
                {
                    writer.WritePropertyName("stoppedAt");
                    WriteValue(writer, stoppedAt);
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static object? ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out long number) ? number : e.GetUInt64(),
        JsonValueKind.String when DateTimeOffset.TryParseExact(e.GetString(), "O", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out DateTimeOffset time) => time,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => new ArrayValue(e.EnumerateArray().Select(ReadValue)),
        JsonValueKind.Object when e.TryGetProperty("fields", out JsonElement fields) =>
            new StructValue(e.GetProperty("type").GetString()!, fields.EnumerateObject().Select(f => new KeyValuePair<string, object?>(f.Name, ReadValue(f.Value)))),
        JsonValueKind.Object when e.TryGetProperty("names", out JsonElement names) =>
            new FlagsValue(e.GetProperty("number").GetInt64(), ReadArray(names, i => i.GetString()!), e.GetProperty("unknown").GetInt64()),
        JsonValueKind.Object when e.TryGetProperty("signals", out _) =>
            new SignalSetValue(ReadArray(e.GetProperty("numbers"), i => i.GetInt32()), e.GetProperty("size").GetInt32()),
        JsonValueKind.Object when e.TryGetProperty("family", out _) => new SocketAddressValue(e.GetProperty("bytes").GetBytesFromBase64()),
        JsonValueKind.Object when e.TryGetProperty("items", out JsonElement items) => new ArrayValue(items.EnumerateArray().Select(ReadValue),
            e.GetProperty("truncated").GetBoolean(), e.TryGetProperty("stoppedAt", out JsonElement stoppedAt) ? (PointerValue?)ReadValue(stoppedAt) : null),
        JsonValueKind.Object when e.TryGetProperty("text", out _) => new StringValue(e.GetProperty("bytes").GetBytesFromBase64(),
            e.GetProperty("truncated").GetBoolean(), e.GetProperty("unterminated").GetBoolean()),
        JsonValueKind.Object when e.TryGetProperty("reason", out JsonElement reason) =>
            new PointerValue(e.GetProperty("address").GetInt64(),
                Enum.TryParse(reason.GetString(), out PointerReason why) ? why : throw new JsonException($"Unknown pointer reason '{reason.GetString()}'.")),
        JsonValueKind.Object when e.TryGetProperty("pid", out JsonElement pid) => new ProcessIdValue(pid.GetInt32()),
        JsonValueKind.Object when e.TryGetProperty("fd", out JsonElement fd) =>
            new DescriptorValue(fd.GetInt32(), e.TryGetProperty("path", out JsonElement path) ? path.GetString() : null),
        JsonValueKind.Object when e.TryGetProperty("bytes", out JsonElement bytes) => bytes.GetBytesFromBase64(),
        JsonValueKind.Object => new ConstantValue(e.GetProperty("number").GetInt64(), e.GetProperty("name").GetString()),
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
