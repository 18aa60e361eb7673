using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Hatrace.Engine.Decoding.Ipc.SysvIpcStructs;

namespace Hatrace.Engine.Decoding.Ipc;

/// <summary>System V IPC: the get calls' keys and flags (<c>IPC_CREAT|0600</c>), the control calls' commands and the
/// structures they read or fill in (semctl's as much as its union's arg), semop's operations, msgsnd's and msgrcv's
/// messages, shmat's flags and address.</summary>
internal static class SysvIpcDecoders
{
    private const long Ipc64 = 0x100;            // IPC_64, include/uapi/linux/ipc.h
    private const long PermissionBits = 0x1ff;   // the mode's rwx bits, which the get calls' flags carry
    private const int HugeShift = 26;            // SHM_HUGE_SHIFT, include/uapi/linux/shm.h
    private const long HugeMask = 0x3f;          // SHM_HUGE_MASK

    // Commands: include/uapi/linux/ipc.h, shm.h and msg.h.
    private const int IpcSet = 1, IpcStat = 2, IpcInfo = 3;
    private const int ShmStat = 13, ShmInfo = 14, ShmStatAny = 15;
    private const int MsgStat = 11, MsgInfo = 12, MsgStatAny = 13;
    private const int SemStat = 18, SemInfo = 19, SemStatAny = 20;

    private static readonly FlagSet s_getFlags = new("ipc_get_flags");
    private static readonly FlagSet s_shmgetFlags = new("shmget_flags");
    private static readonly FlagSet s_shmatFlags = new("shmat_flags", "SHM_???");
    private static readonly FlagSet s_messageFlags = new("ipc_msg_flags", "MSG_???");
    private static readonly NamedValues s_shmCommands = new("shmctl_commands", "SHM_???");
    private static readonly NamedValues s_msgCommands = new("msgctl_commands", "MSG_???");
    private static readonly NamedValues s_semCommands = new("semctl_commands", "SEM_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("shmget", context => DecodeGet(context, s_shmgetFlags, hugePages: true)),
        ("semget", context => DecodeGet(context, s_getFlags, hugePages: false)),
        ("msgget", context => DecodeGet(context, s_getFlags, hugePages: false)),
        ("shmat", DecodeShmat),
        ("shmctl", DecodeShmctl),
        ("msgctl", DecodeMsgctl),
        ("semctl", DecodeSemctl),
        ("semop", DecodeSemop),
        ("semtimedop", DecodeSemtimedop),
        ("msgsnd", DecodeMsgsnd),
        ("msgrcv", DecodeMsgrcv),
    ];

    /// <summary>shmget(key, size, shmflg), semget(key, nsems, semflg), msgget(key, msgflg): the key, then the flags
    /// with the permission bits in octal after them.</summary>
    private static void DecodeGet(DecodeContext context, FlagSet flags, bool hugePages)
    {
        if (context.Exiting)
            return;
        int key = (int)context.Signed(0);
        string? name = key == 0 ? "IPC_PRIVATE" : null; // any other key prints in hex
        context.Set(0, ArgumentKind.Int, new ConstantValue(key, name),
            render => render.Format(DecodeContext.HexOrZero((uint)key), name ?? DecodeContext.Hex((uint)key)));
        int flagsIndex = context.Parameters.Count - 1;
        long value = (long)context.Unsigned(flagsIndex);
        context.Set(flagsIndex, ArgumentKind.UInt, new FlagsValue(value, flags), render => FormatGetFlags(value, flags, hugePages, render));
    }

