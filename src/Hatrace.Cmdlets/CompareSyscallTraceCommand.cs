using System.Management.Automation;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Compares two traces line by line, in order, after normalising what differs between runs of one program
/// (pids, addresses, times): the lines of the shortest edit from one to the other, like Compare-Object's.</summary>
[Cmdlet(VerbsData.Compare, "SyscallTrace")]
[OutputType(typeof(SyscallTraceDifference))]
public sealed class CompareSyscallTraceCommand : PSCmdlet
{
    private readonly List<TraceEvent> _difference = [];

    /// <summary>The trace to compare against (its lines are marked <c>&lt;=</c>); records from a job or a remote session too.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyCollection]
    [TraceRecordTransformation]
    public TraceEvent[] ReferenceObject { get; set; } = [];

    /// <summary>The trace compared (its lines are marked <c>=&gt;</c>); from the pipeline, or an array; records from a
    /// job or a remote session too.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    [TraceRecordTransformation]
    public TraceEvent[] DifferenceObject { get; set; } = [];

    /// <summary>Also writes the lines both traces have, marked <c>==</c>.</summary>
    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    /// <summary>Writes only the lines both traces have (with -IncludeEqual, or alone).</summary>
    [Parameter]
    public SwitchParameter ExcludeDifferent { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => _difference.AddRange(DifferenceObject);

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var reference = TraceNormalizer.Normalize(ReferenceObject);
        var difference = TraceNormalizer.Normalize(_difference);
        foreach ((string side, string text, TraceEvent e) in LineDiff.Compare(reference, difference))
        {
            bool equal = side == LineDiff.Both;
            if (equal ? IncludeEqual || ExcludeDifferent : !ExcludeDifferent)
                WriteObject(new SyscallTraceDifference { SideIndicator = side, Text = text, InputObject = e });
        }
    }
}
