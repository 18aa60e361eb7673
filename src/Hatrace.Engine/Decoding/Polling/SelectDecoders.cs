using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Polling;

/// <summary>select (i386's _newselect) and pselect6: descriptor sets print as <c>[3 5]</c>; the result names the sets
/// that are ready, <c>2 (in [3], out [6], left {tv_sec=0, tv_usec=0})</c>.</summary>
internal static class SelectDecoders
{
    private const int MaxDescriptors = 1 << 16;
    private static readonly string[] s_setNames = ["in", "out", "except"];

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("select", context => DecodeSelect(context, nanoseconds: false)),
        ("_newselect", context => DecodeSelect(context, nanoseconds: false)),
        ("pselect6", context => DecodeSelect(context, nanoseconds: true)),
    ];

    private static void DecodeSelect(DecodeContext context, bool nanoseconds)
    {
        if (context.Parameters.Count == 1)
            return; // i386's old select, whose arguments are in a struct sel_arg_struct
        if (!context.Exiting)
        {
            context.DescribeResultAtExit();
            context.SetInt(0);
            for (int i = 1; i <= 3; i++)
                SetFdSet(context, i);
            if (nanoseconds)
            {
                TimeStructs.SetTimespec(context, 4);
                SetSigmaskAndSize(context, 5);
            }
            else
            {
                TimeStructs.SetTimeval(context, 4);
            }
            return;
        }
        if (context.Failed)
            return;
        if (context.Result == 0)
        {
            context.SetResultText("0 (Timeout)");
            return;
        }
        var parts = new List<string>();
        for (int i = 1; i <= 3; i++)
        {
            if (ReadFdSet(context, i, result: true) is { Length: > 0 } set)
                parts.Add(s_setNames[i - 1] + " " + FormatFdSet(set));
        }
        if (context.Raw(4) != 0 && !context.Dereference)
            parts.Add("left " + DecodeContext.FormatAddress(context.Raw(4)));
        else if (context.Raw(4) != 0
            && (nanoseconds ? TimeStructs.ReadTimespec(context, context.Raw(4)) : TimeStructs.ReadTimeval(context, context.Raw(4))) is string left)
            parts.Add("left " + left);
        context.SetResultText($"{context.Result.ToString(CultureInfo.InvariantCulture)} ({string.Join(", ", parts)})");
    }

    private static void SetFdSet(DecodeContext context, int index)
    {
        if (ReadFdSet(context, index) is int[] set)
            context.Set(index, ArgumentKind.Pointer, set, FormatFdSet(set, context.FormatFd));
        else
            context.SetPointer(index);
    }

    /// <summary>The descriptors below nfds whose bits are set in the fd_set the argument points to; for the result,
    /// which strace prints whatever -e verbose= says, read as data.</summary>
    private static int[]? ReadFdSet(DecodeContext context, int index, bool result = false)
    {
        long count = Math.Clamp(context.Signed(0), 0, MaxDescriptors);
        if (context.Raw(index) == 0)
            return null;
        int longBits = context.WordSize * 8;
        var bytes = new byte[(count + longBits - 1) / longBits * context.WordSize]; // the kernel reads whole longs
        if (!(result ? context.TryReadData((ulong)context.Raw(index), bytes) : context.TryReadBytes((ulong)context.Raw(index), bytes)))
            return null;
        return FdsIn(bytes, (int)count);
    }

    /// <summary>The descriptors below <paramref name="count"/> whose bits are set.</summary>
    internal static int[] FdsIn(ReadOnlySpan<byte> bits, int count)
    {
        var set = new List<int>();
        for (int fd = 0; fd < count && fd / 8 < bits.Length; fd++)
        {
            if ((bits[fd / 8] & (1 << (fd % 8))) != 0)
                set.Add(fd);
        }
        return [.. set];
    }

    /// <summary>A descriptor set as strace prints one: <c>[3 5]</c>, each descriptor as <paramref name="descriptor"/>
    /// prints it (-y's path), or as its number.</summary>
    internal static string FormatFdSet(int[] set, Func<int, string>? descriptor = null) =>
        "[" + string.Join(' ', set.Select(fd => descriptor?.Invoke(fd) ?? fd.ToString(CultureInfo.InvariantCulture))) + "]";

    // pselect6's sixth argument points to { const sigset_t *ss; size_t ss_len; }: two words of the call's ABI.
    private static void SetSigmaskAndSize(DecodeContext context, int index)
    {
        Span<byte> words = stackalloc byte[2 * context.WordSize];
        if (context.Raw(index) == 0 || !context.TryReadBytes((ulong)context.Raw(index), words))
        {
            context.SetPointer(index);
            return;
        }
        (long mask, long size) = context.WordSize == 8
            ? (BinaryPrimitives.ReadInt64LittleEndian(words), BinaryPrimitives.ReadInt64LittleEndian(words[8..]))
            : (BinaryPrimitives.ReadUInt32LittleEndian(words), BinaryPrimitives.ReadUInt32LittleEndian(words[4..]));
        (object value, string text) sigmask = SignalFamily.SignalSets.Read(context, (ulong)mask, (ulong)size) is ulong set
            ? (SignalFamily.SignalSets.Value(set), SignalFamily.SignalSets.Format(set, context.Render))
            : (mask, DecodeContext.FormatAddress(mask));
        var argument = new StructWriter("sigset_argpack").Field("sigmask", sigmask.value, sigmask.text).Field("sigsetsize", size);
        context.Set(index, ArgumentKind.Pointer, argument.Value, argument.ToString());
    }
}
