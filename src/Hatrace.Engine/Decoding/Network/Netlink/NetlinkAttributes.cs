using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>Decodes one attribute's payload, the scope's bytes from <paramref name="start"/> to <paramref name="end"/>;
/// null when the payload is not what the attribute holds (strace prints its bytes in hex then).
/// <paramref name="family"/> is the address family of the message the attribute is in.</summary>
internal delegate NetlinkPart? AttributeDecoder(NetlinkScope scope, int start, int end, int family);

/// <summary>Reads one item of an attribute's array from its bytes.</summary>
internal delegate NetlinkPart ItemReader(ReadOnlySpan<byte> item);

/// <summary>The attributes a message or a nested attribute may hold: their names (<c>IFLA_*</c>; none for attributes
/// strace does not name, whose types print as numbers) and how each one's payload is decoded. An attribute without a
/// decoder prints its payload in hex.</summary>
internal sealed class AttributeSet(NamedValues? types, IReadOnlyDictionary<int, AttributeDecoder> decoders)
{
    internal NamedValues? Types => types;

    internal AttributeDecoder? DecoderOf(int type) => decoders.GetValueOrDefault(type);
}

/// <summary>struct nlattr (include/uapi/linux/netlink.h) lists as strace prints them: each attribute
/// <c>[{nla_len=8, nla_type=IFLA_MTU}, 1500]</c>, one without payload as its header alone; and the decoders of the
/// payloads most attributes hold.</summary>
internal static class NetlinkAttributes
{
    private const int HeaderSize = 4;
    private const int TypeMask = 0x3fff;               // NLA_TYPE_MASK: the type without its two flags
    private const int NestedFlag = 0x8000, ByteOrderFlag = 0x4000; // NLA_F_NESTED, NLA_F_NET_BYTEORDER
    private static readonly FlagSet s_typeFlags = new("netlink_attribute_flags");

    /// <summary>The attributes between <paramref name="start"/> and <paramref name="end"/> of the scope's buffer; bytes too
    /// few for an attribute's header in hex. A length shorter than a header ends the list.</summary>
    internal static NetlinkPart Read(NetlinkScope scope, int start, int end, AttributeSet set, int family)
    {
        var items = new List<NetlinkPart>();
        bool more = false;
        for (long at = start; at < end;)
        {
            int offset = (int)at;
            if (scope.Full(items.Count))
            {
                more = true;
                break;
            }
            if (end - offset < HeaderSize)
            {
                items.Add(NetlinkMessages.Hex(scope.Context, scope.Bytes.AsSpan(offset, end - offset)));
                break;
            }
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(scope.Bytes.AsSpan(offset));
            items.Add(Attribute(scope, offset, Math.Min(length, end - offset), set, family));
            if (length < HeaderSize)
                break;
            at += (length + 3) & ~3;
        }
        return NetlinkScope.List(items, more);
    }

    private static NetlinkPart Attribute(NetlinkScope scope, int at, int length, AttributeSet set, int family)
    {
        StraceRenderer render = scope.Context.Render;
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(scope.Bytes.AsSpan(at + 2));
        int bare = type & TypeMask;
        string typeText = set.Types?.Format(bare, render) ?? DecodeContext.HexOrZero((ulong)bare);
        if (type != bare)
        {
            // Each flag by itself, as strace prints them: 0x8000|0x4000 under -X raw, not 0xc000.
            var flags = new List<string>();
            foreach (int flag in (ReadOnlySpan<int>)[NestedFlag, ByteOrderFlag])
            {
                if ((type & flag) != 0)
                    flags.Add(s_typeFlags.Format(flag, render));
            }
            typeText = string.Join('|', flags) + "|" + typeText;
        }
        var header = new StructWriter("nlattr")
            .Field("nla_len", BinaryPrimitives.ReadUInt16LittleEndian(scope.Bytes.AsSpan(at)))
            .Field("nla_type", set.Types is null ? new ConstantValue(bare, (string?)null) : new ConstantValue(bare, set.Types), typeText);
        var parts = new List<NetlinkPart> { new(header.ToString(), header.Value) };
        if (length > HeaderSize)
        {
            int start = at + HeaderSize, end = at + length;
            parts.Add(set.DecoderOf(bare)?.Invoke(scope, start, end, family) ?? NetlinkMessages.Hex(scope.Context, scope.Slice(start, end)));
        }
        return NetlinkScope.List(parts, more: false);
    }

