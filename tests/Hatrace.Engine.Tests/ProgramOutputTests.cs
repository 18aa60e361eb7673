using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Where a traced program's standard streams go: captured as events (for hosts whose own streams are not the
/// user's), or into files.</summary>
public sealed class ProgramOutputTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hatrace-output-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void CapturedOutputComesBackLineByLineAndStandardInputIsEmpty()
    {
        // cat copies its standard input: with /dev/null there, it adds nothing and ends at once.
        var (events, exit) = Capture("echo out; echo err >&2; cat; printf 'no newline'");
        Assert.Equal(0, exit?.ExitCode);
        List<ProgramOutputEvent> lines = [.. events.OfType<ProgramOutputEvent>()];
        Assert.Equal(["out", "no newline"], lines.Where(l => l.Stream == ProgramStream.StandardOutput).Select(l => l.Line));
        Assert.Equal(["err"], lines.Where(l => l.Stream == ProgramStream.StandardError).Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(exit!.ProcessId, l.ProcessId));
        // The program wrote into the pipe: the session's own standard output got nothing of it.
        Assert.Contains(events.OfType<SyscallEvent>(), c => c.Name == "write" && c.Text.StartsWith("write(1, \"out\\n\", 4)", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputLargerThanAPipeHoldsArrivesWhole()
    {
        var (events, exit) = Capture("seq 1 100000; seq 1 3 >&2");
        Assert.Equal(0, exit?.ExitCode);
        string[] output = [.. events.OfType<ProgramOutputEvent>().Where(l => l.Stream == ProgramStream.StandardOutput).Select(l => l.Line)];
        Assert.Equal(100_000, output.Length);
        Assert.Equal("1", output[0]);
        Assert.Equal("100000", output[^1]);
        Assert.Equal(3, events.OfType<ProgramOutputEvent>().Count(l => l.Stream == ProgramStream.StandardError));
    }

    [Fact]
    public void OneFileForOutputAndErrorKeepsTheirOrder()
    {
        string both = Path.Combine(_scratch, "both");
        var start = new TraceStartInfo
        {
            FileName = "sh",
            Arguments = ["-c", "echo one; echo two >&2; echo three"],
            StandardOutputPath = both,
            StandardErrorPath = both,
        };
        using (TraceSession session = TraceSession.Start(start))
            Assert.DoesNotContain(session.ReadEvents(), e => e is ProgramOutputEvent);
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(both));
    }

    private static (List<TraceEvent> Events, ProcessExitEvent? Exit) Capture(string script)
    {
        var start = new TraceStartInfo { FileName = "sh", Arguments = ["-c", script], CaptureOutput = true };
        using TraceSession session = TraceSession.Start(start);
        List<TraceEvent> events = [.. session.ReadEvents()];
        session.Dispose();
        TestPrograms.AssertNoneLeft(session.ProcessIds);
        return (events, session.RootExit);
    }
}
