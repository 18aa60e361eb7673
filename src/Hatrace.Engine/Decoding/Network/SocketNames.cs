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
    private const int SolIp = 0;
    private const int SolSocket = 1;
    private const int SolTcp = 6;
    private const long SocketTypeMask = 0xf;
    private const long TypeFlags = 0x80800; // SOCK_CLOEXEC | SOCK_NONBLOCK

    internal static readonly ConstantTable Families = ConstantTable.Load("address_families");
    internal static readonly ConstantTable Levels = ConstantTable.Load("socket_levels");
    internal static readonly ConstantTable ShutdownHow = ConstantTable.Load("shutdown_how");
    private static readonly ConstantTable s_types = ConstantTable.Load("socket_types");
    private static readonly FlagSet s_typeFlags = new(ConstantTable.Load("socket_type_flags"));
    private static readonly FlagSet s_messageFlags = new(ConstantTable.Load("msg_flags"));
    private static readonly ConstantTable s_ipProtocols = ConstantTable.Load("ip_protocols");
    private static readonly ConstantTable s_netlinkProtocols = ConstantTable.Load("netlink_protocols");
    private static readonly ConstantTable s_socketOptions = ConstantTable.Load("socket_options");
    private static readonly ConstantTable s_tcpOptions = ConstantTable.Load("tcp_options");
    private static readonly ConstantTable s_ipOptions = ConstantTable.Load("ip_options");

    internal static string Family(long family) => Families.NameOf(family) ?? DecodeContext.Unnamed(family, "AF_???");

    /// <summary><c>SOCK_STREAM|SOCK_CLOEXEC</c>; an unknown type prints in hex after the flags, as strace prints it.</summary>
    internal static string SocketType(long type)
    {
        var text = new StringBuilder();
        if (s_types.NameOf(type & SocketTypeMask) is string name)
        {
            text.Append(name);
            if ((type & ~SocketTypeMask) != 0)
                s_typeFlags.Append(text.Append('|'), type & ~SocketTypeMask);
        }
        else if ((type & TypeFlags) == 0)
        {
            text.Append(DecodeContext.Unnamed(type, "SOCK_???"));
        }
        else
        {
            s_typeFlags.Append(text, type);
        }
        return text.ToString();
    }

    /// <summary>The protocol names its family's protocols: IPPROTO_* for IP, NETLINK_* for netlink, a number for others.</summary>
    internal static string Protocol(long family, long protocol) => family switch
    {
        AfInet or AfInet6 => s_ipProtocols.NameOf(protocol) ?? DecodeContext.Unnamed(protocol, "IPPROTO_???"),
        AfNetlink => s_netlinkProtocols.NameOf(protocol) ?? DecodeContext.Unnamed(protocol, "NETLINK_???"),
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static string Level(long level) => Levels.NameOf(level) ?? DecodeContext.Unnamed(level, "SOL_??");

    /// <summary>An option named by its level's table; a plain number at levels without one.</summary>
    internal static string Option(long level, long option) => level switch
    {
        SolSocket => s_socketOptions.NameOf(option) ?? DecodeContext.Unnamed(option, "SO_???"),
        SolIp => s_ipOptions.NameOf(option) ?? DecodeContext.Unnamed(option, "IP_???"),
        SolTcp => s_tcpOptions.NameOf(option) ?? DecodeContext.Unnamed(option, "TCP_???"),
        _ => option.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The flags of accept4: SOCK_CLOEXEC and SOCK_NONBLOCK.</summary>
    internal static string SocketFlags(long flags) => Flags(s_typeFlags, flags);

    internal static string MessageFlags(long flags) => Flags(s_messageFlags, flags);

    /// <summary>Flags as names joined with '|', and <c>0</c> when none is set.</summary>
    internal static string Flags(FlagSet set, long flags)
    {
        if (flags == 0)
            return "0";
        var text = new StringBuilder();
        set.Append(text, flags);
        return text.ToString();
    }
}
