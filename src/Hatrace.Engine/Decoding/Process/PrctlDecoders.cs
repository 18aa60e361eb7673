using System.Globalization;
using System.Text;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>prctl and arch_prctl: the option by name, then only the arguments that option reads, each as strace
/// prints it (an argument the kernel ignores but must be zero still shows, in hex); outputs (<c>PR_GET_NAME</c>,
/// <c>ARCH_GET_FS</c>) at exit, and the results that are values of a table (<c>1 (SUID_DUMP_USER)</c>) by name.</summary>
internal static class PrctlDecoders
{
    private const int TaskCommLength = 16;         // TASK_COMM_LEN: a thread name and its NUL
    private const int PtracerAny = -1;             // PR_SET_PTRACER_ANY, include/uapi/linux/prctl.h
    private const ulong VectorLengthMask = 0xffff; // PR_SVE_VL_LEN_MASK and PR_SME_VL_LEN_MASK
    private const ulong TaggedAddrEnable = 1;      // PR_TAGGED_ADDR_ENABLE
    private const ulong MteTcfMask = 0x6;          // PR_MTE_TCF_MASK
    private const int MteTagShift = 3;             // PR_MTE_TAG_SHIFT
    private const ulong MteTagMask = 0xffff;       // PR_MTE_TAG_MASK >> PR_MTE_TAG_SHIFT

    private static readonly NamedValues s_options = new("prctl_options", "PR_???");
    private static readonly NamedValues s_capabilities = new("capabilities", "CAP_???");
    private static readonly NamedValues s_archCodes = new("arch_prctl_codes", "ARCH_???");
    private static readonly NamedValues s_dumpable = new("prctl_dumpable", "SUID_DUMP_???");
    private static readonly FlagSet s_unalignFlags = new("prctl_unalign_flags", "PR_UNALIGN_???");
    private static readonly NamedValues s_seccompModes = new("seccomp_modes", "SECCOMP_MODE_???");
    private static readonly NamedValues s_tsc = new("prctl_tsc", "PR_TSC_???");
    private static readonly FlagSet s_securebits = new("securebits", "SECBIT_???");
    private static readonly NamedValues s_mceKill = new("prctl_mce_kill", "PR_MCE_KILL_???");
    private static readonly NamedValues s_mceKillPolicies = new("prctl_mce_kill_policies", "PR_MCE_KILL_???");
    private static readonly NamedValues s_mmOptions = new("prctl_mm_options", "PR_SET_MM_???");
    private static readonly FlagSet s_fpModes = new("prctl_fp_mode_flags", "PR_FP_MODE_???");
    private static readonly NamedValues s_capAmbient = new("prctl_cap_ambient", "PR_CAP_AMBIENT_???");
    private static readonly FlagSet s_sveFlags = new("prctl_sve_vl_flags");
    private static readonly FlagSet s_smeFlags = new("prctl_sme_vl_flags");
    private static readonly NamedValues s_specFeatures = new("prctl_spec_features", "PR_SPEC_???");
    private static readonly NamedValues s_specControls = new("prctl_spec_controls", "PR_SPEC_???");
    private static readonly FlagSet s_specStates = new("prctl_spec_states", "PR_SPEC_???");
    private static readonly FlagSet s_pacKeys = new("prctl_pac_keys", "PR_PAC_???");
    private static readonly NamedValues s_mteFaultModes = new("prctl_mte_tcf", "PR_MTE_TCF_???");
    private static readonly NamedValues s_dispatchModes = new("prctl_sys_dispatch", "PR_SYS_DISPATCH_???");
    private static readonly NamedValues s_schedCore = new("prctl_sched_core", "PR_SCHED_CORE_???");
    private static readonly NamedValues s_pidTypes = new("pid_types", "PIDTYPE_???");
    private static readonly NamedValues s_vmaAttributes = new("prctl_vma", "PR_SET_VMA_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("prctl", DecodePrctl),
        ("arch_prctl", DecodeArchPrctl),
    ];

    /// <summary>prctl(option, arg2, arg3, arg4, arg5). The option is an int: strace names it as an unsigned one
    /// (<c>0xffffffff /* PR_??? */</c>).</summary>
    private static void DecodePrctl(DecodeContext context)
    {
        uint option = (uint)context.Raw(0);
        string? name = s_options.NameOf(option);
        if (context.Exiting)
        {
            DecodeExit(context, name);
            return;
        }
        context.Set(0, ArgumentKind.Int, new ConstantValue(option, s_options), render => s_options.Format(option, render));
        context.ShownCount = 1 + DecodeArguments(context, name);
    }

