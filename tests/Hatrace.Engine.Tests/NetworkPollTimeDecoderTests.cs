using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Decoding.Network;
using Hatrace.Engine.Decoding.Polling;
using Hatrace.Engine.Decoding.SignalFamily;
using Hatrace.Engine.Decoding.Time;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>The network, polling and time decoders: strace as the oracle on the calls of network_calls, poll_calls
/// and time_calls, and the formatters on byte buffers.</summary>
public partial class NetworkPollTimeDecoderTests
{
    private static readonly string[] s_networkCalls =
        ["socket", "socketpair", "bind", "connect", "listen", "accept", "accept4", "getsockname", "getpeername",
         "shutdown", "setsockopt", "getsockopt", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg"];

    private static readonly string[] s_pollCalls =
        ["poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait"];

    private static readonly string[] s_timeCalls =
        ["clock_gettime", "clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday", "time", "timerfd_create",
         "timerfd_settime", "timerfd_gettime", "setitimer", "getitimer", "alarm"];

    [Fact]
    public void SocketCallsReadAsStraceWritesThem() => AssertSameAsStrace("network_calls", s_networkCalls, 30);

    /// <summary>Under -X raw a socket's type and its flags are two numbers, an address's port and IP address their
    /// bytes in network order, an AF_PACKET socket's protocol htons(0x3).</summary>
    [Fact]
    public void SocketCallsReadAsStraceWritesThemWithRawConstants() =>
        AssertSameAsStrace("network_calls", s_networkCalls, 30, ["-X", "raw"], new TraceSessionOptions { ConstantStyle = ConstantStyle.Raw });

    /// <summary>Under -X verbose the same, named in comments; strace's comment for an IPv6 address leaves out the
    /// ", &amp;sin6_addr" its default text has.</summary>
    [Fact]
    public void SocketCallsReadAsStraceWritesThemWithVerboseConstants() =>
        AssertSameAsStrace("network_calls", s_networkCalls, 30, ["-X", "verbose"], new TraceSessionOptions { ConstantStyle = ConstantStyle.Verbose });

    /// <summary>Under -xx every string is in hex, those an address's name quotes too: inet_addr("\x31\x32...").</summary>
    [Fact]
    public void SocketCallsReadAsStraceWritesThemWithStringsInHex() =>
        AssertSameAsStrace("network_calls", s_networkCalls, 30, ["-xx"], new TraceSessionOptions { StringEscape = StringEscape.HexAll });

    [Fact]
    public void PollingCallsReadAsStraceWritesThem() => AssertSameAsStrace("poll_calls", s_pollCalls, 15);

    /// <summary>-y describes the descriptors of poll's requests and select's sets, not those of their results.</summary>
    [Fact]
    public void PollingCallsReadAsStraceWritesThemWithPaths() =>
        AssertSameAsStrace("poll_calls", s_pollCalls, 15, ["-y"], new TraceSessionOptions { DescriptorDetail = DescriptorDetail.Path });

    /// <summary>Without -v, -s also bounds how many items of an array print, then ...: poll's requests and results,
    /// epoll's events, a pipe's pair, sendmmsg's and recvmmsg's messages.</summary>
    [Fact]
    public void PollingCallsReadAsStraceWritesThemWithArraysCut() =>
        AssertSameAsStrace("poll_calls", [.. s_pollCalls, "pipe2"], 15, ["-s", "1"], new TraceSessionOptions { StringLength = 1 });

    /// <summary>Likewise socketpair's pair and the messages of sendmmsg and recvmmsg, with strings of two bytes.</summary>
    [Fact]
    public void SocketCallsReadAsStraceWritesThemWithArraysCut() =>
        AssertSameAsStrace("network_calls", s_networkCalls, 30, ["-s", "2"], new TraceSessionOptions { StringLength = 2 });

    [Fact]
    public void TimeCallsReadAsStraceWritesThem() => AssertSameAsStrace("time_calls", s_timeCalls, 20);

    [Theory]
    [InlineData("0100736f636b00", "{sa_family=AF_UNIX, sun_path=\"sock\"}")]
    [InlineData("0100", "{sa_family=AF_UNIX}")]
    [InlineData("010000616263", "{sa_family=AF_UNIX, sun_path=@\"abc\"}")]
    [InlineData("02001f907f0000010000000000000000", "{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}")]
    [InlineData("0200005000000000", "{sa_family=AF_INET, sa_data=\"\\0P\\0\\0\\0\\0\"}")]
    [InlineData("0a000050000000000000000000000000000000000000000105000000",
        "{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=5}")]
    [InlineData("0a0000500000000000000000000000000000ffff7f000001",
        "{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr)}")]
    [InlineData("1000000000000000ff000000", "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=0x0000ff}")]
    [InlineData("10000000c3b2a1c900000000", "{sa_family=AF_NETLINK, nl_pid=-912149821, nl_groups=00000000}")]
    [InlineData("e1100000", "{sa_family=0x10e1 /* AF_??? */, sa_data=\"\\0\\0\"}")]
    public void SocketAddressesPrintAsStracePrintsThem(string hex, string expected) =>
        Assert.Equal(expected, SockaddrFormatter.Format(Convert.FromHexString(hex), StraceRenderer.Default));

    [Fact]
    public void AnAddressTooShortForItsFamilyPrintsAsItsPointer() => Assert.Null(SockaddrFormatter.Format([1], StraceRenderer.Default));

    [Theory]
    [InlineData(1L, "SOCK_STREAM")]
    [InlineData(0x80801L, "SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK")]
    [InlineData(0x80000L | 77, "SOCK_CLOEXEC|0x4d")]
    [InlineData(0x100000L | 0x80000 | 1, "SOCK_STREAM|SOCK_CLOEXEC|0x100000")]
    public void SocketTypesPrintWithTheirFlags(long type, string expected) => Assert.Equal(expected, SocketNames.SocketType(type, StraceRenderer.Default));

    [Fact]
    public void ProtocolsAreNamedByTheirFamily()
    {
        Assert.Equal("IPPROTO_IP", SocketNames.Protocol(2, 0, StraceRenderer.Default));
        Assert.Equal("NETLINK_ROUTE", SocketNames.Protocol(16, 0, StraceRenderer.Default));
        Assert.Equal("0", SocketNames.Protocol(1, 0, StraceRenderer.Default));
        Assert.Equal("0x3e7 /* IPPROTO_??? */", SocketNames.Protocol(2, 999, StraceRenderer.Default));
        Assert.Equal("MSG_OOB|MSG_NOSIGNAL", SocketNames.MessageFlags(0x4001, StraceRenderer.Default));
        Assert.Equal("IP_TOS", SocketNames.Option(0, 1, StraceRenderer.Default));
        Assert.Equal("0", SocketNames.MessageFlags(0, StraceRenderer.Default));
    }

    [Fact]
    public void FdSetsListTheDescriptorsBelowTheCount()
    {
        byte[] bits = [0b0010_1000, 0, 0, 0, 0, 0, 0, 0b1000_0000];
        Assert.Equal([3, 5, 63], SelectDecoders.FdsIn(bits, 64));
        Assert.Equal("[3 5 63]", SelectDecoders.FormatFdSet(SelectDecoders.FdsIn(bits, 64)));
        Assert.Equal("[3]", SelectDecoders.FormatFdSet(SelectDecoders.FdsIn(bits, 4)));
        Assert.Equal("[]", SelectDecoders.FormatFdSet(SelectDecoders.FdsIn(new byte[8], 64)));
    }

    [Fact]
    public void PollRequestsAndResultsPrintAsStracePrintsThem()
    {
        byte[] pollfds = Convert.FromHexString("03000000010001000500000003000000ffffffff01000000");
        Assert.Equal(["{fd=3, events=POLLIN}", "{fd=5, events=POLLIN|POLLPRI}", "{fd=-1}"],
            PollDecoders.Requests(pollfds, StraceRenderer.Default, fd => fd.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["{fd=3, revents=POLLIN}"], PollDecoders.Results(pollfds, StraceRenderer.Default));
    }

    [Fact]
    public void EpollEventsShowTheirDataBothWays() =>
        Assert.Equal("{events=EPOLLIN|EPOLLET, data={u32=3, u64=4294967299}}",
            EpollDecoders.Event(Convert.FromHexString("010000800300000001000000"), StraceRenderer.Default).ToString());

    [Fact]
    public void SignalMasksPrintTheSmallerSide()
    {
        Assert.Equal("[USR1]", SignalSets.Format(BitConverter.GetBytes(1L << 9), StraceRenderer.Default));
        Assert.Equal("[]", SignalSets.Format(new byte[8], StraceRenderer.Default));
        Assert.Equal("~[KILL STOP]", SignalSets.Format(BitConverter.GetBytes(~((1L << 8) | (1L << 18))), StraceRenderer.Default));
    }

    [Fact]
    public void TimesPrintAsStructuresAndDates()
    {
        Assert.Equal("{tv_sec=0, tv_nsec=1000000}", Decoding.TimeStructs.Format(new Decoding.TimeStructs.Timespec(0, 1000000)));
        Assert.Equal("{it_interval={tv_sec=1, tv_usec=0}, it_value={tv_sec=2, tv_usec=5}}",
            TimeFormatter.Format(new TimeFormatter.Itimerval(new(1, 0), new(2, 5))));
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeFormatter.Date(long.MaxValue));
        Assert.Matches(@"^1970-01-0[12]T\d\d:\d\d:\d\d[+-]\d{4}$", TimeFormatter.Date(0));
    }

    private static void AssertSameAsStrace(string name, string[] calls, int atLeast, string[]? straceOptions = null, TraceSessionOptions? options = null)
    {
        string program = TestPrograms.PathOf(name);
        List<string> expected = Normalise(Select(StraceOracle.RunWithOptions(straceOptions ?? [], program), calls));
        var (events, _) = TestPrograms.Trace(options ?? new TraceSessionOptions(), program);
        List<string> actual = Normalise(Select(events.OfType<SyscallEvent>().Select(c => c.Text), calls));
        StraceOracle.AssertEnough(expected, atLeast);
        Assert.Equal(expected, actual);
    }

    private static IEnumerable<string> Select(IEnumerable<string> lines, string[] calls) =>
        lines.Where(l => calls.Any(c => l.StartsWith(c + "(", StringComparison.Ordinal)));

    // Only what differs from run to run: stack addresses, clocks that move, timers that count down, and under -y
    // the inodes of pipes and sockets.
    private static List<string> Normalise(IEnumerable<string> lines) =>
    [
        .. lines.Select(l => StackAddress().Replace(l, "0x7ff#")).Select(l => Inode().Replace(l, "$1:[#]"))
            .Select(l => MovingClock().IsMatch(l) ? Digits().Replace(l, "#") : l)
            .Select(l => CountdownLeft().Replace(l, "$1#}})")),
    ];

    [GeneratedRegex(@"0x7ff[0-9a-f]+")]
    private static partial Regex StackAddress();

    [GeneratedRegex(@"\b(pipe|socket):\[\d+\]")]
    private static partial Regex Inode();

    [GeneratedRegex(@"^(clock_gettime\(CLOCK_MONOTONIC, \{|clock_nanosleep\(CLOCK_MONOTONIC, TIMER_ABSTIME|clock_nanosleep\(CLOCK_BOOTTIME|gettimeofday\(\{|time\()")]
    private static partial Regex MovingClock();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    // The old value a timer had when it was reset: its sub-second part has counted down by an unknown amount.
    [GeneratedRegex(@"(tv_[nu]sec=)\d+\}\}\)")]
    private static partial Regex CountdownLeft();
}
