using System.Buffers.Binary;
using System.Globalization;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_NETFILTER's messages (include/uapi/linux/netfilter/nfnetlink.h): a type is a subsystem in its high
/// byte and that subsystem's message in its low byte (<c>NFNL_SUBSYS_CTNETLINK&lt;&lt;8|IPCTNL_MSG_CT_GET</c>); the
/// payload a struct nfgenmsg, then attributes whose types strace does not name. Batch messages
/// (NFNL_MSG_BATCH_BEGIN...) hold a nfgenmsg and bytes.</summary>
internal static class NetfilterMessages
{
    private const int NfgenmsgSize = 4;
    private const int Nftables = 10;                         // NFNL_SUBSYS_NFTABLES
    private const int Version0 = 0;                          // NFNETLINK_V0

    private static readonly NamedValues s_subsystems = new("nfnl_subsystems", "NFNL_SUBSYS_???");
    private static readonly NamedValues s_batchTypes = new("nfnl_batch_types", "NFNL_MSG_???");

    // Each subsystem's messages, by subsystem.
    private static readonly NamedValues?[] s_messages =
    [
        null,
        new("nf_ctnetlink_types", "IPCTNL_MSG_CT_???"),
        new("nf_ctnetlink_exp_types", "IPCTNL_MSG_EXP_???"),
        new("nf_queue_types", "NFQNL_MSG_???"),
        new("nf_ulog_types", "NFULNL_MSG_???"),
        new("nf_osf_types", "OSF_MSG_???"),
        new("nf_ipset_types", "IPSET_CMD_???"),
        new("nf_acct_types", "NFNL_MSG_ACCT_???"),
        new("nf_cttimeout_types", "IPCTNL_MSG_TIMEOUT_???"),
        new("nf_cthelper_types", "NFNL_MSG_CTHELPER_???"),
        new("nf_tables_types", "NFT_MSG_???"),
        new("nf_compat_types", "NFNL_MSG_COMPAT_???"),
    ];

    private static readonly AttributeSet s_attributes = new(null, new Dictionary<int, AttributeDecoder>());

    /// <summary>The types by name: <c>NFNL_SUBSYS_CTNETLINK&lt;&lt;8|IPCTNL_MSG_CT_GET</c>, null where a part has no name.</summary>
    internal static MessageTypes Types { get; } = new(new TypeNames(), Format);

    private sealed class TypeNames : IConstantNames
    {
        public string? NameOf(long value) =>
            s_batchTypes.NameOf(value) ?? (s_subsystems.NameOf(value >> 8) is string subsystem && MessagesOf(value)?.NameOf(value & 0xff) is string message
                ? subsystem + "<<8|" + message
                : null);
    }

    private static NamedValues? MessagesOf(long type) => (type >> 8) is long subsystem && subsystem < s_messages.Length ? s_messages[subsystem] : null;

    // Each part printed as -X asks, a part without a name as its number with the hint of its table.
    private static string Format(long type, StraceRenderer render)
    {
        if (s_batchTypes.NameOf(type) is string batch)
            return render.Value(type, batch);
        long subsystem = type >> 8, message = type & 0xff;
        return s_subsystems.Format(subsystem, render) + "<<8|" + (MessagesOf(type)?.Format(message, render) ?? DecodeContext.HexOrZero((ulong)message));
    }

    /// <summary>The name of a type's message within its subsystem (<c>IPCTNL_MSG_CT_GET</c>); null when it has none.</summary>
    internal static string? MessageName(ushort type) => MessagesOf(type)?.NameOf(type & 0xff);

    /// <summary>The payload of a message of <paramref name="type"/>: its struct nfgenmsg, then its attributes.</summary>
    internal static IEnumerable<NetlinkPart> Payload(NetlinkScope scope, ushort type, int start, int end)
    {
        ReadOnlySpan<byte> payload = scope.Slice(start, end);
        if (payload.Length < NfgenmsgSize)
            return [NetlinkMessages.Hex(scope.Context, payload)];
        StraceRenderer render = scope.Context.Render;
        ushort resource = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        string resourceText = $"htons({resource.ToString(CultureInfo.InvariantCulture)})";
        // An nftables message's resource is a subsystem: NFNL_SUBSYS_NFTABLES for a batch of them, the one strace names
        // (any other prints as its number). -X raw prints the field as it lies in memory then.
        if (type >> 8 == Nftables && resource == Nftables && s_subsystems.NameOf(resource) is string subsystem)
            resourceText = render.Format(DecodeContext.HexOrZero(BinaryPrimitives.ReadUInt16LittleEndian(payload[2..])), $"htons({subsystem})");
        var writer = new StructWriter("nfgenmsg")
            .Field("nfgen_family", SocketNames.FamilyValue(payload[0]), SocketNames.Family(payload[0], render))
            .Field("version", payload[1], payload[1] == Version0 ? render.Value(Version0, "NFNETLINK_V0") : payload[1].ToString(CultureInfo.InvariantCulture))
            .Field("res_id", resource, resourceText);
        var parts = new List<NetlinkPart> { new(writer.ToString(), writer.Value) };
        int rest = start + NfgenmsgSize;
        if (rest < end)
            parts.Add(s_batchTypes.NameOf(type) is null
                ? NetlinkAttributes.Read(scope, rest, end, s_attributes, payload[0])
                : NetlinkMessages.Hex(scope.Context, scope.Slice(rest, end)));
        return parts;
    }
}
