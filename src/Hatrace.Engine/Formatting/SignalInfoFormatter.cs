using System.Globalization;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Formatting;

/// <summary>Prints a siginfo as strace does: the fields that the signal and its si_code give meaning to.</summary>
internal static class SignalInfoFormatter
{
    private const int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17;
    // si_codes (include/uapi/asm-generic/siginfo.h) whose union is not the sender's pid and uid alone.
    private const int SiQueue = -1, SiTimer = -2, SiSigio = -5;

    private static readonly ConstantTable s_generalCodes = ConstantTable.Load("si_codes");
    private static readonly ConstantTable s_childCodes = ConstantTable.Load("si_codes_sigchld");
    private static readonly ConstantTable s_segvCodes = ConstantTable.Load("si_codes_sigsegv");
    private static readonly ConstantTable s_trapCodes = ConstantTable.Load("si_codes_sigtrap");

    internal static string Format(SignalEvent s, StraceRenderer render)
    {
        if (s.Signal == 0)
            return "{}"; // no signal: a siginfo nobody filled in (strace shows none of its fields)
        string sender = render.ProcessId(s.SenderProcessId);
        // Names styled as -X asks: si_code in hex when raw, as the kernel's unsigned view of it (0xffffffff for SI_QUEUE).
        string code = CodeName(s.Signal, s.Code) is string name ? render.Format(DecodeContext.HexOrZero((uint)s.Code), name) : s.Code.ToString(CultureInfo.InvariantCulture);
        // Parts that are made by interpolation are made before the string they go in: one made within another returns
        // a second array to the shared pool, and the first such return of a process costs a 0.23 ms calibration.
        string signo = render.Signal(s.Signal);
        string head = $"{{si_signo={signo}, si_code={code}";
        string value = $"si_int={(int)s.Value}, si_ptr={DecodeContext.FormatAddress(s.Value)}";
        switch (s.Code)
        {
            case SiQueue when s.Value != 0: // a value sigqueue sent; strace leaves out a zero one
                return $"{head}, si_pid={sender}, si_uid={s.SenderUserId}, {value}}}";
            case SiTimer: // si_timerid and si_overrun lie where si_pid and si_uid do
                return $"{head}, si_timerid={DecodeContext.HexOrZero((uint)s.SenderProcessId)}, si_overrun={s.SenderUserId}, {value}}}";
            case SiSigio: // si_band lies where si_addr does, si_fd where si_value does
                return $"{head}, si_band={s.Address}, si_fd={(int)s.Value}}}";
        }
        if (s.Code <= 0)
            return $"{head}, si_pid={sender}, si_uid={s.SenderUserId}}}";
        if (s.Signal == SIGCHLD)
        {
            string status = ChildStatus(s, render), user = ClockTicks(s.UserTime), system = ClockTicks(s.SystemTime);
            return $"{head}, si_pid={sender}, si_uid={s.SenderUserId}, si_status={status}, si_utime={user}, si_stime={system}}}";
        }
        return s.Signal switch
        {
            SIGILL or SIGTRAP or SIGBUS or SIGFPE or SIGSEGV => $"{head}, si_addr={DecodeContext.FormatAddress(s.Address)}}}",
            _ => head + "}",
        };
    }

    // A child's CPU time, in the kernel's USER_HZ ticks (100 a second), with the seconds beside it when there are any:
    // 40 /* 0.40 s */.
    private static string ClockTicks(long ticks) => ticks == 0 ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{ticks} /* {ticks / 100}.{Math.Abs(ticks % 100):D2} s */");

    private static string ChildStatus(SignalEvent s, StraceRenderer render) =>
        s.Code == 1 ? s.Status.ToString(CultureInfo.InvariantCulture) : render.Signal(s.Status); // CLD_EXITED carries a code

    private static string? CodeName(int signal, int code) =>
        code <= 0 || code == 0x80 ? s_generalCodes.NameOf(code)
            : signal == SIGCHLD ? s_childCodes.NameOf(code)
            : signal == SIGSEGV ? s_segvCodes.NameOf(code)
            : signal == SIGTRAP ? s_trapCodes.NameOf(code)
            : null;
}
