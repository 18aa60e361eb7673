using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>strace's -y and -yy: every descriptor fd_paths makes (files, /dev/null, a pipe, a socketpair, TCP, UDP,
/// netlink and unix sockets, a pidfd) prints as strace prints it, and its path is on the argument and the event.</summary>
public partial class DescriptorDetailTests
{
    [Theory]
    [InlineData("-y", DescriptorDetail.Path)]
    [InlineData("-yy", DescriptorDetail.All)]
    [InlineData("--decode-fds=socket", DescriptorDetail.Socket)]
    [InlineData("--decode-fds=dev", DescriptorDetail.Device)]
    [InlineData("--decode-fds=pidfd", DescriptorDetail.Pidfd)]
    public void DescriptorsReadAsStraceWritesThem(string option, DescriptorDetail detail)
    {
        string program = TestPrograms.PathOf("fd_paths");
        string directory = Directory.CreateTempSubdirectory("hatrace-fd-").FullName;
        try
        {
            List<string> expected = Normalized(StraceOracle.RunWithOptions([option], program, directory));
            var (events, _) = TestPrograms.Trace(new TraceSessionOptions { DescriptorDetail = detail }, program, directory);
            List<string> actual = Normalized(events.OfType<SyscallEvent>().Select(c => c.Text));
            StraceOracle.AssertEnough(expected, 60);
            Assert.Equal(expected, actual);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EachDescriptorCarriesItsPath()
    {
        string program = TestPrograms.PathOf("fd_paths");
        string directory = Directory.CreateTempSubdirectory("hatrace-fd-").FullName;
        try
        {
            var (events, _) = TestPrograms.Trace(new TraceSessionOptions { DescriptorDetail = DescriptorDetail.Path }, program, directory);
            List<SyscallEvent> calls = [.. events.OfType<SyscallEvent>()];
            SyscallEvent read = calls.First(c => c.Name == "read" && c.FdPath == "/etc/passwd");
            Assert.Equal("/etc/passwd", read.Arguments[0].FdPath);
            Assert.Null(read.Arguments[1].FdPath);
            Assert.Contains(calls, c => c.Name == "write" && c.FdPath == "/dev/null");
            Assert.Contains(calls, c => c.Name == "write" && c.FdPath?.StartsWith("pipe:[", StringComparison.Ordinal) == true);
            Assert.Equal(Environment.CurrentDirectory, calls.First(c => c.Name == "openat").FdPath);

            var (plain, _) = TestPrograms.Trace(program, directory);
            Assert.All(plain.OfType<SyscallEvent>(), c => Assert.Null(c.FdPath));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ProcessEventsCarryTheCommandName()
    {
        var (events, _) = TestPrograms.Trace(TestPrograms.PathOf("fd_paths"), Path.GetTempPath());
        Assert.Equal("fd_paths", events.OfType<ProcessExecEvent>().Single().CommandName);
        Assert.Equal("fd_paths", events.OfType<ProcessStartEvent>().Single().CommandName);
    }

    // From the program's first open on; inodes, ephemeral ports and netlink port ids differ from run to run.
    private static List<string> Normalized(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.Contains("\"/etc/passwd\"", StringComparison.Ordinal))
            .Select(l => Decoration().Replace(l, m => Number().Replace(NetlinkPort().Replace(m.Value, "N"), "N")))
            .Select(l => Port().Replace(l, "htons(PORT)"))
            .Select(l => ProcessId().Replace(l, "PID"))];

    [GeneratedRegex(@"<[\w-]+:\[[^\]]*\]>")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"\d{4,}")]
    private static partial Regex Number();

    // A netlink socket's port id, its process's pid (-yy's NETLINK:[ROUTE:666]): as short as the pid may be.
    [GeneratedRegex(@"(?<=NETLINK:\[\w+:)\d+")]
    private static partial Regex NetlinkPort();

    [GeneratedRegex(@"htons\([1-9]\d{3,}\)")]
    private static partial Regex Port();

    // The program's pid, which it asks for, gives to pidfd_open and sees printed for its pidfd (-yy's <pid:4242>).
    [GeneratedRegex(@"(?<=getpid\(\) = |pidfd_open\(|<pid:)\d+")]
    private static partial Regex ProcessId();
}
