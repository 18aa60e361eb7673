using Hatrace.Engine.Constants;
using static Hatrace.Engine.Decoding.Descriptors.TerminalStructs;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The terminal requests (type 'T', include/uapi/asm-generic/ioctls.h): termios, termios2 and termio read or
/// written whole, the window size, the modem lines by name, and the ints the others read or write.</summary>
internal static class TerminalIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("terminal_ioctls");
    private static readonly NamedValues s_flushQueues = new("termios_flush_queues", "TC???");
    private static readonly NamedValues s_flowActions = new("termios_flow_actions", "TC???");
    private static readonly FlagSet s_modemLines = new("termios_modem_lines");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "TCGETS" or "TIOCGLCKTRMIOS":
                IoctlArgument.Output<Termios>(context, FormatTermios);
                break;
            case "SNDCTL_TMR_START or TCSETS" or "SNDCTL_TMR_STOP or TCSETSW" or "SNDCTL_TMR_CONTINUE or TCSETSF" or "TIOCSLCKTRMIOS":
                IoctlArgument.Input<Termios>(context, FormatTermios);
                break;
            case "TCGETS2":
                IoctlArgument.Output<Termios2>(context, FormatTermios2);
                break;
            case "TCSETS2" or "TCSETSW2" or "TCSETSF2":
                IoctlArgument.Input<Termios2>(context, FormatTermios2);
                break;
            case "TCGETA":
                IoctlArgument.Output<Termio>(context, FormatTermio);
                break;
            case "TCSETA" or "TCSETAW" or "TCSETAF":
                IoctlArgument.Input<Termio>(context, FormatTermio);
                break;
            case "TIOCGWINSZ":
                IoctlArgument.Output<WindowSize>(context, (size, _, _) => FormatWindowSize(size));
                break;
            case "TIOCSWINSZ":
                IoctlArgument.Input<WindowSize>(context, (size, _, _) => FormatWindowSize(size));
                break;
            case "TIOCMGET":
                IoctlArgument.OutputNumber<uint>(context, (lines, render) => s_modemLines.Format(lines, render));
                break;
            case "TIOCMSET" or "TIOCMBIS" or "TIOCMBIC":
                IoctlArgument.InputNumber<uint>(context, (lines, render) => s_modemLines.Format(lines, render));
                break;
            case "FIONREAD" or "TIOCGETD" or "TIOCOUTQ" or "TIOCGPTN" or "TIOCGPGRP" or "TIOCGSID" or "TIOCGEXCL" or "TIOCGSOFTCAR":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "TIOCGDEV":
                IoctlArgument.OutputNumber<uint>(context);
                break;
            case "FIONBIO" or "FIOASYNC" or "TIOCSPGRP" or "TIOCSPTLCK" or "TIOCSETD" or "TIOCPKT" or "TIOCSSOFTCAR":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "TCSBRK" or "TCSBRKP" or "TIOCSCTTY":
                IoctlArgument.Int(context);
                break;
            case "TCFLSH":
                IoctlArgument.Named(context, s_flushQueues);
                break;
            case "TCXONC":
                IoctlArgument.Named(context, s_flowActions);
                break;
            case "TIOCSTI":
                if (!context.Exiting)
                    context.SetBuffer(IoctlArgument.Index, 1); // the one character it pushes, quoted
                break;
            case "FIOCLEX" or "FIONCLEX" or "TIOCNOTTY" or "TIOCEXCL" or "TIOCNXCL" or "TIOCSBRK" or "TIOCCBRK" or "TIOCCONS" or "TIOCVHANGUP":
                IoctlArgument.None(context);
                break;
            case "TIOCSSERIAL":
                // struct serial_struct goes undecoded, and strace 6.1 prints this request without its argument.
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }
}
