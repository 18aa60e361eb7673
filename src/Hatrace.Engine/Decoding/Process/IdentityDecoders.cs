using System.Globalization;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>The calls that read or set a process's ids: the supplementary groups and the real, effective and saved
/// user and group ids, shown as the numbers the kernel read or wrote. i386 has them twice: the calls of its first
/// names take 16-bit ids (old_uid_t), those named ...32 the 32-bit ones x86_64's take.</summary>
internal static class IdentityDecoders
{
    private const int MaxGroups = 65536; // NGROUPS_MAX (include/uapi/linux/limits.h): the kernel takes no more

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("getgroups", DecodeGetgroups),
        ("setgroups", DecodeSetgroups),
        ("getresuid", DecodeGetres),
        ("getresgid", DecodeGetres),
        ("getgroups32", DecodeGetgroups),
        ("setgroups32", DecodeSetgroups),
        ("getresuid32", DecodeGetres),
        ("getresgid32", DecodeGetres),
    ];

    private static string Format(uint id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Format(ushort id) => id.ToString(CultureInfo.InvariantCulture);

    // Whether argument index points to i386's 16-bit ids.
    private static bool HasOldIds(DecodeContext context, int index) => context.Parameters[index].Type.StartsWith("old_", StringComparison.Ordinal);

    private static void SetIds(DecodeContext context, int index, long count)
    {
        if (HasOldIds(context, index))
            NumberArrays.Set<ushort>(context, index, count, Format);
        else
            NumberArrays.Set<uint>(context, index, count, Format);
    }

    /// <summary>getgroups(size, list): as many groups as the result says (with size 0 the kernel writes none, but
    /// strace shows what the list holds all the same).</summary>
    private static void DecodeGetgroups(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(1);
        else if (context.Failed)
            context.SetPointer(1);
        else
            SetIds(context, 1, context.Result);
    }

    /// <summary>setgroups(size, list): the groups given, unless the size is more than the kernel takes.</summary>
    private static void DecodeSetgroups(DecodeContext context)
    {
        if (context.Exiting)
            return;
        long size = context.Signed(0);
        if (size is < 0 or > MaxGroups)
            context.SetPointer(1, PointerReason.NotDecoded);
        else
            SetIds(context, 1, size);
    }

    /// <summary>getresuid and getresgid(real, effective, saved): the three ids written.</summary>
    private static void DecodeGetres(DecodeContext context)
    {
        for (int i = 0; i < 3; i++)
        {
            if (!context.Exiting)
                context.Defer(i);
            else if (context.Failed)
                context.SetPointer(i);
            else if (HasOldIds(context, i))
                context.SetPointee<ushort>(i, id => "[" + Format(id) + "]");
            else
                context.SetPointee<uint>(i, id => "[" + Format(id) + "]");
        }
    }
}
