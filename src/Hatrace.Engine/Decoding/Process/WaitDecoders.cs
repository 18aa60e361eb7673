using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>wait4 and waitid: the options by name, and at exit the status as strace spells it
/// (<c>[{WIFEXITED(s) &amp;&amp; WEXITSTATUS(s) == 0}]</c>) and the resource usage.</summary>
internal static class WaitDecoders
{
    private static readonly FlagSet s_options = new("wait_options", "W???");
    private static readonly NamedValues s_idTypes = new("waitid_types", "P_???");
    private static readonly NamedValues s_ptraceEvents = new("ptrace_events", "PTRACE_EVENT_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("wait4", DecodeWait4),
        ("waitid", DecodeWaitid),
    ];

    /// <summary>The start of the kernel's struct rusage: all that strace prints without -v.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceUsageTimes : IKernelStruct<ResourceUsageTimes>
    {
        public TimeStructs.Timeval ru_utime, ru_stime;

        public static string TypeName => "rusage";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ru_utime", StructValue.Of(ru_utime)), new("ru_stime", StructValue.Of(ru_stime))];
    }

    /// <summary>wait4(pid, wstatus, options, rusage): status and usage are outputs, shown only when a child was reaped.</summary>
    private static void DecodeWait4(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(1);
            context.Set(2, ArgumentKind.UInt, new FlagsValue((uint)context.Signed(2), s_options), s_options.Format((uint)context.Signed(2), context.Render));
            context.Defer(3);
            return;
        }
        bool reaped = !context.Failed && context.Result != 0;
        if (reaped && context.Raw(1) != 0 && context.TryRead((ulong)context.Raw(1), out int status))
            context.Set(1, ArgumentKind.Pointer, (long)status, "[" + FormatStatus(status) + "]");
        else
            context.SetPointer(1, reaped ? null : PointerReason.NotWritten);
        SetResourceUsage(context, 3, reaped && context.WordSize == 8);
    }

    /// <summary>waitid(idtype, id, infop, options, rusage): the child's siginfo and its usage are outputs.</summary>
    private static void DecodeWaitid(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, s_idTypes);
            context.Defer(2);
            context.Set(3, ArgumentKind.UInt, new FlagsValue((uint)context.Signed(3), s_options), s_options.Format((uint)context.Signed(3), context.Render));
            context.Defer(4);
            return;
        }
        if (context.Failed)
            context.SetPointer(2);
        else
            SignalFamily.SignalWaitDecoders.SetSignalInfo(context, 2);
        SetResourceUsage(context, 4, !context.Failed);
    }

    /// <summary>A wait status in the terms of the W* macros, as strace prints it.</summary>
    internal static string FormatStatus(int status)
    {
        int low = status & 0x7f;
        if (low == 0)
            return $"{{WIFEXITED(s) && WEXITSTATUS(s) == {(status >> 8) & 0xff}}}";
        if (status == 0xffff)
            return "{WIFCONTINUED(s)}";
        if ((status & 0xff) == 0x7f)
        {
            int stopSignal = (status >> 8) & 0xff;
            // A syscall stop of a tracee with PTRACE_O_TRACESYSGOOD reports SIGTRAP with 0x80 set.
            string signal = (stopSignal & 0x80) != 0 ? Signals.GetName(stopSignal & 0x7f) + " | 0x80" : Signals.GetName(stopSignal);
            // A ptrace event stop carries its event above the signal: {WIFSTOPPED(s) && ...}|PTRACE_EVENT_EXIT<<16.
            int ptraceEvent = (status >> 16) & 0xffff;
            string ptraceEventText = ptraceEvent == 0 ? ""
                : "|" + (s_ptraceEvents.NameOf(ptraceEvent) ?? DecodeContext.Hex((ulong)ptraceEvent)) + "<<16";
            return $"{{WIFSTOPPED(s) && WSTOPSIG(s) == {signal}}}{ptraceEventText}";
        }
        bool core = (status & 0x80) != 0;
        return $"{{WIFSIGNALED(s) && WTERMSIG(s) == {Signals.GetName(low)}{(core ? " && WCOREDUMP(s)" : "")}}}";
    }

    /// <summary>struct rusage as strace abbreviates it: the two times, then <c>...</c>.</summary>
    internal static void SetResourceUsage(DecodeContext context, int index, bool written)
    {
        if (written && context.Raw(index) != 0 && context.TryRead((ulong)context.Raw(index), out ResourceUsageTimes usage))
            context.Set(index, ArgumentKind.Pointer, StructValue.Of(usage),
                new StructWriter().Field("ru_utime", TimeStructs.Format(usage.ru_utime)).Field("ru_stime", TimeStructs.Format(usage.ru_stime)).More().ToString());
        else
            context.SetPointer(index, written ? null : PointerReason.NotWritten);
    }
}
