using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>hatrace writes a trace as it goes: a million calls take no more memory than twenty thousand. Alone in its
/// collection, so that no other test's memory moves this process's high-water mark meanwhile.</summary>
[Collection(nameof(LongTraceTests))]
[CollectionDefinition(nameof(LongTraceTests), DisableParallelization = true)]
public sealed partial class LongTraceTests
{
    private const long Generous = 64L << 20;

    [Fact]
    public void AMillionCallsTraceAtFlatMemory()
    {
        string loop = Runner.Program("getppid_loop");
        Assert.Equal(0, Runner.Run("-o", "/dev/null", loop, "20000").ExitCode);
        long afterShort = PeakResidentBytes();
        Assert.Equal(0, Runner.Run("-o", "/dev/null", loop, "1000000").ExitCode);
        long growth = PeakResidentBytes() - afterShort;
        Assert.True(growth < Generous, $"the peak resident set grew by {growth >> 20} MiB from 20k calls to 1M");
    }

    // VmHWM of this process: hatrace runs in it (Runner.Run), so its tracer, decoding and writing are all here.
    private static long PeakResidentBytes() =>
        long.Parse(PeakPattern().Match(File.ReadAllText("/proc/self/status")).Groups[1].Value) * 1024;

    [GeneratedRegex(@"VmHWM:\s+(\d+) kB")]
    private static partial Regex PeakPattern();
}
