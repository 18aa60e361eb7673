using System.Buffers.Binary;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

// Not ".Signals", the folder's name: that namespace would hide Model.Signals from every decoder family.
namespace Hatrace.Engine.Decoding.SignalFamily;

/// <summary>Signal sets as strace prints them: the names without SIG (<c>[INT TERM]</c>), or, when more than half
/// the signals are in the set, the complement (<c>~[KILL STOP RTMIN RT_1]</c>). Shared by the signal and polling
/// families.</summary>
internal static class SignalSets
{
    /// <summary>The size of the kernel's sigset_t: 64 signals.</summary>
    internal const int KernelSetSize = 8;
    private const int MaxSetSize = 128; // bytes read at most of a set of another size

    internal static string Format(ulong set, StraceRenderer render)
    {
        Span<byte> mask = stackalloc byte[KernelSetSize];
        BinaryPrimitives.WriteUInt64LittleEndian(mask, set);
        return Format(mask, render);
    }

    /// <summary>A set of any size: bit n of the mask is signal n + 1.</summary>
    internal static string Format(ReadOnlySpan<byte> mask, StraceRenderer render)
    {
        int bits = mask.Length * 8;
        int count = 0;
        for (int bit = 0; bit < bits; bit++)
            count += IsSet(mask, bit) ? 1 : 0;
        bool complement = count > bits / 2;
        var text = new StringBuilder(complement ? "~[" : "[");
        for (int bit = 0; bit < bits; bit++)
        {
            if (IsSet(mask, bit) == complement)
                continue;
            if (text[^1] != '[')
                text.Append(' ');
            string name = Signals.GetName(bit + 1);
            text.Append(render.Decimal(bit + 1, name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name));
        }
        return text.Append(']').ToString();
    }

    /// <summary>The kernel's sigset_t as a value.</summary>
    internal static SignalSetValue Value(ulong set)
    {
        Span<byte> mask = stackalloc byte[KernelSetSize];
        BinaryPrimitives.WriteUInt64LittleEndian(mask, set);
        return SignalSetValue.FromMask(mask);
    }

    private static bool IsSet(ReadOnlySpan<byte> mask, int bit) => (mask[bit / 8] & (1 << (bit % 8))) != 0;

    /// <summary>Reads a set the argument points to; null when it cannot, or when its size is not the kernel's (the
    /// kernel refuses such a set, and strace prints its address).</summary>
    internal static ulong? Read(DecodeContext context, ulong address, ulong size) =>
        size == KernelSetSize && address != 0 && context.TryRead(address, out ulong set) ? set : null;

    /// <summary>Decides the argument as the set it points to, or as its address.</summary>
    internal static void Set(DecodeContext context, int index, ulong size)
    {
        if (Read(context, (ulong)context.Raw(index), size) is ulong set)
            context.Set(index, ArgumentKind.Pointer, Value(set), Format(set, context.Render));
        else
            context.SetPointer(index);
    }

    /// <summary>Decides the argument as the set of <paramref name="size"/> bytes it points to, or as its address: for
    /// rt_sigpending, whose set the kernel writes in a size smaller than its own too.</summary>
    internal static void SetAnySize(DecodeContext context, int index, long size)
    {
        long address = context.Raw(index);
        var mask = new byte[Math.Clamp(size, 0, MaxSetSize)];
        if (address != 0 && size > 0 && size <= MaxSetSize && context.TryReadBytes((ulong)address, mask))
            context.Set(index, ArgumentKind.Pointer, SignalSetValue.FromMask(mask), Format(mask, context.Render));
        else
            context.SetPointer(index);
    }
}
