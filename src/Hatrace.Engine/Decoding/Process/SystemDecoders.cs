using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>Calls on the system as a whole: syslog, reboot, quotactl and quotactl_fd, ustat. Each shows only the
/// arguments its command reads, as strace does.</summary>
internal static class SystemDecoders
{
    private static readonly NamedValues s_syslogActions = new("syslog_actions", "SYSLOG_ACTION_???");
    private static readonly NamedValues s_logLevels = new("log_levels", "LOGLEVEL_???");
    private static readonly NamedValues s_rebootMagic1 = new("reboot_magic1", "LINUX_REBOOT_MAGIC_???");
    private static readonly NamedValues s_rebootMagic2 = new("reboot_magic2", "LINUX_REBOOT_MAGIC_???");
    private static readonly NamedValues s_rebootCommands = new("reboot_commands", "LINUX_REBOOT_CMD_???");
    private static readonly NamedValues s_quotaCommands = new("quota_commands", "Q_???");
    private static readonly NamedValues s_quotaTypes = new("quota_types", "???QUOTA");
    private static readonly NamedValues s_quotaFormats = new("quota_formats", "QFMT_VFS_???");

    private const long RebootRestart2 = 0xA1B2C3D4;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("syslog", DecodeSyslog),
        ("ioperm", context => SetHex(context, 0, 1)),  // (from, num, turn_on): the ports in hex
        ("sysfs", context => SetHex(context, 0, 1, 2)), // strace has no decoder for it: every argument in hex
        ("reboot", DecodeReboot),
        ("quotactl", context => DecodeQuotactl(context, commandIndex: 0)),
        ("quotactl_fd", context => DecodeQuotactl(context, commandIndex: 1)),
        ("ustat", DecodeUstat),
    ];

    /// <summary>A number with its name in a comment, <c>10 /* SYSLOG_ACTION_SIZE_BUFFER */</c>: strace prints these
    /// so whatever <c>-X</c> asks.</summary>
    private static void SetCommented(DecodeContext context, int index, NamedValues names, string hint)
    {
        long value = context.Signed(index);
        string text = string.Create(CultureInfo.InvariantCulture, $"{value} /* {names.NameOf(value) ?? hint} */");
        context.Set(index, ArgumentKind.Int, new ConstantValue(value, names), text);
    }

    /// <summary>syslog(type, bufp, len): the actions that read or clear the log show the buffer the kernel filled (a
    /// buffer of the result's length) and its length; CONSOLE_LEVEL shows the level it sets; the others the action
    /// alone.</summary>
    private static void DecodeSyslog(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetCommented(context, 0, s_syslogActions, "SYSLOG_ACTION_???");
        switch (context.Signed(0))
        {
            case 2 or 3 or 4: // READ, READ_ALL, READ_CLEAR: the buffer is an output, decoded by its kind at exit
                break;
            case 8: // CONSOLE_LEVEL
                context.SetPointer(1, PointerReason.NotDecoded);
                SetCommented(context, 2, s_logLevels, "LOGLEVEL_???");
                break;
            case >= 0 and <= 10:
                context.ShownCount = 1;
                break;
            default:
                context.SetPointer(1, PointerReason.NotDecoded);
                break;
        }
    }

    /// <summary>reboot(magic1, magic2, cmd, arg): arg, the command line of LINUX_REBOOT_CMD_RESTART2, only for that command.</summary>
    private static void DecodeReboot(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetUnsignedNamed(0, s_rebootMagic1);
        context.SetUnsignedNamed(1, s_rebootMagic2);
        context.SetUnsignedNamed(2, s_rebootCommands);
        if ((long)context.Unsigned(2) == RebootRestart2)
            context.SetString(3);
        else
            context.ShownCount = 3;
    }

    private const long QGetFormat = 0x800004, QGetInfo = 0x800005, QSetInfo = 0x800006, QGetQuota = 0x800007,
        QSetQuota = 0x800008, QGetNextQuota = 0x800009, QXQuotaOn = 0x5801, QXQuotaOff = 0x5802, QXGetQuota = 0x5803,
        QXSetLimits = 0x5804, QXGetStat = 0x5805, QXQuotaRemove = 0x5806, QXGetStatV = 0x5808, QXGetNextQuota = 0x5809;

    /// <summary>Which of quotactl's id and addr a command reads.</summary>
    private enum QuotaArguments { None, Format, Address, IdAndAddress }

    private static QuotaArguments ArgumentsOf(long command) => command switch
    {
        0x800001 or 0x800003 or 0x5807 => QuotaArguments.None, // Q_SYNC, Q_QUOTAOFF, Q_XQUOTASYNC
        0x800002 => QuotaArguments.Format, // Q_QUOTAON: a quota format and a path
        QGetFormat or QGetInfo or QSetInfo or QXGetStat or QXGetStatV or QXQuotaOn or QXQuotaOff or QXQuotaRemove => QuotaArguments.Address,
        _ => QuotaArguments.IdAndAddress,
    };

    /// <summary>quotactl(cmd, special, id, addr) and quotactl_fd(fd, cmd, id, addr): the command as
    /// <c>QCMD(Q_GETQUOTA, USRQUOTA)</c>, then the arguments the command reads: addr as the structure the command
    /// reads at entry or writes by exit (QuotaStructs), the flags it points to, or its address.</summary>
    private static void DecodeQuotactl(DecodeContext context, int commandIndex)
    {
        uint command = (uint)context.Unsigned(commandIndex);
        long subcommand = command >> 8, type = command & 0xff;
        QuotaArguments arguments = ArgumentsOf(subcommand);
        if (context.Exiting)
        {
            SetQuotaOutput(context, subcommand, idShown: arguments == QuotaArguments.IdAndAddress);
            return;
        }
        context.Set(commandIndex, ArgumentKind.UInt, new ArrayValue([new ConstantValue(subcommand, s_quotaCommands), new ConstantValue(type, s_quotaTypes)]),
            render => render.Format(command.ToString(CultureInfo.InvariantCulture), $"QCMD({s_quotaCommands.Name(subcommand)}, {s_quotaTypes.Name(type)})"));
        if (commandIndex == 0)
            context.SetString(1, ArgumentKind.Path);
        else
            context.SetFd(0);
        if (arguments == QuotaArguments.Format)
        {
            context.SetUnsignedNamed(2, s_quotaFormats);
            context.SetString(3, ArgumentKind.Path);
        }
        else
        {
            context.SetUInt(2);
            SetQuotaInput(context, subcommand);
        }
        bool showsId = arguments is QuotaArguments.Format or QuotaArguments.IdAndAddress;
        bool showsAddress = arguments != QuotaArguments.None;
        SyscallArgument?[] all = context.Arguments;
        var shown = new List<SyscallArgument> { all[0]!, all[1]! };
        if (showsId)
            shown.Add(all[2]!);
        if (showsAddress)
            shown.Add(all[3]!);
        NamedArguments.Arrange(context, shown, all.Skip(2).Where(argument => !shown.Contains(argument!))!);
        if (showsAddress && IsQuotaOutput(subcommand))
            context.Defer(shown.Count - 1);
    }

    private static bool IsQuotaOutput(long command) =>
        command is QGetFormat or QGetInfo or QGetQuota or QGetNextQuota or QXGetQuota or QXGetStat or QXGetStatV or QXGetNextQuota;

    // At entry: what addr points to for a command that reads it; its address for one that writes it, until it returns.
    private static void SetQuotaInput(DecodeContext context, long command)
    {
        switch (command)
        {
            case QSetQuota:
                context.SetStruct<QuotaStructs.Dqblk>(3, QuotaStructs.Format);
                break;
            case QSetInfo:
                context.SetStruct<QuotaStructs.Dqinfo>(3, QuotaStructs.Format);
                break;
            case QXSetLimits:
                context.SetStruct<QuotaStructs.DiskQuota>(3, QuotaStructs.Format);
                break;
            case QXQuotaOn or QXQuotaOff:
                context.SetPointee<uint>(3, (flags, render) => "[" + QuotaStructs.StateFlags.Format(flags, render) + "]");
                break;
            case QXQuotaRemove:
                context.SetPointee<uint>(3, (types, render) => "[" + QuotaStructs.Types.Format(types, render) + "]");
                break;
            default:
                context.SetPointer(3, PointerReason.NotDecoded);
                break;
        }
    }

    // At exit: what a command wrote to addr (its address if the call failed). addr is decoded from its register into
    // its register's slot, then, for a command that reads no id, put back where it is shown: before the hidden id.
    private static void SetQuotaOutput(DecodeContext context, long command, bool idShown)
    {
        if (!IsQuotaOutput(command))
            return;
        SyscallArgument? hiddenId = context.Arguments[3];
        switch (command)
        {
            case QGetQuota:
                context.SetX64OutputStruct<QuotaStructs.Dqblk>(3, QuotaStructs.Format);
                break;
            case QGetNextQuota:
                context.SetX64OutputStruct<QuotaStructs.NextDqblk>(3, QuotaStructs.Format);
                break;
            case QGetInfo:
                context.SetX64OutputStruct<QuotaStructs.Dqinfo>(3, QuotaStructs.Format);
                break;
            case QXGetQuota or QXGetNextQuota:
                context.SetX64OutputStruct<QuotaStructs.DiskQuota>(3, QuotaStructs.Format);
                break;
            case QXGetStat:
                context.SetX64OutputStruct<QuotaStructs.QuotaStat>(3, QuotaStructs.Format);
                break;
            case QXGetStatV:
                context.SetX64OutputStruct<QuotaStructs.QuotaStatV>(3, QuotaStructs.Format);
                break;
            case QGetFormat when context.Failed:
                context.SetPointer(3, PointerReason.NotWritten);
                break;
            case QGetFormat:
                context.SetPointee<uint>(3, (format, render) => "[" + s_quotaFormats.Format(format, render) + "]");
                break;
        }
        if (!idShown)
            (context.Arguments[2], context.Arguments[3]) = (context.Arguments[3], hiddenId);
    }

    /// <summary>ustat(dev, ubuf): the device as <c>makedev(0x8, 0x1)</c>, split as glibc splits a 32-bit dev_t.</summary>
    private static void DecodeUstat(DecodeContext context)
    {
        if (!context.Exiting)
        {
            ulong device = context.Unsigned(0);
            context.Set(0, ArgumentKind.UInt, (long)device, render => Files.FileModes.FormatDevice(device, render));
        }
    }

    private static void SetHex(DecodeContext context, params int[] indices)
    {
        if (context.Exiting)
            return;
        foreach (int index in indices)
            context.SetHexOrZero(index);
    }
}