    /// <summary>Decides the arguments <paramref name="option"/> reads; returns how many strace shows after it.</summary>
    private static int DecodeArguments(DecodeContext context, string? option)
    {
        switch (option)
        {
            case "PR_GET_DUMPABLE" or "PR_GET_KEEPCAPS" or "PR_GET_SECCOMP" or "PR_GET_TIMERSLACK" or "PR_GET_TIMING"
                or "PR_GET_SECUREBITS" or "PR_TASK_PERF_EVENTS_DISABLE" or "PR_TASK_PERF_EVENTS_ENABLE" or "PR_GET_FP_MODE"
                or "PR_SVE_GET_VL" or "PR_SME_GET_VL":
                return 0;
            case "PR_SET_KEEPCAPS" or "PR_SET_CHILD_SUBREAPER" or "PR_SET_ENDIAN" or "PR_SET_FPEMU" or "PR_SET_FPEXC" or "PR_SET_TIMING":
                context.SetUInt(1);
                return 1;
            case "PR_SET_TIMERSLACK":
                context.SetInt(1); // a signed long: -1 is not the same as a large slack
                return 1;
            case "PR_SET_NO_NEW_PRIVS" or "PR_SET_THP_DISABLE" or "PR_SET_IO_FLUSHER":
                context.SetUInt(1);
                return HexFrom(context, 2);
            case "PR_SET_PDEATHSIG":
                SetSignal(context, 1);
                return 1;
            case "PR_GET_PDEATHSIG" or "PR_GET_CHILD_SUBREAPER" or "PR_GET_TID_ADDRESS" or "PR_GET_TSC" or "PR_GET_UNALIGN"
                or "PR_GET_FPEMU" or "PR_GET_FPEXC" or "PR_GET_ENDIAN" or "PR_GET_NAME":
                context.Defer(1);
                return 1;
            case "PR_SET_NAME":
                SetTaskName(context, 1, written: false);
                return 1;
            case "PR_SET_DUMPABLE":
                context.SetUnsignedNamed(1, s_dumpable);
                return 1;
            case "PR_SET_UNALIGN":
                context.SetFlags(1, s_unalignFlags);
                return 1;
            case "PR_SET_SECCOMP":
                return SetSeccompMode(context);
            case "PR_CAPBSET_READ" or "PR_CAPBSET_DROP":
                context.SetUnsignedNamed(1, s_capabilities);
                return 1;
            case "PR_SET_TSC":
                SetNamed32(context, 1, s_tsc);
                return 1;
            case "PR_SET_SECUREBITS":
                context.SetFlags(1, s_securebits);
                return 1;
            case "PR_SET_PTRACER":
                SetPtracer(context, 1);
                return 1;
            case "PR_SET_FP_MODE":
                context.SetFlags(1, s_fpModes);
                return 1;
            case "PR_MCE_KILL":
                context.SetUnsignedNamed(1, s_mceKill);
                if (s_mceKill.NameOf((long)context.Unsigned(1)) != "PR_MCE_KILL_SET")
                    return HexFrom(context, 2);
                context.SetUnsignedNamed(2, s_mceKillPolicies);
                return HexFrom(context, 3);
            case "PR_SET_MM":
                SetNamed32(context, 1, s_mmOptions);
                return HexFrom(context, 2);
            case "PR_CAP_AMBIENT":
                context.SetUnsignedNamed(1, s_capAmbient);
                if (s_capAmbient.NameOf((long)context.Unsigned(1)) is not ("PR_CAP_AMBIENT_IS_SET" or "PR_CAP_AMBIENT_RAISE" or "PR_CAP_AMBIENT_LOWER"))
                    return HexFrom(context, 2);
                context.SetUnsignedNamed(2, s_capabilities);
                return HexFrom(context, 3);
            case "PR_SVE_SET_VL":
                SetVectorLength(context, 1, s_sveFlags);
                return 1;
            case "PR_SME_SET_VL":
                SetVectorLength(context, 1, s_smeFlags);
                return 1;
            case "PR_GET_SPECULATION_CTRL":
                context.SetUnsignedNamed(1, s_specFeatures);
                return 1;
            case "PR_SET_SPECULATION_CTRL":
                context.SetUnsignedNamed(1, s_specFeatures);
                if (s_specFeatures.NameOf((long)context.Unsigned(1)) is null)
                    context.SetHexOrZero(2); // a control is named only for a feature strace knows
                else
                    context.SetUnsignedNamed(2, s_specControls);
                return 2;
            case "PR_PAC_RESET_KEYS":
                context.SetFlags(1, s_pacKeys);
                return HexFrom(context, 2);
            case "PR_PAC_SET_ENABLED_KEYS":
                context.SetFlags(1, s_pacKeys);
                context.SetFlags(2, s_pacKeys);
                return HexFrom(context, 3);
            case "PR_SET_TAGGED_ADDR_CTRL":
                ulong control = context.Unsigned(1);
                context.Set(1, ArgumentKind.UInt, (long)control, render => FormatTaggedAddrControl(control, render));
                return HexFrom(context, 2);
            case "PR_SET_SYSCALL_USER_DISPATCH":
                context.SetUnsignedNamed(1, s_dispatchModes);
                context.SetHexOrZero(2);
                context.SetHexOrZero(3);
                context.SetPointer(4, PointerReason.NotDecoded); // the selector byte's address
                return 4;
            case "PR_SCHED_CORE":
                SetNamed32(context, 1, s_schedCore);
                int pid = (int)context.Raw(2);
                context.Set(2, ArgumentKind.Int, new ProcessIdValue(pid), render => render.ProcessId(pid));
                // strace names the scope with its number before it, whatever -X asks but raw: 0 /* PIDTYPE_PID */.
                uint type = (uint)context.Raw(3);
                context.Set(3, ArgumentKind.UInt, new ConstantValue(type, s_pidTypes),
                    render => render.Unnamed(DecodeContext.HexOrZero(type), s_pidTypes.NameOf(type) ?? "PIDTYPE_???"));
                context.SetPointer(4, PointerReason.NotDecoded); // the cookie, written only by PR_SCHED_CORE_GET
                return 4;
            case "PR_SET_VMA":
                context.SetUnsignedNamed(1, s_vmaAttributes);
                if (s_vmaAttributes.NameOf((long)context.Unsigned(1)) != "PR_SET_VMA_ANON_NAME")
                    return HexFrom(context, 2);
                context.SetPointer(2, PointerReason.NotDecoded);
                context.SetUInt(3);
                context.SetString(4);
                return 4;
            default:
                // PR_GET_NO_NEW_PRIVS and the like, whose arguments must be zero, and options without a name.
                return HexFrom(context, 1);
        }
    }

