using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Text.Json;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Reads the trace events of a JSON Lines file (Export-SyscallTrace, <c>hatrace --json</c>). They are the
/// same types as live events and format and filter like them.</summary>
[Cmdlet(VerbsData.Import, "SyscallTrace")]
[OutputType(typeof(SyscallEvent), typeof(TraceEvent))]
public sealed class ImportSyscallTraceCommand : PSCmdlet
{
    /// <summary>The files to read; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (string pattern in Path)
        {
            Collection<string> paths;
            try
            {
                paths = GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, ErrorIds.TraceFileNotFound, ErrorCategory.ObjectNotFound, pattern));
                continue;
            }
            foreach (string path in paths)
                Import(path);
        }
    }

    // A line that is not an event ends that file's import, with the line's number: what follows may be cut off too.
    private void Import(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            foreach (TraceEvent traceEvent in TraceJson.ReadLines(reader))
                WriteObject(traceEvent);
        }
        catch (JsonException e)
        {
            WriteError(new ErrorRecord(new InvalidDataException($"{path}: {e.Message}", e), ErrorIds.TraceFileInvalid,
                ErrorCategory.InvalidData, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(e, ErrorIds.TraceFileNotReadable, ErrorCategory.ReadError, path));
        }
    }
}
