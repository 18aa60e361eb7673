using System.Management.Automation;
using System.Text;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Writes trace events to a file as JSON Lines (docs/json-schema.md), one object per event, for
/// Import-SyscallTrace or any JSON tool to read back.</summary>
[Cmdlet(VerbsData.Export, "SyscallTrace")]
[OutputType(typeof(TraceEvent))]
public sealed class ExportSyscallTraceCommand : PSCmdlet, IDisposable
{
    private StreamWriter? _file;

    /// <summary>The file to write; it is replaced if it exists.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The events to write: what Start-TracedProcess or Import-SyscallTrace emits.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TraceEvent? InputObject { get; set; }

    /// <summary>Passes each event on down the pipeline after writing it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        string path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            _file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.TraceFileNotWritable, ErrorCategory.WriteError, path));
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null)
            return;
        TraceJson.WriteLine(_file!, InputObject);
        if (PassThru)
            WriteObject(InputObject);
    }

    /// <inheritdoc/>
    protected override void EndProcessing() => Dispose();

    /// <summary>Closes the file, also when the pipeline stops early.</summary>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
