using System.Management.Automation;
using System.Text;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Writes the traced program's memory while a call is stopped: at exit, an output buffer (what read
/// returned); at entry, data the call is about to use. Read-only pages are written too.</summary>
[Cmdlet(VerbsCommunications.Write, "TraceeMemory", DefaultParameterSetName = BytesSet)]
[OutputType(typeof(void))]
public sealed class WriteTraceeMemoryCommand : SyscallStopCommand
{
    private const string BytesSet = "Bytes", StringSet = "String";

    /// <summary>Where to write, in the program's address space (an argument's <c>Raw</c> value).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public long Address { get; set; }

    /// <summary>The bytes to write.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = BytesSet)]
    public byte[] Bytes { get; set; } = [];

    /// <summary>A string to write as UTF-8, with no terminating NUL (add "`0" for one).</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = StringSet)]
    [AllowEmptyString]
    public string String { get; set; } = "";

    private protected override void Change(SyscallStop stop) =>
        stop.WriteMemory((ulong)Address, ParameterSetName == StringSet ? Encoding.UTF8.GetBytes(String) : Bytes);
}
