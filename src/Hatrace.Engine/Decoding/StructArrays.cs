using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>An argument that points to an array of kernel structures (semop's struct sembuf, io_getevents' struct
/// io_event, futex_waitv's struct futex_waitv): <c>[{...}, {...}]</c>, abbreviated to the string length of them and
/// <c>...</c> unless -v, and <c>... /* 0x7f... */</c> where its memory ends; its address when not even its first can be
/// read. Its value is an <see cref="ArrayValue"/> of every structure read.</summary>
internal static class StructArrays
{
    private const int MaxRead = 1024; // items read at most, whatever the count says

    /// <summary>Sets argument <paramref name="index"/> to its first <paramref name="count"/> structures.</summary>
    internal static void Set<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, int index, long count, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        if (Read(context, context.Raw(index), count, print) is not var (value, text))
            context.SetPointer(index);
        else
            context.Set(index, ArgumentKind.Pointer, value, text);
    }

    /// <summary>The first <paramref name="count"/> structures at <paramref name="address"/>, as a value and the text
    /// that prints them; null when not even the first can be read. For an array a structure's field points to too.</summary>
    internal static (ArrayValue Value, Func<StraceRenderer, string> Text)? Read<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(
        DecodeContext context, long address, long count, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        // An empty array prints [] whatever the options, as nothing is read.
        PointerValue? stoppedAt = null;
        byte[]? bytes = address == 0 || (count > 0 && !context.Dereference) ? null
            : count <= 0 ? []
            : context.ReadArray((ulong)address, Math.Min(count, MaxRead), Marshal.SizeOf<T>(), out stoppedAt);
        if (bytes is null)
            return null;
        T[] items = [.. MemoryMarshal.Cast<byte, T>(bytes)];
        // As they are now: the context moves on before the text may be made.
        bool abbreviate = context.Abbreviate;
        int limit = context.StringLength;
        var value = new ArrayValue(items.Select(item => (object?)StructValue.Of(item)), truncated: items.Length < count && stoppedAt is null, stoppedAt);
        return (value, render =>
        {
            int shown = abbreviate && !render.Verbose ? Math.Min(items.Length, limit) : items.Length;
            IEnumerable<string> texts = items.Take(shown).Select(item => print(item, render, abbreviate && !render.Verbose));
            // Left out here, or past what was read at all; where the memory ended says so itself.
            bool more = shown < items.Length || (stoppedAt is null && items.Length < count);
            return StructWriter.Array(more ? texts.Append("...") : texts, stoppedAt);
        });
    }
}
