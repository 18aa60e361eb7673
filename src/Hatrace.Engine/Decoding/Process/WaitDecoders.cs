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

    /// <summary>The kernel's struct rusage (include/uapi/linux/resource.h), of x86_64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceUsage : IKernelStruct<ResourceUsage>
    {
        public TimeStructs.Timeval ru_utime, ru_stime;
        public long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap, ru_inblock, ru_oublock,
            ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;

        public static string TypeName => "rusage";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("ru_utime", StructValue.Of(ru_utime)), new("ru_stime", StructValue.Of(ru_stime)),
            .. Counts().Select(count => new KeyValuePair<string, object?>(count.Key, count.Value)),
        ];

        // The fields after the times, in their order.
        internal readonly KeyValuePair<string, long>[] Counts() =>
        [
            new("ru_maxrss", ru_maxrss), new("ru_ixrss", ru_ixrss), new("ru_idrss", ru_idrss), new("ru_isrss", ru_isrss),
            new("ru_minflt", ru_minflt), new("ru_majflt", ru_majflt), new("ru_nswap", ru_nswap), new("ru_inblock", ru_inblock),
            new("ru_oublock", ru_oublock), new("ru_msgsnd", ru_msgsnd), new("ru_msgrcv", ru_msgrcv),
            new("ru_nsignals", ru_nsignals), new("ru_nvcsw", ru_nvcsw), new("ru_nivcsw", ru_nivcsw),
        ];
    }

    /// <summary>i386's struct compat_rusage: 32-bit times and counts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceUsage32 : ICompatStruct<ResourceUsage32, ResourceUsage>
    {
        public TimeStructs.Timeval32 ru_utime, ru_stime;
        public int ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap, ru_inblock, ru_oublock,
            ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;

        public static string TypeName => "rusage";

        public readonly ResourceUsage Widen() => new()
        {
            ru_utime = ru_utime.Widen(), ru_stime = ru_stime.Widen(), ru_maxrss = ru_maxrss, ru_ixrss = ru_ixrss, ru_idrss = ru_idrss,
            ru_isrss = ru_isrss, ru_minflt = ru_minflt, ru_majflt = ru_majflt, ru_nswap = ru_nswap, ru_inblock = ru_inblock,
            ru_oublock = ru_oublock, ru_msgsnd = ru_msgsnd, ru_msgrcv = ru_msgrcv, ru_nsignals = ru_nsignals, ru_nvcsw = ru_nvcsw,
            ru_nivcsw = ru_nivcsw,
        };
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
        SetResourceUsage(context, 3, reaped);
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

    /// <summary>struct rusage as strace prints it: the two times, then <c>...</c> unless -v prints every field.</summary>
    internal static void SetResourceUsage(DecodeContext context, int index, bool written)
    {
        if (written)
            context.SetStruct<ResourceUsage, ResourceUsage32>(index, FormatResourceUsage);
        else
            context.SetPointer(index, PointerReason.NotWritten);
    }

    private static string FormatResourceUsage(ResourceUsage usage, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("ru_utime", TimeStructs.Format(usage.ru_utime)).Field("ru_stime", TimeStructs.Format(usage.ru_stime));
        if (abbreviate)
            return text.More().ToString();
        foreach ((string name, long count) in usage.Counts())
            text.Field(name, count);
        return text.ToString();
    }
}
