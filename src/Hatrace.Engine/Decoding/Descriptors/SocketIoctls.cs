using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Network;
using Hatrace.Engine.Decoding.Network.Netlink;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The socket requests (type 0x89, include/uapi/linux/sockios.h): a network interface's struct ifreq, its name
/// with the one member of its union the request reads or writes (<c>{ifr_name="lo", ifr_flags=IFF_UP|IFF_LOOPBACK}</c>),
/// the interfaces' addresses listed by SIOCGIFCONF's struct ifconf, a bridge's name, and the ints of a socket's owner
/// and state. (SIOCINQ and SIOCOUTQ are the terminal's FIONREAD and TIOCOUTQ, named as those on a socket too.)</summary>
internal static class SocketIoctls
{
    private const int NameSize = 16;          // IFNAMSIZ
    private const int HardwareDataSize = 14;  // sockaddr's sa_data

    private static readonly ConstantTable s_requests = ConstantTable.Load("socket_ioctls");
    private static readonly FlagSet s_interfaceFlags = new("interface_flags");
    private static readonly ConstantTable s_hardwareAddressLengths = ConstantTable.Load("arphrd_address_lengths");
    private static readonly int s_ifreqSize = Marshal.SizeOf<Ifreq>();

    /// <summary>The member of ifreq's union a request uses, named as the kernel's macros name it (ifr_flags).</summary>
    private enum Member
    {
        Flags, Address, HardwareAddress, Number, Name, Map, Index, NameByIndex,
    }

