using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>What strace's <c>-yy</c> prints of a socket between the brackets after its protocol: the addresses of an
/// internet socket (<c>127.0.0.1:41234-&gt;127.0.0.1:8080</c>), the peer and path of a unix one
/// (<c>340187-&gt;340184,"/tmp/sock"</c>), the protocol and port of a netlink one (<c>ROUTE:10517</c>). Asked of the
/// kernel's sock_diag netlink interface, which, unlike /proc/net, also knows sockets that are bound but not
/// listening. Null when the kernel does not report the socket (not bound yet), or reports nothing more of it than its
/// inode: strace then prints the inode.</summary>
internal static class SocketDiagnostics
{
    private const int NetlinkSockDiag = 4;           // NETLINK_SOCK_DIAG
    private const ushort SockDiagByFamily = 20;      // SOCK_DIAG_BY_FAMILY
    private const ushort NlmsgError = 2;             // NLMSG_ERROR
    private const ushort NlmsgDone = 3;              // NLMSG_DONE
    private const ushort RequestDump = 0x1 | 0x300;  // NLM_F_REQUEST | NLM_F_DUMP
    private const int HeaderSize = 16;               // struct nlmsghdr
    private const byte AfUnix = 1, AfInet = 2, AfInet6 = 10, AfNetlink = 16;
    private const byte IpprotoTcp = 6, IpprotoUdp = 17, IpprotoUdplite = 136;
    private const uint UnixShowNameAndPeer = 0x1 | 0x4;  // UDIAG_SHOW_NAME | UDIAG_SHOW_PEER
    private const ushort UnixDiagName = 0, UnixDiagPeer = 2;
    private const byte NetlinkAllProtocols = 255;    // NDIAG_PROTO_ALL

    private static readonly ConstantTable s_netlinkProtocols = ConstantTable.Load("netlink_protocols");

    /// <summary>The details of the socket with this inode, for the protocol its <c>system.sockprotoname</c> names.</summary>
    internal static string? Describe(string protocol, uint inode, StraceRenderer render) => protocol switch
    {
        "TCP" => DescribeInet(AfInet, IpprotoTcp, inode),
        "TCPv6" => DescribeInet(AfInet6, IpprotoTcp, inode),
        "UDP" => DescribeInet(AfInet, IpprotoUdp, inode),
        "UDPv6" => DescribeInet(AfInet6, IpprotoUdp, inode),
        "UDPLITE" => DescribeInet(AfInet, IpprotoUdplite, inode),
        "UDPLITEv6" => DescribeInet(AfInet6, IpprotoUdplite, inode),
        "NETLINK" => DescribeNetlink(inode),
        _ when protocol.StartsWith("UNIX", StringComparison.Ordinal) => DescribeUnix(inode, render),
        _ => null,
    };

