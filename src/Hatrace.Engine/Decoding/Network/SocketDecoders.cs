using System.Runtime.InteropServices;
using Hatrace.Engine.Decoding.Bpf;

namespace Hatrace.Engine.Decoding.Network;

/// <summary>Creating, naming and connecting sockets, and their options. The kernel's prototypes leave the socket calls'
/// parameters unnamed, so every argument is decided here.</summary>
internal static class SocketDecoders
{
    private const int IntSize = 4;
    private const int SolSocket = 1;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("socket", DecodeSocket),
        ("socketpair", DecodeSocketpair),
        ("bind", DecodeAddressIn),
        ("connect", DecodeAddressIn),
        ("listen", DecodeListen),
        ("accept", DecodeAddressOut),
        ("accept4", DecodeAccept4),
        ("getsockname", DecodeAddressOut),
        ("getpeername", DecodeAddressOut),
        ("shutdown", DecodeShutdown),
        ("setsockopt", DecodeSetsockopt),
        ("getsockopt", DecodeGetsockopt),
    ];

    private static void DecodeSocket(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetDomainTypeProtocol(context);
    }

    private static void DecodeSocketpair(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetDomainTypeProtocol(context);
            context.Defer(3);
        }
        else if (!context.Failed && context.TryRead((ulong)context.Raw(3), out long pair))
        {
            int[] sv = [(int)pair, (int)(pair >> 32)];
            context.Set(3, Syscalls.ArgumentKind.Pointer, sv, context.ArrayText([.. sv.Select(context.FormatFd)]));
        }
    }

    private static void SetDomainTypeProtocol(DecodeContext context)
    {
        long domain = context.Signed(0);
        context.Set(0, Syscalls.ArgumentKind.Int, SocketNames.FamilyValue(domain), SocketNames.Family(domain, context.Render));
        context.Set(1, Syscalls.ArgumentKind.Int, SocketNames.SocketTypeValue((long)context.Unsigned(1)), SocketNames.SocketType((long)context.Unsigned(1), context.Render));
        context.Set(2, Syscalls.ArgumentKind.Int, SocketNames.ProtocolValue(domain, context.Signed(2)), SocketNames.Protocol(domain, context.Signed(2), context.Render));
    }

    // bind and connect: (fd, address, length).
    private static void DecodeAddressIn(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        SocketArguments.SetSockaddr(context, 1, context.Signed(2));
        context.SetInt(2);
    }

    private static void DecodeListen(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        context.SetInt(1);
    }

    // accept, getsockname, getpeername: (fd, address out, length in/out). Without an address the length is not
    // read, by the kernel or by strace: its address prints.
    private static void DecodeAddressOut(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            if (context.Raw(1) == 0)
                context.SetPointer(2, Model.PointerReason.NotDecoded);
            else
                SocketArguments.SetLengthIn(context, 2);
            context.Defer(1);
        }
        else if (context.Raw(1) == 0)
            context.SetPointer(1);
        else
            SocketArguments.SetSockaddrOut(context, 1, 2);
    }

    private static void DecodeAccept4(DecodeContext context)
    {
        DecodeAddressOut(context);
        if (!context.Exiting)
            context.SetFlags(3, SocketNames.SocketFlagNames);
    }

    private static void DecodeShutdown(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        context.SetNamed(1, SocketNames.ShutdownHow);
    }

    private static void SetLevelAndOption(DecodeContext context)
    {
        context.SetFd(0);
        long level = context.Signed(1);
        context.Set(1, Syscalls.ArgumentKind.Int, new Model.ConstantValue(level, SocketNames.LevelNames), SocketNames.Level(level, context.Render));
        context.Set(2, Syscalls.ArgumentKind.Int, SocketNames.OptionValue(level, context.Signed(2)), SocketNames.Option(level, context.Signed(2), context.Render));
    }

    // Levels and options whose values strace decodes (include/uapi/asm-generic/socket.h, linux/in.h, linux/icmp.h,
    // linux/if_packet.h).
    private const int SolIp = 0, SolRaw = 255, SolPacket = 263;
    private const int SoLinger = 13, SoPeerCred = 17, SoRcvTimeoOld = 20, SoSndTimeoOld = 21, SoBindToDevice = 25,
        SoAttachFilter = 26, SoPeerName = 28, SoPeerSec = 31, SoAttachReuseportCbpf = 51, SoMemInfo = 55, SoCookie = 57,
        SoPeerGroups = 59, SoTxTime = 61, SoRcvTimeoNew = 66, SoSndTimeoNew = 67, SoNetnsCookie = 71;
    private const int IpAddMembership = 35, IpDropMembership = 36;
    private const int IcmpFilter = 1;
    private const int PacketStatistics = 6;

    // The SOL_SOCKET options whose value is not an int: structures, strings, filters, cookies.
    private static readonly HashSet<long> s_socketNonIntOptions =
    [
        SoLinger, SoPeerCred, SoRcvTimeoOld, SoSndTimeoOld, SoBindToDevice, SoAttachFilter, SoPeerName, SoPeerSec,
        SoAttachReuseportCbpf, SoMemInfo, SoCookie, SoPeerGroups, SoTxTime, SoRcvTimeoNew, SoSndTimeoNew, SoNetnsCookie,
    ];

    // Structures of int fields: SO_LINGER's struct linger, SO_PEERCRED's struct ucred, PACKET_STATISTICS' struct
    // tpacket_stats (TPACKET_V1 and V2).
    private static readonly Dictionary<(long Level, long Option), (string Type, string[] Fields)> s_intStructs = new()
    {
        [(SolSocket, SoLinger)] = ("linger", ["l_onoff", "l_linger"]),
        [(SolSocket, SoPeerCred)] = ("ucred", ["pid", "uid", "gid"]),
        [(SolPacket, PacketStatistics)] = ("tpacket_stats", ["tp_packets", "tp_drops"]),
    };

    private static readonly NamedValues s_icmpTypes = new("icmp_types", "ICMP_???");
    private static readonly FlagSet s_icmpTypeBits = new("icmp_filter_bits");

    /// <summary>An option's value <paramref name="length"/> bytes long, as strace prints it: an int as <c>[1]</c>, a
    /// structure by its fields (those the length covers, of a value the kernel wrote), ip_mreq's addresses, ICMP_FILTER's
    /// types; a value too short for its type as its address (one the kernel wrote, in hex); anything else as a buffer.</summary>
    private static void SetOptionValue(DecodeContext context, int index, long length, bool written)
    {
        long level = context.Signed(1), option = context.Signed(2);
        if (context.Raw(index) == 0 || (written && length <= 0) || !context.Dereference)
        {
            context.SetPointer(index);
            return;
        }
        if (s_intStructs.TryGetValue((level, option), out var layout))
            SetIntStruct(context, index, length, written, layout.Type, layout.Fields);
        else if (level == SolIp && option is IpAddMembership or IpDropMembership)
            SetIpMreq(context, index, length, written);
        else if (level == SolRaw && option == IcmpFilter && length > 0)
            SetIcmpFilter(context, index, length);
        else if (level == SolSocket && option is SoAttachFilter or SoAttachReuseportCbpf && !written)
        {
            if (length >= Marshal.SizeOf<BpfPrograms.SockFprog>())
                BpfPrograms.SetClassicProgram(context, index, BpfPrograms.User.Socket);
            else
                context.SetPointer(index);
        }
        else if (level == SolSocket && !s_socketNonIntOptions.Contains(option))
        {
            // An int option: read as an int from 4 bytes on; shorter, the kernel refuses what is given, and strace
            // prints in hex what it wrote.
            if (length >= IntSize)
                SocketArguments.SetIntPointer(context, index);
            else if (written)
                SetHexBytes(context, index, length);
            else
                context.SetPointer(index);
        }
        else if (length == IntSize)
            SocketArguments.SetIntPointer(context, index);
        else
            context.SetBuffer(index, length);
    }

    private static void SetIntStruct(DecodeContext context, int index, long length, bool written, string type, string[] fields)
    {
        // A value being set must be whole; of one written, the fields the length covers, and the bytes of a field it
        // covers in part in hex, as strace prints them ({pid="\x92\x6c"}).
        int size = (int)Math.Min(length, fields.Length * IntSize);
        var bytes = new byte[Math.Max(size, 0)];
        if ((!written && size < fields.Length * IntSize) || size <= 0 || !context.TryReadBytes((ulong)context.Raw(index), bytes))
        {
            context.SetPointer(index);
            return;
        }
        var text = new StructWriter(type);
        for (int at = 0, i = 0; at < size; at += IntSize, i++)
        {
            if (size - at < IntSize)
            {
                byte[] part = bytes[at..];
                text.Field(fields[i], new Model.StringValue(part, truncated: false, unterminated: false), context.Render.QuoteHex(part, truncated: false));
                break;
            }
            int value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            if (fields[i] == "pid")
                text.Field("pid", new Model.ProcessIdValue(value), context.Render.ProcessId(value));
            else
                text.Field(fields[i], value);
        }
        context.Set(index, Syscalls.ArgumentKind.Pointer, text.Value, text.ToString());
    }

    /// <summary>IP_ADD_MEMBERSHIP's and IP_DROP_MEMBERSHIP's struct ip_mreq (or the first fields of struct ip_mreqn).</summary>
    private static void SetIpMreq(DecodeContext context, int index, long length, bool written)
    {
        var bytes = new byte[2 * IntSize];
        if (length < bytes.Length || !context.TryReadBytes((ulong)context.Raw(index), bytes))
        {
            if (written)
                context.SetBuffer(index, length);
            else
                context.SetPointer(index); // too short for the kernel, which refuses it
            return;
        }
        var text = new StructWriter("ip_mreq");
        foreach ((string field, int at) in new[] { ("imr_multiaddr", 0), ("imr_interface", IntSize) })
        {
            // The address's bytes under -X raw, its inet_addr() otherwise, as strace styles a struct in_addr.
            byte[] address = bytes[at..(at + IntSize)];
            string dotted = new System.Net.IPAddress(address).ToString();
            string raw = "\"" + string.Concat(address.Select(b => $"\\x{b:x2}")) + "\"";
            text.Field(field, dotted, context.Render.Format(raw, $"inet_addr(\"{dotted}\")"));
        }
        context.Set(index, Syscalls.ArgumentKind.Pointer, text.Value, text.ToString());
    }

    /// <summary>ICMP_FILTER's struct icmp_filter: the ICMP types whose bits are set, <c>[ICMP_ECHO ICMP_REDIRECT]</c>, or
    /// with more than half set, those clear after a <c>~</c>. Of a shorter value, strace shows the bytes given over a mask
    /// of ones.</summary>
    private static void SetIcmpFilter(DecodeContext context, int index, long length)
    {
        Span<byte> bytes = stackalloc byte[IntSize];
        bytes.Fill(0xff);
        if (!context.TryReadBytes((ulong)context.Raw(index), bytes[..(int)Math.Min(length, IntSize)]))
        {
            context.SetPointer(index);
            return;
        }
        uint mask = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool inverted = System.Numerics.BitOperations.PopCount(mask) > 16;
        int[] types = [.. Enumerable.Range(0, 32).Where(bit => ((mask & (1u << bit)) != 0) != inverted)];
        context.Set(index, Syscalls.ArgumentKind.Pointer, new Model.FlagsValue(mask, s_icmpTypeBits),
            render => (inverted ? "~[" : "[") + string.Join(' ', types.Select(t => s_icmpTypes.Format(t, render))) + "]");
    }

    private static void SetHexBytes(DecodeContext context, int index, long length)
    {
        var bytes = new byte[length];
        if (!context.TryReadBytes((ulong)context.Raw(index), bytes))
            context.SetPointer(index);
        else
            context.Set(index, Syscalls.ArgumentKind.Pointer, new Model.StringValue(bytes, truncated: false, unterminated: false), context.Render.QuoteHex(bytes, truncated: false));
    }

    private static void DecodeSetsockopt(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetLevelAndOption(context);
        SetOptionValue(context, 3, context.Signed(4), written: false);
        context.SetInt(4);
    }

    private static void DecodeGetsockopt(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetLevelAndOption(context);
            SocketArguments.SetLengthIn(context, 4);
            context.Defer(3);
        }
        else if (SocketArguments.SetLengthOut(context, 4) is int length)
        {
            SetOptionValue(context, 3, length, written: true);
        }
    }
}
