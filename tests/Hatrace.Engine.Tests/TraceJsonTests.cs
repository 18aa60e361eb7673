using System.Diagnostics;
using System.Text.Json;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>JSON Lines round trips of real traces (TraceJson): every event read back is of the live one's type,
/// prints the same text and has the same properties to filter on.</summary>
public class TraceJsonTests
{
    private static readonly string OddBytes = TestPrograms.PathOf("odd_bytes");

    private static List<TraceEvent> RoundTrip(IEnumerable<TraceEvent> events, out string json)
    {
        using var text = new StringWriter();
        foreach (TraceEvent e in events)
            TraceJson.WriteLine(text, e);
        json = text.ToString();
        return [.. TraceJson.ReadLines(new StringReader(json))];
    }

    private static void AssertSameEvent(TraceEvent live, TraceEvent imported)
    {
        Assert.Equal(live.GetType(), imported.GetType());
        Assert.Equal(live.Text, imported.Text);
        Assert.Equal(live.ProcessId, imported.ProcessId);
        Assert.Equal(live.ThreadId, imported.ThreadId);
        // DateTime keeps 100 ns; the clock's readings are finer, so one tick of rounding either way.
        Assert.InRange((imported.Timestamp - live.Timestamp).Duration(), TimeSpan.Zero, TimeSpan.FromTicks(1));
        if (live is ProcessStartEvent start)
            Assert.Equal(start.AttachedThreadIds, ((ProcessStartEvent)imported).AttachedThreadIds);
        if (live is not SyscallEvent call)
            return;
        var back = (SyscallEvent)imported;
        Assert.Equal((call.Arch, call.Number, call.Name), (back.Arch, back.Number, back.Name));
        Assert.Equal((call.Result, call.RawResult, call.Errno, call.ErrnoValue), (back.Result, back.RawResult, back.Errno, back.ErrnoValue));
        Assert.Equal((call.Path, call.FdPath, call.Duration, call.IsUnfinished, call.IsDetached), (back.Path, back.FdPath, back.Duration, back.IsUnfinished, back.IsDetached));
        Assert.Equal((call.Tampering, call.ResultInjected, call.OriginalResult), (back.Tampering, back.ResultInjected, back.OriginalResult));
        Assert.Equal([call.Arg0, call.Arg1, call.Arg2, call.Arg3, call.Arg4, call.Arg5], [back.Arg0, back.Arg1, back.Arg2, back.Arg3, back.Arg4, back.Arg5]);
        Assert.Equal(StraceFormatter.FormatEntry(call), StraceFormatter.FormatEntry(back));
        Assert.Equal(call.Arguments.Count, back.Arguments.Count);
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            SyscallArgument a = call.Arguments[i], b = back.Arguments[i];
            Assert.Equal((a.Name, a.Raw, a.Kind, a.Text, a.FdPath), (b.Name, b.Raw, b.Kind, b.Text, b.FdPath));
            // Decoders' own structures come back as their text; every other value as the same type and value.
            // A structure, and an array of them (poll's), compares its fields by value: a number read back is 64-bit
            // whatever its C type.
            if (a.Value is StructValue or ArrayValue)
                Assert.True(a.Value.Equals(b.Value), $"{a.Name}: {a.Value} came back as {b.Value}");
            else if (a.Value is null || TraceJsonValuesKnow(a.Value))
                Assert.Equal(a.Value, b.Value);
            else
                Assert.Equal(a.Value.ToString(), b.Value);
        }
        Assert.Equal(call.Data?.Layout, back.Data?.Layout);
        Assert.Equal(call.Data?.Messages.SelectMany(m => m.SelectMany(b => b)), back.Data?.Messages.SelectMany(m => m.SelectMany(b => b)));
    }

    private static bool TraceJsonValuesKnow(object value) =>
        value is long or int or uint or ulong or string or byte[] or string[] or int[] or long[] or FlagsValue or ConstantValue or StructValue
            or SocketAddressValue or SignalSetValue or ArrayValue or StringValue or PointerValue or DescriptorValue or ProcessIdValue;

    [Fact]
    public void EveryEventOfATraceWithDescriptorsAndProcessEventsComesBackTheSame()
    {
        string dir = Directory.CreateTempSubdirectory("hatrace-json").FullName;
        try
        {
            var options = new TraceSessionOptions { DescriptorDetail = DescriptorDetail.All, EmitSyscallEntries = true };
            var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf("fd_paths"), dir);

            List<TraceEvent> imported = RoundTrip(events, out _);

            Assert.Equal(events.Count, imported.Count);
            for (int i = 0; i < events.Count; i++)
                AssertSameEvent(events[i], imported[i]);
            Assert.Contains(imported, e => e is ProcessStartEvent);
            Assert.Contains(imported, e => e is ProcessExitEvent);
            Assert.Contains(imported, e => e is SyscallEntryEvent);
            Assert.Contains(imported, e => e is SyscallEvent { FdPath: not null });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>i386's calls, its socket calls made through socketcall among them (named after the call made, with
    /// socketcall's number), come back with their names and definitions.</summary>
    [NeedsI386Fact]
    public void AnI386TraceComesBackTheSame()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("i386_calls"));

        List<TraceEvent> imported = RoundTrip(events, out _);

        Assert.Equal(events.Count, imported.Count);
        for (int i = 0; i < events.Count; i++)
            AssertSameEvent(events[i], imported[i]);
        SyscallEvent send = imported.OfType<SyscallEvent>().Single(c => c.Name == "send");
        Assert.Equal((102L, "send"), (send.Number, send.Definition?.Name));
    }

    [Fact]
    public void ControlCharactersAndBytesThatAreNotUtf8StayEscapedOnOneLineAndComeBack()
    {
        var options = new TraceSessionOptions { CaptureReads = _ => true, CaptureWrites = _ => true };
        var (events, _) = TestPrograms.Trace(options, OddBytes);

        List<TraceEvent> imported = RoundTrip(events, out string json);

        Assert.Equal(events.Count, json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(json, c => c < 0x20 && c != '\n');
        foreach (string line in json.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            JsonDocument.Parse(line).Dispose();
        for (int i = 0; i < events.Count; i++)
            AssertSameEvent(events[i], imported[i]);
        SyscallEvent open = imported.OfType<SyscallEvent>().Single(c => c.Path?.StartsWith("/nonexistent/", StringComparison.Ordinal) == true);
        Assert.Equal("ENOENT", open.Errno);
        Assert.Contains("\\1b\\nc\\\"d\\\\e\\377\\376\\33[31mf\"", open.Text, StringComparison.Ordinal);
        SyscallEvent read = imported.OfType<SyscallEvent>().Last(c => c.Name == "read");
        Assert.Equal(new byte[] { 0xff, 0x00, 0x1b, (byte)'\n', (byte)'"', (byte)'\\', 0xc3, 0 }, read.Data!.Messages[0][0]);
    }

    [Fact]
    public void AnAttachedTraceKeepsItsThreadsAndTheCallsCutShortAtDetach()
    {
        // The shell exits at once: the target is no child of this process, which may not attach to its own.
        using Process shell = Process.Start(new ProcessStartInfo("sh", ["-c", "\"$0\" /dev/null 100 & echo $!", TestPrograms.PathOf("attach_target")])
        {
            RedirectStandardOutput = true,
        })!;
        // The shell's echo of the pid and the program's "ready" (its three threads run) come in either order.
        string[] lines = [shell.StandardOutput.ReadLine()!, shell.StandardOutput.ReadLine()!];
        int pid = int.Parse(lines.Single(l => l != "ready"), System.Globalization.CultureInfo.InvariantCulture);
        shell.WaitForExit();
        try
        {
            Thread.Sleep(100); // the two idle threads into pause()
            List<TraceEvent> events;
            using (TraceSession session = TraceSession.Attach([pid], new TraceSessionOptions { FollowChildren = true }))
            {
                Thread.Sleep(300);
                session.Stop();
                events = [.. session.ReadEvents()];
            }

            List<TraceEvent> imported = RoundTrip(events, out _);

            Assert.Equal(events.Count, imported.Count);
            for (int i = 0; i < events.Count; i++)
                AssertSameEvent(events[i], imported[i]);
            IReadOnlyList<int> attached = imported.OfType<ProcessStartEvent>().Single().AttachedThreadIds;
            Assert.Equal(3, attached.Count);
            // Each thread let go says so: the leader and the two idle ones.
            Assert.Equal(attached.Order(), imported.OfType<DetachEvent>().Select(d => d.ThreadId).Order());
            Assert.Contains(imported, e => e is SyscallEvent { IsDetached: true, Name: "pause" });
        }
        finally
        {
            using (Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
            }
        }
    }

    [Fact]
    public void AnImportedCallFiltersByItsArgumentsLikeTheLiveOne()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("tiny"));
        SyscallEvent live = events.OfType<SyscallEvent>().Single(c => c.Name == "openat");

        var back = (SyscallEvent)TraceJson.Deserialize(TraceJson.Serialize(live));

        Assert.Equal("/nonexistent/hatrace", ((dynamic)back.Arguments).pathname.Value);
        Assert.Equal(((dynamic)live.Arguments).flags.Value, ((dynamic)back.Arguments).flags.Value);
        Assert.Equal(live.Arguments["flags"]!.Value!.GetType(), back.Arguments["flags"]!.Value!.GetType());
        Assert.Equal(-1, back.Result);
        Assert.Equal("ENOENT", back.Errno);
    }

    [Theory]
    [InlineData(true, 42L)]
    [InlineData(false, -28L)]
    public void ACallWhoseResultWasMadeUpComesBackMadeUp(bool ran, long injected)
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("tiny"));
        // Changed here as the injector changes a call, so that the test needs no fault rule to fire.
        SyscallEvent live = events.OfType<SyscallEvent>().Single(c => c.Name == "getpid");
        live.NoteTampering([ran ? "retval=42" : "error=ENOSPC"]);
        live.InjectResult(injected, ran);

        var back = (SyscallEvent)TraceJson.Deserialize(TraceJson.Serialize(live));

        AssertSameEvent(live, back);
        Assert.EndsWith(ran ? "= 42 (INJECTED)" : "= -1 ENOSPC (No space left on device) (INJECTED)", back.Text, StringComparison.Ordinal);
        Assert.Equal(ran ? live.OriginalResult : null, back.OriginalResult);
    }

    [Fact]
    public void ACallWithPokedArgumentsADelayAndASystemTimeComesBackSo()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("tiny"));
        SyscallEvent live = events.OfType<SyscallEvent>().Single(c => c.Name == "getpid");
        live.ArgumentsInjected = live.Delayed = true;
        live.SystemTime = TimeSpan.FromMicroseconds(12);

        var back = (SyscallEvent)TraceJson.Deserialize(TraceJson.Serialize(live));

        AssertSameEvent(live, back);
        Assert.EndsWith(" (INJECTED: args) (DELAYED)", back.Text, StringComparison.Ordinal);
        Assert.Equal(live.Duration, back.Duration);
        Assert.Equal(live.SystemTime, back.SystemTime);
    }

    [Fact]
    public void ALineThatIsNotAnEventIsAnErrorNamingItsLine()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("tiny"));
        string good = TraceJson.Serialize(events.OfType<SyscallEvent>().First());
        string text = good + "\n\n" + good.Replace("\"type\":\"syscall\"", "\"type\":\"nonsense\"", StringComparison.Ordinal) + "\n";

        var error = Assert.Throws<JsonException>(() => TraceJson.ReadLines(new StringReader(text)).ToList());

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("nonsense", error.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => TraceJson.Deserialize("{\"type\":\"syscall\"}"));
        Assert.ThrowsAny<JsonException>(() => TraceJson.Deserialize("not json"));
    }
}
