using System.Text.RegularExpressions;

namespace Hatrace.Cli.Tests;

/// <summary>strace's lines for calls of several tasks that interleave (<c>&lt;unfinished ...&gt;</c>, then
/// <c>&lt;... read resumed&gt;</c>), thread exits, and the hex dumps of -e read= and -e write=, compared with the
/// installed strace's.</summary>
public partial class UnfinishedAndDumpTests
{
    private static readonly string ThreadsPipe = Runner.Program("threads_pipe");
    private static readonly string TransferDump = Runner.Program("transfer_dump");
    private const string DataCalls = "trace=read,write,readv,writev,pread64,pwrite64,preadv,pwritev,sendto,recvfrom,sendmsg,recvmsg,sendmmsg,recvmmsg";

    [Fact]
    public void InterleavedCallsAreCutAndResumedAsStraceDoes()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        // Not compared: clone3, whose text differs (strace adds the id written back, " => {parent_tid=[N]}"), and
        // getrandom, whose bytes do.
        Runner.Strace("-f", "-e", "trace=!clone3,getrandom", "-o", straceLog.Path, ThreadsPipe);
        RunResult hatrace = Runner.Run("-f", "-e", "trace=!clone3,getrandom", "-o", hatraceLog.Path, ThreadsPipe);
        Assert.Equal(0, hatrace.ExitCode);
        string[] lines = File.ReadAllLines(hatraceLog.Path);

