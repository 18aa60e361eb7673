using System.Management.Automation;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tampering;

namespace Hatrace.Cmdlets;

/// <summary>The call a hook scriptblock is running for. Hooks run on the pipeline thread, one at a time, so the
/// cmdlets that change a call find it here.</summary>
internal static class HookContext
{
    [ThreadStatic]
    private static SyscallStop? t_current;

    /// <summary>Runs <paramref name="hook"/> with <c>$_</c> set to the stopped call, and returns what it wrote.</summary>
    internal static System.Collections.ObjectModel.Collection<PSObject> Run(ScriptBlock hook, SyscallStop stop)
    {
        SyscallStop? outer = t_current;
        t_current = stop;
        try
        {
            return hook.InvokeWithContext(null, [new PSVariable("_", stop.Call)]);
        }
        finally
        {
            t_current = outer;
        }
    }

    /// <summary>The stop a cmdlet acts on: the hooked call, which <paramref name="call"/> must be when given.</summary>
    internal static SyscallStop? Find(SyscallEvent? call) =>
        t_current is { } stop && (call is null || ReferenceEquals(call, stop.Call)) ? stop : null;
}