    // strace's order: the named flags, the bits no name covers, the huge page size (shmget), the permission bits. Unless
    // raw, the permission bits follow a rest no name covers with no '|' between, as strace prints them (0x10000000 for
    // 0x10000 and 000).
    private static string FormatGetFlags(long value, FlagSet flags, bool hugePages, StraceRenderer render)
    {
        long huge = hugePages ? (value >> HugeShift) & HugeMask : 0;
        long rest = value & ~PermissionBits & ~(huge << HugeShift);
        var text = new StringBuilder();
        bool separate = render.Style == ConstantStyle.Raw;
        if (rest != 0)
        {
            var names = new StringBuilder();
            long unnamed = flags.AppendNames(names, rest);
            separate |= names.Length > 0;
            if (unnamed != 0)
                names.Append(names.Length > 0 ? "|" : "").Append(DecodeContext.Hex((ulong)unnamed));
            text.Append(render.Flags(rest, names.ToString()));
        }
        if (huge != 0)
        {
            text.Append(text.Length > 0 ? "|" : "").Append(huge.ToString(CultureInfo.InvariantCulture)).Append("<<")
                .Append(render.Decimal(HugeShift, "SHM_HUGE_SHIFT"));
            separate = true;
        }
        return text.Append(separate && text.Length > 0 ? "|" : "").Append(GenericDecoder.FormatMode((ulong)(value & PermissionBits))).ToString();
    }

