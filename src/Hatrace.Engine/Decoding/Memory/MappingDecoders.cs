using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Memory;

/// <summary>Calls that map, move and unmap memory. Addresses print in hex, lengths in decimal, and calls that
/// return an address show it in hex, as strace prints them.</summary>
internal static class MappingDecoders
{
    private const long MapTypeMask = 0x0f;           // MAP_TYPE
    private const int MapHugeShift = 26;             // MAP_HUGE_SHIFT
    private const long MapHugeMask = 0x3fL << MapHugeShift;
    private const long RemapFixed = 2;               // MREMAP_FIXED: only then is new_addr read
    private const long PageSize = 4096;              // the unit of mmap2's offset on i386, whatever the page size

    private static readonly FlagSet s_protections = new("mmap_prot", "PROT_???");
    private static readonly NamedValues s_mapTypes = new("mmap_types", "MAP_???");
    private static readonly FlagSet s_mapFlags = new("mmap_flags", "MAP_???");
    private static readonly FlagSet s_remapFlags = new("mremap_flags", "MREMAP_???");
    private static readonly FlagSet s_keyRights = new("pkey_access_rights", "PKEY_???");

    /// <summary>The whole memory family: this file's calls, <see cref="LockingDecoders"/>,
    /// <see cref="ProcessMemoryDecoders"/>, <see cref="PolicyDecoders"/> and <see cref="LdtDecoders"/>.</summary>
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("mmap", context => DecodeMmap(context, offsetUnit: 1)),
        ("mmap2", context => DecodeMmap(context, offsetUnit: PageSize)),
        ("brk", DecodeBrk),
        ("mremap", DecodeMremap),
        ("munmap", context => SetAddress(context, 0)),
        ("mprotect", DecodeMprotect),
        ("pkey_mprotect", DecodeMprotect),
        ("pkey_alloc", context =>
        {
            if (context.Exiting)
                return;
            context.SetHexOrZero(0);
            context.SetFlags(1, s_keyRights);
        }),
        ("remap_file_pages", DecodeRemapFilePages),
        .. LockingDecoders.All,
        .. ProcessMemoryDecoders.All,
        .. PolicyDecoders.All,
        .. LdtDecoders.All,
    ];

    /// <summary>mmap(addr, length, prot, flags, fd, offset), and i386's mmap2, whose offset counts pages: the offset in
    /// bytes, in hex.</summary>
    private static void DecodeMmap(DecodeContext context, long offsetUnit)
    {
        if (context.Exiting)
        {
            DecodeAddressResult(context);
            return;
        }
        if (context.Call.Name == "mmap" && context.WordSize != 8)
            return; // i386's old mmap takes a pointer to its arguments
        SetAddress(context, 0);
        SetProtection(context, 2);
        long flags = (uint)context.Raw(3); // the kernel reads the flags as an int
        context.Set(3, ArgumentKind.UInt, MapFlagsValue(flags), FormatMapFlags(flags, context.Render));
        int fd = (int)context.Raw(4); // an int to the C library, so the register's upper half is not the sign
        context.Set(4, ArgumentKind.Fd, (long)fd, fd.ToString(CultureInfo.InvariantCulture));
        long offset = context.Raw(5) * offsetUnit;
        context.Set(5, ArgumentKind.UInt, offset, DecodeContext.HexOrZero((ulong)offset));
    }

    /// <summary>The flags by name, the mapping type's first; the huge page size's bits are left in the number.</summary>
    private static FlagsValue MapFlagsValue(long flags)
    {
        (IReadOnlyList<string> names, long unknown) = s_mapFlags.Split(flags & ~MapTypeMask & ~MapHugeMask);
        unknown |= flags & MapHugeMask;
        return s_mapTypes.NameOf(flags & MapTypeMask) is string type
            ? new FlagsValue(flags, [type, .. names], unknown)
            : new FlagsValue(flags, names, unknown | (flags & MapTypeMask));
    }

    /// <summary>The mapping type, then the flags, then the huge page size as <c>21&lt;&lt;MAP_HUGE_SHIFT</c>.</summary>
    internal static string FormatMapFlags(long flags, StraceRenderer render)
    {
        var text = new StringBuilder(s_mapTypes.Name(flags & MapTypeMask));
        s_mapFlags.AppendPart(text, flags & ~MapTypeMask & ~MapHugeMask);
        long hugeSize = (flags & MapHugeMask) >> MapHugeShift;
        if (hugeSize != 0)
            text.Append('|').Append(hugeSize.ToString(CultureInfo.InvariantCulture)).Append("<<MAP_HUGE_SHIFT");
        return render.Flags(flags, text.ToString());
    }

    internal static string FormatProtection(long prot, StraceRenderer render) => s_protections.Format(prot, render);

    private static void DecodeMprotect(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetAddress(context, 0);
        SetProtection(context, 2);
    }

    /// <summary>remap_file_pages(start, size, prot, pgoff, flags): prot and flags as mmap's.</summary>
    private static void DecodeRemapFilePages(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetAddress(context, 0);
        SetProtection(context, 2);
        long flags = (uint)context.Raw(4);
        context.Set(4, ArgumentKind.UInt, MapFlagsValue(flags), FormatMapFlags(flags, context.Render));
    }

    /// <summary>mremap(old_address, old_size, new_size, flags, new_address): the new address only with MREMAP_FIXED.</summary>
    private static void DecodeMremap(DecodeContext context)
    {
        if (context.Exiting)
        {
            DecodeAddressResult(context);
            return;
        }
        SetAddress(context, 0);
        long flags = context.Raw(3);
        context.Set(3, ArgumentKind.UInt, new FlagsValue(flags, s_remapFlags), s_remapFlags.Format(flags, context.Render));
        if ((flags & RemapFixed) != 0)
            SetAddress(context, 4);
        else
            context.ShownCount = 4;
    }

    private static void DecodeBrk(DecodeContext context)
    {
        if (!context.Exiting)
            SetAddress(context, 0);
        DecodeAddressResult(context);
    }

    // An address in hex, 0 as 0: strace prints a result as C's %#lx, not as the NULL of an argument.
    private static void DecodeAddressResult(DecodeContext context)
    {
        if (context.Exiting && !context.Failed)
            context.SetResultText(DecodeContext.HexOrZero((ulong)context.Result));
    }

    private static void SetProtection(DecodeContext context, int index)
    {
        long prot = context.Raw(index);
        context.Set(index, ArgumentKind.UInt, new FlagsValue(prot, s_protections), FormatProtection(prot, context.Render));
    }

    /// <summary>An address passed as an integer: hex, or NULL.</summary>
    internal static void SetAddress(DecodeContext context, int index)
    {
        if (!context.Exiting)
            context.SetPointer(index, PointerReason.NotDecoded);
    }
}
