using System.Globalization;
using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A syscall a traced thread is inside now, entered and not yet returned: a call that blocks (read on a
/// pipe, wait4, futex) or one a hook or fault rule holds. A snapshot: the call may have returned since.</summary>
public sealed class CallInProgress
{
    internal CallInProgress(SyscallEvent call, long nowTicks)
    {
        ProcessId = call.ProcessId;
        ThreadId = call.ThreadId;
        Name = call.Name;
        Text = StraceFormatter.FormatEntry(call);
        StartedAt = call.Timestamp;
        Elapsed = TraceClock.Between(call.TimestampTicks, nowTicks);
        StartedTicks = call.TimestampTicks;
    }

    /// <summary>The process the thread belongs to.</summary>
    public int ProcessId { get; }

    /// <summary>The thread inside the call.</summary>
    public int ThreadId { get; }

    /// <summary>The call's name.</summary>
    public string Name { get; }

    /// <summary>What strace prints of the call at its entry: <c>read(3, </c>.</summary>
    public string Text { get; }

    /// <summary>When the thread entered the call, in local time.</summary>
    public DateTime StartedAt { get; }

    /// <summary>How long the call had been in progress when the snapshot was taken.</summary>
    public TimeSpan Elapsed { get; }

    // Tells two calls of one thread apart.
    internal long StartedTicks { get; }

    /// <summary>Whether this is the same call as <paramref name="other"/>, seen in another snapshot.</summary>
    public bool IsSameCall(CallInProgress other) =>
        other is not null && other.ThreadId == ThreadId && other.StartedTicks == StartedTicks;

    /// <summary>A line as strace would start the call's, with for how long it has been in progress instead of its end:
    /// <c>[pid  4242] read(3,  &lt;in progress for 2.301 s&gt;</c>, as strace's <c>&lt;unfinished ...&gt;</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[pid {ThreadId,5}] {Text} <in progress for {Elapsed.TotalSeconds:0.000} s>");
}
