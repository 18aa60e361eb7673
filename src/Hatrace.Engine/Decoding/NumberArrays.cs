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
        if (Read(context, context.Raw(index), count, print) is not var (value, text))
            context.SetPointer(index);
        else
            context.Set(index, ArgumentKind.Pointer, value, text);
    }

    /// <summary>The first <paramref name="count"/> numbers at <paramref name="address"/>, as a value and the text that
    /// prints them; null when they cannot be read or are not to be followed. For an array a structure's field points to too.</summary>
    internal static (ArrayValue Value, Func<StraceRenderer, string> Text)? Read<T>(DecodeContext context, long address, long count,
        Func<T, StraceRenderer, string> print) where T : unmanaged, IBinaryInteger<T> =>
        Read<T>(context, address, count, (item, _, render) => print(item, render));

    /// <summary>Like <see cref="Read{T}(DecodeContext, long, long, Func{T, StraceRenderer, string})"/>, for an array
    /// whose items print with their index (<c>[[IO_WQ_BOUND]=3]</c>).</summary>
    internal static (ArrayValue Value, Func<StraceRenderer, string> Text)? Read<T>(DecodeContext context, long address, long count,
        Func<T, int, StraceRenderer, string> print) where T : unmanaged, IBinaryInteger<T>
    {
        // An empty array prints [] whatever the options, as nothing is read.
        var items = new T[Math.Clamp(count, 0, context.Abbreviate ? context.StringLength : MaxItems)];
        if (address == 0 || (count > 0 && !context.Dereference) || (items.Length > 0 && !context.TryReadBytes((ulong)address, MemoryMarshal.AsBytes(items.AsSpan()))))
            return null;
        bool truncated = count > items.Length;
        return (new ArrayValue(items.Select(item => (object?)long.CreateTruncating(item)), truncated, stoppedAt: null), render =>
        {
            IEnumerable<string> texts = items.Select((item, position) => print(item, position, render));
            return StructWriter.Array(truncated ? texts.Append("...") : texts);
        });
    }
}
