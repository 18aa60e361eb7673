using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>A socket address as strace prints it: <c>{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}</c>.
/// Works on the bytes alone, so that it can be tested without a tracee.</summary>
internal static class SockaddrFormatter
{
    /// <summary>The most the kernel reads or writes of an address (sizeof(struct sockaddr_storage)).</summary>
    internal const int MaxLength = 128;

    private const int FamilySize = 2;
    private const int Inet6MinLength = 24; // sockaddr_in6 without sin6_scope_id (RFC 2133)
    private const int Inet6Length = 28;
    private const int PacketLength = 20;  // sizeof(struct sockaddr_ll)
    private const int VsockLength = 16;   // sizeof(struct sockaddr_vm)
    private const int AlgNameAt = 24;     // offsetof(struct sockaddr_alg, salg_name): strace takes one byte of it at least
    private const int XdpLength = 16;     // sizeof(struct sockaddr_xdp)
    private const int QipcrtrLength = 12; // sizeof(struct sockaddr_qrtr)
    private const int MctpLength = 12;    // sizeof(struct sockaddr_mctp)
    private const int XdpSharedUmem = 1;

    private static readonly NamedValues s_packetTypes = new("packet_types", "PACKET_???");
    private static readonly ConstantTable s_vsockCids = ConstantTable.Load("vsock_cids");
    private static readonly ConstantTable s_vsockPorts = ConstantTable.Load("vsock_ports");
    private static readonly FlagSet s_vsockFlags = new("vsock_flags", "VMADDR_FLAG_???");
    private static readonly FlagSet s_cryptoFlags = new("crypto_alg_flags", "CRYPTO_ALG_???");
    private static readonly FlagSet s_xdpFlags = new("xdp_bind_flags", "XDP_???");
    private static readonly ConstantTable s_qrtrNodes = ConstantTable.Load("qrtr_nodes");
    private static readonly ConstantTable s_qrtrPorts = ConstantTable.Load("qrtr_ports");
    private static readonly ConstantTable s_mctpNetworks = ConstantTable.Load("mctp_networks");
    private static readonly ConstantTable s_mctpAddresses = ConstantTable.Load("mctp_addresses");

    /// <summary>The address in <paramref name="bytes"/> (as many as its length says), or null when it is too short to
    /// hold a family: strace prints its pointer then. Paths and raw data quote as the session asks.</summary>
    internal static string? Format(ReadOnlySpan<byte> bytes, StraceRenderer render)
    {
        if (bytes.Length < FamilySize)
            return null;
        int family = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        // Items rather than a StructWriter: sockaddr_in6 holds an item that is not name=value (inet_pton(...)).
        var items = new List<string> { "sa_family=" + SocketNames.Family(family, render) };
        ReadOnlySpan<byte> data = bytes[FamilySize..];
        bool known = family switch
        {
            SocketNames.AfUnix => Unix(items, data, render),
            SocketNames.AfInet when bytes.Length >= 16 => Inet(items, data, render),
            SocketNames.AfInet6 when bytes.Length >= Inet6MinLength => Inet6(items, data, bytes.Length >= Inet6Length, render),
            SocketNames.AfNetlink when bytes.Length >= 12 => Netlink(items, data, render),
            SocketNames.AfPacket when bytes.Length >= PacketLength => Packet(items, data, render),
            SocketNames.AfVsock when bytes.Length >= VsockLength => Vsock(items, data, render),
            SocketNames.AfAlg when bytes.Length > AlgNameAt => Alg(items, bytes, render),
            SocketNames.AfXdp when bytes.Length >= XdpLength => Xdp(items, data, render),
            SocketNames.AfQipcrtr when bytes.Length >= QipcrtrLength => Qipcrtr(items, data, render),
            SocketNames.AfMctp when bytes.Length >= MctpLength => Mctp(items, data, render),
            _ => false,
        };
        // An address strace does not decode, or too short for its family's: every byte given after the family.
        if (!known && !data.IsEmpty)
            items.Add("sa_data=" + render.QuoteWhole(data, truncated: false));
        return "{" + string.Join(", ", items) + "}";
    }

