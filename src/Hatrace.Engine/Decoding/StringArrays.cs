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
    // reading stopped on unreadable memory.
    private static void SetStrings(DecodeContext context, int index, ArgumentKind kind)
    {
        long address = context.Raw(index);
        if (address == 0 || !context.Dereference)
        {
            context.SetPointer(index);
            return;
        }
        int word = context.WordSize, pid = context.Call.ProcessId, limit = context.StringLength;
        bool abbreviate = context.Abbreviate, countOnly = kind == ArgumentKind.EnvironmentArray;
        var items = new List<object?>();
        PointerValue? stoppedAt = null;
        for (int i = 0; ; i++)
        {
            ulong? pointer = context.Memory.ReadWord(pid, (ulong)address + (ulong)(i * word), word);
            if (pointer is null)
            {
                stoppedAt = DecodeContext.Pointer(address + i * word, PointerReason.Unreadable);
                break;
            }
            if (pointer == 0)
                break;
            items.Add(context.Memory.TryReadCString(pid, pointer.Value, limit, out ReadOnlySpan<byte> bytes, out bool truncated)
                ? new StringValue(bytes.ToArray(), truncated, unterminated: truncated)
                : DecodeContext.Pointer((long)pointer.Value, PointerReason.Unreadable));
        }
        if (items.Count == 0 && stoppedAt is not null)
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
