using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

// Not ".Signals", the folder's name: that namespace would hide Model.Signals from every decoder family.
namespace Hatrace.Engine.Decoding.SignalFamily;

/// <summary>The signal family: handlers, masks, the alternate stack and signalfd. Structures the kernel fills in
/// (the old action, the old mask) print at exit.</summary>
internal static class SignalDecoders
{
    private const ulong SaRestorer = 0x04000000;  // SA_RESTORER: only then does strace show sa_restorer

    private static readonly FlagSet s_actionFlags = new("sigaction_flags", "SA_???");
    private static readonly NamedValues s_how = new("sigprocmask_how", "SIG_???");
    private static readonly FlagSet s_stackFlags = new("sigaltstack_flags", "SS_???");
    private static readonly FlagSet s_signalFdFlags = new("signalfd_flags", "SFD_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("rt_sigaction", DecodeRtSigaction),
        ("rt_sigprocmask", DecodeRtSigprocmask),
        ("rt_sigpending", DecodeRtSigpending),
        ("rt_sigsuspend", context => { if (!context.Exiting) SignalSets.Set(context, 0, context.Unsigned(1)); }),
        ("rt_sigreturn", DecodeRtSigreturn),
        ("restart_syscall", DecodeRestartSyscall),
        ("sigaltstack", DecodeSigaltstack),
        ("signalfd", DecodeSignalfd),
        ("signalfd4", DecodeSignalfd),
        .. SignalWaitDecoders.All,
    ];

