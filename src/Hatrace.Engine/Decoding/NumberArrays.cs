using System.Numerics;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>An array of numbers in the tracee as strace prints one: <c>[0, 4, 27]</c>, at most the string length of
/// them and then <c>...</c> unless -v. Its value is an <see cref="ArrayValue"/> of the numbers; its address when it
/// cannot be read, or is not to be followed (-e verbose=none).</summary>
internal static class NumberArrays
{
    private const int MaxItems = 1 << 16; // with -v, what a count from the tracee may make this read at most
    /// <summary>Decides argument <paramref name="index"/> as the <paramref name="count"/> numbers it points to.</summary>
    internal static void Set<T>(DecodeContext context, int index, long count, Func<T, string> print) where T : unmanaged, IBinaryInteger<T> =>
        Set<T>(context, index, count, (item, _) => print(item));

    /// <summary>Like <see cref="Set{T}(DecodeContext, int, long, Func{T, string})"/>, for numbers whose text names them:
    /// the renderer that prints the array styles the names.</summary>
    internal static void Set<T>(DecodeContext context, int index, long count, Func<T, StraceRenderer, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        var items = new T[Math.Clamp(count, 0, context.Abbreviate ? context.StringLength : MaxItems)];
        long address = context.Raw(index);
        if (address == 0 || !context.Dereference || !context.TryReadBytes((ulong)address, MemoryMarshal.AsBytes(items.AsSpan())))
        {
            context.SetPointer(index);
            return;
        }
        bool truncated = count > items.Length;
        context.Set(index, ArgumentKind.Pointer, new ArrayValue(items.Select(item => (object?)long.CreateTruncating(item)), truncated, stoppedAt: null), render =>
        {
            IEnumerable<string> texts = items.Select(item => print(item, render));
            return StructWriter.Array(truncated ? texts.Append("...") : texts);
        });
    }
}
