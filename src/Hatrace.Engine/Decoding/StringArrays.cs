using System.Text;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>NULL-terminated arrays of string pointers: execve's argv in full, its envp by count unless the call is
/// unabbreviated (<c>-v</c>), as strace prints them.</summary>
internal static class StringArrays
{
    internal static void SetArgv(DecodeContext context, int index) => SetStrings(context, index, ArgumentKind.StringArray);

    private static void SetStrings(DecodeContext context, int index, ArgumentKind kind)
    {
        long address = context.Raw(index);
        int word = context.WordSize, pid = context.Call.ProcessId;
        var items = new List<string>();
        var text = new StringBuilder("[");
        for (int i = 0; ; i++)
        {
            ulong? pointer = context.Memory.ReadWord(pid, (ulong)address + (ulong)(i * word), word);
            if (pointer is null)
            {
                if (i == 0)
                    context.SetPointer(index);
                else
                    context.Set(index, kind, items.ToArray(), text.Append(", ...]").ToString());
                return;
            }
            if (pointer == 0)
                break;
            if (i == context.StringLength && context.Abbreviate)
            {
                text.Append(i > 0 ? ", ..." : "...");
                break;
            }
            if (i > 0)
                text.Append(", ");
            if (!context.Memory.TryReadCString(pid, pointer.Value, context.StringLength, out ReadOnlySpan<byte> bytes, out bool truncated))
            {
                text.Append(DecodeContext.FormatAddress((long)pointer.Value));
                continue;
            }
            items.Add(StraceQuoting.Display(bytes));
            context.AppendQuoted(text, bytes, truncated);
        }
        context.Set(index, kind, items.ToArray(), text.Append(']').ToString());
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
