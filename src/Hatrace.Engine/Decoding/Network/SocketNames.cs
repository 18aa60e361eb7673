using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>The named numbers of the socket calls, from Constants/Data, and how strace prints them.</summary>
internal static class SocketNames
{
    internal const int AfUnix = 1;
    internal const int AfInet = 2;
    internal const int AfInet6 = 10;
    internal const int AfNetlink = 16;
    internal const int AfPacket = 17;
    internal const int AfVsock = 40;
    internal const int AfAlg = 38;
    internal const int AfQipcrtr = 42;
    internal const int AfXdp = 44;
    internal const int AfMctp = 45;
    private const int SolIp = 0;
    private const int SolSocket = 1;
    private const int SolTcp = 6;
    private const int SolUdp = 17, SolIpv6 = 41, SolRaw = 255, SolPacket = 263, SolNetlink = 270;
    private const long SocketTypeMask = 0xf;
    private const long TypeFlags = 0x80800; // SOCK_CLOEXEC | SOCK_NONBLOCK

    private static readonly NamedValues s_families = new("address_families", "AF_???");
    private static readonly NamedValues s_levels = new("socket_levels", "SOL_??");

    /// <summary>The SOL_* levels, for values.</summary>
    internal static Model.IConstantNames LevelNames => s_levels;
    internal static readonly NamedValues ShutdownHow = new("shutdown_how", "SHUT_???");
    private static readonly ConstantTable s_types = ConstantTable.Load("socket_types");
    private static readonly FlagSet s_typeFlags = new("socket_type_flags");
    private static readonly FlagSet s_messageFlags = new("msg_flags");

    /// <summary>The MSG_* flags of the message calls.</summary>
    internal static FlagSet MessageFlagNames => s_messageFlags;
    private static readonly NamedValues s_ipProtocols = new("ip_protocols", "IPPROTO_???");
    private static readonly NamedValues s_netlinkProtocols = new("netlink_protocols", "NETLINK_???");
    private static readonly NamedValues s_ethernetProtocols = new("eth_protocols", "ETH_P_???");

    /// <summary>ARPHRD_*: a network device's hardware type.</summary>
    internal static readonly NamedValues HardwareTypes = new("arphrd_types", "ARPHRD_???");
    private static readonly NamedValues s_socketOptions = new("socket_options", "SO_???");
    private static readonly NamedValues s_tcpOptions = new("tcp_options", "TCP_???");
    private static readonly NamedValues s_ipOptions = new("ip_options", "IP_???");
    private static readonly NamedValues s_ipv6Options = new("ipv6_options", "IPV6_???");
    private static readonly NamedValues s_udpOptions = new("udp_options", "UDP_???");
    private static readonly NamedValues s_rawOptions = new("raw_options", "ICMP_???");
    private static readonly NamedValues s_packetOptions = new("packet_options", "PACKET_???");
    private static readonly NamedValues s_netlinkOptions = new("netlink_options", "NETLINK_???");

    internal static string Family(long family, StraceRenderer render) => s_families.Format(family, render);

    /// <summary>The family as a value: <c>AF_INET</c> and its number.</summary>
    internal static Model.ConstantValue FamilyValue(long family) => new(family, s_families);

    /// <summary>The type as a value: its name and its flags' (<c>SOCK_STREAM</c>, <c>SOCK_CLOEXEC</c>).</summary>
    internal static Model.FlagsValue SocketTypeValue(long type)
    {
        (IReadOnlyList<string> flags, long unknown) = s_typeFlags.Split(type & ~SocketTypeMask);
        string? name = s_types.NameOf(type & SocketTypeMask);
        return name is null
            ? new Model.FlagsValue(type, flags, unknown | (type & SocketTypeMask))
            : new Model.FlagsValue(type, [name, .. flags], unknown);
    }

    /// <summary>The protocol as a value, named by its family's table.</summary>
    internal static Model.ConstantValue ProtocolValue(long family, long protocol) =>
        family == AfPacket ? new(HostOrder(protocol), s_ethernetProtocols)
        : ProtocolNames(family) is { } names ? new(protocol, names) : new(protocol, (string?)null);

    /// <summary>An option as a value, named by its level's table.</summary>
    internal static Model.ConstantValue OptionValue(long level, long option) =>
        OptionNames(level) is { } names ? new(option, names) : new(option, (string?)null);

    /// <summary>accept4's flags: SOCK_CLOEXEC and SOCK_NONBLOCK; bits neither names print with strace's hint.</summary>
    internal static FlagSet SocketFlagNames { get; } = new("socket_type_flags", "SOCK_???");

    /// <summary>The family's name (<c>AF_INET</c>), or null for a number no name covers.</summary>
    internal static string? FamilyName(long family) => s_families.NameOf(family);

    /// <summary><c>SOCK_STREAM|SOCK_CLOEXEC</c>; an unknown type prints in hex after the flags, and 0 as 0, as strace
    /// prints them.</summary>
    internal static string SocketType(long type, StraceRenderer render)
    {
        var text = new StringBuilder();
        if (s_types.NameOf(type & SocketTypeMask) is string name)
        {
            // The type and the flags are two values, each styled on its own (0x1|0x80800 under -X raw).
            string kind = render.Format(DecodeContext.HexOrZero((ulong)(type & SocketTypeMask)), name);
            long flags = type & ~SocketTypeMask;
            return flags == 0 ? kind : kind + "|" + SocketFlagNames.Format(flags, render);
        }
        if ((type & TypeFlags) == 0)
        {
            return type == 0 ? "0" : render.Unnamed(type, "SOCK_???");
        }
        else
        {
            s_typeFlags.Append(text, type);
        }
        return render.Flags(type, text.ToString());
    }

    /// <summary>The protocol names its family's protocols: IPPROTO_* for IP, NETLINK_* for netlink, a number for others.</summary>
    internal static string Protocol(long family, long protocol, StraceRenderer render) =>
        family == AfPacket ? $"htons({s_ethernetProtocols.FormatUnsigned((ulong)HostOrder(protocol), render)})"
        : ProtocolNames(family)?.Format(protocol, render) ?? protocol.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An Ethernet protocol id (in the host's order) by name whatever the style, <c>0x1234 /* ETH_P_??? */</c>
    /// when no name covers it: what strace prints inside <c>htons()</c> where the bytes are the value.</summary>
    internal static string EthernetProtocolName(ushort protocol) => s_ethernetProtocols.Name(protocol);

    // An AF_PACKET socket's protocol is an Ethernet protocol id in network order, in the low 16 bits.
    private static long HostOrder(long protocol) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)protocol);

    private static NamedValues? ProtocolNames(long family) => family switch
    {
        AfInet or AfInet6 => s_ipProtocols,
        AfNetlink => s_netlinkProtocols,
        _ => null,
    };

    internal static string Level(long level, StraceRenderer render) => s_levels.Format(level, render);

    /// <summary>An option named by its level's table; at levels without one its number, as strace prints it: unsigned.</summary>
    internal static string Option(long level, long option, StraceRenderer render) =>
        OptionNames(level)?.Format(option, render) ?? ((uint)option).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static NamedValues? OptionNames(long level) => level switch
    {
        SolSocket => s_socketOptions,
        SolIp => s_ipOptions,
        SolTcp => s_tcpOptions,
        SolUdp => s_udpOptions,
        SolIpv6 => s_ipv6Options,
        SolRaw => s_rawOptions,
        SolPacket => s_packetOptions,
        SolNetlink => s_netlinkOptions,
        _ => null,
    };

    internal static string MessageFlags(long flags, StraceRenderer render) => s_messageFlags.Format(flags, render);
}
