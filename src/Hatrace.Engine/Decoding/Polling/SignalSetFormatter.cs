using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Polling;

/// <summary>A signal mask as strace prints one: <c>[USR1 TERM]</c>, or <c>~[KILL]</c> when most signals are in it.
/// A helper the signal family may want too; kept here until a shared one exists.</summary>
internal static class SignalSetFormatter
{
    private const int MaxSetSize = 128;

    internal static string Format(ReadOnlySpan<byte> mask)
    {
        int bits = mask.Length * 8;
        int set = 0;
        for (int i = 0; i < bits; i++)
            set += IsSet(mask, i) ? 1 : 0;
        bool complement = set > bits / 2;
        var text = new StringBuilder(complement ? "~[" : "[");
        int start = text.Length;
        for (int i = 0; i < bits; i++)
        {
            if (IsSet(mask, i) != complement)
            {
                if (text.Length > start)
                    text.Append(' ');
                string name = Signals.GetName(i + 1);
                text.Append(name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name);
            }
        }
        return text.Append(']').ToString();
    }

    private static bool IsSet(ReadOnlySpan<byte> mask, int bit) => (mask[bit / 8] & (1 << (bit % 8))) != 0;

    /// <summary>The mask of <paramref name="size"/> bytes at <paramref name="address"/>, or null when unreadable.</summary>
    internal static string? Read(DecodeContext context, long address, long size)
    {
        if (address == 0 || size <= 0 || size > MaxSetSize)
            return null;
        var bytes = new byte[size];
        return context.Memory.Read(context.Call.ProcessId, (ulong)address, bytes) == bytes.Length ? Format(bytes) : null;
    }

    internal static void Set(DecodeContext context, int index, long size)
    {
        if (Read(context, context.Raw(index), size) is string text)
            context.Set(index, ArgumentKind.Pointer, context.Raw(index), text);
        else
            context.SetPointer(index);
    }
}
