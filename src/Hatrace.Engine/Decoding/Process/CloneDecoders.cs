using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>clone and clone3, printed with strace's field names; the thread ids the kernel writes for the parent
/// show at exit (<c>parent_tid=[42]</c>).</summary>
internal static class CloneDecoders
{
    private const ulong ExitSignalMask = 0xff;        // CSIGNAL
    private const ulong CloneFlagsRead = 0xffffffff;  // the flags clone (not clone3) reads
    private const ulong PidFd = 0x1000;               // CLONE_PIDFD
    private const ulong SetTls = 0x80000;             // CLONE_SETTLS
    private const ulong ParentSetTid = 0x100000;      // CLONE_PARENT_SETTID
    private const ulong ChildClearTid = 0x200000;     // CLONE_CHILD_CLEARTID
    private const ulong ChildSetTid = 0x1000000;      // CLONE_CHILD_SETTID
    private const ulong IntoCgroup = 0x200000000;     // CLONE_INTO_CGROUP
    private const int CloneArgsMinimumSize = 64;      // CLONE_ARGS_SIZE_VER0
    private const int CloneArgsSetTidEnd = 80;        // CLONE_ARGS_SIZE_VER1 adds set_tid and set_tid_size
    private const int CloneArgsCgroupEnd = 88;        // CLONE_ARGS_SIZE_VER2 adds cgroup
    private const int CloneArgsMostRead = 4096;       // the kernel refuses a structure larger than a page (E2BIG)
    private const ulong PidNamespaceLevels = 32;      // MAX_PID_NS_LEVEL: set_tid has at most one pid per level

    private static readonly FlagSet s_flags = new("clone_flags", "CLONE_???");
    private static readonly FlagSet s_unshareFlags = new("unshare_flags", "CLONE_???");
    private static readonly FlagSet s_namespaceTypes = new("setns_types", "CLONE_NEW???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("clone", DecodeClone),
        ("clone3", DecodeClone3),
        ("unshare", context => SetFlagsAtEntry(context, 0, s_unshareFlags)),
        ("setns", context => SetFlagsAtEntry(context, 1, s_namespaceTypes)),
    ];

    /// <summary>unshare(flags) and setns(fd, nstype): the namespaces and the rest of what the process stops sharing.</summary>
    private static void SetFlagsAtEntry(DecodeContext context, int index, FlagSet flags)
    {
        if (!context.Exiting)
            context.SetFlags(index, flags);
    }

