using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The process family: the calls of this file (signals sent, uname, getrandom, rseq) and those of
/// <see cref="CloneDecoders"/>, <see cref="WaitDecoders"/>, <see cref="LimitDecoders"/>, <see cref="PrctlDecoders"/>,
/// <see cref="FutexDecoders"/>, <see cref="UsageDecoders"/>, <see cref="IdentityDecoders"/>,
/// <see cref="SchedulerDecoders"/>, <see cref="FutexVectorDecoders"/>, <see cref="SandboxDecoders"/>, <see cref="KexecDecoders"/>,
/// <see cref="SystemDecoders"/>, <see cref="ModuleDecoders"/> and <see cref="CapabilityDecoders"/>.</summary>
internal static class ProcessDecoders
{
    /// <summary>The fields of struct new_utsname, in order.</summary>
    private static readonly string[] s_utsFields = ["sysname", "nodename", "release", "version", "machine", "domainname"];

    private static readonly FlagSet s_pidfdFlags = new("pidfd_open_flags", "PIDFD_???");
    private static readonly FlagSet s_randomFlags = new("getrandom_flags", "GRND_???");
    private static readonly NamedValues s_personalityTypes = new("personality_types", "PER_???");
    private static readonly FlagSet s_personalityFlags = new("personality_flags");
    private static readonly NamedValues s_kcmpTypes = new("kcmp_types", "KCMP_???");


