using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>An array of structures in the tracee as strace prints one: <c>[{...}, {...}]</c>, at most the string length
/// of them and then <c>...</c>. Its value is an <see cref="ArrayValue"/> of the structures; its address when it cannot
/// be read.</summary>
internal static class StructArrays
{
    /// <summary>Decides argument <paramref name="index"/> as the <paramref name="count"/> structures it points to.</summary>
    internal static void Set<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, int index, long count, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T>
    {
        var items = new T[Math.Clamp(count, 0, context.StringLength)];
        long address = context.Raw(index);
        if (address == 0 || !context.TryReadBytes((ulong)address, MemoryMarshal.AsBytes(items.AsSpan())))
        {
            context.SetPointer(index);
            return;
        }
        bool truncated = count > items.Length;
        bool abbreviate = context.Abbreviate; // as it is now: the context moves on before the text may be made
        context.Set(index, ArgumentKind.Pointer, new ArrayValue(items.Select(item => (object?)StructValue.Of(item)), truncated, stoppedAt: null), render =>
        {
            IEnumerable<string> texts = items.Select(item => print(item, render, abbreviate && !render.Verbose));
            return StructWriter.Array(truncated ? texts.Append("...") : texts);
        });
    }
}
