using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>NULL-terminated arrays of string pointers: execve's argv in full, its envp by count unless the call is
/// unabbreviated (<c>-v</c>), as strace prints them.</summary>
internal static class StringArrays
{
    internal static void SetArgv(DecodeContext context, int index) => SetStrings(context, index, ArgumentKind.StringArray);

    // The strings as StringValues, a string that cannot be read as its PointerValue, in an ArrayValue that says whether
    // -s's count cut it and where reading stopped on unreadable memory.
    private static void SetStrings(DecodeContext context, int index, ArgumentKind kind)
    {
        long address = context.Raw(index);
        int word = context.WordSize, pid = context.Call.ProcessId;
        var items = new List<object?>();
        var text = new StringBuilder("[");
        bool cut = false;
        for (int i = 0; ; i++)
        {
            ulong? pointer = context.Memory.ReadWord(pid, (ulong)address + (ulong)(i * word), word);
            if (pointer is null)
            {
                if (i == 0)
                    context.SetPointer(index);
                else
                    context.Set(index, kind, new ArrayValue(items, truncated: false, DecodeContext.Pointer(address + i * word, PointerReason.Unreadable)),
                        text.Append(", ...]").ToString());
                return;
            }
            if (pointer == 0)
                break;
            if (i == context.StringLength && context.Abbreviate)
            {
                text.Append(i > 0 ? ", ..." : "...");
                cut = true;
                break;
            }
            if (i > 0)
                text.Append(", ");
            if (!context.Memory.TryReadCString(pid, pointer.Value, context.StringLength, out ReadOnlySpan<byte> bytes, out bool truncated))
            {
                items.Add(DecodeContext.Pointer((long)pointer.Value, PointerReason.Unreadable));
                text.Append(DecodeContext.FormatAddress((long)pointer.Value));
                continue;
            }
            items.Add(new StringValue(bytes.ToArray(), truncated, unterminated: truncated));
            context.AppendQuoted(text, bytes, truncated);
        }
        context.Set(index, kind, new ArrayValue(items, cut, stoppedAt: null), text.Append(']').ToString());
    }

    internal static void SetEnvironment(DecodeContext context, int index)
    {
        if (!context.Abbreviate)
        {
            SetStrings(context, index, ArgumentKind.EnvironmentArray);
            return;
        }
        long address = context.Raw(index);
        int word = context.WordSize, pid = context.Call.ProcessId;
        int count = 0;
        while (context.Memory.ReadWord(pid, (ulong)address + (ulong)(count * word), word) is ulong pointer && pointer != 0)
            count++;
        context.Set(index, ArgumentKind.EnvironmentArray, null,
            $"{DecodeContext.FormatAddress(address)} /* {count} var{(count == 1 ? "" : "s")} */");
    }
}
