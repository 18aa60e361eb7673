using System.Buffers.Binary;
using System.Text;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Network.Netlink;

/// <summary>NETLINK_GENERIC's message types: families the kernel numbers as they register, named as strace names them
/// (<c>nlctrl</c>, <c>nl80211</c>) by asking the kernel's controller for every family (CTRL_CMD_GETFAMILY,
/// include/uapi/linux/genetlink.h). Their payloads print in hex, as strace 6.1 prints them.</summary>
internal static class GenericFamilies
{
    private const int NetlinkGeneric = 16;
    private const ushort Controller = 0x10;                    // GENL_ID_CTRL
    private const byte GetFamily = 3, ControllerVersion = 1;   // CTRL_CMD_GETFAMILY
    private const ushort FamilyId = 1, FamilyName = 2;         // CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME
    private const int GenericHeaderSize = 4;                   // struct genlmsghdr

    private static readonly Lock s_lock = new();
    private static readonly Dictionary<long, string> s_names = [];
    private static readonly HashSet<long> s_asked = [];

    internal static MessageTypes Types { get; } = new(new FamilyNames(), Format);

    private sealed class FamilyNames : IConstantNames
    {
        public string? NameOf(long value) => NameOfFamily(value);
    }

    private static string Format(long type, StraceRenderer render) =>
        NameOfFamily(type) is string name ? render.Value(type, name) : render.Unnamed(type, "NLMSG_???");

    // The kernel is asked again for a number it did not name before (a family registered since, as a module loads),
    // once per number.
    private static string? NameOfFamily(long id)
    {
        lock (s_lock)
        {
            if (!s_names.ContainsKey(id) && s_asked.Add(id))
                AskTheKernel();
            return s_names.GetValueOrDefault(id);
        }
    }

    private static void AskTheKernel()
    {
        ReadOnlySpan<byte> request = [GetFamily, ControllerVersion, 0, 0];
        Descriptors.SocketDiagnostics.Dump(NetlinkGeneric, Controller, request, payload =>
        {
            long? id = null;
            string? name = null;
            for (int at = GenericHeaderSize; at + 4 <= payload.Length;)
            {
                int length = BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]);
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(payload[(at + 2)..]);
                if (length < 4 || at + length > payload.Length)
                    break;
                ReadOnlySpan<byte> value = payload.Slice(at + 4, length - 4);
                if (type == FamilyId && value.Length >= 2)
                    id = BinaryPrimitives.ReadUInt16LittleEndian(value);
                else if (type == FamilyName)
                    name = Encoding.ASCII.GetString(StraceQuoting.BeforeNul(value));
                at += (length + 3) & ~3;
            }
            if (id is long known && name is not null)
                s_names[known] = name;
            return false;
        });
    }
}
