using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>NULL-terminated arrays of string pointers, execve's argv and envp: read whole, as values, and printed as
/// strace prints them, argv up to <c>-s</c> strings and envp by count unless the call is unabbreviated (<c>-v</c>), as
/// the renderer that prints them asks.</summary>
internal static class StringArrays
{
    internal static void SetArgv(DecodeContext context, int index) => SetStrings(context, index, ArgumentKind.StringArray);

    internal static void SetEnvironment(DecodeContext context, int index) => SetStrings(context, index, ArgumentKind.EnvironmentArray);

    // The strings as StringValues, a string that cannot be read as its PointerValue, in an ArrayValue that says where
    // reading stopped on unreadable memory; an environment printed as a count, where the session reads no strings it
    // does not print, as the PointerValues to its strings.
    private static void SetStrings(DecodeContext context, int index, ArgumentKind kind)
    {
        long address = context.Raw(index);
        if (address == 0 || !context.Dereference)
        {
            context.SetPointer(index);
            return;
        }
        int word = context.WordSize, limit = context.StringLength;
        bool abbreviate = context.Abbreviate, countOnly = kind == ArgumentKind.EnvironmentArray;
        var pointers = new List<ulong>();
        PointerValue? stoppedAt = context.Memory.ReadPointers(context.Call.ThreadId, (ulong)address, word, int.MaxValue, pointers)
            ? null
            : DecodeContext.Pointer(address + pointers.Count * word, PointerReason.Unreadable);
        var items = new object?[pointers.Count];
        if (countOnly && abbreviate && !context.ReadsCountedEnvironment)
        {
            for (int i = 0; i < items.Length; i++)
                items[i] = DecodeContext.Pointer((long)pointers[i], PointerReason.NotDecoded);
        }
        else
        {
            context.Memory.ReadCStrings(context.Call.ThreadId, CollectionsMarshal.AsSpan(pointers), limit, (i, readable, bytes, truncated) =>
                items[i] = readable
                    ? new StringValue(bytes.ToArray(), truncated, unterminated: truncated)
                    : DecodeContext.Pointer((long)pointers[i], PointerReason.Unreadable));
        }
        if (items.Length == 0 && stoppedAt is not null)
        {
            context.Set(index, kind, stoppedAt, render => stoppedAt.ToString());
            return;
        }
        var value = new ArrayValue(items, truncated: false, stoppedAt);
        context.Set(index, kind, value, render => Count(address, value, countOnly && abbreviate && !render.Verbose)
            ?? Print(value, render, abbreviate && !render.Verbose ? limit : int.MaxValue));
    }

    // envp abbreviated: 0x7ffc... /* 5 vars */, or /* 5 vars, unterminated */ where its memory ended before its NULL.
    private static string? Count(long address, ArrayValue strings, bool countOnly) =>
        countOnly ? $"{DecodeContext.FormatAddress(address)} /* {strings.Count} var{(strings.Count == 1 ? "" : "s")}{(strings.StoppedAt is null ? "" : ", unterminated")} */" : null;

    // ["ls", "-la"]: at most `shown` strings, then "..."; where reading stopped, "..." and the address it stopped at.
    private static string Print(ArrayValue strings, StraceRenderer render, int shown)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < strings.Count; i++)
        {
            if (i == shown)
            {
                text.Append(i > 0 ? ", ..." : "...");
                return text.Append(']').ToString();
            }
            if (i > 0)
                text.Append(", ");
            if (strings[i] is StringValue item)
                render.AppendQuoted(text, item.Span, item.Truncated);
            else
                text.Append(strings[i]);
        }
        return text.Append(strings.StoppedAt is { } stoppedAt ? $", ... /* {stoppedAt} */]" : "]").ToString();
    }
}
