using System.Management.Automation;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Sends a signal to the thread of a stopped call; it is delivered when the thread runs on.</summary>
[Cmdlet(VerbsCommunications.Send, "TraceeSignal")]
[OutputType(typeof(void))]
public sealed class SendTraceeSignalCommand : SyscallStopCommand
{
    /// <summary>The signal: a name (SIGTERM or TERM) or a number.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SignalNameCompleter))]
    public string Signal { get; set; } = "";

    private protected override void Change(SyscallStop stop)
    {
        if (Hatrace.Engine.Model.Signals.Parse(Signal) is int signal)
            stop.SendSignal(signal);
        else
            ThrowTerminatingError(Names.UnknownSignal(Signal));
    }
}
