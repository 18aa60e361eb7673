using System.Globalization;
using System.Text;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Formatting;

/// <summary>Builds strace's text from the model, and from nothing else.</summary>
public static class StraceFormatter
{
    /// <summary>The kernel's first internal errno: a call that fails with one of these is restarted or
    /// interrupted, and strace shows its result as <c>?</c>.</summary>
    private const int FirstKernelInternalErrno = 512;

    /// <summary><c>openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3</c>; <c>= ?</c> for a call that never returned.</summary>
    public static string Format(SyscallEvent call)
    {
        var text = new StringBuilder(96);
        text.Append(call.Name).Append('(').Append(call.Arguments.ToString()).Append(") = ");
        AppendResult(text, call);
        return text.ToString();
    }

    /// <summary>The part after <c> = </c>: <c>3</c>, <c>0x7f00deadb000</c>, <c>-1 ENOENT (No such file or directory)</c>, <c>?</c>.</summary>
    public static void AppendResult(StringBuilder text, SyscallEvent call)
    {
        if (call.RawResult is not long raw)
        {
            text.Append('?');
            return;
        }
        if (call.ErrnoValue != 0)
        {
            text.Append(call.ErrnoValue >= FirstKernelInternalErrno ? "?" : "-1")
                .Append(' ').Append(call.Errno).Append(" (").Append(call.ErrorMessage).Append(')');
            return;
        }
        text.Append(call.ResultText ?? raw.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>+++ exited with 0 +++</c>, <c>+++ killed by SIGKILL +++</c>.</summary>
    public static string Format(ProcessExitEvent exit) =>
        exit.Signal is int signal
            ? $"+++ killed by {Signals.GetName(signal)}{(exit.CoreDumped ? " (core dumped)" : "")} +++"
            : $"+++ exited with {exit.ExitCode} +++";

    /// <summary>A new process: strace prints nothing for it; this says who started it.</summary>
    public static string Format(ProcessStartEvent start) =>
        start.ParentProcessId == 0 ? "+++ started +++" : $"+++ started by {start.ParentProcessId} +++";

    /// <summary>A program change: the path and argv execve ran.</summary>
    public static string Format(ProcessExecEvent exec)
    {
        var text = new StringBuilder("+++ execve ");
        text.Append(StraceQuoting.Quote(Encoding.UTF8.GetBytes(exec.Path), truncated: false));
        if (exec.FormerThreadId != exec.ProcessId)
            text.Append(" by thread ").Append(exec.FormerThreadId);
        return text.Append(" +++").ToString();
    }

    /// <summary><c>--- stopped by SIGSTOP ---</c>.</summary>
    public static string Format(GroupStopEvent stop) => $"--- stopped by {stop.SignalName} ---";

    /// <summary><c>--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0} ---</c>.</summary>
    public static string Format(SignalEvent signal) =>
        $"--- {signal.SignalName} {SignalInfoFormatter.Format(signal)} ---";
}
