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
