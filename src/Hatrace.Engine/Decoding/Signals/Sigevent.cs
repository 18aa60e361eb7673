using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.SignalFamily;

/// <summary>struct sigevent (include/uapi/asm-generic/siginfo.h), how timer_create and mq_notify are told to notify:
/// <c>{sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}</c>. strace leaves
/// the value out when it is zero, names the signal only where the kind of notice sends one, and adds the thread's id
/// or the thread function's fields where the kind reads them.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct Sigevent : IKernelStruct<Sigevent>
{
    private const int Signal = 0, Thread = 2, ThreadId = 4; // SIGEV_SIGNAL, SIGEV_THREAD, SIGEV_THREAD_ID

    private static readonly NamedValues s_notify = new("sigev_notify", "SIGEV_???");

    /// <summary>union sigval: sival_int is its low half.</summary>
    [FieldOffset(0)] public ulong sigev_value;
    [FieldOffset(8)] public int sigev_signo;
    [FieldOffset(12)] public int sigev_notify;
    [FieldOffset(16)] public SigevUnion _sigev_un;

    public static string TypeName => "sigevent";

    /// <summary>The union after the notice's kind: SIGEV_THREAD_ID's thread, SIGEV_THREAD's function and attributes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal struct SigevUnion
    {
        [FieldOffset(0)] public int _tid;
        [FieldOffset(0)] public ulong _function;
        [FieldOffset(8)] public ulong _attribute;
    }

    private readonly bool SendsSignal => sigev_notify is Signal or Thread or ThreadId;

    public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
    {
        yield return new("sigev_value", sigev_value);
        yield return new("sigev_signo", SendsSignal ? Signals.Value(sigev_signo) : (long)sigev_signo);
        yield return new("sigev_notify", new ConstantValue(sigev_notify, s_notify));
        if (sigev_notify == ThreadId)
            yield return new("sigev_notify_thread_id", new ProcessIdValue(_sigev_un._tid));
        if (sigev_notify == Thread)
        {
            yield return new("sigev_notify_function", DecodeContext.Pointer((long)_sigev_un._function, PointerReason.NotDecoded));
            yield return new("sigev_notify_attributes", DecodeContext.Pointer((long)_sigev_un._attribute, PointerReason.NotDecoded));
        }
    }

    internal static string Format(Sigevent e, StraceRenderer render)
    {
        var text = new StructWriter();
        if (e.sigev_value != 0)
            text.Field("sigev_value", new StructWriter().Field("sival_int", (int)e.sigev_value).Field("sival_ptr", DecodeContext.FormatAddress((long)e.sigev_value)).ToString());
        text.Field("sigev_signo", e.SendsSignal ? render.Signal(e.sigev_signo) : Time.TimeFormatter.Decimal(e.sigev_signo))
            .Field("sigev_notify", s_notify.Format(e.sigev_notify, render));
        if (e.sigev_notify == ThreadId)
            text.Field("sigev_notify_thread_id", render.ProcessId(e._sigev_un._tid));
        if (e.sigev_notify == Thread)
            text.Field("sigev_notify_function", DecodeContext.FormatAddress((long)e._sigev_un._function))
                .Field("sigev_notify_attributes", DecodeContext.FormatAddress((long)e._sigev_un._attribute));
        return text.ToString();
    }

    /// <summary>At entry: the sigevent argument <paramref name="index"/> points to.</summary>
    internal static void Set(DecodeContext context, int index) => context.SetStruct<Sigevent>(index, (e, render, _) => Format(e, render));
}
