using System.Buffers.Binary;
using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A signal was delivered to a traced thread (strace's <c>--- SIGCHLD {...} ---</c> line).</summary>
public sealed class SignalEvent : TraceEvent
{
    internal SignalEvent(int processId, int threadId, long ticks, int signal, int code, int senderProcessId,
        int senderUserId, long address, int status, long userTime, long systemTime, long value = 0)
        : base(processId, threadId, ticks)
    {
        Value = value;
        UserTime = userTime;
        SystemTime = systemTime;
        Signal = signal;
        Code = code;
        SenderProcessId = senderProcessId;
        SenderUserId = senderUserId;
        Address = address;
        Status = status;
    }

    /// <summary>The size of the kernel's siginfo_t.</summary>
    internal const int SigInfoSize = 128;

    /// <summary>Reads a siginfo_t: si_signo, si_errno, si_code, then a union whose fields depend on the signal
    /// (si_pid, si_uid, si_status, si_utime, si_stime for SIGCHLD; si_pid, si_uid, si_value for SI_QUEUE; si_addr for faults, where si_pid lies).</summary>
    internal static SignalEvent FromSigInfo(int processId, int threadId, long ticks, ReadOnlySpan<byte> info)
    {
        return new SignalEvent(processId, threadId, ticks, signal: Int(info, 0), code: Int(info, 8), senderProcessId: Int(info, 16),
            senderUserId: Int(info, 20), address: Long(info, 16), status: Int(info, 24), userTime: Long(info, 32), systemTime: Long(info, 40),
            value: Long(info, 24));

        static int Int(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
        static long Long(ReadOnlySpan<byte> bytes, int offset) => BinaryPrimitives.ReadInt64LittleEndian(bytes[offset..]);
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

    /// <summary>si_value, for a signal queued with sigqueue (SI_QUEUE): the int or pointer sent with it; it lies
    /// where SIGCHLD's si_status does.</summary>
    public long Value { get; }

    /// <summary>si_utime, for SIGCHLD: the user CPU time the child used, in clock ticks.</summary>
    public long UserTime { get; }

    /// <summary>si_stime, for SIGCHLD: the system CPU time the child used, in clock ticks.</summary>
    public long SystemTime { get; }

    /// <inheritdoc/>
    public override string ToString() => StraceFormatter.Format(this);
}
