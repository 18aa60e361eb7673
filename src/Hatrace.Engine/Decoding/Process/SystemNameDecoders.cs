using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>sethostname and setdomainname: the name as the <c>len</c> bytes the kernel copies (<c>"box"</c>), its address
/// when the length is more than a name may hold, as the kernel then reads nothing.</summary>
internal static class SystemNameDecoders
{
    private const ulong NameMax = 64; // __NEW_UTS_LEN, include/uapi/linux/utsname.h

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("sethostname", DecodeSetName),
        ("setdomainname", DecodeSetName),
    ];

    // strace prints the int length unsigned: -1 reads 4294967295.
    private static void DecodeSetName(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetUInt(1);
        if (context.Unsigned(1) > NameMax || context.Raw(0) == 0)
            context.SetPointer(0, PointerReason.NotDecoded);
        else
            context.SetBuffer(0, (long)context.Unsigned(1));
    }
}
