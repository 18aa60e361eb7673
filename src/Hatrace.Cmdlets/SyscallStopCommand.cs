using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>The base of the cmdlets that change a call while it is stopped, inside a -OnEnter or -OnSyscall hook of
/// Start-TracedProcess.</summary>
public abstract class SyscallStopCommand : PSCmdlet
{
    /// <summary>The call to change; the one the hook runs for when omitted. It must be that call.</summary>
    [Parameter(ValueFromPipeline = true)]
    public SyscallEvent? InputObject { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (HookContext.Find(InputObject) is not { } stop)
        {
            ThrowTerminatingError(NotStopped());
            return;
        }
        try
        {
            Change(stop);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            ThrowTerminatingError(new ErrorRecord(e, ErrorIds.TamperFailed,
                e is IOException ? ErrorCategory.WriteError : e is ArgumentException ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidOperation, stop.Call));
        }
    }

    /// <summary>Makes the change to the stopped call.</summary>
    private protected abstract void Change(SyscallStop stop);

    private protected static ErrorRecord InvalidArgument(string message, string id, object? target) =>
        new(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target);

    private ErrorRecord NotStopped() => new(
        new InvalidOperationException(InputObject is null
            ? $"{MyInvocation.MyCommand.Name} changes a call while it is stopped: use it inside a -OnEnter or -OnSyscall scriptblock of Start-TracedProcess."
            : $"{MyInvocation.MyCommand.Name}: the {InputObject.Name} call given is not the one stopped for this hook."),
        ErrorIds.NotInHook, ErrorCategory.InvalidOperation, InputObject);
}
