using System.Diagnostics;

namespace Hatrace.Cli.Tests;

/// <summary>The built hatrace executable (copied beside the tests by the project reference), run as a process:
/// its streams, and what a terminating signal does to it.</summary>
public class CommandProcessTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "hatrace");

    [Fact]
    public void TheExecutableTracesToStderr()
    {
        (int exit, string stdout, string stderr) = Runner.RunProcess(Executable, "-e", "trace=write,getpid", Runner.Program("tiny"));
        Assert.Equal(7, exit);
        Assert.Equal("hello\n", stdout); // the program's own output, untouched
        Assert.Matches(@"^write\(1, ""hello\\n"", 6\) {18}= 6\ngetpid\(\) {32}= \d+\n\+\+\+ exited with 7 \+\+\+\n$", stderr);
    }

    [Fact]
    public async Task ATerminatingSignalEndsTheTraceAsItWouldEndStrace()
    {
        using var hatrace = Process.Start(new ProcessStartInfo(Executable, ["-e", "trace=none", "sleep", "30"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        Task<string> stderr = hatrace.StandardError.ReadToEndAsync();
        await Task.Delay(1000); // long enough for the runtime to start and the trace to begin
        using (Process.Start("kill", ["-TERM", hatrace.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
        }
        Assert.True(hatrace.WaitForExit(10_000), "hatrace did not end");
        // strace detaches and kills itself with the signal; hatrace kills the program and exits with 128 + SIGTERM.
        Assert.Equal(143, hatrace.ExitCode);
        Assert.DoesNotContain("exited with 0", await stderr);
    }
}
