using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The scheduler's calls: the policy by name, its parameters (<c>[0]</c>, struct sched_attr), the round-robin
/// quantum, the CPU a thread runs on, and the robust futex list. What the kernel writes shows at exit.</summary>
internal static class SchedulerDecoders
{
    private static readonly NamedValues s_policies = new("sched_policies", "SCHED_???");
    private static readonly FlagSet s_attrFlags = new("sched_attr_flags", "SCHED_FLAG_???");

    private const ulong KeepPolicy = 0x08, KeepParams = 0x10; // SCHED_FLAG_KEEP_*: the fields the kernel then ignores
    private const int AttrSizeVer0 = 48; // SCHED_ATTR_SIZE_VER0: the size a size of 0 stands for, the least taken
    private const int TooBig = 7; // E2BIG

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sched_getparam", context => SetParam(context, isOutput: true)),
        ("sched_setparam", context => SetParam(context, isOutput: false)),
        ("sched_setscheduler", DecodeSchedSetscheduler),
        ("sched_getscheduler", DecodeSchedGetscheduler),
        ("sched_get_priority_max", SetPolicy),
        ("sched_get_priority_min", SetPolicy),
        ("sched_rr_get_interval", context =>
            context.SetOutputStructAtExit<TimeStructs.Timespec, TimeStructs.Timespec32>(1, (time, _, _) => TimeStructs.Format(time))),
        ("sched_setattr", DecodeSchedSetattr),
        ("sched_getattr", DecodeSchedGetattr),
        ("getcpu", context => { SetOutputNumber<uint>(context, 0); SetOutputNumber<uint>(context, 1); }),
        ("get_robust_list", DecodeGetRobustList),
    ];

    /// <summary>The kernel's struct sched_attr (include/uapi/linux/sched/types.h), as of SCHED_ATTR_SIZE_VER1.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SchedAttr : IKernelStruct<SchedAttr>
    {
        public uint size, sched_policy;
        public ulong sched_flags;
        public int sched_nice;
        public uint sched_priority;
        public ulong sched_runtime, sched_deadline, sched_period;
        public uint sched_util_min, sched_util_max;

        public static string TypeName => "sched_attr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("size", size), new("sched_policy", new ConstantValue(sched_policy, s_policies)),
            new("sched_flags", new FlagsValue((long)sched_flags, s_attrFlags)), new("sched_nice", sched_nice),
            new("sched_priority", sched_priority), new("sched_runtime", sched_runtime), new("sched_deadline", sched_deadline),
            new("sched_period", sched_period), new("sched_util_min", sched_util_min), new("sched_util_max", sched_util_max),
        ];
    }

    private static void SetPolicy(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetNamed(0, s_policies);
    }

    private static string Bracketed<T>(T value) where T : IFormattable => "[" + value.ToString(null, CultureInfo.InvariantCulture) + "]";

    /// <summary>sched_getparam and sched_setparam(pid, param): struct sched_param's one field, the priority.</summary>
    private static void SetParam(DecodeContext context, bool isOutput)
    {
        if (isOutput)
            SetOutputNumber<int>(context, 1);
        else if (!context.Exiting)
            context.SetPointee<int>(1, Bracketed);
    }

    /// <summary>sched_setscheduler(pid, policy, param).</summary>
    private static void DecodeSchedSetscheduler(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetNamed(1, s_policies);
        context.SetPointee<int>(2, Bracketed);
    }

    /// <summary>sched_getscheduler(pid): the policy shows by name after the result, when it has one, whatever -X asks
    /// (strace's comment on a result, like rt_sigtimedwait's signal).</summary>
    private static void DecodeSchedGetscheduler(DecodeContext context)
    {
        if (context.Exiting && !context.Failed && s_policies.NameOf(context.Result) is string name)
            context.SetResultText($"{context.Result} ({name})");
    }

    /// <summary>A number the kernel writes (getcpu's cpu and node, sched_getparam's priority), shown at exit.</summary>
    private static void SetOutputNumber<T>(DecodeContext context, int index) where T : unmanaged, System.Numerics.IBinaryInteger<T>, IFormattable
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (context.Failed)
            context.SetPointer(index);
        else
            context.SetPointee<T>(index, Bracketed);
    }

    /// <summary>get_robust_list(pid, head_ptr, len_ptr): the list's head address and its length.</summary>
    private static void DecodeGetRobustList(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(1);
            context.Defer(2);
        }
        else if (context.Failed)
        {
            context.SetPointer(1);
            context.SetPointer(2);
        }
        else
        {
            context.SetWordPointee(1, head => "[" + DecodeContext.FormatAddress((long)head) + "]");
            context.SetWordPointee(2, Bracketed);
        }
    }

    /// <summary>sched_setattr(pid, attr, flags): the fields the structure's own size covers (SCHED_ATTR_SIZE_VER0 for
    /// 0); when the kernel refuses that size (E2BIG), the size it takes, which it writes back: <c>{size=64, ...} =&gt; {size=56}</c>.</summary>
    private static void DecodeSchedSetattr(DecodeContext context)
    {
        if (!context.Exiting)
        {
            if (context.TryRead((ulong)context.Raw(1), out uint size))
                SetAttr(context, size, size == 0 ? AttrSizeVer0 : size);
            else
                context.SetPointer(1);
            context.ContinueAtExit(1);
        }
        else if (context.Call.ErrnoValue == TooBig && context.TryRead((ulong)context.Raw(1), out uint taken))
        {
            SyscallArgument entered = context.Arguments[1]!;
            string more = " => " + new StructWriter().Field("size", taken);
            context.Set(1, ArgumentKind.Pointer, entered.Value, render => entered.Render(render) + more);
        }
    }

    /// <summary>sched_getattr(pid, attr, size, flags): the fields the kernel wrote, as far as the caller's size allows.</summary>
    private static void DecodeSchedGetattr(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(1);
        else if (context.Failed || !context.TryRead((ulong)context.Raw(1), out uint size))
            context.SetPointer(1);
        else
            SetAttr(context, size, Math.Min(size, context.Unsigned(2)));
    }

    /// <summary>A struct sched_attr whose <paramref name="shown"/> bytes print: only its size field when they are
    /// fewer than the first published structure's, <c>...</c> after the fields known when they are more.</summary>
    private static void SetAttr(DecodeContext context, uint size, ulong shown)
    {
        if (shown < AttrSizeVer0)
        {
            var sizeOnly = new StructWriter(SchedAttr.TypeName).Field("size", size);
            context.Set(1, ArgumentKind.Pointer, sizeOnly.Value, sizeOnly.ToString());
            return;
        }
        var bytes = new byte[Marshal.SizeOf<SchedAttr>()];
        if (!context.TryReadBytes((ulong)context.Raw(1), bytes.AsSpan(0, (int)Math.Min(shown, (ulong)bytes.Length))))
        {
            context.SetPointer(1);
            return;
        }
        SchedAttr attr = MemoryMarshal.Read<SchedAttr>(bytes);
        context.Set(1, ArgumentKind.Pointer, StructValue.Of(attr), render => FormatAttr(attr, shown, render));
    }

    private static string FormatAttr(SchedAttr attr, ulong size, StraceRenderer render)
    {
        var text = new StructWriter().Field("size", attr.size);
        if ((attr.sched_flags & (KeepPolicy | KeepParams)) == 0) // keeping the parameters keeps the policy too
            text.Field("sched_policy", s_policies.Format(attr.sched_policy, render));
        text.Field("sched_flags", s_attrFlags.Format((long)attr.sched_flags, render));
        if ((attr.sched_flags & KeepParams) == 0)
        {
            text.Field("sched_nice", attr.sched_nice).Field("sched_priority", attr.sched_priority)
                .Field("sched_runtime", attr.sched_runtime.ToString(CultureInfo.InvariantCulture))
                .Field("sched_deadline", attr.sched_deadline.ToString(CultureInfo.InvariantCulture))
                .Field("sched_period", attr.sched_period.ToString(CultureInfo.InvariantCulture));
        }
        if (size >= (ulong)Marshal.SizeOf<SchedAttr>())
            text.Field("sched_util_min", attr.sched_util_min).Field("sched_util_max", attr.sched_util_max);
        if (size > (ulong)Marshal.SizeOf<SchedAttr>())
            text.More();
        return text.ToString();
    }
}
