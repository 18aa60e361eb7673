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

    [SeveralCpusFact]
    public void NoThreadOfTheTracerIsLeftOnOneCpu()
    {
        // hatrace starts its threads, the runtime's signal thread among them, on the CPU it runs on, so that none waits
        // behind a program busy on another; each is then given back every CPU hatrace may use (at once: a look in
        // between may see one pinned still).
        using var hatrace = Process.Start(new ProcessStartInfo(Executable, ["-o", "/dev/null", "sleep", "30"]) { RedirectStandardError = true })!;
        try
        {
            string allowed = CpusAllowed("/proc/self/status"); // hatrace's own, inherited from this process
            string[] threads;
            var deadline = Stopwatch.StartNew();
            do
            {
                Thread.Sleep(10);
                threads = ThreadsAndCpus(hatrace.Id);
            }
            while (!(threads.Any(t => t.StartsWith(".NET SigHandler:", StringComparison.Ordinal)) && threads.All(t => t.EndsWith($": {allowed}", StringComparison.Ordinal)))
                && deadline.Elapsed < TimeSpan.FromSeconds(10));
            Assert.Contains(threads, t => t.StartsWith(".NET SigHandler:", StringComparison.Ordinal));
            Assert.Contains(threads, t => t.StartsWith("hatrace tracer:", StringComparison.Ordinal));
            Assert.All(threads, thread => Assert.EndsWith($": {allowed}", thread));
        }
        finally
        {
            hatrace.Kill();
            hatrace.WaitForExit();
        }
    }

    // Each thread of a process as "name: CPUs it may run on", but those that ended meanwhile.
    private static string[] ThreadsAndCpus(int processId) =>
    [
        .. from t in Directory.EnumerateDirectories($"/proc/{processId}/task")
           let cpus = CpusAllowed($"{t}/status")
           where cpus.Length > 0
           select $"{ReadOrEmpty($"{t}/comm").Trim()}: {cpus}",
    ];

    [WithoutCapSysNiceFact]
    public void WithoutCapSysNiceTheTracerKeepsItsPolicy()
    {
        // Root with CAP_SYS_NICE may leave SCHED_IDLE, and the tracer knows it without trying (SharedCpu); root without
        // it may not, and the tracer must then never yield its CPU: it could not take its policy back, and the trace
        // would end in an error.
        RunResult result = Runner.RunProcess("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice",
            Executable, "-e", "trace=getppid", "-o", "/dev/null", Runner.Program("getppid_loop"), "50000");
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ""; // a thread that ended meanwhile
        }
    }

    private static string CpusAllowed(string status) =>
        ReadOrEmpty(status).Split('\n').FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?["Cpus_allowed_list:".Length..].Trim() ?? "";
}

/// <summary>A test of where threads may run: skipped on a machine with one CPU, where being limited to it changes
/// nothing.</summary>
internal sealed class SeveralCpusFactAttribute : FactAttribute
{
    public SeveralCpusFactAttribute()
    {
        if (Environment.ProcessorCount < 2)
            Skip = "this machine has one CPU: a thread limited to it may run everywhere";
    }
}

/// <summary>A test of the tracer as root without CAP_SYS_NICE: it needs root, setpriv (and leave to drop the capability)
/// and two CPUs or more (on one the tracer never yields its CPU); skipped otherwise.</summary>
internal sealed class WithoutCapSysNiceFactAttribute : FactAttribute
{
    public WithoutCapSysNiceFactAttribute()
    {
        if (RootWithSetpriv.Missing("to run the tracer as root without CAP_SYS_NICE", "to drop CAP_SYS_NICE") is { } missing)
            Skip = missing;
        else if (Environment.ProcessorCount < 2)
            Skip = "this machine has one CPU: the tracer never yields it";
        else if (Runner.RunProcess("setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice", "true") is { ExitCode: not 0 } refused)
            Skip = $"this machine does not let root drop CAP_SYS_NICE: {refused.Stderr.Trim()}";
    }
}
