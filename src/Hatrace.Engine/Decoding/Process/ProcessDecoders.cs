using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The process family: the calls of this file (signals sent, uname, getrandom, rseq) and those of
/// <see cref="CloneDecoders"/>, <see cref="WaitDecoders"/>, <see cref="LimitDecoders"/>, <see cref="PrctlDecoders"/>,
/// <see cref="FutexDecoders"/> and <see cref="UsageDecoders"/>.</summary>
internal static class ProcessDecoders
{
    private const int UtsFieldLength = 65;  // __NEW_UTS_LEN + 1: struct new_utsname holds six such strings

    /// <summary>The fields of struct new_utsname, in order.</summary>
    private static readonly string[] s_utsFields = ["sysname", "nodename", "release", "version", "machine", "domainname"];

    private static readonly FlagSet s_pidfdFlags = new("pidfd_open_flags", "PIDFD_???");
    private static readonly FlagSet s_randomFlags = new("getrandom_flags", "GRND_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("kill", context => SetSignal(context, 1)),
        ("tkill", context => SetSignal(context, 1)),
        ("tgkill", context => SetSignal(context, 2)),
        ("pidfd_send_signal", context => SetSignal(context, 1)),
        ("pidfd_open", DecodePidfdOpen),
        ("uname", DecodeUname),
        ("getrandom", DecodeGetrandom),
        ("rseq", DecodeRseq),
        .. CloneDecoders.All,
        .. WaitDecoders.All,
        .. LimitDecoders.All,
        .. PrctlDecoders.All,
        .. FutexDecoders.All,
        .. UsageDecoders.All,
    ];

    /// <summary>A signal number argument by name (<c>SIGTERM</c>); 0 and unknown numbers in decimal.</summary>
    internal static void SetSignal(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.Set(index, ArgumentKind.Int, Signals.Value(context.Signed(index)), context.Render.Signal((int)context.Signed(index)));
    }

    private static void DecodePidfdOpen(DecodeContext context)
    {
        if (!context.Exiting)
            context.SetFlags(1, s_pidfdFlags);
    }

    /// <summary>uname(buf): strace shows the first two fields and <c>...</c>, every field when unabbreviated.</summary>
    private static void DecodeUname(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(0);
            return;
        }
        string[] fields = context.Abbreviate ? s_utsFields[..2] : s_utsFields;
        var bytes = new byte[fields.Length * UtsFieldLength];
        if (context.Failed || !context.Dereference || !context.TryReadBytes((ulong)context.Raw(0), bytes))
        {
            context.SetPointer(0);
            return;
        }
        var text = new StructWriter("new_utsname");
        for (int i = 0; i < fields.Length; i++)
        {
            ReadOnlySpan<byte> field = bytes.AsSpan(i * UtsFieldLength, UtsFieldLength);
            field = field.IndexOf((byte)0) is int end and >= 0 ? field[..end] : field;
            text.Field(fields[i], StraceQuoting.Display(field), context.Quote(field, truncated: false));
        }
        if (context.Abbreviate)
            text.More();
        context.Set(0, ArgumentKind.Pointer, text.Value, text.ToString());
    }

    /// <summary>getrandom(buf, buflen, flags): the bytes it wrote, all in \x form as strace shows random data.</summary>
    private static void DecodeGetrandom(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.Defer(0);
            context.SetFlags(2, s_randomFlags);
            return;
        }
        long written = context.Failed ? 0 : context.Result;
        int wanted = (int)Math.Min(written, context.StringLength);
        var bytes = new byte[wanted];
        if (written == 0 || context.Memory.Read(context.Call.ProcessId, (ulong)context.Raw(0), bytes) != wanted)
        {
            context.SetPointer(0);
            return;
        }
        context.Set(0, ArgumentKind.OutputBuffer, bytes, StraceQuoting.QuoteHex(bytes, truncated: written > wanted));
    }

    /// <summary>rseq(rseq, rseq_len, flags, sig): strace 6.1 has no decoder for it and prints every argument in hex,
    /// zero as <c>0</c> (even a NULL rseq).</summary>
    private static void DecodeRseq(DecodeContext context)
    {
        if (context.Exiting)
            return;
        for (int i = 0; i < 4; i++)
            context.Set(i, ArgumentKind.UInt, (long)context.Unsigned(i), DecodeContext.HexOrZero(context.Unsigned(i)));
    }
}
