using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>Mounting: mount's MS_* flags and the type and data it reads only for the kinds of mount that read them, and
/// the new mount API's flags (fsopen, fspick, open_tree, move_mount, mount_setattr), mount_setattr's struct mount_attr,
/// and fsconfig's commands, whose key, value and aux print as each command reads them.</summary>
internal static class MountDecoders
{
    private const long MagicMask = 0xffff0000, Magic = 0xC0ED0000; // MS_MGC_MSK, MS_MGC_VAL
    private const long Remount = 32, Bind = 4096, Move = 8192;
    private const long Propagation = 0x20000 | 0x40000 | 0x80000 | 0x100000; // MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE|MS_SHARED

    private static readonly FlagSet s_mountFlags = new("mount_flags", "MS_???");
    private static readonly FlagSet s_fsopenFlags = new("fsopen_flags", "FSOPEN_???");
    private static readonly FlagSet s_fspickFlags = new("fspick_flags", "FSPICK_???");
    private static readonly FlagSet s_openTreeFlags = new("open_tree_flags", "OPEN_TREE_???");
    private static readonly FlagSet s_moveMountFlags = new("move_mount_flags", "MOVE_MOUNT_???");
    private static readonly FlagSet s_atFlags = new("at_flags", "AT_???");
    private static readonly NamedValues s_fsconfigCommands = new("fsconfig_commands", "FSCONFIG_???");
    private static readonly FlagSet s_attrFlags = new("mount_attr_flags", "MOUNT_ATTR_???");
    private static readonly NamedValues s_propagation = new("mount_propagation", "MS_???");
    private static readonly FlagSet s_fsmountFlags = new("fsmount_flags", "FSMOUNT_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("mount", DecodeMount),
        ("fsopen", context => SetFlags(context, 1, s_fsopenFlags)),
        ("fspick", context => SetFlags(context, 2, s_fspickFlags)),
        ("open_tree", context => SetFlags(context, 2, s_openTreeFlags)),
        ("move_mount", context => SetFlags(context, 4, s_moveMountFlags)),
        ("mount_setattr", DecodeMountSetattr),
        ("fsmount", context =>
        {
            SetFlags(context, 1, s_fsmountFlags);
            SetFlags(context, 2, s_attrFlags);
        }),
        ("fsconfig", DecodeFsconfig),
    ];

    private static void SetFlags(DecodeContext context, int index, FlagSet flags)
    {
        if (!context.Exiting)
            context.SetFlags(index, flags);
    }

    // The kernel reads the type only to make a new mount, and the data only for that and a remount.
    private static void DecodeMount(DecodeContext context)
    {
        if (context.Exiting)
            return;
        long flags = context.Raw(3);
        context.Set(3, ArgumentKind.UInt, MountFlagsValue(flags), MountFlagsText(flags, context.Render));
        bool other = (flags & (Bind | Move | Propagation)) != 0;
        if ((flags & Remount) == 0 && !other)
            context.SetString(2);
        if ((flags & Remount) != 0 || !other)
            context.SetString(4);
    }

    // MS_MGC_VAL in the high half prints by its name, and the bits above the low half go with it.
    private static FlagsValue MountFlagsValue(long flags)
    {
        if ((flags & MagicMask) != Magic)
            return new FlagsValue(flags, s_mountFlags);
        (IReadOnlyList<string> names, long unknown) = s_mountFlags.Split(flags & 0xffff);
        return new FlagsValue(flags, names.Prepend("MS_MGC_VAL").ToArray(), unknown);
    }

    private static string MountFlagsText(long flags, StraceRenderer render)
    {
        if ((flags & MagicMask) != Magic)
            return s_mountFlags.Format(flags, render);
        long rest = flags & 0xffff;
        return render.Flags(flags, rest == 0 ? "MS_MGC_VAL" : "MS_MGC_VAL|" + s_mountFlags.Names(rest));
    }

    /// <summary>struct mount_attr (include/uapi/linux/mount.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MountAttr : IKernelStruct<MountAttr>
    {
        public ulong attr_set;
        public ulong attr_clr;
        public ulong propagation;
        public ulong userns_fd;

        public static string TypeName => "mount_attr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("attr_set", new FlagsValue((long)attr_set, s_attrFlags)), new("attr_clr", new FlagsValue((long)attr_clr, s_attrFlags)),
            new("propagation", new ConstantValue((long)propagation, s_propagation)), new("userns_fd", userns_fd),
        ];
    }

    private const ulong MountAttrSizeVer0 = 32; // MOUNT_ATTR_SIZE_VER0: a smaller structure is none the kernel reads

    private static void DecodeMountSetattr(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFlags(2, s_atFlags);
        if (context.Unsigned(4) < MountAttrSizeVer0)
            context.SetPointer(3, PointerReason.NotDecoded);
        else
            context.SetStruct<MountAttr>(3, (attr, render, _) => new StructWriter()
                .Field("attr_set", s_attrFlags.Format((long)attr.attr_set, render)).Field("attr_clr", s_attrFlags.Format((long)attr.attr_clr, render))
                .Field("propagation", s_propagation.Format((long)attr.propagation, render))
                .Field("userns_fd", attr.userns_fd.ToString(CultureInfo.InvariantCulture)).ToString());
    }

    private const int SetFlag = 0, SetString = 1, SetBinary = 2, SetPath = 3, SetPathEmpty = 4, SetFd = 5;

    private static void DecodeFsconfig(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetNamed(1, s_fsconfigCommands);
        long command = (long)context.Unsigned(1);
        if (command is < SetFlag or > SetFd)
        {
            context.SetPointer(2, PointerReason.NotDecoded); // the commands that take no key, and unknown ones
            context.SetPointer(3, PointerReason.NotDecoded);
            return;
        }
        switch (command)
        {
            case SetString:
                context.SetString(3);
                break;
            case SetBinary:
                SetBinaryValue(context);
                break;
            case SetPath or SetPathEmpty:
                context.SetString(3, ArgumentKind.Path);
                GenericDecoder.SetDirFd(context, 4);
                break;
            case SetFd:
                context.SetPointer(3, PointerReason.NotDecoded);
                context.SetFd(4);
                break;
            default:
                context.SetPointer(3, PointerReason.NotDecoded);
                break;
        }
    }

    // FSCONFIG_SET_BINARY's value: aux bytes, in hex whatever -x says.
    private static void SetBinaryValue(DecodeContext context)
    {
        long length = context.Signed(4);
        var bytes = new byte[Math.Clamp(length, 0, context.StringLength)];
        if (context.Raw(3) == 0 || !context.TryReadData((ulong)context.Raw(3), bytes))
        {
            context.SetPointer(3);
            return;
        }
        bool truncated = length > bytes.Length;
        context.Set(3, ArgumentKind.InputBuffer, new StringValue(bytes, truncated, unterminated: false), context.Render.QuoteHex(bytes, truncated));
    }
}
