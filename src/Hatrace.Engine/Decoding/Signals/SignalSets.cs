using System.Numerics;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

// Not ".Signals", the folder's name: that namespace would hide Model.Signals from every decoder family.
namespace Hatrace.Engine.Decoding.SignalFamily;

/// <summary>Signal sets as strace prints them: the names without SIG (<c>[INT TERM]</c>), or, when more than half
/// the signals are in the set, the complement (<c>~[KILL STOP RTMIN RT_1]</c>).</summary>
internal static class SignalSets
{
    /// <summary>The size of the kernel's sigset_t: 64 signals.</summary>
    internal const int KernelSetSize = 8;

    internal static string Format(ulong set)
    {
        bool complement = BitOperations.PopCount(set) > Signals.Max / 2;
        ulong shown = complement ? ~set : set;
        var text = new StringBuilder(complement ? "~[" : "[");
        for (int signal = 1; signal <= Signals.Max; signal++)
        {
            if ((shown & (1UL << (signal - 1))) == 0)
                continue;
            if (text[^1] != '[')
                text.Append(' ');
            string name = Signals.GetName(signal);
            text.Append(name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name);
        }
        return text.Append(']').ToString();
    }

    /// <summary>Reads a set the argument points to; null when it cannot, or when its size is not the kernel's.</summary>
    internal static ulong? Read(DecodeContext context, ulong address, ulong size) =>
        size == KernelSetSize && address != 0 && context.TryRead(address, out ulong set) ? set : null;

    /// <summary>Decides the argument as the set it points to, or as its address.</summary>
    internal static void Set(DecodeContext context, int index, ulong size)
    {
        if (Read(context, (ulong)context.Raw(index), size) is ulong set)
            context.Set(index, ArgumentKind.Pointer, (long)set, Format(set));
        else
            context.SetPointer(index);
    }
}