    /// <summary>shmat(shmid, shmaddr, shmflg): the flags by name, the address the segment was attached at as the result, in hex.</summary>
    private static void DecodeShmat(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetInt(0);
            context.SetFlags(2, s_shmatFlags);
        }
        else if (!context.Failed)
            context.SetResultText(DecodeContext.HexOrZero((ulong)context.Result)); // an address, but 0 prints as 0
    }

    /// <summary>shmctl(shmid, cmd, buf): IPC_SET's structure at entry; IPC_STAT's, IPC_INFO's and SHM_INFO's at exit.</summary>
    private static void DecodeShmctl(DecodeContext context)
    {
        switch (EnterControl(context, 1, s_shmCommands))
        {
            case IpcSet:
                SetInput<ShmidDs>(context, 2, (ds, _, _) => FormatSet(ds));
                break;
            case IpcStat or ShmStat or ShmStatAny:
                context.SetX64OutputStruct<ShmidDs>(2, (ds, render, _) => FormatStat(ds, render));
                break;
            case IpcInfo:
                context.SetX64OutputStruct<ShmInfo64>(2, (info, _, _) => Format(info));
                break;
            case ShmInfo:
                context.SetX64OutputStruct<ShmUsage>(2, (usage, _, _) => Format(usage));
                break;
            default:
                LeaveAddress(context, 2);
                break;
        }
    }

    /// <summary>msgctl(msqid, cmd, buf): IPC_SET's structure at entry; IPC_STAT's and the limits at exit.</summary>
    private static void DecodeMsgctl(DecodeContext context)
    {
        switch (EnterControl(context, 1, s_msgCommands))
        {
            case IpcSet:
                SetInput<MsqidDs>(context, 2, (ds, _, _) => FormatSet(ds));
                break;
            case IpcStat or MsgStat or MsgStatAny:
                context.SetX64OutputStruct<MsqidDs>(2, (ds, render, _) => FormatStat(ds, render));
                break;
            case IpcInfo or MsgInfo:
                context.SetX64OutputStruct<MsgInfo>(2, (info, _, _) => Format(info));
                break;
            default:
                LeaveAddress(context, 2);
                break;
        }
    }

    /// <summary>semctl(semid, semnum, cmd, arg): the structure IPC_SET reads, or IPC_STAT and the INFO commands fill
    /// in; any other arg (a value, an array of values) is printed in hex as strace prints the union.</summary>
    private static void DecodeSemctl(DecodeContext context)
    {
        long command = EnterControl(context, 2, s_semCommands);
        if (!context.Exiting)
            context.SetInt(1);
        switch (command)
        {
            case IpcSet:
                SetInput<SemidDs>(context, 3, (ds, _, _) => FormatSet(ds));
                break;
            case IpcStat or SemStat or SemStatAny:
                context.SetX64OutputStruct<SemidDs>(3, (ds, _, _) => FormatStat(ds));
                break;
            case IpcInfo or SemInfo:
                context.SetX64OutputStruct<SemInfo>(3, (info, _, _) => Format(info));
                break;
            default:
                LeaveAddress(context, 3);
                break;
        }
    }

    /// <summary>The id and the command (<c>IPC_64|IPC_STAT</c> when the old-ABI flag is set) at entry; the command
    /// without that flag, to choose how the buffer reads, in both phases.</summary>
    private static long EnterControl(DecodeContext context, int commandIndex, NamedValues commands)
    {
        long command = (uint)context.Signed(commandIndex); // an int, whose unknown values print in hex as unsigned
        if (!context.Exiting)
        {
            context.SetInt(0);
            var value = new ConstantValue(command, commands);
            context.Set(commandIndex, ArgumentKind.Int, value, render => (command & Ipc64) == 0
                ? commands.Format(command, render)
                : render.Format(DecodeContext.Hex(Ipc64), "IPC_64") + "|" + commands.Format(command & ~Ipc64, render));
        }
        return command & ~Ipc64;
    }

    private static void SetInput<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, int index, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        if (!context.Exiting)
            context.SetStruct(index, print);
    }

    // A buffer the command does not use, or one strace does not decode: its address.
    private static void LeaveAddress(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.SetPointer(index, PointerReason.NotDecoded);
    }

    /// <summary>semop(semid, sops, nsops): the operations.</summary>
    private static void DecodeSemop(DecodeContext context)
    {
        if (!context.Exiting)
            SetOperations(context);
    }

    /// <summary>semtimedop(semid, sops, nsops, timeout): the operations and how long to wait.</summary>
    private static void DecodeSemtimedop(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetOperations(context);
        TimeStructs.SetTimespec(context, 3);
    }

    private static void SetOperations(DecodeContext context)
    {
        context.SetInt(0);
        StructArrays.Set<Sembuf>(context, 1, (long)context.Unsigned(2), (op, render, _) => Format(op, render));
    }

    /// <summary>msgsnd(msqid, msgp, msgsz, msgflg): the message at entry.</summary>
    private static void DecodeMsgsnd(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetInt(0);
        SetMessage(context, 1, (long)context.Unsigned(2));
        context.SetFlags(3, s_messageFlags);
    }

    /// <summary>msgrcv(msqid, msgp, msgsz, msgtyp, msgflg): the message received, its text as long as msgsz says.</summary>
    private static void DecodeMsgrcv(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetInt(0);
            context.Defer(1);
            context.SetInt(3);
            context.SetFlags(4, s_messageFlags);
        }
        else if (context.Failed)
            context.SetPointer(1);
        else
            SetMessage(context, 1, (long)context.Unsigned(2));
    }

    /// <summary>A struct msgbuf: its type, then <paramref name="size"/> bytes of text, quoted as strace quotes a buffer.</summary>
    private static void SetMessage(DecodeContext context, int index, long size)
    {
        long address = context.Raw(index);
        int shown = (int)Math.Clamp(size, 0, context.StringLength);
        var text = new byte[shown];
        // strace reads the type with the word after it, whatever the size: a message whose first eight bytes of text
        // cannot be read prints as its address even when its text is shorter.
        Span<byte> head = stackalloc byte[2 * sizeof(long)];
        if (!context.Dereference || !context.TryReadBytes((ulong)address, head) || !context.TryReadBytes((ulong)address + sizeof(long), text))
        {
            context.SetPointer(index);
            return;
        }
        var message = new StringValue(text, truncated: shown < size, unterminated: false);
        long type = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(head);
        var value = new StructValue("msgbuf", [new("mtype", type), new("mtext", message)]);
        context.Set(index, ArgumentKind.Pointer, value, render => new StructWriter()
            .Field("mtype", type).Field("mtext", render.Quote(message.Span, message.Truncated)).ToString());
    }
}