    // What each ifreq request does: the member it uses, and whether the call writes it (printed at exit) or reads it.
    private static readonly Dictionary<string, (Member Member, string Field, bool Writes)> s_ifreqRequests = new()
    {
        ["SIOCGIFFLAGS"] = (Member.Flags, "ifr_flags", true),
        ["SIOCSIFFLAGS"] = (Member.Flags, "ifr_flags", false),
        ["SIOCGIFADDR"] = (Member.Address, "ifr_addr", true),
        ["SIOCSIFADDR"] = (Member.Address, "ifr_addr", false),
        ["SIOCGIFDSTADDR"] = (Member.Address, "ifr_dstaddr", true),
        ["SIOCSIFDSTADDR"] = (Member.Address, "ifr_dstaddr", false),
        ["SIOCGIFBRDADDR"] = (Member.Address, "ifr_broadaddr", true),
        ["SIOCSIFBRDADDR"] = (Member.Address, "ifr_broadaddr", false),
        ["SIOCGIFNETMASK"] = (Member.Address, "ifr_netmask", true),
        ["SIOCSIFNETMASK"] = (Member.Address, "ifr_netmask", false),
        ["SIOCGIFHWADDR"] = (Member.HardwareAddress, "ifr_hwaddr", true),
        ["SIOCSIFHWADDR"] = (Member.HardwareAddress, "ifr_hwaddr", false),
        ["SIOCSIFHWBROADCAST"] = (Member.HardwareAddress, "ifr_hwaddr", false),
        ["SIOCADDMULTI"] = (Member.HardwareAddress, "ifr_hwaddr", false),
        ["SIOCDELMULTI"] = (Member.HardwareAddress, "ifr_hwaddr", false),
        ["SIOCGIFMETRIC"] = (Member.Number, "ifr_metric", true),
        ["SIOCSIFMETRIC"] = (Member.Number, "ifr_metric", false),
        ["SIOCGIFMTU"] = (Member.Number, "ifr_mtu", true),
        ["SIOCSIFMTU"] = (Member.Number, "ifr_mtu", false),
        ["SIOCGIFTXQLEN"] = (Member.Number, "ifr_qlen", true),
        ["SIOCSIFTXQLEN"] = (Member.Number, "ifr_qlen", false),
        ["SIOCGIFINDEX"] = (Member.Number, "ifr_ifindex", true),
        ["SIOCSIFNAME"] = (Member.Name, "ifr_newname", false),
        ["SIOCGIFSLAVE"] = (Member.Name, "ifr_slave", true),
        ["SIOCSIFSLAVE"] = (Member.Name, "ifr_slave", false),
        ["SIOCGIFMAP"] = (Member.Map, "ifr_map", true),
        ["SIOCSIFMAP"] = (Member.Map, "ifr_map", false),
        // By index, without the name: SIOCGIFNAME writes the name, a bridge's requests name its port.
        ["SIOCGIFNAME"] = (Member.NameByIndex, "ifr_name", true),
        ["SIOCBRADDIF"] = (Member.Index, "ifr_ifindex", false),
        ["SIOCBRDELIF"] = (Member.Index, "ifr_ifindex", false),
    };

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "FIOSETOWN" or "SIOCSPGRP" or "SIOCSIFENCAP":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "FIOGETOWN" or "SIOCGPGRP" or "SIOCATMARK" or "SIOCGIFENCAP" or "SIOCOUTQNSD":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "SIOCBRADDBR" or "SIOCBRDELBR":
                if (!context.Exiting)
                    context.SetString(IoctlArgument.Index);
                break;
            case "SIOCGIFCONF":
                DecodeIfconf(context);
                break;
            case string name when s_ifreqRequests.TryGetValue(name, out var use):
                DecodeIfreq(context, use.Member, use.Field, use.Writes);
                break;
            default:
                return false;
        }
        return true;
    }

    // strace prints at entry what the call reads: the name (the index for the requests by index) and the member it sets;
    // at exit, when the call succeeded, the member it wrote after what it read.
    private static void DecodeIfreq(DecodeContext context, Member member, string field, bool writes)
    {
        bool byIndex = member is Member.Index or Member.NameByIndex;
        if (!context.Exiting)
        {
            long address = context.Raw(IoctlArgument.Index);
            if (!context.Dereference || address == 0 || !context.TryRead((ulong)address, out Ifreq entry))
            {
                context.SetPointer(IoctlArgument.Index);
                return;
            }
            List<Part> parts = [byIndex ? IndexPart(entry, member == Member.Index) : NamePart(entry)];
            if (!writes && member != Member.Index)
                parts.Add(MemberPart(entry, member, field));
            SetIfreq(context, parts, entry);
            if (writes)
                context.Defer(IoctlArgument.Index);
            return;
        }
        if (context.Failed || context.Arguments[IoctlArgument.Index]?.Value is not StructValue { Source: Ifreq before }
            || !context.TryRead((ulong)context.Raw(IoctlArgument.Index), out Ifreq after))
            return;
        SetIfreq(context, [byIndex ? IndexPart(before, named: false) : NamePart(before), MemberPart(after, member, field)], before);
    }

    /// <summary>A field of a structure printed in parts: its name, value and text as the renderer makes it.</summary>
    private readonly record struct Part(string Name, object? Value, Func<StraceRenderer, string> Text);

    private static void SetIfreq(DecodeContext context, List<Part> parts, Ifreq source) =>
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer,
            new StructValue(Ifreq.TypeName, source, _ => parts.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value))),
            render => Write(parts, render));

    private static string Write(IEnumerable<Part> parts, StraceRenderer render)
    {
        var text = new StructWriter();
        foreach (Part part in parts)
            text.Field(part.Name, part.Text(render));
        return text.ToString();
    }

    private static Part NamePart(Ifreq request) => FixedName("ifr_name", request.ifr_name);

    private static Part FixedName(string field, ReadOnlySpan<byte> name)
    {
        byte[] bytes = name.ToArray();
        return new(field, StraceQuoting.Display(StraceQuoting.BeforeNul(bytes)), render => render.QuoteFixed(bytes));
    }

    // A bridge's port prints by name (if_nametoindex("eth0")), as strace finds it in its own network namespace.
    private static Part IndexPart(Ifreq request, bool named)
    {
        int index = request.ifr_ifindex;
        string number = index.ToString(CultureInfo.InvariantCulture);
        return named && NetlinkAttributes.InterfaceIndexName((uint)index) is string name
            ? new("ifr_ifindex", (long)index, render => render.Format(number, name))
            : new("ifr_ifindex", (long)index, _ => number);
    }

    private static Part MemberPart(Ifreq request, Member member, string field)
    {
        switch (member)
        {
            case Member.Flags:
                ushort flags = (ushort)request.ifr_flags;
                return new(field, new FlagsValue(flags, s_interfaceFlags), render => s_interfaceFlags.Format(flags, render));
            case Member.Address:
                byte[] address = ((ReadOnlySpan<byte>)request.ifr_addr).ToArray();
                return new(field, new SocketAddressValue(address), render => SockaddrFormatter.Format(address, render)!);
            case Member.HardwareAddress:
                byte[] hardware = ((ReadOnlySpan<byte>)request.ifr_hwaddr).ToArray();
                return new(field, HardwareAddress(hardware), render => FormatHardwareAddress(hardware, render));
            case Member.Number:
                int number = request.ifr_mtu; // ifr_metric, ifr_mtu, ifr_qlen and ifr_ifindex: the union's one int
                return new(field, (long)number, _ => number.ToString(CultureInfo.InvariantCulture));
            case Member.Name:
                return FixedName(field, request.ifr_newname); // ifr_newname and ifr_slave
            case Member.NameByIndex:
                return NamePart(request);
            case Member.Map:
                IfMap map = request.ifr_map;
                return new(field, StructValue.Of(map), _ => new StructWriter().Field("mem_start", DecodeContext.HexOrZero(map.mem_start))
                    .Field("mem_end", DecodeContext.HexOrZero(map.mem_end)).Field("base_addr", DecodeContext.HexOrZero(map.base_addr))
                    .Field("irq", DecodeContext.HexOrZero(map.irq)).Field("dma", DecodeContext.HexOrZero(map.dma))
                    .Field("port", DecodeContext.HexOrZero(map.port)).ToString());
            default:
                throw new ArgumentOutOfRangeException(nameof(member));
        }
    }

    private static int HardwareAddressLength(ushort family) =>
        SocketNames.HardwareTypes.NameOf(family) is string name && s_hardwareAddressLengths.TryGetValue(name, out long known)
            ? (int)known
            : HardwareDataSize;

    private static StructValue HardwareAddress(byte[] sockaddr)
    {
        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        return new("sockaddr", [new("sa_family", new ConstantValue(family, SocketNames.HardwareTypes)),
            new("sa_data", sockaddr.AsSpan(2, HardwareAddressLength(family)).ToArray())]);
    }

    // {sa_family=ARPHRD_ETHER, sa_data=02:00:5e:10:20:30}: as many bytes as the type's addresses have, every byte in hex
    // (-X raw: all 14 quoted).
    private static string FormatHardwareAddress(byte[] sockaddr, StraceRenderer render)
    {
        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        ReadOnlySpan<byte> data = sockaddr.AsSpan(2, HardwareDataSize);
        string bytes = string.Join(':', data[..HardwareAddressLength(family)].ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        return new StructWriter().Field("sa_family", SocketNames.HardwareTypes.FormatUnsigned(family, render))
            .Field("sa_data", render.Format(StraceQuoting.QuoteHex(data, truncated: false), bytes)).ToString();
    }

    // SIOCGIFCONF: the buffer's length at entry, with the call's length after it at exit when that differs
    // (ifc_len=320 /* 8 * sizeof(struct ifreq) */ => 80 /* 2 * sizeof(struct ifreq) */), then the interfaces it wrote.
    // Without a buffer the call only says how long one must be: strace prints it all at exit.
    private static void DecodeIfconf(DecodeContext context)
    {
        long address = context.Raw(IoctlArgument.Index);
        if (!context.Exiting)
        {
            if (address == 0 || !context.TryReadData((ulong)address, out Ifconf entry))
            {
                context.SetPointer(IoctlArgument.Index);
                return;
            }
            context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(entry), _ => new StructWriter()
                .Field("ifc_len", FormatLength(entry.ifc_len)).Field("ifc_buf", DecodeContext.FormatAddress((long)entry.ifc_buf)).ToString());
            context.Defer(IoctlArgument.Index);
            return;
        }
        if (context.Failed || context.Arguments[IoctlArgument.Index]?.Value is not StructValue { Source: Ifconf before }
            || !context.TryReadData((ulong)address, out Ifconf after))
            return;
        var text = new StructWriter().Field("ifc_len", before.ifc_buf == 0 || before.ifc_len == after.ifc_len
            ? FormatLength(after.ifc_len) : FormatLength(before.ifc_len) + " => " + FormatLength(after.ifc_len));
        (object? value, Func<StraceRenderer, string> interfaces) = Interfaces(context, after);
        var fields = new KeyValuePair<string, object?>[] { new("ifc_len", (long)after.ifc_len), new("ifc_buf", value) };
        string start = text.ToString()[..^1];
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, new StructValue(Ifconf.TypeName, after, _ => fields),
            render => start + ", ifc_buf=" + interfaces(render) + "}");
    }

    // 80 /* 2 * sizeof(struct ifreq) */, whatever -X says; a length no whole number of them, bare.
    private static string FormatLength(int length) =>
        length > 0 && length % s_ifreqSize == 0
            ? $"{length.ToString(CultureInfo.InvariantCulture)} /* {(length / s_ifreqSize).ToString(CultureInfo.InvariantCulture)} * sizeof(struct ifreq) */"
            : length.ToString(CultureInfo.InvariantCulture);

    // The interfaces the call wrote, each its name and address; none fit a length shorter than one (strace's []
    // whatever -e verbose says), the address when not asked to follow it or when not even the first can be read.
    private static (object? Value, Func<StraceRenderer, string> Text) Interfaces(DecodeContext context, Ifconf conf)
    {
        if (conf.ifc_buf == 0)
            return (DecodeContext.Pointer(0, PointerReason.Null), _ => "NULL");
        long count = Math.Max(conf.ifc_len, 0) / s_ifreqSize;
        if (count == 0)
            return (new ArrayValue([]), _ => "[]");
        string pointer = DecodeContext.FormatAddress((long)conf.ifc_buf);
        if (!context.Dereference)
            return (DecodeContext.Pointer((long)conf.ifc_buf, PointerReason.NotAsked), _ => pointer);
        long shown = context.Abbreviate ? Math.Min(count, context.StringLength) : count;
        byte[]? bytes = context.ReadArray(conf.ifc_buf, shown, s_ifreqSize, out PointerValue? stoppedAt);
        if (bytes is null)
            return (DecodeContext.Pointer((long)conf.ifc_buf, PointerReason.Unreadable), _ => pointer);
        Ifreq[] requests = MemoryMarshal.Cast<byte, Ifreq>(bytes).ToArray();
        List<Part>[] items = [.. requests.Select(r => new List<Part> { NamePart(r), MemberPart(r, Member.Address, "ifr_addr") })];
        bool truncated = shown < count && stoppedAt is null;
        var value = new ArrayValue(items.Select((parts, i) => (object?)new StructValue(Ifreq.TypeName, requests[i],
            _ => parts.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)))), truncated, stoppedAt);
        return (value, render =>
        {
            IEnumerable<string> texts = items.Select(parts => Write(parts, render));
            return StructWriter.Array(truncated ? texts.Append("...") : texts, stoppedAt);
        });
    }

    /// <summary>struct ifreq: an interface's name and the union the request picks a member of, each member at the
    /// union's place (the kernel's macros name them: ifr_flags is ifr_ifru.ifru_flags).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 40)]
    internal struct Ifreq : IKernelStruct<Ifreq>
    {
        [FieldOffset(0)] public InterfaceName ifr_name;
        [FieldOffset(16)] public Sockaddr ifr_addr;
        [FieldOffset(16)] public Sockaddr ifr_dstaddr;
        [FieldOffset(16)] public Sockaddr ifr_broadaddr;
        [FieldOffset(16)] public Sockaddr ifr_netmask;
        [FieldOffset(16)] public Sockaddr ifr_hwaddr;
        [FieldOffset(16)] public short ifr_flags;
        [FieldOffset(16)] public int ifr_ifindex;
        [FieldOffset(16)] public int ifr_metric;
        [FieldOffset(16)] public int ifr_mtu;
        [FieldOffset(16)] public IfMap ifr_map;
        [FieldOffset(16)] public InterfaceName ifr_slave;
        [FieldOffset(16)] public InterfaceName ifr_newname;
        [FieldOffset(16)] public ulong ifr_data;
        [FieldOffset(16)] public int ifr_qlen;

        public static string TypeName => "ifreq";

        // The union read as what a request uses is the decoder's; as a whole, only the name is known.
        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ifr_name", StraceQuoting.Display(StraceQuoting.BeforeNul(ifr_name)))];
    }

    /// <summary>struct ifmap: a device's memory, I/O port, interrupt and DMA channel.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IfMap : IKernelStruct<IfMap>
    {
        public ulong mem_start, mem_end;
        public ushort base_addr;
        public byte irq, dma, port;

        public static string TypeName => "ifmap";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("mem_start", mem_start), new("mem_end", mem_end), new("base_addr", base_addr), new("irq", irq), new("dma", dma),
            new("port", port),
        ];
    }

    /// <summary>struct ifconf: the length of a buffer of struct ifreq and its address (the union ifc_ifcu).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 16)]
    internal struct Ifconf : IKernelStruct<Ifconf>
    {
        [FieldOffset(0)] public int ifc_len;
        [FieldOffset(8)] public ulong ifc_buf;
        [FieldOffset(8)] public ulong ifc_req;

        public static string TypeName => "ifconf";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("ifc_len", (long)ifc_len), new("ifc_buf", DecodeContext.Pointer((long)ifc_buf, PointerReason.NotDecoded))];
    }

    /// <summary>IFNAMSIZ chars.</summary>
    [InlineArray(NameSize)]
    internal struct InterfaceName
    {
        private byte _byte;
    }

    /// <summary>struct sockaddr's 16 bytes: the family and 14 of data.</summary>
    [InlineArray(16)]
    internal struct Sockaddr
    {
        private byte _byte;
    }
}
