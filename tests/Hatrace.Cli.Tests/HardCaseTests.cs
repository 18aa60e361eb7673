using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>What the built hatrace prints in the hard cases strace has words for: letting an attached process go in the
/// middle of a call, and a setuid program run by a user who may not trace its owner.</summary>
public class HardCaseTests
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "hatrace");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DetachingMidCallEndsTheLineAsStraceDoes(bool followForks)
    {
        // A call every 100 ms: a tracer takes far less to act on SIGINT, so both let the thread go inside its sleep.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "\"$0\" \"$1\" 100 & echo $!; wait $!", Runner.Program("attach_target"), "/dev/null"])
        {
            RedirectStandardOutput = true,
        })!;
        // The shell's echo of the pid and the program's "ready" come in either order.
        string[] lines = [shell.StandardOutput.ReadLine()!, shell.StandardOutput.ReadLine()!];
        string pid = lines.Single(l => l != "ready");
        try
        {
            string[] options = followForks ? ["-f", "-p", pid] : ["-p", pid];
            (string[] strace, string[] straceMessages) = TraceUntilDetachedInSleep("strace", options);
            (string[] hatrace, string[] hatraceMessages) = TraceUntilDetachedInSleep(Executable, options);

            // "Process N attached [with 3 threads]", then "Process N detached" for each thread traced.
            Assert.Equal(straceMessages.Select(m => m.Replace("strace: ", "hatrace: ", StringComparison.Ordinal)), hatraceMessages);
            Assert.Equal(followForks ? 4 : 2, hatraceMessages.Length);
            Assert.Matches(DetachedInSleep, strace[^1]);
            Assert.Equal(strace[^1], hatrace[^1]);
        }
        finally
        {
            using (Process.Start("kill", ["-TERM", pid]))
            {
            }
            Assert.True(shell.WaitForExit(10_000));
        }
        Assert.Equal(0, shell.ExitCode);
    }

    [Fact]
    public void AThreadStartedWhileAttachedIsSaidToBeDetachedThoughItMadeNoTracedCall()
    {
        // A thread starts once the program is traced, and ends once it is not; no line of a trace of getppid is its.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "\"$0\" 50 & echo $!; wait $!", Runner.Program("attach_late_thread")])
        {
            RedirectStandardOutput = true,
        })!;
        string[] lines = [shell.StandardOutput.ReadLine()!, shell.StandardOutput.ReadLine()!];
        string pid = lines.Single(l => l != "ready");
        try
        {
            string[] options = ["-f", "-e", "trace=getppid", "-p", pid];
            (_, string[] straceMessages) = TraceUntilInterrupted("strace", options);
            (_, string[] hatraceMessages) = TraceUntilInterrupted(Executable, options);

            // "Process P attached", "Process T attached" for the new thread, then "Process N detached" for both; each
            // tracer sees a thread of its own start.
            Assert.Equal($"strace: Process {pid} attached", straceMessages[0]);
            Assert.Equal(4, straceMessages.Length);
            string straceThread = StartedThread(straceMessages), hatraceThread = StartedThread(hatraceMessages);
            Assert.NotEqual(pid, hatraceThread);
            Assert.Equal(
                straceMessages.Select(m => m.Replace("strace: ", "hatrace: ", StringComparison.Ordinal)
                    .Replace($"Process {straceThread} ", $"Process {hatraceThread} ", StringComparison.Ordinal)),
                hatraceMessages);
        }
        finally
        {
            using (Process.Start("kill", ["-TERM", pid]))
            {
            }
            Assert.True(shell.WaitForExit(10_000));
        }
        Assert.Equal(0, shell.ExitCode);
    }

    [IdsWrapFact]
    public void TasksAreLetGoInTheOrderStraceLetsThemGoWhenIdsWrap()
    {
        // In a pid namespace of its own, the program takes one of the last ids and its thread, started once it is
        // traced, one past pid_max's wrap: a smaller id than the program's. strace says "detached" in the order the
        // tasks came, not by id. The script waits for the thread in /proc, where it shows already traced (the tracer
        // takes it at its clone): a thread that makes no traced call is news to hatrace's messages only at the end.
        const string script = """
            max=$(cat /proc/sys/kernel/pid_max)
            echo $((max - 3)) > /proc/sys/kernel/ns_last_pid
            "$1" 50 > "$3.ready" &
            program=$!
            until [ -s "$3.ready" ]; do sleep 0.01; done
            "$2" -o "$3" -f -e trace=getppid -p $program 2> "$3.messages" &
            tracer=$!
            tries=0
            until [ $(ls /proc/$program/task | wc -l) -ge 2 ] || [ $tries -ge 200 ]; do sleep 0.05; tries=$((tries + 1)); done
            kill -INT $tracer
            wait $tracer
            kill -TERM $program
            wait $program
            echo "program $program"
            cat "$3.messages"
            """;
        string[] Messages(string tracer)
        {
            using TempPath log = Runner.TempFile();
            try
            {
                // Bounded, so that a tracer or program that hangs fails the test instead of the run: unshare's child,
                // the namespace's first process, takes every other process of it along when it dies.
                RunResult run = Runner.RunProcess("timeout", "60", "unshare", "--pid", "--kill-child", "--mount-proc", "sh", "-c", script, "sh", Runner.Program("attach_late_thread"), tracer, log.Path);
                Assert.Equal(0, run.ExitCode);
                // hatrace's report of the calls in progress at SIGINT has no strace counterpart: a getppid the thread
                // was in when the signal came (on a loaded machine, one resumed but not yet run) is reported.
                string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return [lines[0], .. lines.Skip(1).Where(m => m.Contains(": Process ", StringComparison.Ordinal))];
            }
            finally
            {
                File.Delete(log.Path + ".ready");
                File.Delete(log.Path + ".messages");
            }
        }
        string[] strace = Messages("strace"), hatrace = Messages(Executable);

        string program = strace[0]["program ".Length..], straceThread = StartedThread(strace[1..]), hatraceThread = StartedThread(hatrace[1..]);
        Assert.Equal(5, strace.Length);
        Assert.True(int.Parse(straceThread, CultureInfo.InvariantCulture) < int.Parse(program, CultureInfo.InvariantCulture), "the thread's id did not wrap");
        Assert.Equal($"strace: Process {program} detached", strace[3]);
        Assert.Equal(
            strace.Select(m => m.Replace("strace: ", "hatrace: ", StringComparison.Ordinal)
                .Replace($"Process {straceThread} ", $"Process {hatraceThread} ", StringComparison.Ordinal)),
            hatrace);
    }

    [AsAnotherUserFact]
    public void ASetuidProgramRunByAnotherUserRunsAsThatUserAsUnderStrace()
    {
        string directory = Directory.CreateTempSubdirectory("hatrace-setuid-").FullName;
        try
        {
            string program = SetuidWhoami(directory);
            (int untraced, _, _) = AsNobody(program);
            (int straceExit, _, string strace) = AsNobody("strace", "-e", "trace=getuid,geteuid", program);
            (int hatraceExit, _, string hatrace) = AsNobody(CopyHatraceTo(directory), "-e", "trace=getuid,geteuid", program);

            Assert.Equal(1, untraced); // the kernel granted the setuid: real and effective ids differ
            Assert.Equal(0, straceExit); // under a tracer without CAP_SYS_PTRACE it did not
            Assert.Contains("geteuid()                               = 65534\n", strace);
            Assert.Equal((straceExit, strace), (hatraceExit, hatrace));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [AsAnotherUserFact]
    public void MinusUTakesTheUsersIdentityAndLetsItsSetuidProgramGainItsOwnerAsUnderStrace()
    {
        // strace -u's point: root traces a program as another user, and the setuid bit still works.
        string directory = Directory.CreateTempSubdirectory("hatrace-setuid-").FullName;
        try
        {
            string program = SetuidWhoami(directory);
            string[] options = ["-u", "nobody", "-e", "trace=getuid,geteuid", program];
            RunResult strace = Runner.Strace(options), hatrace = Runner.Run(options);
            Assert.Equal(1, strace.ExitCode);
            Assert.Equal(["getuid()                                = 65534", "geteuid()                               = 1"], hatrace.StderrLines[..2]);
            Assert.Equal((strace.ExitCode, strace.Stderr), (hatrace.ExitCode, hatrace.Stderr));
            // And the user's groups, no longer root's.
            string[] groups = ["-u", "nobody", "-e", "trace=getgid,getgroups", "id", "-G"];
            Assert.Contains("getgroups(1, [65534])                   = 1", Runner.Run(groups).StderrLines);
            Assert.Equal(Runner.Strace(groups).Stderr, Runner.Run(groups).Stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // A copy of hard_whoami owned by daemon (1) with its setuid bit, which anyone may run: run as nobody (65534)
    // untraced, it runs as daemon.
    private static string SetuidWhoami(string directory)
    {
        string program = Path.Combine(directory, "whoami");
        File.Copy(Runner.Program("hard_whoami"), program);
        const UnixFileMode everyoneRuns = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(directory, everyoneRuns);
        using (Process chown = Process.Start("chown", ["1", program]))
            chown.WaitForExit();
        File.SetUnixFileMode(program, everyoneRuns | UnixFileMode.SetUser); // after chown, which clears the bit
        return program;
    }

    private static string StartedThread(string[] messages) => Regex.Match(messages[1], @"Process (\d+) attached$").Groups[1].Value;

    private const string DetachedInSleep = @"clock_nanosleep\(.*\}, {2}<detached \.\.\.>$";

    // The main thread spends nearly all its time in clock_nanosleep, so that is where a tracer almost always lets it
    // go; should the signal land between two calls, the trace is taken again (at most five times).
    private static (string[] Lines, string[] Messages) TraceUntilDetachedInSleep(string tracer, string[] options)
    {
        (string[] Lines, string[] Messages) trace = default;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            trace = TraceUntilInterrupted(tracer, options);
            if (trace.Lines.Length > 0 && Regex.IsMatch(trace.Lines[^1], DetachedInSleep))
                break;
        }
        return trace;
    }

    // Runs a tracer attached with -o, until it has said it attached and traced a while, then sends it SIGINT; returns
    // the trace's lines and the tracer's messages about processes.
    private static (string[] Lines, string[] Messages) TraceUntilInterrupted(string tracer, string[] options)
    {
        string log = Path.Combine(Path.GetTempPath(), $"hatrace-detach-{Guid.NewGuid():N}");
        try
        {
            using var trace = Process.Start(new ProcessStartInfo(tracer, ["-o", log, .. options]) { RedirectStandardError = true })!;
            // Bounded like the wait below: a tracer that never says it attached fails the test instead of hanging the run.
            Task<string?> firstLine = trace.StandardError.ReadLineAsync();
            if (!firstLine.Wait(10_000))
            {
                trace.Kill();
                Assert.Fail($"{tracer} said nothing on stderr within 10 s of starting");
            }
            string first = firstLine.Result ?? "";
            // The trace file fills as the program runs: interrupt once it shows a few calls.
            var filling = Stopwatch.StartNew();
            while (!trace.HasExited && (!File.Exists(log) || File.ReadAllLines(log).Length < 5) && filling.Elapsed.TotalSeconds < 10)
                Thread.Sleep(20);
            using (Process.Start("kill", ["-INT", trace.Id.ToString(CultureInfo.InvariantCulture)]))
            {
            }
            // Bounded, so that a tracer that misses the signal fails the test instead of hanging the run.
            Task<string> rest = trace.StandardError.ReadToEndAsync();
            if (!trace.WaitForExit(10_000))
            {
                trace.Kill();
                Assert.Fail($"{tracer} did not end at SIGINT");
            }
            rest.Wait();
            // hatrace's report of the calls in progress at SIGINT has no strace counterpart.
            string[] messages = [first, .. rest.Result.Split('\n').Where(m => m.Contains(": Process ", StringComparison.Ordinal))];
            return (File.ReadAllLines(log), messages);
        }
        finally
        {
            File.Delete(log);
        }
    }

    // The build's own folder may be closed to other users (a clone in a mktemp -d directory is 0700): nobody runs a copy
    // of hatrace and what it loads, from the folder the test opened to everyone.
    private static string CopyHatraceTo(string directory)
    {
        foreach (string file in (string[])["hatrace", "hatrace.dll", "hatrace.deps.json", "hatrace.runtimeconfig.json",
            "Hatrace.Engine.dll", "Hatrace.Native.dll", "libhatrace_native.so"])
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(directory, file));
        return Path.Combine(directory, "hatrace");
    }

    private static RunResult AsNobody(params string[] command) =>
        Runner.RunProcess("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", .. command]);
}

/// <summary>A test that lets ids wrap around pid_max: it sets the next id in a pid namespace of its own (unshare, as
/// root); skipped where this machine does not allow that.</summary>
internal sealed class IdsWrapFactAttribute : FactAttribute
{
    public IdsWrapFactAttribute()
    {
        try
        {
            RunResult probe = Runner.RunProcess("unshare", "--pid", "--fork", "--mount-proc", "sh", "-c", "echo 300 > /proc/sys/kernel/ns_last_pid");
            if (probe.ExitCode != 0)
                Skip = $"this machine does not let this user set the next id in a pid namespace: {probe.Stderr.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Skip = $"needs unshare (util-linux): {e.Message}";
        }
    }
}

/// <summary>A test that runs programs as another user: it needs root (to give a file away) and setpriv; skipped otherwise.</summary>
internal sealed class AsAnotherUserFactAttribute : FactAttribute
{
    public AsAnotherUserFactAttribute() => Skip = RootWithSetpriv.Missing("to make a setuid copy owned by another user", "to run as another user");
}

/// <summary>What tests that run programs through setpriv as root need.</summary>
internal static class RootWithSetpriv
{
    /// <summary>Why such a test cannot run here (it needs root for <paramref name="rootFor"/>, setpriv for
    /// <paramref name="setprivFor"/>), or null.</summary>
    internal static string? Missing(string rootFor, string setprivFor) =>
        Environment.UserName != "root" ? $"needs root {rootFor}"
        : !File.Exists("/usr/bin/setpriv") ? $"needs setpriv (util-linux) {setprivFor}"
        : null;
}
