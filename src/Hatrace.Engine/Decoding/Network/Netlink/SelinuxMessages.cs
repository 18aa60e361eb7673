using System.Buffers.Binary;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_SELINUX's messages (include/uapi/linux/selinux_netlink.h): the enforcing mode set
/// (struct selnl_msg_setenforce) and a policy loaded (struct selnl_msg_policyload).</summary>
internal static class SelinuxMessages
{
    private const ushort SetEnforce = 0x10, PolicyLoad = 0x11;   // SELNL_MSG_SETENFORCE, SELNL_MSG_POLICYLOAD

    internal static MessageTypes Types { get; } = MessageTypes.Of(new("selinux_netlink_types", "SELNL_MSG_???"));

    /// <summary>The payload of a message of <paramref name="type"/>: its structure, or its bytes for other types.</summary>
    internal static IEnumerable<NetlinkPart> Payload(NetlinkScope scope, ushort type, int start, int end)
    {
        ReadOnlySpan<byte> payload = scope.Slice(start, end);
        if (payload.Length < 4 || type is not (SetEnforce or PolicyLoad))
            return [NetlinkMessages.Hex(scope.Context, payload)];
        StructWriter writer = type == SetEnforce
            ? new StructWriter("selnl_msg_setenforce").Field("val", BinaryPrimitives.ReadInt32LittleEndian(payload))
            : new StructWriter("selnl_msg_policyload").Field("seqno", BinaryPrimitives.ReadUInt32LittleEndian(payload));
        return [new(writer.ToString(), writer.Value)];
    }
}
