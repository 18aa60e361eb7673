using System.Collections;
using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>Changes an argument of a stopped call. At entry: a number goes into the register, a string (a path) or
/// bytes are copied into the program and the argument points to them. A hashtable sets fields of the struct the
/// argument was decoded as, by name (<c>@{ st_size = 42 }</c>, <c>@{ nodename = 'mocked' }</c>): at exit that changes
/// what a call such as stat or uname returned.</summary>
[Cmdlet(VerbsCommon.Set, "SyscallArgument", DefaultParameterSetName = NameSet)]
[OutputType(typeof(void))]
public sealed class SetSyscallArgumentCommand : SyscallStopCommand
{
    private const string NameSet = "Name", IndexSet = "Index";

    /// <summary>The argument's name, as <c>$_.Arguments</c> shows it (<c>pathname</c>, <c>flags</c>).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The argument's position, from 0.</summary>
    [Parameter(Mandatory = true, ParameterSetName = IndexSet)]
    [ValidateRange(0, 5)]
    public int Index { get; set; }

    /// <summary>The new value: a number, a string, a byte array, or a hashtable of struct fields (nested structs as hashtables).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyString]
    public object Value { get; set; } = null!;

    private protected override void Change(SyscallStop stop)
    {
        int index = Index;
        if (ParameterSetName == NameSet)
        {
            index = stop.Call.Definition?.Parameters.ToList().FindIndex(p =>
                p.Name.Equals(Name, StringComparison.OrdinalIgnoreCase) || p.KernelName.Equals(Name, StringComparison.OrdinalIgnoreCase)) ?? -1;
            if (index < 0)
            {
                string known = string.Join(", ", stop.Call.Definition?.Parameters.Select(p => p.Name) ?? []);
                ThrowTerminatingError(InvalidArgument($"{stop.Call.Name} has no argument '{Name}'; its arguments are {known}.", ErrorIds.TamperFailed, Name));
                return;
            }
        }
        switch (Value is PSObject wrapped ? wrapped.BaseObject : Value)
        {
            case string text:
                stop.SetArgumentString(index, text);
                break;
            case StringValue read:
                stop.SetArgumentData(index, [.. read.Bytes, 0]); // the bytes as they were, not their escaped text
                break;
            case byte[] bytes:
                stop.SetArgumentData(index, bytes);
                break;
            case IDictionary fields:
                stop.SetStructFields(index, fields.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => fields[k], StringComparer.OrdinalIgnoreCase));
                break;
            case var number:
                stop.SetArgument(index, LanguagePrimitives.ConvertTo<long>(number));
                break;
        }
    }
}
