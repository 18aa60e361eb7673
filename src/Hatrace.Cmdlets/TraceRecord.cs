using System.Management.Automation;
using System.Text.Json;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>A trace record, live or as PowerShell's serializer left it (remoting, jobs): a property bag whose type
/// names start with <c>Deserialized.Hatrace.Engine.Model.</c>. Hatrace.Types.ps1xml serializes every record with a
/// <see cref="JsonProperty"/>, its Export-SyscallTrace line, from which the event is made again, whole and typed, as
/// Import-SyscallTrace makes it. Public for the module's type data and script code (<c>Should -InvokeSyscall</c>).</summary>
public static class TraceRecord
{
    /// <summary>The name of the property that carries a record's JSON through the serializer.</summary>
    public const string JsonProperty = "Json";

    private const string DeserializedPrefix = "Deserialized.Hatrace.Engine.Model.";

    // The event made from each record's JSON, kept while the record lives: Where-Object and the views read Arguments
    // again and again. Keyed by the JSON string, which Select-Object's copies of the record share.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, TraceEvent> s_events = [];

    /// <summary>The event <paramref name="input"/> is or was: a live event as it is, a deserialized record made again
    /// from its JSON; null for anything else.</summary>
    /// <exception cref="JsonException">A deserialized record's JSON is not an event.</exception>
    public static TraceEvent? ToTraceEvent(object? input) => input switch
    {
        TraceEvent live => live,
        PSObject { BaseObject: TraceEvent live } => live,
        PSObject record when IsDeserialized(record) && record.Properties[JsonProperty]?.Value is string json => s_events.GetValue(json, TraceJson.Deserialize),
        _ => null,
    };

    /// <summary>The record's JSON, for the serializer (a hidden member of every live event).</summary>
    public static string GetJson(PSObject instance) =>
        TraceJson.Serialize((TraceEvent)(instance ?? throw new ArgumentNullException(nameof(instance))).BaseObject);

    /// <summary>The decoded arguments of a deserialized call or call entry, typed as a live call's
    /// (<c>$r.Arguments.addr.Value.Port</c>); null when the record carries no JSON.</summary>
    public static object? GetArguments(PSObject instance) => ToTraceEvent(instance) switch
    {
        SyscallEvent call => call.Arguments,
        SyscallEntryEvent entry => entry.Arguments,
        _ => null,
    };

    /// <summary>The stack of a deserialized call, as a live call's (<c>$r.StackTrace.Function</c>); null when the
    /// trace took no stacks or the record carries no JSON.</summary>
    public static object? GetStackTrace(PSObject instance) => (ToTraceEvent(instance) as SyscallEvent)?.StackTrace;

    // Not only the first name: Select-Object puts a Selected. name of its own before the record's.
    private static bool IsDeserialized(PSObject record) =>
        record.TypeNames.Any(name => name.StartsWith(DeserializedPrefix, StringComparison.Ordinal));
}
