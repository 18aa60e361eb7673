using System.Buffers.Binary;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Polling;

/// <summary>epoll_create1, epoll_ctl, epoll_wait, epoll_pwait and epoll_pwait2. struct epoll_event is packed on x86_64:
/// 4 bytes of events and 8 of data, printed <c>{events=EPOLLIN, data={u32=3, u64=3}}</c>.</summary>
internal static class EpollDecoders
{
    private const int EventSize = 12;
    private const int MaxShown = 1024;
    private static readonly FlagSet s_events = new("epoll_events");
    private static readonly FlagSet s_createFlags = new("epoll_create_flags", "EPOLL_???");
    private static readonly NamedValues s_operations = new("epoll_ctl_ops", "EPOLL_CTL_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("epoll_create1", DecodeEpollCreate1),
        ("epoll_ctl", DecodeEpollCtl),
        ("epoll_wait", DecodeEpollWait),
        ("epoll_pwait", DecodeEpollPwait),
        ("epoll_pwait2", DecodeEpollPwait2),
    ];

    private static void DecodeEpollCreate1(DecodeContext context)
    {
        if (!context.Exiting)
            context.Set(0, ArgumentKind.Int, new FlagsValue((long)context.Unsigned(0), s_createFlags), s_createFlags.Format((long)context.Unsigned(0), context.Render));
    }

    private static void DecodeEpollCtl(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        context.SetNamed(1, s_operations);
        context.SetFd(2);
        SetEvents(context, 3, 1);
    }

    private static void DecodeEpollWait(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            context.Defer(1);
        }
        else if (!context.Failed)
        {
            SetEvents(context, 1, (int)Math.Min(context.Result, MaxShown));
        }
    }

    // strace reads epoll_pwait's sigmask and epoll_pwait2's timeout at exit: a failed call shows their addresses.
    private static void DecodeEpollPwait(DecodeContext context)
    {
        DecodeEpollWait(context);
        if (!context.Exiting)
            context.Defer(4);
        else if (context.Failed)
            context.SetPointer(4);
        else
            SignalFamily.SignalSets.Set(context, 4, context.Unsigned(5));
    }

    private static void DecodeEpollPwait2(DecodeContext context)
    {
        DecodeEpollPwait(context);
        if (!context.Exiting)
            context.Defer(3);
        else if (context.Failed)
            context.SetPointer(3);
        else
            TimeStructs.SetTimespec(context, 3);
    }

    // One event (epoll_ctl) or an array of them (the wait calls' results); the pointer when unreadable.
    private static void SetEvents(DecodeContext context, int index, int count)
    {
        var bytes = new byte[count * EventSize];
        // None to read prints [] whatever -e verbose= says.
        if (context.Raw(index) == 0 || (count > 0 && !context.TryReadBytes((ulong)context.Raw(index), bytes)))
        {
            context.SetPointer(index);
            return;
        }
        var events = new List<StructWriter>();
        for (int at = 0; at < bytes.Length; at += EventSize)
            events.Add(Event(bytes.AsSpan(at, EventSize), context.Render));
        if (context.Call.Name == "epoll_ctl")
        {
            context.Set(index, ArgumentKind.Pointer, events[0].Value, events[0].ToString());
            return;
        }
        var value = new ArrayValue(events.Select(e => e.Value));
        context.Set(index, ArgumentKind.Pointer, value, context.ArrayText([.. events.Select(e => e.ToString())]));
    }

    /// <summary>One struct epoll_event, its text and value.</summary>
    internal static StructWriter Event(ReadOnlySpan<byte> epollEvent, StraceRenderer render)
    {
        uint events = BinaryPrimitives.ReadUInt32LittleEndian(epollEvent);
        ulong data = BinaryPrimitives.ReadUInt64LittleEndian(epollEvent[4..]);
        var dataField = new StructWriter("epoll_data").Field("u32", (uint)data).Field("u64", data, data.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new StructWriter("epoll_event").Field("events", new FlagsValue(events, s_events), s_events.Format(events, render))
            .Field("data", dataField.Value, dataField.ToString());
    }
}
