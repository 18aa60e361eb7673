using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>Makes the seccomp profile a trace implies: the calls seen are allowed by name, every other call fails with
/// EPERM; x86_64, and i386 where an i386 call was seen. Traces in the pipeline (of several runs, of several hosts) are
/// merged into one profile. Rules are by name only: no argument conditions (clone flags, personality).</summary>
[Cmdlet(VerbsData.ConvertTo, "SeccompProfile")]
[OutputType(typeof(string))]
public sealed class ConvertToSeccompProfileCommand : PSCmdlet
{
    private readonly List<(SyscallArch Arch, string Name)> _calls = [];

    /// <summary>The records of the traces, live or from a job or a remote session; other events than syscalls are
    /// passed over.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [TraceRecordTransformation]
    public TraceEvent? InputObject { get; set; }

    /// <summary>The text to write: Oci (JSON, the default) or Systemd (unit directives).</summary>
    [Parameter(Position = 0)]
    public SeccompProfileFormat Format { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is SyscallEvent call)
            _calls.Add((call.Arch, call.Name));
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        SeccompProfile profile = SeccompProfile.FromCalls(_calls);
        if (profile.AllowedNames.Count == 0)
        {
            // An empty allow-list denies everything, and systemd reads an empty SystemCallFilter= as no filter at all.
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException("No syscall came through the pipeline: a profile needs the records of a trace."),
                ErrorIds.NoSyscalls, ErrorCategory.InvalidData, null));
        }
        if (!profile.AllowedNames.Contains("execve"))
            WriteWarning("The traces have no execve: a program cannot even start under this profile. Trace without -Name, or add the calls a trace filtered by -Name left out.");
        WriteObject(Format == SeccompProfileFormat.Systemd ? profile.ToSystemdDirectives() : profile.ToOciJson());
    }
}