    /// <summary>Arguments from <paramref name="first"/> to arg5 in hex (<c>0</c>, <c>0x1</c>); returns how many
    /// arguments follow the option up to arg5.</summary>
    private static int HexFrom(DecodeContext context, int first)
    {
        for (int i = first; i < 5; i++)
            context.SetHexOrZero(i);
        return 4;
    }

    /// <summary>A value the kernel reads as an unsigned int, from a table.</summary>
    private static void SetNamed32(DecodeContext context, int index, NamedValues names)
    {
        uint value = (uint)context.Raw(index);
        context.Set(index, ArgumentKind.UInt, new ConstantValue(value, names), render => names.Format(value, render));
    }

    /// <summary>PR_SET_PDEATHSIG's signal: by name when it is one, otherwise the unsigned long the kernel refuses.</summary>
    private static void SetSignal(DecodeContext context, int index)
    {
        ulong signal = context.Unsigned(index);
        if (signal is >= 1 and <= Signals.Max)
            context.Set(index, ArgumentKind.Int, Signals.Value((long)signal), render => render.Signal((int)signal));
        else
            context.SetUInt(index);
    }

    /// <summary>PR_SET_PTRACER's process, an int: <c>PR_SET_PTRACER_ANY</c> for any.</summary>
    private static void SetPtracer(DecodeContext context, int index)
    {
        int pid = (int)context.Raw(index);
        if (pid == PtracerAny)
            context.Set(index, ArgumentKind.Int, new ConstantValue(pid, "PR_SET_PTRACER_ANY"), render => render.Decimal(pid, "PR_SET_PTRACER_ANY"));
        else
            context.Set(index, ArgumentKind.Int, new ProcessIdValue(pid), render => render.ProcessId(pid));
    }

