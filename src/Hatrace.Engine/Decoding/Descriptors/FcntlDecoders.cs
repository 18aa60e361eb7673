using System.Runtime.InteropServices;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>fcntl: the command by name, its argument as that command reads it (open flags, FD_CLOEXEC, a signal,
/// a struct flock), and the results that are flags (<c>0x8002 (flags O_RDWR|O_LARGEFILE)</c>).</summary>
internal static class FcntlDecoders
{
    private static readonly NamedValues s_commands = new("fcntl_commands", "F_???");
    private static readonly FlagSet s_fdFlags = new("fd_flags", "FD_???");
    private static readonly NamedValues s_lockTypes = new("lock_types", "F_???");
    private static readonly NamedValues s_seekWhence = new("seek_whence", "SEEK_???");
    private static readonly FlagSet s_seals = new("seal_flags", "F_SEAL_???");
    private static readonly FlagSet s_notifyEvents = new("dnotify_flags", "DN_???");
    private static readonly NamedValues s_ownerTypes = new("owner_types", "F_OWNER_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("fcntl", DecodeFcntl),
        ("fcntl64", DecodeFcntl),
    ];

    private static void DecodeFcntl(DecodeContext context)
    {
        string? command = s_commands.NameOf((long)context.Unsigned(1));
        if (context.Exiting)
            DecodeExit(context, command);
        else
            DecodeEntry(context, command);
    }

    private static void DecodeEntry(DecodeContext context, string? command)
    {
        context.SetUnsignedNamed(1, s_commands);
        long arg = (long)context.Unsigned(2);
        switch (command)
        {
            case "F_GETFD" or "F_GETFL" or "F_GETOWN" or "F_GETSIG" or "F_GETLEASE" or "F_GETPIPE_SZ"
                or "F_GET_SEALS" or "F_GET_RW_HINT" or "F_GET_FILE_RW_HINT":
                context.ShownCount = 2;
                break;
            case "F_SETOWN":
                // A process, or a process group negated.
                context.Set(2, ArgumentKind.Int, new ProcessIdValue((int)arg), context.Render.ProcessId((int)arg));
                break;
            case "F_DUPFD" or "F_DUPFD_CLOEXEC":
                // The lowest descriptor wanted, the whole register as strace prints it (the kernel reads an unsigned int).
                context.Set(2, ArgumentKind.Int, context.Raw(2), context.Raw(2).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "F_SETPIPE_SZ":
                context.Set(2, ArgumentKind.Int, (int)arg, ((int)arg).ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "F_SETFD":
                context.Set(2, ArgumentKind.UInt, new FlagsValue(arg, s_fdFlags), s_fdFlags.Format(arg, context.Render));
                break;
            case "F_SETFL":
                context.Set(2, ArgumentKind.OpenFlags, OpenFlags.Value(arg), OpenFlags.Format(arg, context.Render));
                break;
            case "F_SETSIG":
                context.Set(2, ArgumentKind.Int, Signals.Value(arg), arg == 0 ? "0" : context.Render.Signal((int)arg));
                break;
            case "F_SETLEASE":
                context.Set(2, ArgumentKind.Int, new ConstantValue(arg, s_lockTypes), s_lockTypes.Format(arg, context.Render));
                break;
            case "F_NOTIFY":
                context.Set(2, ArgumentKind.UInt, new FlagsValue(arg, s_notifyEvents), s_notifyEvents.Format(arg, context.Render));
                break;
            case "F_ADD_SEALS":
                context.Set(2, ArgumentKind.UInt, new FlagsValue(arg, s_seals), s_seals.Format(arg, context.Render));
                break;
            case "F_SETLK" or "F_SETLKW" or "F_OFD_SETLK" or "F_OFD_SETLKW" or "F_SETLK64" or "F_SETLKW64":
                SetLock(context, command, withPid: false);
                break;
            case "F_GETLK" or "F_OFD_GETLK" or "F_GETLK64" or "F_GETOWN_EX":
                context.Defer(2);
                break;
            case "F_SETOWN_EX":
                context.SetStruct<OwnerEx>(2, (owner, render, _) => FormatOwner(owner, render));
                break;
            default:
                context.Set(2, ArgumentKind.UInt, arg, DecodeContext.HexOrZero((ulong)arg));
                break;
        }
    }

    private static void DecodeExit(DecodeContext context, string? command)
    {
        if (context.IsDeferred(2))
        {
            if (context.Failed)
                context.SetPointer(2);
            else if (command == "F_GETOWN_EX")
                context.SetStruct<OwnerEx>(2, (owner, render, _) => FormatOwner(owner, render));
            else
                SetLock(context, command!, withPid: true);
        }
        if (context.Failed)
            return;
        long result = context.Result;
        switch (command)
        {
            case "F_GETFL":
                // Named whatever -X asks, as strace names them (F_GETFD's flags follow -X).
                context.SetResultText(WithFlags(result, OpenFlags.Format(result, StraceRenderer.Default)));
                break;
            case "F_GETFD" when result != 0:
                context.SetResultText(WithFlags(result, s_fdFlags.Format(result, context.Render)));
                break;
            case "F_GETOWN":
                context.SetResultText(context.Render.ProcessId(result));
                break;
            case "F_GETSIG" when result != 0:
                context.SetResultText($"{result} ({Signals.GetName((int)result)})");
                break;
            case "F_GETLEASE":
                context.SetResultText($"{DecodeContext.HexOrZero((ulong)result)} ({s_lockTypes.Format(result, StraceRenderer.Default)})");
                break;
            case "F_GET_SEALS" when result != 0:
                context.SetResultText($"{DecodeContext.Hex((ulong)result)} (seals {s_seals.Format(result, context.Render)})");
                break;
        }
    }

    // The lock as the call's ABI lays it out: i386's struct flock has 32-bit offsets, but for the ...64 commands and
    // the OFD ones, which take its struct flock64.
    private static void SetLock(DecodeContext context, string command, bool withPid)
    {
        StructPrinter<Flock> print = (lk, render, _) => FormatLock(lk, withPid, render);
        if (command.EndsWith("64", StringComparison.Ordinal) || command.StartsWith("F_OFD_", StringComparison.Ordinal))
            context.SetStruct<Flock, Flock64Of32>(2, print);
        else
            context.SetStruct<Flock, Flock32>(2, print);
    }

    private static string WithFlags(long result, string flags) => $"{DecodeContext.HexOrZero((ulong)result)} (flags {flags})";

    internal static string FormatLock(Flock lk, bool withPid, StraceRenderer render)
    {
        var text = new StructWriter()
            .Field("l_type", s_lockTypes.Format(lk.l_type, render))
            .Field("l_whence", s_seekWhence.Format(lk.l_whence, render))
            .Field("l_start", lk.l_start)
            .Field("l_len", lk.l_len);
        if (withPid)
            text.Field("l_pid", render.ProcessId(lk.l_pid));
        return text.ToString();
    }

    private static string FormatOwner(OwnerEx owner, StraceRenderer render) =>
        new StructWriter().Field("type", s_ownerTypes.Format(owner.type, render)).Field("pid", render.ProcessId(owner.pid)).ToString();

    /// <summary>struct flock of x86_64 (include/uapi/asm-generic/fcntl.h), the same as struct flock64 there.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Flock : IKernelStruct<Flock>
    {
        public static string TypeName => "flock";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("l_type", new ConstantValue(l_type, s_lockTypes)), new("l_whence", new ConstantValue(l_whence, s_seekWhence)),
            new("l_start", l_start), new("l_len", l_len), new("l_pid", new ProcessIdValue(l_pid)),
        ];

        public short l_type;
        public short l_whence;
        public long l_start;
        public long l_len;
        public int l_pid;
    }

    /// <summary>i386's struct compat_flock: 32-bit offsets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Flock32 : ICompatStruct<Flock32, Flock>
    {
        public static string TypeName => "flock";

        public readonly Flock Widen() => new() { l_type = l_type, l_whence = l_whence, l_start = l_start, l_len = l_len, l_pid = l_pid };

        public short l_type;
        public short l_whence;
        public int l_start;
        public int l_len;
        public int l_pid;
    }

    /// <summary>i386's struct compat_flock64: 64-bit offsets, packed to 4 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct Flock64Of32 : ICompatStruct<Flock64Of32, Flock>
    {
        public static string TypeName => "flock64";

        public readonly Flock Widen() => new() { l_type = l_type, l_whence = l_whence, l_start = l_start, l_len = l_len, l_pid = l_pid };

        public short l_type;
        public short l_whence;
        public long l_start;
        public long l_len;
        public int l_pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct OwnerEx : IKernelStruct<OwnerEx>
    {
        public static string TypeName => "f_owner_ex";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("type", new ConstantValue(type, s_ownerTypes)), new("pid", new ProcessIdValue(pid))];

        public int type;
        public int pid;
    }
}
