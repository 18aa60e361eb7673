using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Formatting;

/// <summary>Trace events as JSON Lines, one object per event (docs/json-schema.md), and back: an event read back is of
/// the same type as the live one and formats and filters like it.</summary>
public static class TraceJson
{
    /// <summary>How every writer writes: control characters, quotes and backslashes escaped, other text left readable.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int RegisterCount = 6;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>Writes one event as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, TraceEvent traceEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(traceEvent);
        writer.WriteStartObject();
        writer.WriteString("type", TypeOf(traceEvent));
        writer.WriteNumber("pid", traceEvent.ProcessId);
        writer.WriteNumber("tid", traceEvent.ThreadId);
        writer.WriteString("timestamp", new DateTimeOffset(traceEvent.Timestamp));
        writer.WriteString("text", traceEvent.Text);
        switch (traceEvent)
        {
            case SyscallEvent call:
                WriteCall(writer, call);
                break;
            case SyscallEntryEvent entry:
                WriteEntry(writer, entry);
                break;
            case ProcessStartEvent start:
                writer.WriteNumber("parentPid", start.ParentProcessId);
                writer.WriteString("commandName", start.CommandName);
                if (start.AttachedThreadIds.Count > 0)
                {
                    writer.WriteStartArray("attachedTids");
                    foreach (int tid in start.AttachedThreadIds)
                        writer.WriteNumberValue(tid);
                    writer.WriteEndArray();
                }
                break;
            case ProcessExecEvent exec:
                writer.WriteString("path", exec.Path);
                WriteStrings(writer, "argv", exec.Arguments);
                writer.WriteNumber("formerTid", exec.FormerThreadId);
                writer.WriteString("commandName", exec.CommandName);
                break;
            case ExitEvent exit:
                WriteNullable(writer, "exitCode", exit.ExitCode);
                WriteNullable(writer, "signal", exit.Signal);
                writer.WriteBoolean("coreDumped", exit.CoreDumped);
                break;
            case SignalEvent signal:
                writer.WriteNumber("signal", signal.Signal);
                writer.WriteNumber("code", signal.Code);
                writer.WriteNumber("senderPid", signal.SenderProcessId);
                writer.WriteNumber("senderUid", signal.SenderUserId);
                writer.WriteNumber("address", signal.Address);
                writer.WriteNumber("status", signal.Status);
                writer.WriteNumber("userTime", signal.UserTime);
                writer.WriteNumber("value", signal.Value);
                writer.WriteNumber("systemTime", signal.SystemTime);
                break;
            case GroupStopEvent stop:
                writer.WriteNumber("signal", stop.Signal);
                break;
            case RecordsLostEvent lost:
                writer.WriteNumber("calls", lost.Calls);
                writer.WriteNumber("otherRecords", lost.OtherRecords);
                break;
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes one event as one line of JSON (the line ends with a newline).</summary>
    public static void WriteLine(TextWriter textWriter, TraceEvent traceEvent)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, traceEvent);
        writer.Flush();
        char[] chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(buffer.WrittenCount));
        int count = Encoding.UTF8.GetChars(buffer.WrittenSpan, chars);
        textWriter.Write(chars, 0, count);
        textWriter.Write('\n');
        ArrayPool<char>.Shared.Return(chars);
    }

    /// <summary>One event as a JSON object, on one line.</summary>
    public static string Serialize(TraceEvent traceEvent)
    {
        using var text = new StringWriter();
        WriteLine(text, traceEvent);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Reads one event from its JSON object.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not an event this schema describes.</exception>
    public static TraceEvent Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        try
        {
            string type = root.GetProperty("type").GetString() ?? "";
            if (!s_readers.TryGetValue(type, out Func<JsonElement, long, TraceEvent>? read))
                throw new JsonException($"Unknown event type '{type}'.");
            return read(root, TraceClock.FromDateTime(root.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A missing property or one of the wrong kind: say so as the schema's error, not the DOM's.
            throw new JsonException("Not a trace event: " + e.Message, e);
        }
    }

    /// <summary>Reads every event of a JSON Lines text, skipping blank lines.</summary>
    /// <exception cref="JsonException">A line is not an event; the message gives its line number.</exception>
    public static IEnumerable<TraceEvent> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int lineNumber = 0;
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            TraceEvent traceEvent;
            try
            {
                traceEvent = Deserialize(line);
            }
            catch (JsonException e)
            {
                throw new JsonException($"Line {lineNumber}: {e.Message}", path: null, lineNumber: lineNumber, bytePositionInLine: null, e);
            }
            yield return traceEvent;
        }
    }

    private static string TypeOf(TraceEvent traceEvent) => traceEvent switch
    {
        SyscallEvent => "syscall",
        SyscallEntryEvent => "syscallEntry",
        ProcessStartEvent => "processStart",
        ProcessExecEvent => "processExec",
        ProcessExitEvent => "processExit",
        ThreadExitEvent => "threadExit",
        ThreadStartEvent => "threadStart",
        SignalEvent => "signal",
        GroupStopEvent => "groupStop",
        DetachEvent => "detach",
        RecordsLostEvent => "recordsLost",
        _ => throw new ArgumentException($"No JSON form for {traceEvent.GetType().Name}.", nameof(traceEvent)),
    };

    private static readonly Dictionary<string, Func<JsonElement, long, TraceEvent>> s_readers = new()
    {
        ["syscall"] = ReadCall,
        ["syscallEntry"] = ReadEntry,
        ["processStart"] = (e, ticks) => new ProcessStartEvent(Pid(e), ticks, e.GetProperty("parentPid").GetInt32(),
            e.GetProperty("commandName").GetString()!)
        {
            AttachedThreadIds = e.TryGetProperty("attachedTids", out JsonElement tids) ? [.. tids.EnumerateArray().Select(t => t.GetInt32())] : [],
        },
        ["processExec"] = (e, ticks) => new ProcessExecEvent(Pid(e), ticks, e.GetProperty("path").GetString()!,
            ReadStrings(e.GetProperty("argv")), e.GetProperty("formerTid").GetInt32(), e.GetProperty("commandName").GetString()!),
        ["processExit"] = (e, ticks) => new ProcessExitEvent(Pid(e), ticks, NullableInt(e, "exitCode"), NullableInt(e, "signal"),
            e.GetProperty("coreDumped").GetBoolean()),
        ["threadExit"] = (e, ticks) => new ThreadExitEvent(Pid(e), Tid(e), ticks, NullableInt(e, "exitCode"), NullableInt(e, "signal"),
            e.GetProperty("coreDumped").GetBoolean()),
        ["signal"] = (e, ticks) => new SignalEvent(Pid(e), Tid(e), ticks, e.GetProperty("signal").GetInt32(), e.GetProperty("code").GetInt32(),
            e.GetProperty("senderPid").GetInt32(), e.GetProperty("senderUid").GetInt32(), e.GetProperty("address").GetInt64(),
            e.GetProperty("status").GetInt32(), e.GetProperty("userTime").GetInt64(), e.GetProperty("systemTime").GetInt64(),
            e.TryGetProperty("value", out JsonElement value) ? value.GetInt64() : 0), // traces written before si_value was kept have none
        ["groupStop"] = (e, ticks) => new GroupStopEvent(Pid(e), Tid(e), ticks, e.GetProperty("signal").GetInt32()),
        ["detach"] = (e, ticks) => new DetachEvent(Pid(e), Tid(e), ticks),
        ["threadStart"] = (e, ticks) => new ThreadStartEvent(Pid(e), Tid(e), ticks),
        ["recordsLost"] = (e, ticks) => new RecordsLostEvent(Pid(e), ticks, e.GetProperty("calls").GetInt64(), e.GetProperty("otherRecords").GetInt64()),
    };

    private static int Pid(JsonElement e) => e.GetProperty("pid").GetInt32();

    private static int Tid(JsonElement e) => e.GetProperty("tid").GetInt32();

    // What is known of a call at its entry: the entry event carries only this, the whole call carries it too.
    private static void WriteCallHeader(Utf8JsonWriter writer, SyscallEvent call, IEnumerable<SyscallArgument> arguments)
    {
        writer.WriteString("name", call.Name);
        writer.WriteNumber("number", call.Number);
        writer.WriteString("arch", ArchName(call.Arch));
        writer.WriteStartArray("registers");
        for (int i = 0; i < RegisterCount; i++)
            writer.WriteNumberValue(call.GetRawArgument(i));
        writer.WriteEndArray();
        writer.WriteNumber("shownArguments", call.ShownArguments);
        writer.WriteStartArray("arguments");
        foreach (SyscallArgument argument in arguments)
            WriteArgument(writer, argument);
        writer.WriteEndArray();
    }

    private static void WriteCall(Utf8JsonWriter writer, SyscallEvent call)
    {
        WriteCallHeader(writer, call, call.Arguments);
        writer.WriteNumber("entryArguments", call.EntryArgumentCount);
        WriteNullable(writer, "result", call.Result);
        WriteNullable(writer, "rawResult", call.RawResult);
        writer.WriteString("errno", call.Errno);
        writer.WriteNumber("errnoValue", call.ErrnoValue);
        if (call.ResultText is not null)
            writer.WriteString("resultText", call.ResultText);
        if (call.Path is not null)
            writer.WriteString("path", call.Path);
        if (call.IsUnfinished)
            writer.WriteNull("duration");
        else
            writer.WriteNumber("duration", TraceClock.NanosecondsBetween(call.StartTicks, call.ExitTicks) / 1_000_000_000m);
        if (call.SystemTime is { } systemTime)
            writer.WriteNumber("systemTime", systemTime.Ticks / (decimal)TimeSpan.TicksPerSecond);
        if (call.IsDetached)
            writer.WriteBoolean("detached", true);
        if (call.Tampering is not null)
            writer.WriteString("tampering", call.Tampering);
        if (call.DeniedByProfile)
            writer.WriteBoolean("deniedByProfile", true);
        if (call.ResultInjected)
        {
            writer.WriteBoolean("resultInjected", true);
            WriteNullable(writer, "originalResult", call.OriginalResult);
        }
        if (call.ArgumentsInjected)
            writer.WriteBoolean("argumentsInjected", true);
        if (call.Delayed)
            writer.WriteBoolean("delayed", true);
        if (call.Data is TransferredData data)
            WriteData(writer, data);
        if (call.StackTrace is { } frames)
            WriteStack(writer, frames);
    }

    private static void WriteStack(Utf8JsonWriter writer, IReadOnlyList<StackFrame> frames)
    {
        writer.WriteStartArray("stackTrace");
        foreach (StackFrame frame in frames)
        {
            writer.WriteStartObject();
            writer.WriteString("module", frame.Module);
            if (frame.Function is not null)
            {
                writer.WriteString("function", frame.Function);
                writer.WriteNumber("offset", frame.Offset);
            }
            writer.WriteNumber("address", frame.Address);
            if (frame.File is not null)
                writer.WriteString("file", frame.File);
            if (frame.Line is int line)
                writer.WriteNumber("line", line);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static StackFrame[] ReadStack(JsonElement e) =>
        [.. e.EnumerateArray().Select(f => new StackFrame(
            f.GetProperty("module").GetString()!,
            f.TryGetProperty("function", out JsonElement function) ? function.GetString() : null,
            f.TryGetProperty("offset", out JsonElement offset) ? offset.GetUInt64() : 0,
            f.GetProperty("address").GetUInt64(),
            f.TryGetProperty("file", out JsonElement file) ? file.GetString() : null,
            f.TryGetProperty("line", out JsonElement line) ? line.GetInt32() : null))];

    private static void WriteEntry(Utf8JsonWriter writer, SyscallEntryEvent entry) =>
        WriteCallHeader(writer, entry.Call, entry.Arguments);

    private static void WriteArgument(Utf8JsonWriter writer, SyscallArgument argument)
    {
        writer.WriteStartObject();
        writer.WriteString("name", argument.Name);
        writer.WriteNumber("raw", argument.Raw);
        writer.WriteString("kind", argument.Kind.ToString());
        TraceJsonValues.Write(writer, argument.Value);
        writer.WriteString("text", argument.Text);
        writer.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter writer, TransferredData data)
    {
        writer.WriteStartObject("data");
        writer.WriteString("layout", data.Layout.ToString());
        writer.WriteStartArray("messages");
        foreach (IReadOnlyList<byte[]> message in data.Messages)
        {
            writer.WriteStartArray();
            foreach (byte[] buffer in message)
                writer.WriteBase64StringValue(buffer);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static SyscallEvent ReadCallHeader(JsonElement e, long ticks, out SyscallArgument[] arguments)
    {
        SyscallArch arch = ArchOf(e.GetProperty("arch").GetString());
        long number = e.GetProperty("number").GetInt64();
        long[] registers = [.. e.GetProperty("registers").EnumerateArray().Select(r => r.GetInt64())];
        if (registers.Length != RegisterCount)
            throw new JsonException($"'registers' must hold {RegisterCount} values.");
        arguments = [.. e.GetProperty("arguments").EnumerateArray().Select(ReadArgument)];
        SyscallDefinition? definition = SyscallTable.Find(arch, number);
        // A call made through i386's socketcall has that number and its own name.
        if (definition is not null && Socketcall.IsSocketcall(definition)
            && e.GetProperty("name").GetString() is string name && name != definition.Name)
            definition = SyscallTable.Find(arch, name);
        return new SyscallEvent(Pid(e), Tid(e), ticks, arch, number, definition, registers)
        {
            Arguments = new SyscallArguments(arguments),
            ShownArguments = e.GetProperty("shownArguments").GetInt32(),
        };
    }

    private static SyscallEvent ReadCall(JsonElement e, long ticks)
    {
        SyscallEvent call = ReadCallHeader(e, ticks, out _);
        call.EntryArgumentCount = e.GetProperty("entryArguments").GetInt32();
        if (e.TryGetProperty("path", out JsonElement path))
            call.Path = path.GetString();
        if (e.TryGetProperty("tampering", out JsonElement tampering))
            call.NoteTampering([tampering.GetString()!]);
        call.IsDetached = e.TryGetProperty("detached", out JsonElement detached) && detached.GetBoolean();
        call.DeniedByProfile = e.TryGetProperty("deniedByProfile", out JsonElement denied) && denied.GetBoolean();
        call.ArgumentsInjected = e.TryGetProperty("argumentsInjected", out JsonElement poked) && poked.GetBoolean();
        call.Delayed = e.TryGetProperty("delayed", out JsonElement delayed) && delayed.GetBoolean();
        if (e.TryGetProperty("systemTime", out JsonElement systemTime))
            call.SystemTime = TimeSpan.FromTicks((long)(systemTime.GetDecimal() * TimeSpan.TicksPerSecond));
        if (NullableLong(e, "rawResult") is long rawResult)
        {
            long exitTicks = ticks + TraceClock.FromNanoseconds((long)(e.GetProperty("duration").GetDecimal() * 1_000_000_000m));
            int errnoValue = e.GetProperty("errnoValue").GetInt32();
            if (e.TryGetProperty("resultInjected", out JsonElement injected) && injected.GetBoolean())
            {
                // Replays what the tracer did: the kernel's result first (when the call ran), then the one made up.
                long? original = NullableLong(e, "originalResult");
                call.Complete(original ?? rawResult, isError: false, exitTicks);
                call.InjectResult(rawResult, ran: original is not null);
            }
            call.Complete(rawResult, isError: errnoValue != 0, exitTicks);
        }
        if (e.TryGetProperty("resultText", out JsonElement resultText))
            call.ResultText = resultText.GetString();
        if (e.TryGetProperty("data", out JsonElement data))
            call.Data = ReadData(data);
        if (e.TryGetProperty("stackTrace", out JsonElement stack))
            call.StackTrace = ReadStack(stack);
        return call;
    }

    private static SyscallEntryEvent ReadEntry(JsonElement e, long ticks)
    {
        SyscallEvent call = ReadCallHeader(e, ticks, out SyscallArgument[] arguments);
        call.EntryArgumentCount = arguments.Length;
        return new SyscallEntryEvent(call, arguments);
    }

    private static SyscallArgument ReadArgument(JsonElement e)
    {
        string name = e.GetProperty("name").GetString()!;
        long raw = e.GetProperty("raw").GetInt64();
        var kind = Enum.Parse<ArgumentKind>(e.GetProperty("kind").GetString()!);
        object? value = TraceJsonValues.Read(e);
        string text = e.GetProperty("text").GetString()!;
        // A pid that prints as its number prints as its value says, so that a trace read back is renumbered as a live
        // one is (Compare-SyscallTrace); a file of an older version keeps a descriptor's path beside its number.
        if (value is ProcessIdValue pid && text == pid.ToString())
            return new(name, raw, kind, value, StraceRenderer.Default, TextForm.ProcessId);
        if (value is long fd && e.TryGetProperty("fdPath", out JsonElement fdPath))
            value = new DescriptorValue((int)fd, fdPath.GetString());
        return new(name, raw, kind, value, text);
    }

    private static TransferredData ReadData(JsonElement e) =>
        new(Enum.Parse<TransferLayout>(e.GetProperty("layout").GetString()!),
            [.. e.GetProperty("messages").EnumerateArray()
                .Select(m => (IReadOnlyList<byte[]>)[.. m.EnumerateArray().Select(b => b.GetBytesFromBase64())])]);

    // The names strace and the kernel's audit use, not the enum's C# spelling.
    private static string ArchName(SyscallArch arch) => arch == SyscallArch.I386 ? "i386" : "x86_64";

    private static SyscallArch ArchOf(string? name) => name switch
    {
        "x86_64" => SyscallArch.X86_64,
        "i386" => SyscallArch.I386,
        _ => throw new JsonException($"Unknown arch '{name}'."),
    };

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> items)
    {
        writer.WriteStartArray(name);
        foreach (string item in items)
            writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private static string[] ReadStrings(JsonElement array) => [.. array.EnumerateArray().Select(s => s.GetString()!)];

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long number)
            writer.WriteNumber(name, number);
        else
            writer.WriteNull(name);
    }

    private static long? NullableLong(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.GetInt64() : null;

    private static int? NullableInt(JsonElement e, string name) => (int?)NullableLong(e, name);
}