    /// <summary>PR_SET_SECCOMP(mode, ...): a filter's program for SECCOMP_MODE_FILTER, nothing more for
    /// SECCOMP_MODE_STRICT, the other arguments in hex for any other mode.</summary>
    private static int SetSeccompMode(DecodeContext context)
    {
        context.SetUnsignedNamed(1, s_seccompModes);
        switch (s_seccompModes.NameOf((long)context.Unsigned(1)))
        {
            case "SECCOMP_MODE_STRICT":
                return 1;
            case "SECCOMP_MODE_FILTER":
                if (context.WordSize == 8)
                    Bpf.BpfPrograms.SetClassicProgram(context, 2, Bpf.BpfPrograms.User.Seccomp);
                else
                    context.SetPointer(2, PointerReason.NotDecoded);
                return 2;
            default:
                return HexFrom(context, 2);
        }
    }

    /// <summary>PR_SVE_SET_VL's and PR_SME_SET_VL's argument: the flags, bits no flag covers, then the vector length in
    /// hex (<c>PR_SVE_SET_VL_ONEXEC|0x10</c>, <c>PR_SVE_VL_INHERIT|0</c>); <c>0</c> for zero.</summary>
    private static void SetVectorLength(DecodeContext context, int index, FlagSet flags)
    {
        ulong value = context.Unsigned(index);
        context.Set(index, ArgumentKind.UInt, new FlagsValue((long)value, flags), render =>
        {
            if (value == 0)
                return "0";
            var text = new StringBuilder();
            long unnamed = flags.AppendNames(text, (long)(value & ~VectorLengthMask));
            if (unnamed != 0)
                text.Append(text.Length > 0 ? "|" : "").Append(DecodeContext.Hex((ulong)unnamed));
            text.Append(text.Length > 0 ? "|" : "").Append(DecodeContext.HexOrZero(value & VectorLengthMask));
            return render.Flags((long)value, text.ToString());
        });
    }

    /// <summary>PR_SET_TAGGED_ADDR_CTRL's control: whether tagged addresses are on (<c>!PR_TAGGED_ADDR_ENABLE</c> when
    /// off), the tag check fault mode, the tags allowed (<c>0xfffe&lt;&lt;PR_MTE_TAG_SHIFT</c>), then bits no name covers.</summary>
    internal static string FormatTaggedAddrControl(ulong control, StraceRenderer render)
    {
        var text = new StringBuilder((control & TaggedAddrEnable) != 0 ? "PR_TAGGED_ADDR_ENABLE" : "!PR_TAGGED_ADDR_ENABLE");
        text.Append('|').Append(s_mteFaultModes.Name((long)(control & MteTcfMask)));
        ulong tags = (control >> MteTagShift) & MteTagMask;
        if (tags != 0)
            text.Append('|').Append(DecodeContext.Hex(tags)).Append("<<PR_MTE_TAG_SHIFT");
        ulong rest = control & ~(TaggedAddrEnable | MteTcfMask | (MteTagMask << MteTagShift));
        if (rest != 0)
            text.Append('|').Append(DecodeContext.Hex(rest));
        return render.Flags((long)control, text.ToString());
    }

    /// <summary>At exit: the outputs the kernel wrote through arg2, and the results strace names.</summary>
    private static void DecodeExit(DecodeContext context, string? option)
    {
        switch (option)
        {
            case "PR_GET_PDEATHSIG":
                SetOutput(context, value => Signals.Value(value), (value, render) => render.Signal(value));
                break;
            case "PR_GET_TSC":
                SetOutput(context, value => new ConstantValue(value, s_tsc), (value, render) => s_tsc.Format(value, render));
                break;
            case "PR_GET_UNALIGN":
                SetOutput(context, value => new FlagsValue((uint)value, s_unalignFlags), (value, render) => s_unalignFlags.Format((uint)value, render));
                break;
            case "PR_GET_CHILD_SUBREAPER" or "PR_GET_FPEMU" or "PR_GET_FPEXC" or "PR_GET_ENDIAN":
                SetOutput(context, value => (long)value, (value, _) => value.ToString(CultureInfo.InvariantCulture));
                break;
            case "PR_GET_TID_ADDRESS":
                SetWordOutput(context);
                break;
            case "PR_GET_NAME":
                if (context.Failed)
                    context.SetPointer(1);
                else
                    SetTaskName(context, 1, written: true);
                break;
            case "PR_GET_DUMPABLE" when !context.Failed:
                SetResultName(context, s_dumpable);
                break;
            case "PR_MCE_KILL_GET" when !context.Failed:
                SetResultName(context, s_mceKillPolicies);
                break;
            case "PR_GET_SECUREBITS" when !context.Failed && context.Result != 0:
                SetResultFlags(context, s_securebits);
                break;
            case "PR_GET_SPECULATION_CTRL" when !context.Failed && context.Result != 0:
                SetResultFlags(context, s_specStates);
                break;
            case "PR_GET_FP_MODE" when !context.Failed && context.Result != 0:
                SetResultFlags(context, s_fpModes);
                break;
        }
    }

