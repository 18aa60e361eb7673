using System.Globalization;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Formatting;

/// <summary>Prints a siginfo as strace does: the fields that the signal and its si_code give meaning to.</summary>
internal static class SignalInfoFormatter
{
    private const int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11, SIGCHLD = 17;

    private static readonly ConstantTable s_generalCodes = ConstantTable.Load("si_codes");
    private static readonly ConstantTable s_childCodes = ConstantTable.Load("si_codes_sigchld");
    private static readonly ConstantTable s_segvCodes = ConstantTable.Load("si_codes_sigsegv");

    internal static string Format(SignalEvent s, StraceRenderer render)
    {
        string sender = render.ProcessId(s.SenderProcessId);
        string code = CodeName(s.Signal, s.Code);
        string head = $"{{si_signo={s.SignalName}, si_code={code}";
        if (s.Code <= 0)
            return $"{head}, si_pid={sender}, si_uid={s.SenderUserId}}}";
        return s.Signal switch
        {
            SIGCHLD => $"{head}, si_pid={sender}, si_uid={s.SenderUserId}, si_status={ChildStatus(s)}, si_utime={ClockTicks(s.UserTime)}, si_stime={ClockTicks(s.SystemTime)}}}",
            SIGILL or SIGTRAP or SIGBUS or SIGFPE or SIGSEGV => $"{head}, si_addr={DecodeContext.FormatAddress(s.Address)}}}",
            _ => head + "}",
        };
    }

    // A child's CPU time, in the kernel's USER_HZ ticks (100 a second), with the seconds beside it when there are any:
    // 40 /* 0.40 s */.
    private static string ClockTicks(long ticks) => ticks == 0 ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{ticks} /* {ticks / 100}.{Math.Abs(ticks % 100):D2} s */");

    private static string ChildStatus(SignalEvent s) =>
        s.Code == 1 ? s.Status.ToString(CultureInfo.InvariantCulture) : Signals.GetName(s.Status); // CLD_EXITED carries a code

    private static string CodeName(int signal, int code)
    {
        string? name = code <= 0 || code == 0x80 ? s_generalCodes.NameOf(code)
            : signal == SIGCHLD ? s_childCodes.NameOf(code)
            : signal == SIGSEGV ? s_segvCodes.NameOf(code)
            : null;
        return name ?? code.ToString(CultureInfo.InvariantCulture);
    }
}
