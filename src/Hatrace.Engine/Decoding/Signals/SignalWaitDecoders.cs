using Hatrace.Engine.Decoding.Process;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

// Not ".Signals", the folder's name: that namespace would hide Model.Signals from every decoder family.
namespace Hatrace.Engine.Decoding.SignalFamily;

/// <summary>Calls that wait for a signal or queue one with its siginfo: rt_sigtimedwait, rt_sigqueueinfo,
/// rt_tgsigqueueinfo. A siginfo prints as in strace's <c>--- SIG... {...} ---</c> lines.</summary>
internal static class SignalWaitDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("rt_sigtimedwait", DecodeRtSigtimedwait),
        ("rt_sigqueueinfo", context => DecodeQueueInfo(context, signalIndex: 1)),
        ("rt_tgsigqueueinfo", context => DecodeQueueInfo(context, signalIndex: 2)),
    ];

    /// <summary>rt_sigtimedwait(set, info, timeout, sigsetsize): the signal taken shows by name after the result.</summary>
    private static void DecodeRtSigtimedwait(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SignalSets.Set(context, 0, context.Unsigned(3));
            context.Defer(1);
            TimeStructs.SetTimespec(context, 2);
            return;
        }
        if (context.Failed)
        {
            context.SetPointer(1);
            return;
        }
        SetSignalInfo(context, 1);
        if (context.Result > 0) // the signal taken; 0 only where a filter answered for the kernel
            context.SetResultText($"{context.Result} ({Signals.GetName((int)context.Result)})");
    }

    private static void DecodeQueueInfo(DecodeContext context, int signalIndex)
    {
        if (context.Exiting)
            return;
        ProcessDecoders.SetSignal(context, signalIndex);
        SetSignalInfo(context, signalIndex + 1);
    }

    /// <summary>A siginfo_t in the tracee: si_signo, si_errno, si_code, then the union SignalInfoFormatter reads.</summary>
    internal static void SetSignalInfo(DecodeContext context, int index)
    {
        var bytes = new byte[SignalEvent.SigInfoSize];
        if (context.Raw(index) == 0 || !context.TryReadBytes((ulong)context.Raw(index), bytes))
        {
            context.SetPointer(index);
            return;
        }
        (StructValue value, string text) = Decode(context, bytes);
        context.Set(index, ArgumentKind.Pointer, value, text);
    }

    /// <summary>A siginfo_t's value and text from its bytes (<see cref="SignalEvent.SigInfoSize"/> of them).</summary>
    internal static (StructValue Value, string Text) Decode(DecodeContext context, byte[] bytes)
    {
        var info = SignalEvent.FromSigInfo(context.Call.ProcessId, context.Call.ThreadId, 0, bytes);
        return (Value(info), SignalInfoFormatter.Format(info, context.Render));
    }

    /// <summary>A siginfo_t's fields by the names the man page gives them (sigaction(2)).</summary>
    private static StructValue Value(SignalEvent info) => new("siginfo_t",
    [
        new("si_signo", Signals.Value(info.Signal)), new("si_code", info.Code), new("si_pid", new ProcessIdValue(info.SenderProcessId)),
        new("si_uid", info.SenderUserId), new("si_status", info.Status), new("si_value", info.Value), new("si_addr", info.Address),
        new("si_utime", info.UserTime), new("si_stime", info.SystemTime),
    ]);
}
