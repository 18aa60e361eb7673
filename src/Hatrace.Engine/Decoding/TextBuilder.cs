using System.Text;

namespace Hatrace.Engine.Decoding;

/// <summary><see cref="StringBuilder"/>s kept per thread for text built and made a string at once (a quoted string, a
/// mask's names, a structure, whose fields are such texts in turn). The builders each such text made, and the blocks
/// they grew by, were a quarter of what tracing <c>ls -la</c> allocated, and fresh memory costs a page fault per 4 KiB
/// until the first collection. A builder is used only between <see cref="Acquire"/> and <see cref="Release"/>.</summary>
internal static class TextBuilder
{
    // Larger ones are left to the collector: a long buffer's text would keep its memory for good.
    private const int MaxCapacity = 1024;

    // Texts built within texts: a structure's field a structure whose field is a mask.
    private const int Depth = 4;

    [ThreadStatic]
    private static StringBuilder?[]? t_free;

    [ThreadStatic]
    private static int t_count;

    /// <summary>An empty builder: one the thread gave back if it has one.</summary>
    internal static StringBuilder Acquire()
    {
        if (t_count == 0)
            return new StringBuilder(256);
        StringBuilder text = t_free![--t_count]!;
        t_free[t_count] = null;
        return text.Clear();
    }

    /// <summary>The text built, the builder given back; it is not to be used after.</summary>
    internal static string Release(StringBuilder text)
    {
        string made = text.ToString();
        StringBuilder?[] free = t_free ??= new StringBuilder?[Depth];
        if (text.Capacity <= MaxCapacity && t_count < Depth)
            free[t_count++] = text;
        return made;
    }
}
