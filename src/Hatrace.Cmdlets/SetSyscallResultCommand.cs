using System.Management.Automation;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Sets what a stopped call returns: an error, a value, or nothing at all (skipped). In -OnEnter the call
/// is skipped, so nothing happens behind the program's back; in -OnSyscall the call has run and its result is
/// replaced.</summary>
[Cmdlet(VerbsCommon.Set, "SyscallResult", DefaultParameterSetName = ErrorSet)]
[OutputType(typeof(void))]
public sealed class SetSyscallResultCommand : SyscallStopCommand
{
    private const string ErrorSet = "Errno", ValueSet = "ReturnValue", SkipSet = "Skip";

    /// <summary>The errno the call fails with: a name such as ENOSPC, or a number.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ErrorSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ErrnoNameCompleter))]
    public string Errno { get; set; } = "";

    /// <summary>The value the call returns.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ValueSet)]
    public long ReturnValue { get; set; }

    /// <summary>Skips the call at its entry: it does not run, and returns ENOSYS unless -Errno or -ReturnValue says otherwise.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SkipSet)]
    [Parameter(ParameterSetName = ErrorSet)]
    [Parameter(ParameterSetName = ValueSet)]
    public SwitchParameter Skip { get; set; }

    private protected override void Change(SyscallStop stop)
    {
        if (Skip)
            stop.Skip();
        switch (ParameterSetName)
        {
            case ErrorSet:
                if (Hatrace.Engine.Model.Errno.Parse(Errno) is int errno)
                    stop.SetError(errno);
                else
                    ThrowTerminatingError(Names.UnknownErrno(Errno));
                break;
            case ValueSet:
                stop.SetResult(ReturnValue);
                break;
        }
    }
}