    /// <summary>The kernel's struct sigaction on x86_64 (arch/x86/include/uapi/asm/signal.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KernelSigaction : IKernelStruct<KernelSigaction>
    {
        public ulong sa_handler, sa_flags, sa_restorer, sa_mask;

        public static string TypeName => "sigaction";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("sa_handler", sa_handler), new("sa_mask", SignalSets.Value(sa_mask)),
            new("sa_flags", new FlagsValue((long)sa_flags, s_actionFlags)), new("sa_restorer", sa_restorer),
        ];
    }

    /// <summary>i386's struct compat_sigaction: 32-bit words, the mask's two after them, 4-byte aligned.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct KernelSigaction32 : ICompatStruct<KernelSigaction32, KernelSigaction>
    {
        public uint sa_handler, sa_flags, sa_restorer;
        public ulong sa_mask;

        public static string TypeName => "sigaction";

        public readonly KernelSigaction Widen() =>
            new() { sa_handler = sa_handler, sa_flags = sa_flags, sa_restorer = sa_restorer, sa_mask = sa_mask };
    }

    /// <summary>The kernel's stack_t on x86_64 (include/uapi/asm-generic/signal.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StackInfo : IKernelStruct<StackInfo>
    {
        public ulong ss_sp;
        public int ss_flags;
        public ulong ss_size;

        public static string TypeName => "stack_t";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ss_sp", ss_sp), new("ss_flags", new FlagsValue((uint)ss_flags, s_stackFlags)), new("ss_size", ss_size)];
    }

    /// <summary>i386's compat_stack_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StackInfo32 : ICompatStruct<StackInfo32, StackInfo>
    {
        public uint ss_sp;
        public int ss_flags;
        public uint ss_size;

        public static string TypeName => "stack_t";

        public readonly StackInfo Widen() => new() { ss_sp = ss_sp, ss_flags = ss_flags, ss_size = ss_size };
    }

    /// <summary>rt_sigaction(signum, act, oldact, sigsetsize).</summary>
    private static void DecodeRtSigaction(DecodeContext context)
    {
        if (!context.Exiting)
        {
            Process.ProcessDecoders.SetSignal(context, 0);
            context.SetStruct<KernelSigaction, KernelSigaction32>(1, (action, render, _) => FormatAction(action, render));
            context.Defer(2);
        }
        else
            context.SetOutputStruct<KernelSigaction, KernelSigaction32>(2, (action, render, _) => FormatAction(action, render));
    }

    internal static string FormatAction(KernelSigaction action, StraceRenderer render)
    {
        var fields = new StructWriter()
            .Field("sa_handler", action.sa_handler switch
            {
                0 => render.Format("0", "SIG_DFL"),
                1 => render.Format("0x1", "SIG_IGN"),
                _ => DecodeContext.Hex(action.sa_handler),
            })
            .Field("sa_mask", SignalSets.Format(action.sa_mask, render))
            .Field("sa_flags", s_actionFlags.Format((long)action.sa_flags, render));
        if ((action.sa_flags & SaRestorer) != 0)
            fields.Field("sa_restorer", DecodeContext.FormatAddress((long)action.sa_restorer));
        return fields.ToString();
    }

    /// <summary>rt_sigprocmask(how, set, oldset, sigsetsize).</summary>
    // Where struct ucontext keeps the mask it restores: after uc_flags, uc_link, uc_stack (stack_t) and uc_mcontext
    // (struct sigcontext, 256 bytes) in arch/x86/include/uapi/asm/ucontext.h and sigcontext.h.
    private const int UcontextSigmask = 8 + 8 + 24 + 256;

    /// <summary>rt_sigreturn(): the signal mask the kernel restores, as strace shows it (<c>{mask=[USR2]}</c>). Nothing
    /// passes it in a register: the handler's return took the first word of the signal frame (struct rt_sigframe), so
    /// its struct ucontext lies at the stack pointer the call was entered with. x86_64's frame only.</summary>
    private static void DecodeRtSigreturn(DecodeContext context)
    {
        if (context.Exiting || context.WordSize != 8 || context.Call.StackPointer == 0)
            return;
        ulong address = context.Call.StackPointer + UcontextSigmask;
        if (context.TryRead(address, out ulong set))
            context.Append("mask", (long)address, ArgumentKind.Pointer, SignalSets.Value(set), "{mask=" + SignalSets.Format(set, context.Render) + "}");
        else if (!context.Dereference)
            context.Append("mask", (long)address, ArgumentKind.Pointer, DecodeContext.Pointer((long)address, PointerReason.NotDecoded),
                "{mask=" + DecodeContext.FormatAddress((long)address) + "}");
    }

    /// <summary>restart_syscall(): the call it resumes, which a stop signal or the tracer's attach interrupted, as strace
    /// shows it (<c>&lt;... resuming interrupted clock_nanosleep ...&gt;</c>); "system call" where the tracer does not
    /// know it.</summary>
    private static void DecodeRestartSyscall(DecodeContext context)
    {
        if (context.Exiting)
            return;
        long number = context.Call.PreviousSyscallNumber ?? -1;
        string? name = number < 0 ? null : SyscallTable.Find(context.Call.Arch, number)?.Name;
        string text = $"<... resuming interrupted {name ?? "system call"} ...>";
        context.Append("resumes", number, ArgumentKind.Int, new ConstantValue(number, name), text);
    }

    private static void DecodeRtSigprocmask(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, s_how);
            SignalSets.Set(context, 1, context.Unsigned(3));
        }
        DecodeOutputSet(context, 2, 3);
    }

    /// <summary>A set the kernel writes: deferred at entry, read at exit.</summary>
    private static void DecodeOutputSet(DecodeContext context, int index, int sizeIndex)
    {
        if (!context.Exiting)
            context.Defer(index);
        else if (context.Failed)
            context.SetPointer(index);
        else
            SignalSets.Set(context, index, context.Unsigned(sizeIndex));
    }

    /// <summary>rt_sigpending(set, sigsetsize): the kernel takes a set smaller than its own and writes that much.</summary>
    private static void DecodeRtSigpending(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(0);
        else if (context.Failed)
            context.SetPointer(0);
        else
            SignalSets.SetAnySize(context, 0, (long)context.Unsigned(1));
    }

    /// <summary>sigaltstack(ss, old_ss).</summary>
    private static void DecodeSigaltstack(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetStruct<StackInfo, StackInfo32>(0, (stack, render, _) => FormatStack(stack, render));
            context.Defer(1);
        }
        else
            context.SetOutputStruct<StackInfo, StackInfo32>(1, (stack, render, _) => FormatStack(stack, render));
    }

    internal static string FormatStack(StackInfo stack, StraceRenderer render) => new StructWriter()
        .Field("ss_sp", DecodeContext.FormatAddress((long)stack.ss_sp))
        .Field("ss_flags", s_stackFlags.Format((uint)stack.ss_flags, render))
        .Field("ss_size", ((long)stack.ss_size).ToString(System.Globalization.CultureInfo.InvariantCulture))
        .ToString();

    /// <summary>signalfd(fd, mask, sizemask) and signalfd4(fd, mask, sizemask, flags).</summary>
    private static void DecodeSignalfd(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SignalSets.Set(context, 1, context.Unsigned(2));
        if (context.Arguments.Length > 3)
            context.SetFlags(3, s_signalFdFlags);
    }
}
