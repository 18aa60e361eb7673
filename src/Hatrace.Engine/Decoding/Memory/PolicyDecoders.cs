using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Memory;

/// <summary>The NUMA memory policy calls: mbind, set_mempolicy, get_mempolicy, move_pages and migrate_pages. A mode prints with its
/// flags (<c>MPOL_BIND|MPOL_F_STATIC_NODES</c>), a node mask as the words it holds (<c>[0x00000000000003]</c>).</summary>
internal static class PolicyDecoders
{
    private const long ModeFlags = 0x8000 | 0x4000 | 0x2000; // MPOL_MODE_FLAGS (include/uapi/linux/mempolicy.h)
    private const int BitsPerWord = 64;

    private static readonly NamedValues s_modes = new("mempolicy_modes", "MPOL_???");
    private static readonly FlagSet s_modeFlags = new("mempolicy_mode_flags");
    private static readonly FlagSet s_getFlags = new("get_mempolicy_flags", "MPOL_???");
    private static readonly FlagSet s_mbindFlags = new("mbind_flags", "MPOL_???");
    private static readonly FlagSet s_movePagesFlags = new("move_pages_flags", "MPOL_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("mbind", DecodeMbind),
        ("set_mempolicy", DecodeSetMempolicy),
        ("get_mempolicy", DecodeGetMempolicy),
        ("move_pages", DecodeMovePages),
        ("migrate_pages", DecodeMigratePages),
        ("set_mempolicy_home_node", context =>
        {
            // (start, len, home_node, flags): the flags, none defined yet, in hex.
            if (context.Exiting)
                return;
            MappingDecoders.SetAddress(context, 0);
            context.SetHexOrZero(3);
        }),
    ];

    /// <summary>mbind(start, len, mode, nodemask, maxnode, flags).</summary>
    private static void DecodeMbind(DecodeContext context)
    {
        if (context.Exiting || context.WordSize != 8)
            return; // inputs only, read in x86_64's layout (on i386 the kinds print the addresses)
        MappingDecoders.SetAddress(context, 0);
        SetMode(context, 2);
        SetNodeMask(context, 3, context.Unsigned(4));
        context.SetFlags(5, s_mbindFlags);
    }

    /// <summary>set_mempolicy(mode, nodemask, maxnode).</summary>
    private static void DecodeSetMempolicy(DecodeContext context)
    {
        if (context.Exiting || context.WordSize != 8)
            return; // inputs only, read in x86_64's layout (on i386 the kinds print the addresses)
        SetMode(context, 0);
        SetNodeMask(context, 1, context.Unsigned(2));
    }

    /// <summary>get_mempolicy(mode, nodemask, maxnode, addr, flags): the mode and mask the kernel wrote.</summary>
    private static void DecodeGetMempolicy(DecodeContext context)
    {
        if (context.WordSize != 8)
            return; // x86_64's layout only: the kinds print the addresses
        if (!context.Exiting)
        {
            context.Defer(0);
            context.Defer(1);
            context.SetPointer(3, PointerReason.NotDecoded);
            context.SetFlags(4, s_getFlags);
        }
        else if (context.Failed)
        {
            context.SetPointer(0);
            context.SetPointer(1);
        }
        else
        {
            context.SetPointee<int>(0, (mode, render) => "[" + s_modes.Format(mode, render) + "]");
            SetNodeMask(context, 1, context.Unsigned(2));
        }
    }

    /// <summary>migrate_pages(pid, maxnode, old_nodes, new_nodes): two node masks of the same length.</summary>
    private static void DecodeMigratePages(DecodeContext context)
    {
        if (context.Exiting || context.WordSize != 8)
            return; // inputs only, read in x86_64's layout (on i386 the kinds print the addresses)
        SetNodeMask(context, 2, context.Unsigned(1));
        SetNodeMask(context, 3, context.Unsigned(1));
    }

    /// <summary>move_pages(pid, count, pages, nodes, status, flags): the pages' addresses, the nodes asked for, and at
    /// exit each page's node or the error that kept it (<c>-ENOENT</c>).</summary>
    private static void DecodeMovePages(DecodeContext context)
    {
        if (context.WordSize != 8)
            return; // x86_64's layout only: the kinds print the addresses
        long count = (long)context.Unsigned(1);
        if (!context.Exiting)
        {
            NumberArrays.Set<ulong>(context, 2, count, page => DecodeContext.FormatAddress((long)page));
            NumberArrays.Set<int>(context, 3, count, node => node.ToString(CultureInfo.InvariantCulture));
            context.Defer(4);
            context.SetFlags(5, s_movePagesFlags);
        }
        else if (context.Failed)
            context.SetPointer(4);
        else
            NumberArrays.Set<int>(context, 4, count, FormatStatus);
    }

    private static string FormatStatus(int status, StraceRenderer render) =>
        status < 0 && Errno.GetName(-status) is string name ? render.Value(status, "-" + name) : status.ToString(CultureInfo.InvariantCulture);

    /// <summary>A mode: the policy by name, then its flags; the policy in hex after them when it has no name.</summary>
    private static void SetMode(DecodeContext context, int index)
    {
        long mode = (long)context.Unsigned(index);
        long flags = mode & ModeFlags, policy = mode & ~ModeFlags;
        string? name = s_modes.NameOf(policy);
        (IReadOnlyList<string> flagNames, _) = s_modeFlags.Split(flags);
        var value = new FlagsValue(mode, name is null ? flagNames : [name, .. flagNames], name is null ? policy : 0);
        context.Set(index, ArgumentKind.UInt, value, render => FormatMode(mode, render));
    }

    private static string FormatMode(long mode, StraceRenderer render)
    {
        long flags = mode & ModeFlags, policy = mode & ~ModeFlags;
        if (flags == 0)
            return s_modes.Format(policy, render);
        string? name = s_modes.NameOf(policy);
        var text = new StringBuilder(name);
        s_modeFlags.AppendPart(text, flags);
        if (name is null)
            text.Append('|').Append(DecodeContext.Hex((ulong)policy));
        return render.Flags(mode, text.ToString());
    }

    /// <summary>A node mask of <paramref name="maxnode"/> bits, which the kernel reads as one fewer (get_nodes in
    /// mm/mempolicy.c): each word as C's <c>%#016lx</c> prints it; its address when it holds no word.</summary>
    private static void SetNodeMask(DecodeContext context, int index, ulong maxnode)
    {
        ulong words = maxnode == 0 ? 0 : (maxnode - 1 + BitsPerWord - 1) / BitsPerWord;
        if (maxnode != 0 && words == 0)
            context.SetPointer(index, PointerReason.NotDecoded);
        else
            NumberArrays.Set<ulong>(context, index, (long)Math.Min(words, int.MaxValue), FormatWord);
    }

    private static string FormatWord(ulong word) => word == 0 ? new string('0', 16) : "0x" + word.ToString("x14", CultureInfo.InvariantCulture);
}
