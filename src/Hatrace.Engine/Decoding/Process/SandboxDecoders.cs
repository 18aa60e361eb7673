using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The calls that fence a process in: seccomp, and Landlock's rulesets and rules.</summary>
internal static class SandboxDecoders
{
    private const ulong SetModeFilter = 1, GetActionAvail = 2, GetNotifSizes = 3; // SECCOMP_* (include/uapi/linux/seccomp.h)
    private const long RulePathBeneath = 1; // LANDLOCK_RULE_PATH_BENEATH (include/uapi/linux/landlock.h)

    private static readonly NamedValues s_seccompOperations = new("seccomp_operations", "SECCOMP_SET_MODE_???");
    private static readonly FlagSet s_filterFlags = new("seccomp_filter_flags", "SECCOMP_FILTER_FLAG_???");
    private static readonly NamedValues s_actions = new("seccomp_ret_actions", "SECCOMP_RET_???");
    private static readonly FlagSet s_accessFs = new("landlock_access_fs", "LANDLOCK_ACCESS_FS_???");
    private static readonly FlagSet s_rulesetFlags = new("landlock_create_ruleset_flags", "LANDLOCK_CREATE_RULESET_???");
    private static readonly NamedValues s_ruleTypes = new("landlock_rule_types", "LANDLOCK_RULE_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("seccomp", DecodeSeccomp),
        ("landlock_create_ruleset", DecodeLandlockCreateRuleset),
        ("landlock_add_rule", DecodeLandlockAddRule),
        ("landlock_restrict_self", context => { if (!context.Exiting) context.SetHexOrZero(1); }),
    ];

    /// <summary>struct seccomp_notif_sizes (include/uapi/linux/seccomp.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SeccompNotifSizes : IKernelStruct<SeccompNotifSizes>
    {
        public ushort seccomp_notif, seccomp_notif_resp, seccomp_data;

        public static string TypeName => "seccomp_notif_sizes";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("seccomp_notif", seccomp_notif), new("seccomp_notif_resp", seccomp_notif_resp), new("seccomp_data", seccomp_data)];
    }

    /// <summary>The first field of struct landlock_ruleset_attr (include/uapi/linux/landlock.h), the one strace 6.1
    /// shows; the fields later kernels added print as <c>...</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LandlockRulesetAttr : IKernelStruct<LandlockRulesetAttr>
    {
        public ulong handled_access_fs;

        public static string TypeName => "landlock_ruleset_attr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("handled_access_fs", new FlagsValue((long)handled_access_fs, s_accessFs))];
    }

    /// <summary>struct landlock_path_beneath_attr (include/uapi/linux/landlock.h), packed.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct LandlockPathBeneathAttr : IKernelStruct<LandlockPathBeneathAttr>
    {
        public ulong allowed_access;
        public int parent_fd;

        public static string TypeName => "landlock_path_beneath_attr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("allowed_access", new FlagsValue((long)allowed_access, s_accessFs)), new("parent_fd", new DescriptorValue(parent_fd, null))];
    }

    /// <summary>seccomp(operation, flags, args): what args points to depends on the operation.</summary>
    private static void DecodeSeccomp(DecodeContext context)
    {
        if (context.WordSize != 8)
            return; // x86_64's layout only: the kinds print the addresses
        ulong operation = context.Unsigned(0);
        if (operation == GetNotifSizes) // sizes the kernel writes, shown at exit
        {
            context.SetX64OutputStruct<SeccompNotifSizes>(2, (sizes, _, _) => new StructWriter().Field("seccomp_notif", sizes.seccomp_notif)
                .Field("seccomp_notif_resp", sizes.seccomp_notif_resp).Field("seccomp_data", sizes.seccomp_data).ToString());
        }
        if (context.Exiting)
            return;
        context.SetUnsignedNamed(0, s_seccompOperations);
        if (operation == SetModeFilter)
        {
            context.SetFlags(1, s_filterFlags);
            Bpf.BpfPrograms.SetClassicProgram(context, 2, Bpf.BpfPrograms.User.Seccomp);
        }
        else
        {
            context.SetHexOrZero(1);
            if (operation == GetActionAvail)
                context.SetPointee<uint>(2, (action, render) => "[" + s_actions.Format(action, render) + "]");
        }
    }

    /// <summary>landlock_create_ruleset(attr, size, flags): the fields the size covers.</summary>
    private static void DecodeLandlockCreateRuleset(DecodeContext context)
    {
        if (context.Exiting)
            return;
        ulong size = context.Unsigned(1);
        if (size < (ulong)Marshal.SizeOf<LandlockRulesetAttr>())
            context.SetPointer(0, PointerReason.NotDecoded);
        else
        {
            context.SetStruct<LandlockRulesetAttr>(0, (attr, render, _) =>
            {
                var text = new StructWriter().Field("handled_access_fs", s_accessFs.Format((long)attr.handled_access_fs, render));
                if (size > (ulong)Marshal.SizeOf<LandlockRulesetAttr>())
                    text.More();
                return text.ToString();
            });
        }
        context.SetFlags(2, s_rulesetFlags);
    }

    /// <summary>landlock_add_rule(ruleset_fd, rule_type, rule_attr, flags).</summary>
    private static void DecodeLandlockAddRule(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetUnsignedNamed(1, s_ruleTypes);
        if ((long)context.Unsigned(1) == RulePathBeneath)
        {
            Func<int, StraceRenderer, string> descriptor = context.TryRead((ulong)context.Raw(2), out LandlockPathBeneathAttr read)
                ? context.DescribedNow(read.parent_fd) : context.DescribedNow();
            context.SetStruct<LandlockPathBeneathAttr>(2, (rule, render, _) => new StructWriter()
                .Field("allowed_access", s_accessFs.Format((long)rule.allowed_access, render)).Field("parent_fd", descriptor(rule.parent_fd, render)).ToString());
        }
        else
            context.SetPointer(2, PointerReason.NotDecoded);
        context.SetHexOrZero(3);
    }
}