        // The main thread blocks in read while the writer sleeps and writes: its line is cut, then resumed.
        Assert.Contains(lines, l => l.EndsWith(" read(3,  <unfinished ...>", StringComparison.Ordinal));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+ +<\.\.\. read resumed>""resumed!\\n"", 16\) += 9$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d+ +\+\+\+ exited with 3 \+\+\+$"));

        // The order of lines of different threads may differ between runs; the calls, once each cut line is joined
        // with its resumed part, may not, but for the polls of /proc (the writer's, and the main thread's until the
        // quitting thread is reaped), whose number varies, pthread_join's futex wait, there only when the thread has
        // not ended yet, and the thread ids gettid returns.
        Assert.Equal(Records(File.ReadAllLines(straceLog.Path)).Where(r => !Varying().IsMatch(r)), Records(lines).Where(r => !Varying().IsMatch(r)));
    }

    [Fact]
    public void OneFilePerTaskNeverCutsALine()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Runner.Strace("-ff", "-o", straceLog.Path, ThreadsPipe);
        Runner.Run("-ff", "-o", hatraceLog.Path, ThreadsPipe);
        string[][] strace = TaskFilesInStartOrder(straceLog), hatrace = TaskFilesInStartOrder(hatraceLog);
        Assert.Equal(3, hatrace.Length);
        Assert.All(hatrace, file => Assert.DoesNotContain(file, l => l.Contains("unfinished", StringComparison.Ordinal)));
        // The quitting thread's file (but the id its gettid returns); the writer's polls /proc a number of times that
        // varies.
        static IEnumerable<string> Quitter(string[] file) => Runner.Normalize(file, []).Select(l => GettidResult().Replace(l, "= TID"));
        Assert.Equal(Quitter(strace[1]), Quitter(hatrace[1]));
        Assert.Equal(["exit(0)                                 = ?", "+++ exited with 0 +++"], hatrace[2][^2..]);
    }

    // The lines of each task's file: the program's first, then its threads in the order its clone3 calls returned
    // them. Not by id: ids wrap around pid_max, and a busy test run gets there.
    private static string[][] TaskFilesInStartOrder(TempPath log)
    {
        Dictionary<int, string[]> files = log.PerProcessFiles().ToDictionary(f => f.Key, f => File.ReadAllLines(f.Value));
        string[] program = files.Values.Single(lines => lines[0].StartsWith("execve(", StringComparison.Ordinal));
        IEnumerable<string[]> threads = program.Select(l => CloneResult().Match(l)).Where(m => m.Success).Select(m => files[int.Parse(m.Groups[1].Value)]);
        string[][] ordered = [program, .. threads];
        Assert.Equal(files.Count, ordered.Length);
        return ordered;
    }

    [Theory]
    [InlineData("-e", "read=all", "-e", "write=all")]
    [InlineData("-e", "read=3,9", "-e", "write=!4")]
    [InlineData("--read=6,8", "--write=none")]
    public void DataIsDumpedAsStraceDumpsIt(params string[] options)
    {
        RunResult strace = Runner.Strace([.. options, "-e", DataCalls, TransferDump]);
        RunResult hatrace = Runner.Run([.. options, "-e", DataCalls, TransferDump]);
        Assert.Equal(0, hatrace.ExitCode);
        Assert.Contains(hatrace.StderrLines, l => l.StartsWith(" | 00000  ", StringComparison.Ordinal));
        Assert.Equal(strace.StderrLines, hatrace.StderrLines);
    }

    [Fact]
    public void ADumpFollowsTheResumedLine()
    {
        using TempPath straceLog = Runner.TempFile(), hatraceLog = Runner.TempFile();
        Runner.Strace("-f", "-e", "read=3", "-e", "trace=read,write", "-o", straceLog.Path, ThreadsPipe);
        Runner.Run("-f", "-e", "read=3", "-e", "trace=read,write", "-o", hatraceLog.Path, ThreadsPipe);
        string[] lines = File.ReadAllLines(hatraceLog.Path);
        // The pipe's read, cut or whole; other reads (of /proc, by the thread that waits) may be cut too.
        int resumed = Array.FindIndex(lines, l => l.Contains("<... read resumed>\"resumed!\\n\"", StringComparison.Ordinal)
            || l.Contains("read(3, \"resumed!\\n\"", StringComparison.Ordinal));
        Assert.True(resumed >= 0);
        Assert.Equal(" | 00000  72 65 73 75 6d 65 64 21  0a                       resumed!.        |", lines[resumed + 1]);
        // The writer polls /proc (3-byte reads) until the reader blocks: how often depends on timing.
        static bool Settled(string record) => !Regex.IsMatch(record, @"^read\(\d+, "".*"", 3\) = ");
        Assert.Equal(Records(File.ReadAllLines(straceLog.Path)).Where(Settled), Records(lines).Where(Settled));
    }

    // The calls of a -f -o trace, one record per call with its cut line joined to its resumed part, without the
    // pids (they differ between runs) and with addresses normalised; sorted, since threads may interleave otherwise.
    private static List<string> Records(string[] lines)
    {
        var records = new List<string>();
        var cut = new Dictionary<string, (int Index, string Name)>();
        foreach (string line in lines)
        {
            Match prefixed = Prefixed().Match(line);
            if (!prefixed.Success)
            {
                records.Add(line); // a dump line
                continue;
            }
            string task = prefixed.Groups["task"].Value, text = prefixed.Groups["text"].Value;
            if (Resumed().Match(text) is { Success: true } resumed)
            {
                Assert.True(cut.Remove(task, out var start), $"{line}: nothing of {task} to resume");
                Assert.Equal(start.Name, resumed.Groups["name"].Value);
                records[start.Index] += resumed.Groups["rest"].Value;
                continue;
            }
            if (text.EndsWith(" <unfinished ...>", StringComparison.Ordinal))
            {
                cut[task] = (records.Count, text[..text.IndexOf('(', StringComparison.Ordinal)]);
                text = text[..^" <unfinished ...>".Length];
            }
            records.Add(text);
        }
        Assert.Empty(cut);
        return [.. Runner.Normalize(records.Select(r => Padding().Replace(r, " =")), Runner.ProcessIds(lines)).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^(openat\(AT_FDCWD, ""/proc/self/task/|access\(""/proc/self/task/|gettid\(|read\(5, |close\(5\)|clock_nanosleep\(|futex\()")]
    private static partial Regex Varying();

    [GeneratedRegex(@"(?<=^gettid\(\) +)= \d+$")]
    private static partial Regex GettidResult();

    [GeneratedRegex(@"^clone3\(.* = (\d+)$")]
    private static partial Regex CloneResult();

    [GeneratedRegex(@"^(?<task>\d+) +(?<text>.*)$")]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"^<\.\.\. (?<name>\w+) resumed>(?<rest>.*)$")]
    private static partial Regex Resumed();

    // The padding before " = " depends on where a line was cut.
    [GeneratedRegex(@" {2,}=")]
    private static partial Regex Padding();
}
