using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Decoders read memory through <see cref="ITraceeMemory"/> only: bytes captured while a real program ran,
/// served again once it is gone, decode to the text the live process gave.</summary>
public class RecordedMemoryTests
{
    [Fact]
    public void CapturedBytesDecodeAgainToTheSameText()
    {
        // transfer_dump reads and writes text with bytes that need escaping, on a pipe, sockets and a file.
        var options = new TraceSessionOptions { CaptureReads = _ => true, CaptureWrites = _ => true };
        var (events, _) = TestPrograms.Trace(options, TestPrograms.PathOf("transfer_dump"));
        var calls = events.OfType<SyscallEvent>().Where(c => c.Data?.Layout == TransferLayout.Buffer).ToList();
        Assert.Contains(calls, c => c.Name == "read");
        Assert.Contains(calls, c => c.Name == "write");

        foreach (SyscallEvent live in calls)
        {
            // The buffer is the second argument of each; the process has exited, so nothing else can be read.
            var recorded = new RecordedMemory(live.ProcessId, (ulong)live.Arg1, Assert.Single(live.Data!.Messages[0]));
            var again = new SyscallEvent(live.ProcessId, live.ThreadId, live.TimestampTicks, live.Arch, live.Number, live.Definition,
                [live.Arg0, live.Arg1, live.Arg2, live.Arg3, live.Arg4, live.Arg5]);
            again.Complete(live.RawResult!.Value, live.ErrnoValue != 0, live.ExitTicks);
            new SyscallDecoder(recorded, options).Redecode(again);
            Assert.Equal(live.Text, again.Text);
        }
    }
}
