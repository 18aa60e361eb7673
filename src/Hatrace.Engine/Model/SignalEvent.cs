using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A signal was delivered to a traced thread (strace's <c>--- SIGCHLD {...} ---</c> line).</summary>
public sealed class SignalEvent : TraceEvent
{
    internal SignalEvent(int processId, int threadId, long ticks, int signal, int code, int senderProcessId,
        int senderUserId, long address, int status)
        : base(processId, threadId, ticks)
    {
        Signal = signal;
        Code = code;
        SenderProcessId = senderProcessId;
        SenderUserId = senderUserId;
        Address = address;
        Status = status;
    }

    /// <summary>The signal's number.</summary>
    public int Signal { get; }

    /// <summary>The signal's name (<c>SIGSEGV</c>).</summary>
    public string SignalName => Signals.GetName(Signal);

    /// <summary>si_code: why the signal was sent (SI_USER, SEGV_MAPERR, CLD_EXITED ...).</summary>
    public int Code { get; }

    /// <summary>si_pid, for a signal a process sent or a child's SIGCHLD.</summary>
    public int SenderProcessId { get; }

    /// <summary>si_uid, for a signal a process sent or a child's SIGCHLD.</summary>
    public int SenderUserId { get; }

    /// <summary>si_addr, for a fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE).</summary>
    public long Address { get; }

    /// <summary>si_status, for SIGCHLD: the child's exit code or signal.</summary>
    public int Status { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
