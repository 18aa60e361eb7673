using System.Management.Automation;
using Hatrace.Engine.Model;

namespace Hatrace.Cmdlets;

/// <summary>Builds the tree of processes a trace saw: who started whom, what each ran (path and argv) and how it ended,
/// from the process events of <c>Start-TracedProcess -IncludeProcessEvents</c> or an imported trace. Writes every
/// process, each root followed by its descendants depth first, so that the default view reads as a tree.</summary>
[Cmdlet(VerbsCommon.Get, "TracedProcessTree")]
[OutputType(typeof(TracedProcess))]
public sealed class GetTracedProcessTreeCommand : PSCmdlet
{
    private readonly Dictionary<int, TracedProcess> _processes = [];
    private readonly List<TracedProcess> _inOrder = [];

    /// <summary>The events of a trace; only process starts, execs and exits are used, the rest are passed over. Records
    /// from a job or a remote session serve as the live ones.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [TraceRecordTransformation]
    public TraceEvent? InputObject { get; set; }

    /// <summary>Writes only the roots; their descendants are in <see cref="TracedProcess.Children"/>.</summary>
    [Parameter]
    public SwitchParameter RootOnly { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        switch (InputObject)
        {
            case ProcessStartEvent start:
                TracedProcess started = Find(start.ProcessId, start.CommandName);
                started.ParentProcessId = start.ParentProcessId;
                break;
            case ProcessExecEvent exec:
                TracedProcess execed = Find(exec.ProcessId, exec.CommandName);
                execed.Executable = exec.Path;
                execed.Arguments = exec.Arguments;
                execed.Executables.Add(exec.Path);
                execed.CommandName = exec.CommandName;
                break;
            case ProcessExitEvent exit:
                TracedProcess exited = Find(exit.ProcessId, "");
                exited.ExitCode = exit.ExitCode;
                exited.Signal = exit.SignalName;
                exited.ExitStatus = exit.ExitStatus;
                break;
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_inOrder.Count == 0)
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException("The input holds no process events. Trace with Start-TracedProcess -IncludeProcessEvents."),
                ErrorIds.NoProcessEvents, ErrorCategory.InvalidData, null));
            return;
        }
        foreach (TracedProcess process in _inOrder)
        {
            if (_processes.TryGetValue(process.ParentProcessId, out TracedProcess? parent) && parent != process)
            {
                process.Parent = parent;
                parent.Children.Add(process);
            }
        }
        foreach (TracedProcess root in _inOrder.Where(p => p.Parent is null))
        {
            if (RootOnly)
                WriteObject(root);
            else
                WriteObject(DepthFirst(root), enumerateCollection: true);
        }
    }

    // A pid the kernel reuses within one trace starts a new process: the later one takes the pid's place.
    private TracedProcess Find(int processId, string commandName)
    {
        if (InputObject is ProcessStartEvent || !_processes.TryGetValue(processId, out TracedProcess? process))
        {
            process = new TracedProcess(processId, parentProcessId: 0, commandName);
            _processes[processId] = process;
            _inOrder.Add(process);
        }
        return process;
    }

    private static IEnumerable<TracedProcess> DepthFirst(TracedProcess root) =>
        root.Children.SelectMany(DepthFirst).Prepend(root);
}