    /// <summary>The int the kernel wrote where arg2 points, <c>[SIGTERM]</c>; its address when the call failed or it
    /// cannot be read.</summary>
    private static void SetOutput(DecodeContext context, Func<int, object> value, Func<int, StraceRenderer, string> print)
    {
        if (context.Failed || !context.TryRead((ulong)context.Raw(1), out int written))
            context.SetPointer(1);
        else
            context.Set(1, ArgumentKind.Pointer, value(written), render => "[" + print(written, render) + "]");
    }

    /// <summary>The word the kernel wrote where argument 1 points (an address: PR_GET_TID_ADDRESS's, ARCH_GET_FS's),
    /// <c>[0x7f...]</c>; its address when the call failed or it cannot be read.</summary>
    private static void SetWordOutput(DecodeContext context)
    {
        if (!context.Failed && context.Dereference && context.Memory.ReadWord(context.Call.ThreadId, (ulong)context.Raw(1), context.WordSize) is ulong pointer)
            context.Set(1, ArgumentKind.Pointer, DecodeContext.Pointer((long)pointer, PointerReason.NotDecoded), "[" + DecodeContext.FormatAddress((long)pointer) + "]");
        else
            context.SetPointer(1);
    }

    // A result and its name, whatever -X asks (strace's comment on a result): 1 (SUID_DUMP_USER).
    private static void SetResultName(DecodeContext context, NamedValues names)
    {
        if (names.NameOf(context.Result) is string name)
            context.SetResultText($"{context.Result.ToString(CultureInfo.InvariantCulture)} ({name})");
    }

    // A result that is a mask, in hex, and its flags unless raw: 0x2f (SECBIT_NOROOT|...).
    private static void SetResultFlags(DecodeContext context, FlagSet flags) =>
        context.SetResultText(context.Render.Commented(DecodeContext.Hex((ulong)context.Result), flags.Names(context.Result)));

    /// <summary>A thread name: the kernel keeps 15 bytes and a NUL (TASK_COMM_LEN). strace shows a name being set
    /// that fills those 15 bytes with <c>...</c> after it, whether or not a NUL follows; a name read back, up to its NUL.</summary>
    private static void SetTaskName(DecodeContext context, int index, bool written)
    {
        // No more than the string length shows (and the byte after it, to know whether there is more): as strace reads it.
        var bytes = new byte[Math.Min(TaskCommLength, context.StringLength + 1)];
        int read = context.Memory.Read(context.Call.ThreadId, (ulong)context.Raw(index), bytes);
        int end = Array.IndexOf(bytes, (byte)0, 0, read);
        if (read == 0 || (end < 0 && read < bytes.Length))
        {
            context.SetPointer(index);
            return;
        }
        int limit = written ? TaskCommLength : TaskCommLength - 1;
        bool full = end < 0 || end >= limit;
        int length = Math.Min(full ? limit : end, context.StringLength);
        bool truncated = full || length < end;
        context.Set(index, ArgumentKind.String, new StringValue(bytes[..length], truncated, unterminated: end < 0), context.Render.Quote(bytes.AsSpan(0, length), truncated));
    }

    /// <summary>arch_prctl(code, addr): the value to set in hex, a value read back at exit as <c>[0x7f...]</c>.</summary>
    private static void DecodeArchPrctl(DecodeContext context)
    {
        string? code = s_archCodes.NameOf(context.Signed(0));
        bool isGet = code is "ARCH_GET_FS" or "ARCH_GET_GS" or "ARCH_GET_XCOMP_SUPP" or "ARCH_GET_XCOMP_PERM" or "ARCH_GET_XCOMP_GUEST_PERM";
        if (context.Exiting)
        {
            if (isGet)
                SetWordOutput(context);
            return;
        }
        context.SetNamed(0, s_archCodes);
        if (code == "ARCH_GET_CPUID")
            context.ShownCount = 1;
        else if (isGet)
            context.Defer(1);
        else
            context.Set(1, ArgumentKind.UInt, context.Raw(1), DecodeContext.HexOrZero((ulong)context.Raw(1)));
    }
}
