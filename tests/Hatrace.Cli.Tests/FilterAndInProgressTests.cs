using System.Diagnostics;
using System.Globalization;

namespace Hatrace.Cli.Tests;

/// <summary>-P follows descriptors as strace's does (the engine's filter), and SIGUSR1 prints the calls in progress.</summary>
public class FilterAndInProgressTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "hatrace");

    [Fact]
    public void PathsFollowDescriptorsAsInStrace()
    {
        string directory = Directory.CreateTempSubdirectory("hatrace-cli-filter-").FullName;
        try
        {
            string[] args = ["-P", "/etc/passwd", "-P", "/dev/null", Runner.Program("fd_paths"), directory];
            RunResult expected = Runner.Strace(args);
            RunResult actual = Runner.Run(args);
            // read, dup, fcntl and close name the files only through their descriptors.
            Assert.Contains(actual.StderrLines, l => l.StartsWith("fcntl(", StringComparison.Ordinal));
            Assert.True(expected.StderrLines.Length >= 10, expected.Stderr);
            Assert.Equal(expected.StderrLines, actual.StderrLines);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Sigusr1PrintsTheCallsInProgress()
    {
        using var hatrace = Process.Start(new ProcessStartInfo(Executable, ["-f", Runner.Program("blocked_read"), "3000"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        Task<string> stderr = hatrace.StandardError.ReadToEndAsync();
        // The program says "ready" just before it blocks in read; give it a moment to get there.
        Assert.Equal("ready", await hatrace.StandardOutput.ReadLineAsync());
        await Task.Delay(200);
        using (Process.Start("kill", ["-USR1", hatrace.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
        }
        Assert.True(hatrace.WaitForExit(20_000), "hatrace did not end");
        string trace = await stderr;
        Assert.Equal(0, hatrace.ExitCode); // SIGUSR1 did not end the trace
        Assert.Matches(@"\n\[pid +\d+\] read\(3,  <in progress for \d+\.\d{3} s>\n", trace);
        Assert.Matches(@"\n\[pid +\d+\] clock_nanosleep\(CLOCK_REALTIME, 0, \{tv_sec=3, tv_nsec=0\},  <in progress for \d+\.\d{3} s>\n", trace);
        Assert.Contains("<... read resumed>", trace); // and the trace goes on
    }
}