    // sun_path up to its NUL; an abstract name (leading NUL) prints with '@' and is all the bytes given.
    private static bool Unix(List<string> items, ReadOnlySpan<byte> path, StraceRenderer render)
    {
        if (path.IsEmpty)
            return true;
        if (path[0] == 0)
        {
            items.Add("sun_path=@" + render.QuoteWhole(path[1..], truncated: false));
            return true;
        }
        int nul = path.IndexOf((byte)0);
        items.Add("sun_path=" + render.QuoteWhole(nul < 0 ? path : path[..nul], truncated: false));
        return true;
    }

    // Ports and addresses are in network order: under -X raw strace shows their bytes, by default what makes them.
    private static bool Inet(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        items.Add("sin_port=" + Port(data, render));
        items.Add("sin_addr=" + render.Format(Bytes(data.Slice(2, 4)), $"inet_addr(\"{new IPAddress(data.Slice(2, 4))}\")"));
        return true;
    }

    private static bool Inet6(List<string> items, ReadOnlySpan<byte> data, bool hasScope, StraceRenderer render)
    {
        uint flowInfo = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(2, 4));
        items.Add("sin6_port=" + Port(data, render));
        items.Add("sin6_flowinfo=" + render.Format(Bytes(data.Slice(2, 4)), $"htonl({flowInfo.ToString(CultureInfo.InvariantCulture)})"));
        var address = new IPAddress(data.Slice(6, 16).ToArray());
        // By default the address is no name=value item; under -X verbose strace's comment leaves out ", &sin6_addr".
        items.Add(render.Format("sin6_addr=" + Bytes(data.Slice(6, 16)), $"inet_pton(AF_INET6, \"{address}\", &sin6_addr)",
            $"inet_pton(AF_INET6, \"{address}\")"));
        if (hasScope)
            items.Add("sin6_scope_id=" + BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(22, 4)).ToString(CultureInfo.InvariantCulture));
        return true;
    }

    private static bool Netlink(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        // sockaddr_nl: 2 bytes of padding (shown when set), then nl_pid and nl_groups. nl_pid is a __u32 strace prints as
        // an int: a port the kernel picked for a process's second socket is negative. nl_groups as C's %#08x prints it:
        // 00000000, 0x000001.
        ushort pad = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (pad != 0)
            items.Add("nl_pad=" + DecodeContext.HexOrZero(pad));
        items.Add("nl_pid=" + render.ProcessId(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(2, 4))));
        uint groups = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(6, 4));
        items.Add("nl_groups=" + (groups == 0 ? "00000000" : "0x" + groups.ToString("x6", CultureInfo.InvariantCulture)));
        return true;
    }

    // sockaddr_ll: the protocol in network order, the interface by name, the hardware type, the packet's kind, and as
    // many bytes of the hardware address as its length says, of those given (past sll_addr's eight if the address is
    // longer), then "..." for the rest.
    private static bool Packet(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        string protocol = SocketNames.EthernetProtocolName(BinaryPrimitives.ReadUInt16BigEndian(data));
        items.Add("sll_protocol=" + render.Format(Bytes(data[..2]), $"htons({protocol})"));
        items.Add("sll_ifindex=" + InterfaceIndex(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(2, 4)), render));
        items.Add("sll_hatype=" + SocketNames.HardwareTypes.Format(BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(6, 2)), render));
        items.Add("sll_pkttype=" + s_packetTypes.Format(data[8], render));
        int length = data[9];
        items.Add("sll_halen=" + length.ToString(CultureInfo.InvariantCulture));
        if (length > 0)
        {
            int shown = Math.Min(length, data.Length - 10);
            IEnumerable<string> bytes = data.Slice(10, shown).ToArray().Select(b => DecodeContext.HexOrZero(b));
            items.Add("sll_addr=" + StructWriter.Array(shown < length ? bytes.Append("...") : bytes));
        }
        return true;
    }

    // sockaddr_vm: its reserved field and its trailing bytes only where they are not zero.
    private static bool Vsock(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        ushort reserved = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (reserved != 0)
            items.Add("svm_reserved1=" + DecodeContext.HexOrZero(reserved));
        items.Add("svm_cid=" + NamedOrHex(s_vsockCids, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(6, 4)), render));
        items.Add("svm_port=" + NamedOrHex(s_vsockPorts, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(2, 4)), render));
        items.Add("svm_flags=" + s_vsockFlags.Format(data[10], render));
        if (data.Slice(11, 3).ContainsAnyExcept((byte)0))
            items.Add("svm_zero=" + Bytes(data.Slice(11, 3)));
        return true;
    }

    // sockaddr_alg: the type and the name as C strings (the name as long as the address allows), and the flags of both.
    private static bool Alg(List<string> items, ReadOnlySpan<byte> bytes, StraceRenderer render)
    {
        items.Add("salg_type=" + render.QuoteFixed(bytes[2..16]));
        items.Add("salg_feat=" + CryptoFlags(BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]), render));
        items.Add("salg_mask=" + CryptoFlags(BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]), render));
        items.Add("salg_name=" + render.QuoteFixed(bytes[AlgNameAt..]));
        return true;
    }

    // As strace prints them under any -X but raw: the number, and its names in a comment.
    private static string CryptoFlags(uint flags, StraceRenderer render)
    {
        string named = s_cryptoFlags.Format(flags, StraceRenderer.VerboseStyle);
        return render.Styled(DecodeContext.HexOrZero(flags), named, named);
    }

    // sockaddr_xdp: the shared umem's descriptor only where the flags share one or it is set.
    private static bool Xdp(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(data);
        items.Add("sxdp_flags=" + s_xdpFlags.Format(flags, render));
        items.Add("sxdp_ifindex=" + InterfaceIndex(BinaryPrimitives.ReadInt32LittleEndian(data[2..]), render));
        items.Add("sxdp_queue_id=" + BinaryPrimitives.ReadUInt32LittleEndian(data[6..]).ToString(CultureInfo.InvariantCulture));
        uint shared = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        if ((flags & XdpSharedUmem) != 0 || shared != 0)
            items.Add("sxdp_shared_umem_fd=" + DecodeContext.HexOrZero(shared));
        return true;
    }

    private static bool Qipcrtr(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        items.Add("sq_node=" + NamedOrHex(s_qrtrNodes, BinaryPrimitives.ReadUInt32LittleEndian(data[2..]), render));
        items.Add("sq_port=" + NamedOrHex(s_qrtrPorts, BinaryPrimitives.ReadUInt32LittleEndian(data[6..]), render));
        return true;
    }

    // sockaddr_mctp: its padding only where set.
    private static bool Mctp(List<string> items, ReadOnlySpan<byte> data, StraceRenderer render)
    {
        ushort pad = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (pad != 0)
            items.Add("__smctp_pad0=" + DecodeContext.HexOrZero(pad));
        items.Add("smctp_network=" + NamedOrHex(s_mctpNetworks, BinaryPrimitives.ReadUInt32LittleEndian(data[2..]), render));
        items.Add("smctp_addr={s_addr=" + NamedOrHex(s_mctpAddresses, data[6], render) + "}");
        items.Add("smctp_type=" + DecodeContext.HexOrZero(data[7]));
        items.Add("smctp_tag=" + DecodeContext.HexOrZero(data[8]));
        if (data[9] != 0)
            items.Add("__smctp_pad1=" + DecodeContext.HexOrZero(data[9]));
        return true;
    }

    // A number by its name, else in hex with no hint (as strace prints a vsock's cid and port).
    private static string NamedOrHex(ConstantTable names, uint value, StraceRenderer render) =>
        names.NameOf(value) is { } name ? render.Value(value, name) : DecodeContext.HexOrZero(value);

    // An interface's index, with the name of the interface it is here (if_nametoindex("lo")).
    private static string InterfaceIndex(int index, StraceRenderer render)
    {
        string number = index.ToString(CultureInfo.InvariantCulture);
        return Network.Netlink.NetlinkAttributes.InterfaceIndexName((uint)index) is { } name ? render.Format(number, name) : number;
    }

    private static string Port(ReadOnlySpan<byte> data, StraceRenderer render) =>
        render.Format(Bytes(data[..2]), $"htons({BinaryPrimitives.ReadUInt16BigEndian(data).ToString(CultureInfo.InvariantCulture)})");

    // Bytes as strace quotes a raw field: every one in \x form.
    private static string Bytes(ReadOnlySpan<byte> bytes) =>
        "\"" + string.Concat(bytes.ToArray().Select(b => "\\x" + b.ToString("x2", CultureInfo.InvariantCulture))) + "\"";
}
