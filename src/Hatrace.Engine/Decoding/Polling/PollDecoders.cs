using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Polling;

/// <summary>poll and ppoll: the requests at entry, and at exit the events that happened, in the result as strace
/// prints them: <c>1 ([{fd=3, revents=POLLIN}])</c>.</summary>
internal static class PollDecoders
{
    private const int PollfdSize = 8; // int fd; short events; short revents
    private const int MaxShown = 1024;
    private static readonly FlagSet s_events = new("poll_events");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("poll", DecodePoll),
        ("ppoll", DecodePpoll),
    ];

    private static void DecodePoll(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetRequests(context);
            context.DescribeResultAtExit();
        }
        else
        {
            SetResult(context, left: null);
        }
    }

    private static void DecodePpoll(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetRequests(context);
            context.DescribeResultAtExit();
            TimeStructs.SetTimespec(context, 2);
            SignalFamily.SignalSets.Set(context, 3, context.Unsigned(4));
            return;
        }
        string? left = context.Raw(2) == 0 ? null : TimeStructs.ReadTimespec(context, context.Raw(2));
        SetResult(context, left);
    }

    // As many requests as the count says and memory holds; null when none can be read.
    private static byte[]? ReadPollfds(DecodeContext context, out PointerValue? stoppedAt) =>
        context.ReadArray((ulong)context.Raw(0), (long)Math.Min(context.Unsigned(1), (ulong)MaxShown), PollfdSize, out stoppedAt);

    private static void SetRequests(DecodeContext context)
    {
        if (ReadPollfds(context, out PointerValue? stoppedAt) is not byte[] bytes)
        {
            context.SetPointer(0);
            return;
        }
        List<string> requests = Requests(bytes, context.Render, context.FormatFd);
        context.Set(0, ArgumentKind.Pointer, Value(bytes, stoppedAt), context.ArrayText(requests, stoppedAt));
    }

    /// <summary>The struct pollfd array as a value, as the call passed it.</summary>
    private static ArrayValue Value(byte[] pollfds, PointerValue? stoppedAt)
    {
        var items = new List<object?>();
        for (int at = 0; at + PollfdSize <= pollfds.Length; at += PollfdSize)
        {
            items.Add(new StructValue("pollfd",
            [
                new("fd", BinaryPrimitives.ReadInt32LittleEndian(pollfds.AsSpan(at))),
                new("events", new FlagsValue(BinaryPrimitives.ReadUInt16LittleEndian(pollfds.AsSpan(at + 4)), s_events)),
                new("revents", new FlagsValue(BinaryPrimitives.ReadUInt16LittleEndian(pollfds.AsSpan(at + 6)), s_events)),
            ]));
        }
        return new ArrayValue(items, truncated: false, stoppedAt);
    }

    /// <summary><c>{fd=3, events=POLLIN}</c>, <c>{fd=-1}</c>: a negative fd is ignored by the kernel, and its events
    /// unprinted; each descriptor as <paramref name="descriptor"/> prints it (-y's path).</summary>
    internal static List<string> Requests(ReadOnlySpan<byte> pollfds, StraceRenderer render, Func<int, string> descriptor)
    {
        var items = new List<string>();
        for (int at = 0; at + PollfdSize <= pollfds.Length; at += PollfdSize)
        {
            int fd = BinaryPrimitives.ReadInt32LittleEndian(pollfds[at..]);
            var item = new StructWriter().Field("fd", descriptor(fd));
            if (fd >= 0)
                item.Field("events", Events(BinaryPrimitives.ReadUInt16LittleEndian(pollfds[(at + 4)..]), render));
            items.Add(item.ToString());
        }
        return items;
    }

    /// <summary><c>{fd=3, revents=POLLIN}</c>: only the descriptors that had events.</summary>
    internal static List<string> Results(ReadOnlySpan<byte> pollfds, StraceRenderer render)
    {
        var items = new List<string>();
        for (int at = 0; at + PollfdSize <= pollfds.Length; at += PollfdSize)
        {
            ushort revents = BinaryPrimitives.ReadUInt16LittleEndian(pollfds[(at + 6)..]);
            if (revents != 0)
                items.Add(new StructWriter().Field("fd", BinaryPrimitives.ReadInt32LittleEndian(pollfds[at..])).Field("revents", Events(revents, render)).ToString());
        }
        return items;
    }

    private static string Events(long events, StraceRenderer render) => s_events.Format(events, render);

    private static void SetResult(DecodeContext context, string? left)
    {
        if (context.Failed)
            return;
        if (context.Result == 0)
        {
            context.SetResultText("0 (Timeout)");
            return;
        }
        var text = new StringBuilder(context.Result.ToString(CultureInfo.InvariantCulture));
        if (ReadPollfds(context, out _) is byte[] bytes)
        {
            text.Append(" (").Append(context.ArrayTextNow(Results(bytes, context.Render)));
            if (left is not null)
                text.Append(", left ").Append(left);
            text.Append(')');
        }
        context.SetResultText(text.ToString());
    }
}