    /// <summary>The kernel's struct clone_args (include/uapi/linux/sched.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CloneArgs : IKernelStruct<CloneArgs>
    {
        public ulong flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;

        public static string TypeName => "clone_args";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("flags", new FlagsValue((long)flags, s_flags)), new("pidfd", pidfd), new("child_tid", child_tid),
            new("parent_tid", parent_tid), new("exit_signal", Signals.Value((long)exit_signal)),
            new("stack", stack), new("stack_size", stack_size), new("tls", tls), new("set_tid", set_tid),
            new("set_tid_size", set_tid_size), new("cgroup", cgroup),
        ];
    }

    /// <summary>clone(flags, stack, parent_tid, child_tid, tls) on x86_64 (tls, child_tid on i386), printed as
    /// <c>child_stack=, flags=, parent_tid=, tls=, child_tidptr=</c> with only the fields the flags make the kernel read.</summary>
    private static void DecodeClone(DecodeContext context)
    {
        if (context.Exiting)
        {
            int slot = Array.FindIndex(context.Arguments, a => a?.Name == "parent_tid");
            if (slot >= 0 && slot < context.ShownCount)
            {
                // CLONE_PIDFD has the kernel store the child's pidfd where parent_tid points (the two exclude each other).
                (object value, string text) = context.Failed
                    ? (DecodeContext.Pointer(context.Raw(2), PointerReason.NotWritten), DecodeContext.FormatAddress(context.Raw(2)))
                    : (context.Unsigned(0) & PidFd) != 0 ? ReadDescriptor(context, (ulong)context.Raw(2))
                    : ReadThreadId(context, (ulong)context.Raw(2));
                context.Arguments[slot] = NamedArguments.Make(context, 2, "parent_tid", ArgumentKind.Pointer, value, text);
            }
            return;
        }
        ulong flags = context.Unsigned(0);
        var shown = new List<SyscallArgument>
        {
            PointerField(context, 1, "child_stack"),
            NamedArguments.Make(context, 0, "flags", ArgumentKind.UInt, (long)flags, FormatCloneFlags(flags, context.Render)),
        };
        var hidden = new List<SyscallArgument>();
        ((flags & (ParentSetTid | PidFd)) != 0 ? shown : hidden).Add(PointerField(context, 2, "parent_tid"));
        // x86_64 passes child_tid before tls; i386 the other way round.
        (int childTidRegister, int tlsRegister) = context.WordSize == 8 ? (3, 4) : (4, 3);
        ((flags & SetTls) != 0 ? shown : hidden).Add(PointerField(context, tlsRegister, "tls"));
        ((flags & (ChildSetTid | ChildClearTid)) != 0 ? shown : hidden).Add(PointerField(context, childTidRegister, "child_tidptr"));
        NamedArguments.Arrange(context, shown, hidden);
        // The parent's tid (or the pidfd) is known once the call returns: strace prints what follows flags then.
        if ((flags & (ParentSetTid | PidFd)) != 0)
            context.ContinueAtExit(1);
    }

    /// <summary>The flags, then clone's exit signal from the low byte: <c>CLONE_CHILD_SETTID|SIGCHLD</c>. clone reads
    /// only the low 32 bits (the kernel's lower_32_bits): those above print as a number, whatever their names in clone3.</summary>
    internal static string FormatCloneFlags(ulong flags, StraceRenderer render)
    {
        // The flags and the signal are two values, each styled as -X asks: 0x1200000 /* CLONE_CHILD_SETTID|... */|17 /* SIGCHLD */.
        ulong flagBits = flags & ~ExitSignalMask;
        int signal = (int)(flags & ExitSignalMask);
        if (flagBits == 0 && signal == 0)
            return "0";
        var text = new StringBuilder();
        if (flagBits != 0)
        {
            var names = new StringBuilder();
            long unnamed = s_flags.AppendNames(names, (long)(flagBits & CloneFlagsRead)) | (long)(flagBits & ~CloneFlagsRead);
            if (unnamed != 0)
                names.Append(names.Length > 0 ? "|" : "").Append(DecodeContext.Hex((ulong)unnamed));
            text.Append(render.Flags((long)flagBits, names.ToString()));
        }
        if (signal != 0)
            text.Append(text.Length > 0 ? "|" : "").Append(render.Signal(signal));
        return text.ToString();
    }

    /// <summary>clone3(cl_args, size): the fields the size covers, and at exit what the kernel wrote back
    /// (<c>=&gt; {parent_tid=[42]}</c>).</summary>
    private static void DecodeClone3(DecodeContext context)
    {
        ulong size = context.Unsigned(1);
        if (size < CloneArgsMinimumSize || !TryReadCloneArgs(context, size, out CloneArgs args, out string? tail))
        {
            // A structure shorter than the kernel's first version is not one it reads.
            if (!context.Exiting)
                context.SetPointer(0, size < CloneArgsMinimumSize ? PointerReason.NotDecoded : null);
            return;
        }
        if (!context.Exiting)
        {
            context.Set(0, ArgumentKind.Pointer, StructValue.Of(args), FormatCloneArgs(context, args, size, tail));
            if ((args.flags & (PidFd | ParentSetTid)) != 0)
                context.ContinueAtExit(0); // " => {pidfd=[3]}" follows at exit
            return;
        }
        if (context.Failed)
            return;
        var written = new StructWriter();
        bool any = false;
        if ((args.flags & PidFd) != 0)
        {
            written.Field("pidfd", ReadDescriptor(context, args.pidfd).Text);
            any = true;
        }
        if ((args.flags & ParentSetTid) != 0)
        {
            written.Field("parent_tid", ReadThreadId(context, args.parent_tid).Text);
            any = true;
        }
        if (any)
        {
            SyscallArgument entered = context.Arguments[0]!;
            string more = " => " + written;
            context.Set(0, ArgumentKind.Pointer, entered.Value, render => entered.Render(render) + render.Resolve(more));
        }
    }

    /// <summary>Reads the fields <paramref name="size"/> covers (those past it are zero: older callers pass a shorter
    /// structure), and the text strace prints for the bytes after the kernel's last field, up to the page the kernel
    /// reads at most: null when they are all zero, <c>???</c> when they cannot be read.</summary>
    private static bool TryReadCloneArgs(DecodeContext context, ulong size, out CloneArgs args, out string? tail)
    {
        args = default;
        tail = null;
        Span<byte> bytes = MemoryMarshal.AsBytes(new Span<CloneArgs>(ref args));
        if (!context.TryReadBytes((ulong)context.Raw(0), bytes[..(int)Math.Min(size, (ulong)bytes.Length)]))
            return false;
        tail = context.ExtraBytes((ulong)context.Raw(0), bytes.Length, size, CloneArgsMostRead);
        return true;
    }

    private static string FormatCloneArgs(DecodeContext context, CloneArgs args, ulong size, string? tail)
    {
        StraceRenderer render = context.Render;
        var fields = new StructWriter().Field("flags", s_flags.Format((long)args.flags, render));
        if ((args.flags & PidFd) != 0)
            fields.Field("pidfd", DecodeContext.FormatAddress((long)args.pidfd));
        if ((args.flags & (ChildSetTid | ChildClearTid)) != 0)
            fields.Field("child_tid", DecodeContext.FormatAddress((long)args.child_tid));
        if ((args.flags & ParentSetTid) != 0)
            fields.Field("parent_tid", DecodeContext.FormatAddress((long)args.parent_tid));
        fields.Field("exit_signal", args.exit_signal <= int.MaxValue ? render.Signal((int)args.exit_signal) : args.exit_signal.ToString(CultureInfo.InvariantCulture))
            .Field("stack", DecodeContext.FormatAddress((long)args.stack))
            .Field("stack_size", DecodeContext.HexOrZero(args.stack_size));
        if ((args.flags & SetTls) != 0)
            fields.Field("tls", FormatTls(context, args.tls));
        if (size >= CloneArgsSetTidEnd && (args.set_tid != 0 || args.set_tid_size != 0))
            fields.Field("set_tid", FormatSetTid(context, args.set_tid, args.set_tid_size)).Field("set_tid_size", (long)args.set_tid_size);
        if (size >= CloneArgsCgroupEnd && ((args.flags & IntoCgroup) != 0 || args.cgroup != 0))
            fields.Field("cgroup", args.cgroup.ToString(CultureInfo.InvariantCulture));
        return fields.Unnamed(tail).ToString();
    }

    // An i386 thread's TLS is an entry of the global descriptor table, which strace shows for clone3 (clone's it leaves
    // an address); an x86_64 thread's an address.
    private static string FormatTls(DecodeContext context, ulong tls) =>
        context.WordSize == 4 && context.TryRead(tls, out Memory.LdtDecoders.UserDesc entry)
            ? entry.Print(longMode: false)
            : DecodeContext.FormatAddress((long)tls);

    /// <summary>The pids asked for, one per pid namespace level: <c>[1, 2]</c>, as far as their memory goes; the address
    /// when there are more than the kernel's levels (MAX_PID_NS_LEVEL), none, or none can be read.</summary>
    private static string FormatSetTid(DecodeContext context, ulong address, ulong count)
    {
        if (count == 0 || count > PidNamespaceLevels || context.ReadArray(address, (long)count, sizeof(int), out PointerValue? stoppedAt) is not byte[] bytes)
            return DecodeContext.FormatAddress((long)address);
        int[] pids = MemoryMarshal.Cast<byte, int>(bytes).ToArray();
        return StructWriter.Array(pids.Select(pid => context.Render.ProcessId(pid)), stoppedAt);
    }

    private static SyscallArgument PointerField(DecodeContext context, int register, string name) =>
        NamedArguments.Make(context, register, name, ArgumentKind.Pointer, DecodeContext.Pointer(context.Raw(register), PointerReason.NotDecoded),
            DecodeContext.FormatAddress(context.Raw(register)));

    /// <summary>The pidfd the kernel stored, <c>[3]</c> (<c>[3&lt;anon_inode:[pidfd]&gt;]</c> with -y); the address when it
    /// cannot be read.</summary>
    private static (object Value, string Text) ReadDescriptor(DecodeContext context, ulong address) =>
        context.TryRead(address, out int fd)
            ? (new DescriptorValue(fd, null), "[" + context.FormatFd(fd) + "]")
            : (DecodeContext.Pointer((long)address, PointerReason.Unreadable), DecodeContext.FormatAddress((long)address));

    /// <summary>The thread id the kernel stored for the parent, <c>[42]</c>; the address when it cannot be read.</summary>
    private static (object Value, string Text) ReadThreadId(DecodeContext context, ulong address) =>
        context.TryRead(address, out int id)
            ? (new ProcessIdValue(id), "[" + context.Render.ProcessId(id) + "]")
            : (DecodeContext.Pointer((long)address, PointerReason.Unreadable), DecodeContext.FormatAddress((long)address));
}
