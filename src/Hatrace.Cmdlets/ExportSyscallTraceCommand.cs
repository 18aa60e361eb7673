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
    private string _path = "";

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
        _path = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            _file = new StreamWriter(_path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            NotWritable(e);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null)
            return;
        try
        {
            TraceJson.WriteLine(_file!, InputObject);
        }
        catch (IOException e)
        {
            NotWritable(e);
        }
        if (PassThru)
            WriteObject(InputObject);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        try
        {
            _file?.Flush();
        }
        catch (IOException e)
        {
            NotWritable(e);
        }
        Dispose();
    }

    /// <summary>Closes the file, also when the pipeline stops early.</summary>
    public void Dispose()
    {
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
            // What was still buffered cannot be written: the write that failed first was reported, and the file is closed.
        }
        _file = null;
    }

    // A full disk or a file that went away stops the pipeline, and with it a trace that feeds it.
    private void NotWritable(Exception e)
    {
        Dispose();
        ThrowTerminatingError(new ErrorRecord(e, ErrorIds.TraceFileNotWritable, ErrorCategory.WriteError, _path));
    }
}
