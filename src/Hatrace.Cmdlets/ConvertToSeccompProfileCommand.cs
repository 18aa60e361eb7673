using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cmdlets;

/// <summary>The text of a seccomp profile.</summary>
public enum SeccompProfileFormat
{
    /// <summary>The OCI runtime specification's JSON, which Docker and Podman take with <c>--security-opt seccomp=FILE</c>
    /// and Start-TracedProcess with -SeccompProfile.</summary>
    Oci,

    /// <summary>systemd unit directives: <c>SystemCallFilter=</c>, <c>SystemCallErrorNumber=</c>,
    /// <c>SystemCallArchitectures=</c>.</summary>
    Systemd,
}

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
        WriteObject(Format == SeccompProfileFormat.Systemd ? profile.ToSystemdDirectives() : profile.ToOciJson());
    }
}
