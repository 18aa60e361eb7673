using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The events front ends need to print calls of several threads as strace does: a call's entry before its
/// return, each thread's exit, and the bytes of reads and writes, on threads_pipe (a thread blocks in read while
/// another writes, a third ends with exit(3)).</summary>
public class SyscallEntryAndThreadExitTests
{
    private static readonly string ThreadsPipe = TestPrograms.PathOf("threads_pipe");

    [Fact]
    public void EachCallIsEnteredBeforeItReturnsWithTheArgumentsDecidedThen()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { EmitSyscallEntries = true }, ThreadsPipe);

        var open = new Dictionary<int, SyscallEntryEvent>();
        foreach (TraceEvent e in events)
        {
            if (e is SyscallEntryEvent entry)
            {
                Assert.False(open.ContainsKey(entry.ThreadId), $"{entry.ThreadId} entered {entry.Name} inside another call");
                open[entry.ThreadId] = entry;
            }
            else if (e is SyscallEvent call)
            {
                // The first execve was entered by the spawn helper, before the program's trace begins.
                if (call == events.OfType<SyscallEvent>().First())
                    Assert.Equal("execve", call.Name);
                else
                    Assert.True(open.Remove(call.ThreadId, out SyscallEntryEvent? entered) && entered.Call == call, $"{call.Text} returned without an entry");
            }
        }
        Assert.Empty(open);

        var entries = events.OfType<SyscallEntryEvent>().ToList();
        SyscallEntryEvent read = Assert.Single(entries, e => e.Name == "read" && e.Call.Arg0 == 3 && e.Call.Arg2 == 16);
        Assert.Equal("read(3, ", read.Text);
        Assert.Equal("read(3, \"resumed!\\n\", 16) = 9", read.Call.Text);
        SyscallEntryEvent write = Assert.Single(entries, e => e.Name == "write" && e.Call.Arg0 == 4);
        Assert.Equal("write(4, \"resumed!\\n\", 9", write.Text);
        Assert.Equal(["fd", "buf", "count"], write.Arguments.Select(a => a.Name));
    }

    [Fact]
    public void EntriesAreEmittedOnlyWhenAskedFor()
    {
        var (events, _) = TestPrograms.Trace(ThreadsPipe);
        Assert.DoesNotContain(events, e => e is SyscallEntryEvent);
        Assert.Contains(events, e => e is SyscallEvent { Name: "read", Arg0: 3 });
    }

    [Fact]
    public void EachThreadsExitIsReportedWithItsOwnStatus()
    {
        var (events, rootExit) = TestPrograms.Trace(ThreadsPipe);
        int main = rootExit!.ProcessId;

        var exits = events.OfType<ThreadExitEvent>().ToList();
        Assert.Equal(2, exits.Count);
        Assert.All(exits, e => Assert.Equal(main, e.ProcessId));
        Assert.All(exits, e => Assert.NotEqual(main, e.ThreadId));
        Assert.Equal([3, 0], exits.Select(e => e.ExitCode));
        Assert.Equal(["+++ exited with 3 +++", "+++ exited with 0 +++"], exits.Select(e => e.Text));
        foreach (ThreadExitEvent exit in exits)
        {
            // Nothing of the thread comes after its exit, and its last call is the exit(2) that ended it.
            int at = events.IndexOf(exit);
            Assert.DoesNotContain(events.Skip(at + 1), e => e.ThreadId == exit.ThreadId);
            SyscallEvent last = events.Take(at).OfType<SyscallEvent>().Last(c => c.ThreadId == exit.ThreadId);
            Assert.Equal("exit", last.Name);
            Assert.Equal(exit.ExitCode, (int)last.Arg0);
        }
        Assert.IsType<ProcessExitEvent>(events[^1]);
    }

    [Fact]
    public void ReadsOfChosenDescriptorsAreCapturedWholeWhateverTheStringLength()
    {
        var options = new TraceSessionOptions { StringLength = 4, CaptureReads = fd => fd == 3 };
        var (events, _) = TestPrograms.Trace(options, ThreadsPipe);
        var calls = events.OfType<SyscallEvent>().ToList();

        SyscallEvent read = Assert.Single(calls, c => c is { Name: "read", Arg0: 3, Result: 9 });
        Assert.Equal("read(3, \"resu\"..., 16) = 9", read.Text);
        TransferredData data = Assert.IsType<TransferredData>(read.Data);
        Assert.Equal(TransferLayout.Buffer, data.Layout);
        Assert.Equal("resumed!\n"u8.ToArray(), Assert.Single(Assert.Single(data.Messages)));
        Assert.Equal([" | 00000  72 65 73 75 6d 65 64 21  0a                       resumed!.        |"], Formatting.StraceFormatter.FormatDump(data));
        // Writes are not chosen, nor are other descriptors; the loader's reads of fd 3 are.
        Assert.All(calls.Where(c => c is not { Name: "read" or "pread64", Arg0: 3 }), c => Assert.Null(c.Data));
        Assert.All(calls.Where(c => c is { Name: "read", Arg0: 3, Result: > 0 }), c => Assert.Equal(c.Result, c.Data!.Messages[0][0].Length));
    }
}