    /// <summary>Attributes nested in an attribute, of another set.</summary>
    internal static AttributeDecoder Nested(Func<AttributeSet> set) => (scope, start, end, family) => Read(scope, start, end, set(), family);

    /// <summary>Attributes nested in an attribute that names their address family (IFLA_AF_SPEC's AF_INET6).</summary>
    internal static AttributeDecoder Nested(Func<AttributeSet> set, int family) => (scope, start, end, _) => Read(scope, start, end, set(), family);

    /// <summary>A decoder of the payload's bytes alone.</summary>
    internal static AttributeDecoder Of(Func<NetlinkScope, ReadOnlySpan<byte>, int, NetlinkPart?> decode) =>
        (scope, start, end, family) => decode(scope, scope.Slice(start, end), family);

    internal static AttributeDecoder U8 { get; } = Of(U8Of);

    private static NetlinkPart? U8Of(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 1 ? Number(payload[0]) : null;

    internal static AttributeDecoder U16 { get; } = Of(U16Of);

    private static NetlinkPart? U16Of(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 2 ? Number(BinaryPrimitives.ReadUInt16LittleEndian(payload)) : null;

    internal static AttributeDecoder U32 { get; } = Of(U32Of);

    private static NetlinkPart? U32Of(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 4 ? Number(BinaryPrimitives.ReadUInt32LittleEndian(payload)) : null;

    internal static AttributeDecoder S32 { get; } = Of(S32Of);

    private static NetlinkPart? S32Of(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 4 ? Number(BinaryPrimitives.ReadInt32LittleEndian(payload)) : null;

    internal static AttributeDecoder U64 { get; } = Of(U64Of);

    private static NetlinkPart? U64Of(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 8 ? Number(BinaryPrimitives.ReadUInt64LittleEndian(payload)) : null;

    /// <summary>A number of 2 or 4 bytes in hex (IFLA_PROTO_DOWN_REASON's mask and value, IFLA_BRPORT_GROUP_FWD_MASK).</summary>
    internal static AttributeDecoder Hex(int size) => Of((scope, payload, family) => (size, payload.Length) switch
    {
        (2, 2) when BinaryPrimitives.ReadUInt16LittleEndian(payload) is ushort value => new(DecodeContext.HexOrZero(value), value),
        (4, 4) when BinaryPrimitives.ReadUInt32LittleEndian(payload) is uint value => new(DecodeContext.HexOrZero(value), value),
        _ => null,
    });

    private static NetlinkPart Number<T>(T value) where T : IFormattable => new(value.ToString(null, CultureInfo.InvariantCulture), value);

    /// <summary>A string ended by a NUL, as much of it as the string length allows.</summary>
    internal static AttributeDecoder CString { get; } = Of(CStringOf);

    private static NetlinkPart? CStringOf(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        // As many bytes as the string length; when the last of them is a NUL, the bytes before it, whatever they hold
        // (an abstract socket's name starts with a NUL), else all of them and "...", as a string cut short.
        ReadOnlySpan<byte> text = payload[..Math.Min(payload.Length, scope.Context.StringLength)];
        bool terminated = text.Length > 0 && text[^1] == 0;
        if (terminated)
            text = text[..^1];
        return new(scope.Context.Quote(text, !terminated), new StringValue(text.ToArray(), !terminated, unterminated: false));
    }

    /// <summary>An array of unsigned numbers of <paramref name="size"/> bytes (1, 2 or 4): <c>[1, 2, 3]</c>.</summary>
    internal static AttributeDecoder NumberArray(int size) => Of((scope, payload, family) => Items(scope, payload, size, bytes =>
    {
        object value = size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        };
        return new(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), value);
    }));

    /// <summary>A payload that is an array of items <paramref name="size"/> bytes long, each read by
    /// <paramref name="read"/>: as many as the string length unless -v, then <c>...</c>; null when the payload holds
    /// part of one.</summary>
    internal static NetlinkPart? Items(NetlinkScope scope, ReadOnlySpan<byte> payload, int size, ItemReader read)
    {
        if (payload.Length % size != 0)
            return null;
        var items = new List<NetlinkPart>();
        bool more = false;
        for (int at = 0; at < payload.Length; at += size)
        {
            if (scope.Full(items.Count))
            {
                more = true;
                break;
            }
            items.Add(read(payload.Slice(at, size)));
        }
        IEnumerable<string> texts = items.Select(item => item.Text);
        return new(StructWriter.Array(more ? texts.Append("...") : texts), new ArrayValue(items.Select(item => (object?)item.Value), truncated: more, stoppedAt: null));
    }

    /// <summary>A string up to its first NUL, as strace prints a link's kind (IFLA_INFO_KIND), as much of it as the
    /// string length allows.</summary>
    internal static AttributeDecoder CStringToNul { get; } = Of(CStringToNulOf);

    private static NetlinkPart? CStringToNulOf(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        ReadOnlySpan<byte> text = StraceQuoting.BeforeNul(payload);
        bool truncated = text.Length > scope.Context.StringLength;
        if (truncated)
            text = text[..scope.Context.StringLength];
        return new(scope.Context.Quote(text, truncated), new StringValue(text.ToArray(), truncated, unterminated: false));
    }

    /// <summary>A hardware address: <c>02:00:00:ab:cd:ef</c>, a name -X prints beside the bytes in hex.</summary>
    internal static AttributeDecoder HardwareAddress { get; } = Of(HardwareAddressOf);

    private static NetlinkPart? HardwareAddressOf(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        new(Bytes(scope.Context.Render, payload, string.Join(':', payload.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))),
            payload.ToArray());

    /// <summary>A number in network byte order of 2 or 8 bytes, as strace prints one by the call that makes it,
    /// whatever -X says: <c>htons(80)</c>, <c>htobe64(1)</c>.</summary>
    internal static AttributeDecoder BigEndian(int size) => Of((scope, payload, family) => (size, payload.Length) switch
    {
        (2, 2) when BinaryPrimitives.ReadUInt16BigEndian(payload) is ushort port => new($"htons({port})", port),
        (8, 8) when BinaryPrimitives.ReadUInt64BigEndian(payload) is ulong id => new($"htobe64({id})", id),
        _ => null,
    });

    /// <summary>Bytes strace prints by what they mean (<paramref name="name"/>: <c>htons(80)</c>,
    /// <c>inet_addr("127.0.0.1")</c>), as a name: -X raw prints the bytes in hex instead, -X verbose both.</summary>
    internal static string Bytes(StraceRenderer render, ReadOnlySpan<byte> bytes, string name) =>
        render.Format(StraceQuoting.QuoteHex(bytes, truncated: false), name);

    /// <summary>An address of the message's family: <c>inet_addr("127.0.0.1")</c>, <c>inet_pton(AF_INET6, "::1")</c>; a
    /// name -X prints as it prints other names, beside the bytes in hex.</summary>
    internal static AttributeDecoder InetAddress { get; } = Of(InetAddressOf);

    private static NetlinkPart? InetAddressOf(NetlinkScope scope, ReadOnlySpan<byte> payload, int family)
    {
        string? name = (family, payload.Length) switch
        {
            (SocketNames.AfInet, 4) => $"inet_addr(\"{new IPAddress(payload)}\")",
            (SocketNames.AfInet6, 16) => $"inet_pton(AF_INET6, \"{Inet6Text(payload)}\")",
            _ => null,
        };
        return name is null ? null : new(Bytes(scope.Context.Render, payload, name), new IPAddress(payload));
    }

    /// <summary>An IPv6 address as glibc's inet_ntop writes it, which strace prints: an IPv4 address mapped or
    /// embedded in one in dotted form, <c>::ffff:0.0.0.0</c>, where .NET writes <c>::ffff:0:0</c>.</summary>
    internal static string Inet6Text(ReadOnlySpan<byte> address)
    {
        if (address[..10].IndexOfAnyExcept((byte)0) < 0)
        {
            string v4 = new IPAddress(address[12..]).ToString();
            ushort high = BinaryPrimitives.ReadUInt16BigEndian(address[12..]), low = BinaryPrimitives.ReadUInt16BigEndian(address[14..]);
            if (address[10] == 0xff && address[11] == 0xff)
                return "::ffff:" + v4;
            // ::1 and :: stay as they are: inet_ntop embeds an address only where the zeros end before its last word.
            if (address[10] == 0 && address[11] == 0 && (high != 0 || low > 1))
                return "::" + v4;
        }
        return new IPAddress(address).ToString();
    }

    /// <summary>A network interface's index: <c>if_nametoindex("lo")</c>, its number when no interface has it.</summary>
    internal static AttributeDecoder InterfaceIndex { get; } = Of(InterfaceIndexOf);

    private static NetlinkPart? InterfaceIndexOf(NetlinkScope scope, ReadOnlySpan<byte> payload, int family) =>
        payload.Length == 4 ? FormatInterfaceIndex(scope.Context, BinaryPrimitives.ReadUInt32LittleEndian(payload)) : null;

    /// <summary>An interface index as strace prints one, named by the tracer's network namespace: a name -X prints
    /// as it prints other names (<c>1 /* if_nametoindex("lo") */</c> with -X verbose).</summary>
    internal static NetlinkPart FormatInterfaceIndex(DecodeContext context, uint index) =>
        InterfaceIndexName(index) is string name
            ? new(context.Render.Format(index.ToString(CultureInfo.InvariantCulture), name), index)
            : Number(index);

    /// <summary>The name strace gives an interface index, <c>if_nametoindex("lo")</c>, by the tracer's network
    /// namespace; null for 0 and an index no interface has.</summary>
    internal static unsafe string? InterfaceIndexName(uint index)
    {
        byte* name = stackalloc byte[Interop.Libc.IF_NAMESIZE];
        if (index == 0 || Interop.Libc.IfIndextoname(index, name) == null)
            return null;
        // Quoted here, not by the renderer: the whole call is the name, and an interface's name is plain ASCII.
        string quoted = StraceQuoting.Quote(StraceQuoting.BeforeNul(new ReadOnlySpan<byte>(name, Interop.Libc.IF_NAMESIZE)), truncated: false);
        return $"if_nametoindex({quoted})";
    }

    /// <summary>A value named by <paramref name="names"/>, of <paramref name="size"/> bytes (1 or 4).</summary>
    internal static AttributeDecoder Named(NamedValues names, int size = 4) => Of((scope, payload, family) =>
        payload.Length == size && (size == 1 ? payload[0] : BinaryPrimitives.ReadUInt32LittleEndian(payload)) is uint value
            ? new(names.Format(value, scope.Context.Render), new ConstantValue(value, names))
            : null);

    /// <summary>A time in the kernel's USER_HZ ticks (100 a second), 4 or 8 bytes, as strace prints a clock_t: the
    /// seconds beside it in a comment, <c>100 /* 1.00 s */</c>, but under -X raw.</summary>
    internal static AttributeDecoder ClockTicks(int size) => Of((scope, payload, family) =>
    {
        if (payload.Length != size)
            return null;
        ulong ticks = size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(payload) : BinaryPrimitives.ReadUInt32LittleEndian(payload);
        string number = ticks.ToString(CultureInfo.InvariantCulture);
        string seconds = string.Create(CultureInfo.InvariantCulture, $"{ticks / 100}.{ticks % 100:D2} s");
        return new(ticks == 0 ? number : scope.Context.Render.Unnamed(number, seconds), ticks);
    });

    /// <summary>A 16-bit value named by <paramref name="names"/>, read from the first two bytes of a payload however long
    /// it is, as strace reads TLS_INFO_VERSION's and NHA_GROUP_TYPE's.</summary>
    internal static AttributeDecoder Named16(NamedValues names) => Of((scope, payload, family) =>
        payload.Length >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(payload) is ushort value
            ? new(names.Format(value, scope.Context.Render), new ConstantValue(value, names))
            : null);

    /// <summary>A mask of <paramref name="flags"/>, 32 bits or a byte; a byte mask is the payload's first byte, as strace
    /// reads one from a longer payload too, and so is a 32-bit one when <paramref name="firstOfLonger"/> (an action's
    /// struct nla_bitfield32, of which strace prints the value alone).</summary>
    internal static AttributeDecoder Flags(FlagSet flags, int size = 4, bool firstOfLonger = false) => Of((scope, payload, family) =>
        (size, payload.Length) switch
        {
            (4, 4) => BinaryPrimitives.ReadUInt32LittleEndian(payload),
            (4, > 4) when firstOfLonger => BinaryPrimitives.ReadUInt32LittleEndian(payload),
            (1, >= 1) => payload[0],
            _ => (uint?)null,
        } is uint value
            ? new(flags.Format(value, scope.Context.Render), new FlagsValue(value, flags))
            : null);

    /// <summary>A structure of unsigned fields of one size (4 or 8 bytes), named in order: the fields the payload holds
    /// whole, when it holds them all.</summary>
    internal static AttributeDecoder Numbers(string typeName, int size, params string[] fields) =>
        Numbers(typeName, [.. fields.Select(f => (f, size))]);

    /// <summary>A structure of unsigned fields of 1, 2, 4 or 8 bytes (struct tc_stats's bytes then packets), each at its
    /// natural alignment as the C compiler puts it; null when the payload does not hold them all.</summary>
    internal static AttributeDecoder Numbers(string typeName, params (string Name, int Size)[] fields) => Of((scope, payload, family) =>
    {
        var offsets = new int[fields.Length];
        int end = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            offsets[i] = (end + fields[i].Size - 1) & ~(fields[i].Size - 1);
            end = offsets[i] + fields[i].Size;
        }
        if (payload.Length < end)
            return null;
        var writer = new StructWriter(typeName);
        for (int i = 0; i < fields.Length; i++)
        {
            ReadOnlySpan<byte> field = payload[offsets[i]..];
            ulong value = fields[i].Size switch
            {
                8 => BinaryPrimitives.ReadUInt64LittleEndian(field),
                2 => BinaryPrimitives.ReadUInt16LittleEndian(field),
                1 => field[0],
                _ => BinaryPrimitives.ReadUInt32LittleEndian(field),
            };
            object boxed = fields[i].Size switch { 8 => value, 2 => (ushort)value, 1 => (byte)value, _ => (object)(uint)value };
            writer.Field(fields[i].Name, boxed, value.ToString(CultureInfo.InvariantCulture));
        }
        return new(writer.ToString(), writer.Value);
    });

    /// <summary>A structure of numbers as its declaration lays it out, each field printed in decimal as its C type
    /// (signed or not) prints; null when the payload is shorter.</summary>
    internal static AttributeDecoder Numbers<[DynamicallyAccessedMembers(KernelLayout.Members)] T>() where T : struct, IKernelStruct<T> =>
        Of((scope, payload, family) =>
        {
            if (payload.Length < Unsafe.SizeOf<T>())
                return null;
            T value = MemoryMarshal.Read<T>(payload);
            var writer = new StructWriter(T.TypeName);
            foreach ((string name, object? field) in value.Fields())
                writer.Field(name, field, ((IFormattable)field!).ToString(null, CultureInfo.InvariantCulture));
            return new(writer.ToString(), StructValue.Of(value));
        });

    /// <summary>An array of numbers of <paramref name="size"/> bytes (4 or 8) indexed by <paramref name="names"/>, as
    /// strace prints one: <c>[[SK_MEMINFO_RMEM_ALLOC]=0, [SK_MEMINFO_RCVBUF]=131072, ...]</c>, an index without a name
    /// with its hint.</summary>
    internal static AttributeDecoder IndexedNumbers(NamedValues names, int size = 4, bool signed = false) => Of((scope, payload, family) =>
    {
        if (payload.Length % size != 0)
            return null;
        var items = new List<string>();
        var values = new List<object?>();
        int count = payload.Length / size;
        bool more = false;
        for (int i = 0; i < count; i++)
        {
            if (scope.Full(i))
            {
                more = true;
                break;
            }
            ReadOnlySpan<byte> item = payload[(i * size)..];
            object value = (size, signed) switch
            {
                (8, _) => BinaryPrimitives.ReadUInt64LittleEndian(item),
                (_, true) => BinaryPrimitives.ReadInt32LittleEndian(item),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(item),
            };
            items.Add($"[{names.FormatDecimal(i, scope.Context.Render)}]={((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)}");
            values.Add(value);
        }
        return new("[" + string.Join(", ", more ? items.Append("...") : items) + "]", new ArrayValue(values, truncated: more, stoppedAt: null));
    });
}
