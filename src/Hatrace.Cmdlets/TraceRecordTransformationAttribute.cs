using System.Collections;
using System.Management.Automation;
using System.Text.Json;

namespace Hatrace.Cmdlets;

/// <summary>Lets a parameter of trace events take deserialized records too (<see cref="TraceRecord"/>); anything else
/// passes through untouched, for the binder to refuse as it refuses any other input.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TraceRecordTransformationAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc/>
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            // An array or list of records (-ReferenceObject $records) record by record; a record on its own as it is.
            return LanguagePrimitives.GetEnumerable(inputData) is IEnumerable items
                ? items.Cast<object?>().Select(Transform).ToArray()
                : Transform(inputData);
        }
        catch (JsonException e)
        {
            throw new ArgumentTransformationMetadataException($"A deserialized trace record whose {TraceRecord.JsonProperty} is not an event: {e.Message}", e);
        }
    }

    private static object? Transform(object? item) => TraceRecord.ToTraceEvent(item) ?? item;
}
