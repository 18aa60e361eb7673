using System.Text.RegularExpressions;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Netlink messages in the buffers of the socket calls: strace as the oracle on netlink_calls (NETLINK_ROUTE
/// and NETLINK_SOCK_DIAG requests and replies, and the edges) and on `ip addr`, and the messages as typed values.</summary>
public partial class NetlinkDecoderTests
{
    private const string Marker = "write(-1, \"netlink\"";

    public static TheoryData<string[], TraceSessionOptions> Options => new()
    {
        { [], new TraceSessionOptions { FollowChildren = false } },
        { ["-v"], new TraceSessionOptions { FollowChildren = false, Abbreviated = _ => false } },
        { ["-s", "8"], new TraceSessionOptions { FollowChildren = false, StringLength = 8 } },
        { ["-X", "verbose"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Verbose } },
        { ["-X", "raw"], new TraceSessionOptions { FollowChildren = false, ConstantStyle = ConstantStyle.Raw } },
    };

    /// <summary>Every call of netlink_calls from its marker on, line by line, with strace's options that change how
    /// messages print: every attribute with -v, lists cut at 8 items with -s 8, numbers beside names with -X verbose
    /// (addresses as their bytes beside them) and instead of them with -X raw.</summary>
    [Theory]
    [MemberData(nameof(Options))]
    public void NetlinkCallsReadAsStraceWritesThem(string[] straceOptions, TraceSessionOptions options)
    {
        string program = TestPrograms.PathOf("netlink_calls");
        List<string> expected = Normalise(FromMarkerOn(StraceOracle.RunWithOptions(straceOptions, program)));
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = Normalise(FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text)));
        StraceOracle.AssertEnough(expected, 30);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>`ip addr` (iproute2) traced with its children: its netlink calls print as strace prints them. What
    /// differs from run to run is masked: sequence numbers (the time), port ids, the interfaces' traffic counters and
    /// the addresses' lifetimes.</summary>
    [Iproute2Fact("ip")]
    public void IpAddrReadsAsStraceWritesIt() => CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ip")!, ["addr"], "RTM_NEWADDR", 6);

    /// <summary>`ip neigh` and `ip rule`: neighbours (struct ndmsg, NDA_*) and routing rules (struct fib_rule_hdr,
    /// FRA_*), with the neighbours' times masked. A machine with no neighbour still sends the request.</summary>
    [Iproute2Fact("ip")]
    public void IpNeighAndRuleReadAsStraceWritesThem()
    {
        CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ip")!, ["neigh"], "RTM_GETNEIGH", 2);
        CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ip")!, ["rule"], "RTM_NEWRULE", 2);
    }

    /// <summary>`tc qdisc` (iproute2): traffic control's struct tcmsg and TCA_* attributes, the counters masked.</summary>
    [Iproute2Fact("tc")]
    public void TcQdiscReadsAsStraceWritesIt() => CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("tc")!, ["qdisc"], "RTM_NEWQDISC", 2);

    // A command traced with its children, its netlink calls compared with strace -f's, the type expected among them.
    private static void CommandReadsAsStraceWritesIt(string command, string[] arguments, string expectedType, int minimum)
    {
        List<string> expected = NetlinkCalls(StraceOracle.RunWithOptions(["-f"], command, arguments));
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions(), command, arguments);
        List<string> actual = NetlinkCalls(events.OfType<SyscallEvent>().Select(c => c.Text));
        StraceOracle.AssertEnough(expected, minimum);
        Assert.Contains(expected, line => line.Contains("nlmsg_type=" + expectedType, StringComparison.Ordinal));
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>A message's parts are values: the header a structure whose type and flags are named, the payload's
    /// structure and its attributes, a reply's error an errno.</summary>
    [Fact]
    public void MessagesAreTypedValues()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("netlink_calls"));
        SyscallEvent[] calls = [.. events.OfType<SyscallEvent>()];

        SyscallEvent request = calls.First(c => c.Name == "sendto" && c.Text.Contains("RTM_GETLINK", StringComparison.Ordinal));
        var messages = Assert.IsType<ArrayValue>(request.Arguments[1].Value);
        var message = Assert.IsType<ArrayValue>(Assert.Single(messages));
        var header = Assert.IsType<StructValue>(message[0]);
        Assert.Equal("nlmsghdr", header.TypeName);
        Assert.Equal("RTM_GETLINK", Assert.IsType<ConstantValue>(header["nlmsg_type"]).Name);
        Assert.Equal(["NLM_F_REQUEST"], Assert.IsType<FlagsValue>(header["nlmsg_flags"]).Names);
        var link = Assert.IsType<StructValue>(message[1]);
        Assert.Equal("ifinfomsg", link.TypeName);
        var attribute = Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(message[2])));
        Assert.Equal("IFLA_EXT_MASK", Assert.IsType<ConstantValue>(Assert.IsType<StructValue>(attribute[0])["nla_type"]).Name);
        Assert.Equal(["RTEXT_FILTER_VF"], Assert.IsType<FlagsValue>(attribute[1]).Names);

        SyscallEvent addresses = calls.First(c => c.Name == "recvmsg" && c.Text.Contains("RTM_NEWADDR", StringComparison.Ordinal));
        var iovec = Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(Assert.IsType<StructValue>(addresses.Arguments[1].Value)["msg_iov"])[0]);
        var replies = Assert.IsType<ArrayValue>(iovec["iov_base"]);
        Assert.All(replies, reply => Assert.Equal("RTM_NEWADDR",
            Assert.IsType<ConstantValue>(Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(reply)[0])["nlmsg_type"]).Name));
        Assert.Contains(replies, reply => Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(reply)[2])
            .Any(a => a is ArrayValue { Count: 2 } pair && pair[1] is System.Net.IPAddress address && address.Equals(System.Net.IPAddress.Loopback)));

        SyscallEvent neighbour = calls.First(c => c.Name == "sendto" && c.Text.Contains("RTM_NEWNEIGH", StringComparison.Ordinal));
        var neighbourMessage = Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(neighbour.Arguments[1].Value)));
        var ndmsg = Assert.IsType<StructValue>(neighbourMessage[1]);
        Assert.Equal("ndmsg", ndmsg.TypeName);
        Assert.Equal(["NUD_REACHABLE", "NUD_PERMANENT"], Assert.IsType<FlagsValue>(ndmsg["ndm_state"]).Names);
        Assert.Equal("RTN_LOCAL", Assert.IsType<ConstantValue>(ndmsg["ndm_type"]).Name);
        var destination = Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(neighbourMessage[2])[0]);
        Assert.Equal("NDA_DST", Assert.IsType<ConstantValue>(Assert.IsType<StructValue>(destination[0])["nla_type"]).Name);
        Assert.Equal(System.Net.IPAddress.Parse("10.0.0.1"), destination[1]);

        // TCA_STATS2 holds attributes of its own: a rate estimate, a structure of numbers.
        SyscallEvent qdisc = calls.First(c => c.Name == "sendto" && c.Text.Contains("RTM_NEWQDISC", StringComparison.Ordinal));
        var qdiscMessage = Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(qdisc.Arguments[1].Value)));
        Assert.Equal("tcmsg", Assert.IsType<StructValue>(qdiscMessage[1]).TypeName);
        var stats = Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(qdiscMessage[2])[2]);
        var rate = Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(stats[1])))[1]);
        Assert.Equal(("gnet_stats_rate_est", 1000u), (rate.TypeName, rate["bps"]));

        SyscallEvent error = calls.First(c => c.Name == "recvfrom" && c.Text.Contains("NLMSG_ERROR", StringComparison.Ordinal));
        var errorMessage = Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(error.Arguments[1].Value)[0]);
        var nlmsgerr = Assert.IsType<StructValue>(errorMessage[1]);
        Assert.Equal(-95, nlmsgerr["error"]); // EOPNOTSUPP
        Assert.Equal(0x99L, Assert.IsType<ConstantValue>(Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(nlmsgerr["msg"])[0])["nlmsg_type"]).Number);
    }

    private static List<string> FromMarkerOn(IEnumerable<string> lines) =>
        [.. lines.SkipWhile(l => !l.StartsWith(Marker, StringComparison.Ordinal))];

    // The calls on netlink sockets, their pid prefix taken off.
    private static List<string> NetlinkCalls(IEnumerable<string> lines) =>
        [.. lines.Select(l => PidPrefix().Replace(l, "")).Where(l => NetlinkCall().IsMatch(l)).Select(l => Traffic().Replace(Normalise(l), "$1=N"))];

    private static List<string> Normalise(IEnumerable<string> lines) => [.. lines.Select(Normalise)];

    // What differs from run to run: the ports the kernel gives sockets, inodes, cookies, the listener's port, addresses
    // of memory, sequence numbers taken from the time.
    private static string Normalise(string line)
    {
        line = Port().Replace(line, "$1=P");
        line = Inode().Replace(line, "$1=I");
        line = Cookie().Replace(line, "cookie=C");
        line = ListenerPort().Replace(line, "idiag_sport=P");
        line = Peer().Replace(line, "$1I");
        line = Sequence().Replace(line, "nlmsg_seq=S");
        line = QueueCounters().Replace(line, "$1=N");
        line = NeighbourTimes().Replace(line, "$1=N");
        return LongAddress().Replace(line, "ADDR");
    }

    [GeneratedRegex(@"\b(nlmsg_pid|nl_pid)=[1-9]\d*")]
    private static partial Regex Port();

    [GeneratedRegex(@"\b(udiag_ino|idiag_inode)=\d+")]
    private static partial Regex Inode();

    [GeneratedRegex(@"cookie=\[\d+, 0\]")]
    private static partial Regex Cookie();

    // A port the kernel chose; by value, as bytes (-X raw) or both (-X verbose).
    [GeneratedRegex(@"idiag_sport=(?:htons\(\d{4,}\)|""[^""]*""(?: /\* htons\(\d{4,}\) \*/)?)")]
    private static partial Regex ListenerPort();

    // UNIX_DIAG_PEER's inode, by name, by number (-X raw) or both (-X verbose).
    [GeneratedRegex(@"(nla_type=(?:UNIX_DIAG_PEER|0x2(?: /\* UNIX_DIAG_PEER \*/)?)\}, )\d+")]
    private static partial Regex Peer();

    // A qdisc's counters (struct tc_stats, gnet_stats_*), which traffic moves between strace's run and hatrace's.
    [GeneratedRegex(@"\b(bytes|packets|drops|requeues|overlimits|backlog|qlen|bps|pps)=\d+")]
    private static partial Regex QueueCounters();

    // When a neighbour was last confirmed, used and updated (struct nda_cacheinfo), in jiffies.
    [GeneratedRegex(@"\b(ndm_confirmed|ndm_used|ndm_updated)=\d+")]
    private static partial Regex NeighbourTimes();

    [GeneratedRegex(@"nlmsg_seq=\d{6,}")]
    private static partial Regex Sequence();

    [GeneratedRegex(@"0x[0-9a-f]{10,}")]
    private static partial Regex LongAddress();

    [GeneratedRegex(@"^\d+ +")]
    private static partial Regex PidPrefix();

    [GeneratedRegex(@"^(sendto|recvfrom|sendmsg|recvmsg)\(\d+, ")]
    private static partial Regex NetlinkCall();

    // Traffic counters, and an address's lifetimes and time stamps (a DHCP address's count down between the runs).
    [GeneratedRegex(@"\b((?:rx|tx)_(?:packets|bytes)|multicast|ifa_prefered|ifa_valid|cstamp|tstamp)=\d+")]
    private static partial Regex Traffic();
}

/// <summary>A test of one of iproute2's commands (ip, tc): skipped where it is not installed.</summary>
internal sealed class Iproute2FactAttribute : FactAttribute
{
    /// <summary>Where the command is; null when it is not installed.</summary>
    internal static string? Find(string command) =>
        new[] { "/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/" }.Select(directory => directory + command).FirstOrDefault(File.Exists);

    public Iproute2FactAttribute(string command)
    {
        if (Find(command) is null)
            Skip = $"{command} (iproute2) is not installed";
    }
}
