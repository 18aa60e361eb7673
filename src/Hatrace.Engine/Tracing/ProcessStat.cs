using System.Buffers.Text;

namespace Hatrace.Engine.Tracing;

/// <summary>Numbers from /proc/ID/stat (proc(5)), counted as the man page counts them: the command, field 2, is in
/// parentheses and may hold spaces, so the fields after it are counted from its closing parenthesis.</summary>
internal static class ProcessStat
{
    /// <summary>Field <paramref name="field"/> (3 or more) of a process's or thread's stat line; null when the process is
    /// gone, the file cannot be read, or the field is not a number.</summary>
    internal static long? Field(int id, int field)
    {
        Span<byte> text = stackalloc byte[1024];
        int length = ProcFile.Read(id, "stat", text);
        if (length < 0)
            return null;
        text = text[..length];
        int counted = 2;
        for (int i = text.LastIndexOf((byte)')') + 1; i > 0 && i < text.Length; i++)
        {
            if (text[i] == ' ' && ++counted == field)
                return Utf8Parser.TryParse(text[(i + 1)..], out long value, out _) ? value : null;
        }
        return null;
    }
}