    private const ulong PersonalityQuery = 0xffffffff; // what personality(2) takes to change nothing and tell
    private const long PersonalityMask = 0xff;         // PER_MASK: the execution domain, under the flags
    private const long KcmpFile = 0, KcmpEpollTfd = 7; // KCMP_FILE, KCMP_EPOLL_TFD: the two that compare what indices name

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("kill", context => SetSignal(context, 1)),
        ("tkill", context => SetSignal(context, 1)),
        ("tgkill", context => SetSignal(context, 2)),
        ("pidfd_send_signal", DecodePidfdSendSignal),
        ("pidfd_open", DecodePidfdOpen),
        ("pidfd_getfd", DecodePidfdGetfd),
        ("process_mrelease", context =>
        {
            if (!context.Exiting)
                context.SetHexOrZero(1); // flags, none defined yet
        }),
        ("uname", DecodeUname),
        ("getrandom", DecodeGetrandom),
        ("rseq", DecodeRseq),
        ("personality", DecodePersonality),
        ("kcmp", DecodeKcmp),
        .. CloneDecoders.All,
        .. WaitDecoders.All,
        .. LimitDecoders.All,
        .. PrctlDecoders.All,
        .. PtraceDecoders.All,
        .. FutexDecoders.All,
        .. UsageDecoders.All,
        .. SystemNameDecoders.All,
        .. KeyDecoders.All,
        .. PerfDecoders.All,
        .. PriorityDecoders.All,
        .. IdentityDecoders.All,
        .. SchedulerDecoders.All,
        .. FutexVectorDecoders.All,
        .. SandboxDecoders.All,
        .. KexecDecoders.All,
        .. SystemDecoders.All,
        .. ModuleDecoders.All,
        .. CapabilityDecoders.All,
    ];

    /// <summary>A signal number argument by name (<c>SIGTERM</c>); 0 and unknown numbers in decimal.</summary>
    internal static void SetSignal(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.Set(index, ArgumentKind.Int, Signals.Value(context.Signed(index)), context.Render.Signal((int)context.Signed(index)));
    }

    /// <summary>pidfd_send_signal(pidfd, sig, info, flags): the siginfo sent, as rt_sigqueueinfo's.</summary>
    private static void DecodePidfdSendSignal(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetSignal(context, 1);
        SignalFamily.SignalWaitDecoders.SetSignalInfo(context, 2);
        context.SetHexOrZero(3);
    }

    private static void DecodePidfdOpen(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFlags(1, s_pidfdFlags);
    }

    /// <summary>pidfd_getfd(pidfd, targetfd, flags): targetfd is the pidfd's process's, which -y describes there, as
    /// strace does; flags, none defined yet, in hex.</summary>
    private static void DecodePidfdGetfd(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetHexOrZero(2);
        long pidfd = context.Signed(0), fd = context.Signed(1);
        if (context.Descriptors.Enabled && pidfd is >= 0 and <= int.MaxValue && fd is >= 0 and <= int.MaxValue
            && Descriptors.DescriptorDescriber.PidfdProcess(context.Call.ThreadId, (int)pidfd) is int process)
        {
            string description = context.Descriptors.Describe(process, (int)fd, out string? path);
            string number = fd.ToString(CultureInfo.InvariantCulture);
            context.Set(1, ArgumentKind.Int, new DescriptorValue((int)fd, path), render => number + render.Resolve(description));
        }
    }

    /// <summary>uname(buf): strace shows the first two fields and <c>...</c>, every field when unabbreviated.</summary>
    private static void DecodeUname(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(0);
        else
            context.SetOutputStruct<NewUtsname>(0, FormatUtsname);
    }

    // Without -v strace shows the first two fields.
    private static string FormatUtsname(NewUtsname utsname, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter();
        ReadOnlySpan<UtsString> fields = utsname.Strings;
        for (int i = 0; i < (abbreviate ? 2 : fields.Length); i++)
            text.Field(s_utsFields[i], render.QuoteWhole(fields[i].Text, truncated: false));
        if (abbreviate)
            text.More();
        return text.ToString();
    }

    /// <summary>struct new_utsname (include/uapi/linux/utsname.h): six strings of 65 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NewUtsname : IKernelStruct<NewUtsname>
    {
        public UtsString sysname, nodename, release, version, machine, domainname;

        public static string TypeName => "new_utsname";

        [UnscopedRef]
        internal readonly ReadOnlySpan<UtsString> Strings => MemoryMarshal.CreateReadOnlySpan(in sysname, 6);

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            var fields = new KeyValuePair<string, object?>[s_utsFields.Length];
            for (int i = 0; i < fields.Length; i++)
                fields[i] = new(s_utsFields[i], StraceQuoting.Display(Strings[i].Text));
            return fields;
        }
    }

    /// <summary>One of new_utsname's strings: NUL-terminated in 65 bytes (__NEW_UTS_LEN + 1).</summary>
    [InlineArray(65)]
    internal struct UtsString
    {
        private byte _byte;

        /// <summary>The bytes before the NUL.</summary>
        [UnscopedRef]
        internal readonly ReadOnlySpan<byte> Text => StraceQuoting.BeforeNul(this);
    }

    /// <summary>personality(persona): the execution domain and the flags, <c>PER_LINUX|ADDR_NO_RANDOMIZE</c>, or
    /// 0xffffffff, which asks; the call returns the personality it had, <c>0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)</c>.
    /// -X styles the domain and the flags each, and keeps the result's parentheses, as strace does.</summary>
    private static void DecodePersonality(DecodeContext context)
    {
        if (!context.Exiting)
        {
            uint persona = (uint)context.Unsigned(0);
            context.Set(0, ArgumentKind.UInt, (long)persona, persona == PersonalityQuery ? DecodeContext.Hex(persona)
                : context.Render.Styled(Personality(persona, StraceRenderer.RawStyle), Personality(persona, StraceRenderer.Default),
                    Personality(persona, StraceRenderer.VerboseStyle)));
        }
        else if (!context.Failed)
        {
            string had = DecodeContext.HexOrZero((ulong)context.Result);
            context.SetResultText(context.Render.Styled($"{had} ({Personality(context.Result, StraceRenderer.RawStyle)})",
                $"{had} ({Personality(context.Result, StraceRenderer.Default)})", $"{had} ({Personality(context.Result, StraceRenderer.VerboseStyle)})"));
        }
    }

    private static string Personality(long persona, StraceRenderer render)
    {
        long domain = persona & PersonalityMask, flags = persona & ~PersonalityMask;
        string text = s_personalityTypes.FormatUnsigned((ulong)domain, render);
        return flags == 0 ? text : text + "|" + s_personalityFlags.Format(flags, render);
    }

    // A descriptor of another process, in an unsigned long: its int, as strace prints it (not described, being not the caller's).
    private static void SetDescriptorNumber(DecodeContext context, int index) =>
        context.Set(index, ArgumentKind.Int, (long)(int)context.Raw(index), ((int)context.Raw(index)).ToString(CultureInfo.InvariantCulture));

    /// <summary>kcmp(pid1, pid2, type, idx1, idx2): the indices only where the type compares what they name, descriptors
    /// (KCMP_FILE), or a descriptor and an epoll target (KCMP_EPOLL_TFD's struct kcmp_epoll_slot).</summary>
    private static void DecodeKcmp(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetNamed(2, s_kcmpTypes);
        long type = context.Signed(2);
        if (type == KcmpFile || type == KcmpEpollTfd)
            SetDescriptorNumber(context, 3);
        if (type == KcmpFile)
            SetDescriptorNumber(context, 4);
        else if (type == KcmpEpollTfd)
            context.SetStruct<KcmpEpollSlot>(4, (slot, _, _) => new StructWriter().Field("efd", slot.efd).Field("tfd", slot.tfd).Field("toff", slot.toff).ToString());
        else if (s_kcmpTypes.NameOf(type) is not null)
            context.ShownCount = 3;
        else
        {
            context.SetHexOrZero(3);
            context.SetHexOrZero(4);
        }
    }

    /// <summary>struct kcmp_epoll_slot (include/uapi/linux/kcmp.h): the epoll descriptor, a target and its offset.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KcmpEpollSlot : IKernelStruct<KcmpEpollSlot>
    {
        public uint efd, tfd, toff;

        public static string TypeName => "kcmp_epoll_slot";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("efd", efd), new("tfd", tfd), new("toff", toff)];
    }

    /// <summary>getrandom(buf, buflen, flags): the bytes it wrote, all in \x form as strace shows random data (<c>""</c>
    /// when it wrote none).</summary>
    private static void DecodeGetrandom(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(0);
            context.SetFlags(2, s_randomFlags);
            return;
        }
        long written = context.Failed ? 0 : context.Result;
        int wanted = (int)Math.Min(written, context.StringLength);
        var bytes = new byte[wanted];
        if (context.Failed || context.Memory.Read(context.Call.ThreadId, (ulong)context.Raw(0), bytes) != wanted)
        {
            context.SetPointer(0);
            return;
        }
        context.Set(0, ArgumentKind.OutputBuffer, new StringValue(bytes, truncated: written > wanted, unterminated: false),
            context.Render.QuoteHex(bytes, truncated: written > wanted));
    }

    /// <summary>rseq(rseq, rseq_len, flags, sig): strace 6.1 has no decoder for it and prints every argument in hex,
    /// zero as <c>0</c> (even a NULL rseq).</summary>
    private static void DecodeRseq(DecodeContext context)
    {
        if (context.Exiting)
            return;
        for (int i = 0; i < 4; i++)
            context.Set(i, ArgumentKind.UInt, (long)context.Unsigned(i), DecodeContext.HexOrZero(context.Unsigned(i)));
    }
}
