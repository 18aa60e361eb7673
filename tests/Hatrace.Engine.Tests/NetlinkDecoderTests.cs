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
    public void NetlinkCallsReadAsStraceWritesThem(string[] straceOptions, TraceSessionOptions options) =>
        ProgramReadsAsStraceWritesIt("netlink_calls", Marker, straceOptions, options, 30);

    /// <summary>Every call of netlink_more from its marker on, with the same options: sock_diag about an IPv6 listener,
    /// packet and SMC sockets (struct packet_diag_*, smc_diag_* and their attributes), the unix and inet attributes
    /// netlink_calls leaves out, and errors with an extended acknowledgement (NLMSGERR_ATTR_*), capped or not.</summary>
    [Theory]
    [MemberData(nameof(Options))]
    public void NetlinkMoreReadsAsStraceWritesIt(string[] straceOptions, TraceSessionOptions options) =>
        ProgramReadsAsStraceWritesIt("netlink_more", "write(-1, \"netlink_", straceOptions, options, 15);

    /// <summary>Every call of netlink_route_more from its marker on, with the same options: neighbour tables (struct
    /// ndtmsg, NDTA_*, struct ndt_config and ndt_stats, NDTPA_*), interface statistics (struct if_stats_msg and its
    /// filter mask, IFLA_STATS_*), actions (struct tcamsg, TCA_ACT_*) and the link attributes IFLA_EVENT,
    /// IFLA_PROP_LIST and IFLA_PROTO_DOWN_REASON.</summary>
    [Theory]
    [MemberData(nameof(Options))]
    public void NetlinkRouteMoreReadsAsStraceWritesIt(string[] straceOptions, TraceSessionOptions options) =>
        ProgramReadsAsStraceWritesIt("netlink_route_more", "write(-1, \"netlink_", straceOptions, options, 6);

    // A program's calls from its marker on (as far as -s 8 prints it), compared line by line with strace's under the same options.
    private static void ProgramReadsAsStraceWritesIt(string name, string marker, string[] straceOptions, TraceSessionOptions options, int minimum)
    {
        string program = TestPrograms.PathOf(name);
        List<string> expected = Normalise(FromMarkerOn(StraceOracle.RunWithOptions(straceOptions, program), marker));
        var (events, _) = TestPrograms.Trace(options, program);
        List<string> actual = Normalise(FromMarkerOn(events.OfType<SyscallEvent>().Select(c => c.Text), marker));
        StraceOracle.AssertEnough(expected, minimum);
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

    /// <summary>`ip ntable` and `ip -s -d link`: neighbour tables (struct ndtmsg, NDTA_*, struct ndt_config and
    /// ndt_stats, NDTPA_*) and links with their counters and details. The tables' times and counters, which the kernel
    /// moves between the runs, are masked.</summary>
    [Iproute2Fact("ip")]
    public void IpNtableAndLinkReadAsStraceWritesThem()
    {
        string ip = Iproute2FactAttribute.Find("ip")!;
        CommandReadsAsStraceWritesIt(ip, ["ntable"], "RTM_NEWNEIGHTBL", 4);
        CommandReadsAsStraceWritesIt(ip, ["-s", "-d", "link"], "RTM_NEWLINK", 2);
    }

    /// <summary>`ip stats` (iproute2 5.18 and later): struct if_stats_msg and IFLA_STATS_LINK_64.</summary>
    [Iproute2Fact("ip", "stats", "show", "dev", "lo", "group", "link")]
    public void IpStatsReadsAsStraceWritesIt() =>
        CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ip")!, ["stats", "show", "dev", "lo", "group", "link"], "RTM_NEWSTATS", 2);

    /// <summary>`tc qdisc` (iproute2): traffic control's struct tcmsg and TCA_* attributes, the counters masked.</summary>
    [Iproute2Fact("tc")]
    public void TcQdiscReadsAsStraceWritesIt() => CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("tc")!, ["qdisc"], "RTM_NEWQDISC", 2);

    /// <summary>`ss -0a` and `ss -tan 'sport = :1'` (iproute2): a dump of packet sockets (struct packet_diag_req), and
    /// of TCP sockets over IPv4 and IPv6 with a filter no socket passes (struct inet_diag_req_v2, its IPv6 addresses as
    /// inet_pton(AF_INET6, "::", &amp;idiag_src), the filter's bytecode in an iovec of its own).</summary>
    [Iproute2Fact("ss", "-0a")]
    public void SsReadsAsStraceWritesIt()
    {
        CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ss")!, ["-0a"], "SOCK_DIAG_BY_FAMILY", 2);
        CommandReadsAsStraceWritesIt(Iproute2FactAttribute.Find("ss")!, ["-tan", "sport = :1"], "SOCK_DIAG_BY_FAMILY", 4);
    }

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

    /// <summary>netlink_more's new parts are values: a packet socket's structure and its attributes' structures, an
    /// IPv6 socket address, an extended acknowledgement's message after its error.</summary>
    [Fact]
    public void DiagnosticsAndAcknowledgementsAreTypedValues()
    {
        var (events, _) = TestPrograms.Trace(new TraceSessionOptions { FollowChildren = false }, TestPrograms.PathOf("netlink_more"));
        SyscallEvent[] calls = [.. events.OfType<SyscallEvent>()];

        SyscallEvent packet = calls.First(c => c.Name == "sendto" && c.Text.Contains("pdiag_family=AF_PACKET", StringComparison.Ordinal));
        var message = Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(packet.Arguments[1].Value)));
        var reply = Assert.IsType<StructValue>(message[1]);
        Assert.Equal("packet_diag_msg", reply.TypeName);
        Assert.Equal("ETH_P_IP", Assert.IsType<ConstantValue>(reply["pdiag_num"]).Name);
        var info = Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(message[2])[0])[1]);
        Assert.Equal(("packet_diag_info", "TPACKET_V3"), (info.TypeName, Assert.IsType<ConstantValue>(info["pdi_version"]).Name));
        Assert.Equal(["PDI_RUNNING", "PDI_AUXDATA"], Assert.IsType<FlagsValue>(info["pdi_flags"]).Names);

        SyscallEvent inet = calls.First(c => c.Name == "sendto" && c.Text.Contains("2001:db8::1", StringComparison.Ordinal));
        var id = Assert.IsType<StructValue>(Assert.IsType<StructValue>(Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(inet.Arguments[1].Value)))[1])["id"]);
        Assert.Equal(System.Net.IPAddress.Parse("2001:db8::1"), id["idiag_src"]);

        SyscallEvent capped = calls.First(c => c.Name == "sendto" && c.Text.Contains("\"bad request\"", StringComparison.Ordinal));
        var error = Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(Assert.Single(Assert.IsType<ArrayValue>(capped.Arguments[1].Value)))[1]);
        Assert.Equal(-22, Assert.IsType<StructValue>(error[0])["error"]);
        var text = Assert.IsType<ArrayValue>(Assert.IsType<ArrayValue>(error[1])[0]);
        Assert.Equal("NLMSGERR_ATTR_MSG", Assert.IsType<ConstantValue>(Assert.IsType<StructValue>(text[0])["nla_type"]).Name);
        Assert.Equal("bad request", Assert.IsType<StringValue>(text[1]).ToString());
    }

    private static List<string> FromMarkerOn(IEnumerable<string> lines, string marker = Marker) =>
        [.. lines.SkipWhile(l => !l.StartsWith(marker, StringComparison.Ordinal))];

    // The calls on netlink sockets, their pid prefix taken off.
    private static List<string> NetlinkCalls(IEnumerable<string> lines) =>
        [.. lines.Select(l => PidPrefix().Replace(l, "")).Where(l => NetlinkCall().IsMatch(l)).Select(l => Traffic().Replace(Normalise(l), "$1=N"))];

    private static List<string> Normalise(IEnumerable<string> lines) => [.. lines.Select(Normalise)];

    // What differs from run to run: the ports the kernel gives sockets (not their sign: strace prints them as ints),
    // inodes, cookies, the listener's port, addresses of memory, sequence numbers taken from the time.
    private static string Normalise(string line)
    {
        line = Port().Replace(line, "$1=$2P");
        line = Inode().Replace(line, "$1=I");
        line = Cookie().Replace(line, "cookie=C");
        line = ListenerPort().Replace(line, "idiag_sport=P");
        line = Peer().Replace(line, "$1I");
        line = Sequence().Replace(line, "nlmsg_seq=S");
        line = QueueCounters().Replace(line, "$1=N");
        line = NeighbourTimes().Replace(line, "$1=N");
        line = NeighbourTableCounters().Replace(line, "$1=N");
        line = ReachableTime().Replace(line, "$1N");
        return LongAddress().Replace(line, "ADDR");
    }

    [GeneratedRegex(@"\b(nlmsg_pid|nl_pid)=(-?)[1-9]\d*")]
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

    // A neighbour table's entries, times (in jiffies) and statistics (struct ndt_config, struct ndt_stats).
    [GeneratedRegex(@"\b(ndtc_entries|ndtc_last_flush|ndtc_last_rand|ndtc_hash_rnd|ndtc_hash_mask|ndts_\w+)=\w+")]
    private static partial Regex NeighbourTableCounters();

    // A neighbour table's reachable time, which the kernel draws at random again and again.
    [GeneratedRegex(@"(nla_type=NDTPA_REACHABLE_TIME\}, )\d+")]
    private static partial Regex ReachableTime();

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

    /// <param name="command">The iproute2 program the test runs.</param>
    /// <param name="probe">Arguments of a run that must succeed for the test to mean something (a subcommand an older
    /// iproute2 lacks, a kernel's socket diagnostics module), or none.</param>
    public Iproute2FactAttribute(string command, params string[] probe)
    {
        if (Find(command) is not { } path)
            Skip = $"{command} (iproute2) is not installed";
        else if (probe.Length > 0 && !Succeeds(path, probe))
            Skip = $"`{command} {string.Join(' ', probe)}` fails here (an older iproute2 or a kernel without it)";
    }

    private static bool Succeeds(string path, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
