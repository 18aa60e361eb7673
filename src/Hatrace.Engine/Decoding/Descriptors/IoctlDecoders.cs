using System.Globalization;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>ioctl on terminals and files: the request by name, its argument as the request reads or writes it (struct termios,
/// struct winsize, an int shown as <c>[0]</c>); any other request as strace spells an unnamed one,
/// <c>_IOC(_IOC_READ, 0xab, 0x3, 0x4)</c>, with its argument in hex.</summary>
internal static class IoctlDecoders
{
    private static readonly ConstantTable s_terminalRequests = ConstantTable.Load("terminal_ioctls");
    private static readonly ConstantTable s_fileRequests = ConstantTable.Load("file_ioctls");
    private static readonly NamedValues s_flushQueues = new("termios_flush_queues", "TC???");
    private static readonly NamedValues s_flowActions = new("termios_flow_actions", "TC???");
    private static readonly string[] s_directions = ["_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"];

    private enum Argument { Hex, Address, None, Decimal, IntIn, IntOut, TermiosIn, TermiosOut, WindowSizeIn, WindowSizeOut, FlushQueue, FlowAction }

    // How each request uses its argument; a named request not listed takes an address or number, printed in hex.
    private static readonly Dictionary<string, Argument> s_arguments = new(StringComparer.Ordinal)
    {
        ["TCGETS"] = Argument.TermiosOut,
        ["SNDCTL_TMR_START or TCSETS"] = Argument.TermiosIn,
        ["SNDCTL_TMR_STOP or TCSETSW"] = Argument.TermiosIn,
        ["SNDCTL_TMR_CONTINUE or TCSETSF"] = Argument.TermiosIn,
        ["TIOCGWINSZ"] = Argument.WindowSizeOut,
        ["TIOCSWINSZ"] = Argument.WindowSizeIn,
        ["FIONREAD"] = Argument.IntOut,
        ["TIOCOUTQ"] = Argument.IntOut,
        ["TIOCGPTN"] = Argument.IntOut,
        ["TIOCGPGRP"] = Argument.IntOut,
        ["TIOCGSID"] = Argument.IntOut,
        ["TIOCGETD"] = Argument.IntOut,
        ["FIONBIO"] = Argument.IntIn,
        ["FIOASYNC"] = Argument.IntIn,
        ["TIOCSPGRP"] = Argument.IntIn,
        ["TIOCSPTLCK"] = Argument.IntIn,
        ["TIOCSETD"] = Argument.IntIn,
        ["TCSBRK"] = Argument.Decimal,
        ["TCSBRKP"] = Argument.Decimal,
        ["TIOCSCTTY"] = Argument.Decimal,
        ["TCFLSH"] = Argument.FlushQueue,
        ["TCXONC"] = Argument.FlowAction,
        ["FIOCLEX"] = Argument.None,
        ["FIONCLEX"] = Argument.None,
        ["TIOCNOTTY"] = Argument.None,
        ["TIOCEXCL"] = Argument.None,
        ["TIOCNXCL"] = Argument.None,
        ["TIOCSBRK"] = Argument.None,
        ["TIOCCBRK"] = Argument.None,
        ["BTRFS_IOC_CLONE or FICLONE"] = Argument.Decimal,
        ["BTRFS_IOC_CLONE_RANGE or FICLONERANGE"] = Argument.Address,
        ["BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"] = Argument.Address,
        ["FIFREEZE"] = Argument.None,
        ["FITHAW"] = Argument.None,
    };

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("ioctl", DecodeIoctl)];

    private static void DecodeIoctl(DecodeContext context)
    {
        uint request = (uint)context.Raw(1);
        string? name = s_terminalRequests.NameOf(request) ?? s_fileRequests.NameOf(request);
        Argument argument = name is null ? Argument.Hex : s_arguments.GetValueOrDefault(name, Argument.Hex);
        if (context.Exiting)
        {
            DecodeExit(context, argument);
            return;
        }
        context.Set(1, ArgumentKind.UInt, new Model.ConstantValue(request, name), name ?? FormatRequest(request));
        long arg = context.Raw(2);
        switch (argument)
        {
            case Argument.None:
                context.ShownCount = 2;
                break;
            case Argument.Address:
                context.SetPointer(2, Model.PointerReason.NotDecoded);
                break;
            case Argument.Decimal:
                context.Set(2, ArgumentKind.Int, arg, arg.ToString(CultureInfo.InvariantCulture));
                break;
            case Argument.FlushQueue:
                context.Set(2, ArgumentKind.Int, new Model.ConstantValue(arg, s_flushQueues), s_flushQueues.Format(arg, context.Render));
                break;
            case Argument.FlowAction:
                context.Set(2, ArgumentKind.Int, new Model.ConstantValue(arg, s_flowActions), s_flowActions.Format(arg, context.Render));
                break;
            case Argument.IntIn:
                SetInt(context);
                break;
            case Argument.TermiosIn:
                context.SetStruct<TerminalStructs.Termios>(2, (termios, _, _) => TerminalStructs.FormatTermios(termios));
                break;
            case Argument.WindowSizeIn:
                context.SetStruct<TerminalStructs.WindowSize>(2, (size, _, _) => TerminalStructs.FormatWindowSize(size));
                break;
            case Argument.IntOut or Argument.TermiosOut or Argument.WindowSizeOut:
                context.Defer(2);
                break;
            default:
                context.Set(2, ArgumentKind.UInt, arg, DecodeContext.HexOrZero((ulong)arg));
                break;
        }
    }

    private static void DecodeExit(DecodeContext context, Argument argument)
    {
        if (!context.IsDeferred(2))
            return;
        if (context.Failed)
            context.SetPointer(2);
        else if (argument == Argument.TermiosOut)
            context.SetStruct<TerminalStructs.Termios>(2, (termios, _, _) => TerminalStructs.FormatTermios(termios));
        else if (argument == Argument.WindowSizeOut)
            context.SetStruct<TerminalStructs.WindowSize>(2, (size, _, _) => TerminalStructs.FormatWindowSize(size));
        else
            SetInt(context);
    }

    private static void SetInt(DecodeContext context) =>
        context.SetPointee<int>(2, value => StructWriter.Array([value.ToString(CultureInfo.InvariantCulture)]));

    /// <summary>An unnamed request by its parts: <c>_IOC(_IOC_READ, 0xab, 0x3, 0x4)</c> (direction, type, number, size).</summary>
    internal static string FormatRequest(uint request) =>
        $"_IOC({s_directions[request >> 30]}, {DecodeContext.HexOrZero((request >> 8) & 0xff)}, "
        + $"{DecodeContext.HexOrZero(request & 0xff)}, {DecodeContext.HexOrZero((request >> 16) & 0x3fff)})";
}