    // struct inet_diag_req_v2 asks for every state; struct inet_diag_msg holds the addresses at 4 and the inode at 68.
    private static string? DescribeInet(byte family, byte protocol, uint inode)
    {
        Span<byte> request = stackalloc byte[56];
        request[0] = family;
        request[1] = protocol;
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], uint.MaxValue);
        if (Find(request, inode, inodeOffset: 68) is not byte[] message)
            return null;
        int addressSize = family == AfInet ? 4 : 16;
        string local = Endpoint(family, message.AsSpan(8, addressSize), BinaryPrimitives.ReadUInt16BigEndian(message[4..]));
        ushort remotePort = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        ReadOnlySpan<byte> remoteAddress = message.AsSpan(24, addressSize);
        return remotePort == 0 && !remoteAddress.ContainsAnyExcept((byte)0)
            ? local
            : local + "->" + Endpoint(family, remoteAddress, remotePort);
    }

    private static string Endpoint(byte family, ReadOnlySpan<byte> address, ushort port)
    {
        string text = new IPAddress(address).ToString();
        return (family == AfInet ? text : "[" + text + "]") + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    // struct unix_diag_req asks for the name and the peer; struct unix_diag_msg is followed by them as attributes.
    private static string? DescribeUnix(uint inode, StraceRenderer render)
    {
        Span<byte> request = stackalloc byte[24];
        request[0] = AfUnix;
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(request[12..], UnixShowNameAndPeer);
        if (Find(request, inode, inodeOffset: 4) is not byte[] message)
            return null;
        var text = new StringBuilder(inode.ToString(CultureInfo.InvariantCulture));
        int inodeLength = text.Length;
        string? name = null;
        for (int at = 16; at + 4 <= message.Length;)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(message[at..]);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(message[(at + 2)..]);
            if (length < 4 || at + length > message.Length)
                break;
            ReadOnlySpan<byte> payload = message.AsSpan(at + 4, length - 4);
            if (type == UnixDiagPeer && payload.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(payload) is uint peer and not 0)
                text.Append("->").Append(peer);
            else if (type == UnixDiagName && !payload.IsEmpty)
                name = payload[0] == 0 // an abstract name
                    ? "@" + render.QuoteWhole(payload[1..], truncated: false)
                    : render.QuoteWhole(StraceQuoting.BeforeNul(payload), truncated: false);
            at += (length + 3) & ~3;
        }
        if (name is not null)
            text.Append(',').Append(name);
        return text.Length == inodeLength ? null : text.ToString(); // neither peer nor name: nothing beyond the inode
    }

    // struct netlink_diag_req for every protocol; struct netlink_diag_msg has the protocol at 2, the port id at 4.
    private static string? DescribeNetlink(uint inode)
    {
        Span<byte> request = stackalloc byte[20];
        request[0] = AfNetlink;
        request[1] = NetlinkAllProtocols;
        if (Find(request, inode, inodeOffset: 16) is not byte[] message)
            return null;
        byte protocol = message[2];
        string name = s_netlinkProtocols.NameOf(protocol) is { } known
            ? known["NETLINK_".Length..]
            : protocol.ToString(CultureInfo.InvariantCulture);
        return name + ":" + BinaryPrimitives.ReadUInt32LittleEndian(message[4..]).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The protocol of the netlink socket with this inode, as the thread's network namespace lists it in
    /// /proc/TID/net/netlink (its columns: sk, Eth (the protocol), Pid, Groups, Rmem, Wmem, Dump, Locks, Drops, Inode);
    /// null when it is not there.</summary>
    internal static int? NetlinkProtocol(int threadId, uint inode)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{threadId.ToString(CultureInfo.InvariantCulture)}/net/netlink");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        string wanted = inode.ToString(CultureInfo.InvariantCulture);
        foreach (string line in lines.Skip(1))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length >= 10 && columns[9] == wanted && int.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out int protocol))
                return protocol;
        }
        return null;
    }

    /// <summary>Sends a dump request for one family and returns the payload of the reply about this inode, found at
    /// <paramref name="inodeOffset"/> in it; null when the dump does not hold it or netlink fails.</summary>
    private static byte[]? Find(ReadOnlySpan<byte> request, uint inode, int inodeOffset)
    {
        byte[]? found = null;
        Dump(NetlinkSockDiag, SockDiagByFamily, request, payload =>
        {
            if (payload.Length >= inodeOffset + 4 && BinaryPrimitives.ReadUInt32LittleEndian(payload[inodeOffset..]) == inode)
                found = payload.ToArray();
            return found is not null;
        });
        return found;
    }

    /// <summary>Sends a dump request of <paramref name="type"/> with <paramref name="request"/> as its payload on a
    /// netlink socket of <paramref name="protocol"/>, and shows <paramref name="visit"/> each reply's payload until it
    /// returns true or the dump ends (also on NLMSG_ERROR). Nothing is shown when netlink fails.</summary>
    internal static unsafe void Dump(int protocol, ushort type, ReadOnlySpan<byte> request, Func<ReadOnlySpan<byte>, bool> visit)
    {
        var buffer = new byte[32768];
        int socket = Interop.Libc.Socket(Interop.Libc.AF_NETLINK, Interop.Libc.SOCK_DGRAM | Interop.Libc.SOCK_CLOEXEC, protocol);
        if (socket < 0)
            return;
        try
        {
            Span<byte> packet = stackalloc byte[HeaderSize + request.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(packet, (uint)packet.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(packet[4..], type);
            BinaryPrimitives.WriteUInt16LittleEndian(packet[6..], RequestDump);
            request.CopyTo(packet[HeaderSize..]);
            fixed (byte* p = packet)
            {
                if (Interop.Libc.Send(socket, p, (nuint)packet.Length, 0) != packet.Length)
                    return;
            }
            while (true)
            {
                nint received;
                fixed (byte* p = buffer)
                    received = Interop.Libc.Recv(socket, p, (nuint)buffer.Length, 0);
                if (received <= 0)
                    return;
                for (int at = 0; at + HeaderSize <= received;)
                {
                    int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at));
                    ushort replyType = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 4));
                    if (replyType is NlmsgDone or NlmsgError || length < HeaderSize || at + length > received
                        || visit(buffer.AsSpan((at + HeaderSize)..(at + length))))
                        return;
                    at += (length + 3) & ~3;
                }
            }
        }
        finally
        {
            Interop.Libc.Close(socket);
        }
    }
}
