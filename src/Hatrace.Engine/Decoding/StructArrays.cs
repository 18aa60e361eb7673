using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>An argument that points to an array of kernel structures (semop's struct sembuf, io_getevents' struct
/// io_event): <c>[{...}, {...}]</c>, at most as many as strace shows before its <c>...</c> unless -v; its address when
/// the array cannot be read.</summary>
internal static class StructArrays
{
    private const int MaxRead = 1024; // items read at most, whatever the count says

    /// <summary>Sets argument <paramref name="index"/> to its first <paramref name="count"/> structures.</summary>
    internal static void Set<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, int index, long count, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        long wanted = Math.Clamp(count, 0, MaxRead);
        int shown = (int)(context.Abbreviate ? Math.Min(wanted, context.StringLength) : wanted);
        int size = Marshal.SizeOf<T>();
        var bytes = new byte[shown * size];
        // An empty array prints [] whatever the options, as nothing is read.
        if (context.Raw(index) == 0 || (count > 0 && (!context.Dereference || !context.TryReadBytes((ulong)context.Raw(index), bytes))))
        {
            context.SetPointer(index);
            return;
        }
        T[] items = [.. MemoryMarshal.Cast<byte, T>(bytes)];
        bool truncated = shown < count;
        var value = new ArrayValue(items.Select(item => (object?)StructValue.Of(item)), truncated, stoppedAt: null);
        context.Set(index, ArgumentKind.Pointer, value, render => Format(items, truncated, render, print));
    }

    private static string Format<T>(IEnumerable<T> items, bool truncated, StraceRenderer render, StructPrinter<T> print)
    {
        IEnumerable<string> texts = items.Select(item => print(item, render, false));
        return StructWriter.Array(truncated ? texts.Append("...") : texts);
    }
}
