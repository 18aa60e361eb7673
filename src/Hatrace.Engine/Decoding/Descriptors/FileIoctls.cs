using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The file requests of include/uapi/linux/fs.h (types 0, 'X', 'f', 'v' and btrfs' 0x94): the inode flags by
/// name, the clone source descriptor, freeze and thaw.</summary>
internal static class FileIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("file_ioctls");
    private static readonly FlagSet s_inodeFlags = new("fs_inode_flags");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "FS_IOC_GETFLAGS" or "FS_IOC32_GETFLAGS":
                IoctlArgument.OutputNumber<uint>(context, (flags, render) => s_inodeFlags.Format(flags, render));
                break;
            case "FS_IOC_SETFLAGS" or "FS_IOC32_SETFLAGS":
                IoctlArgument.InputNumber<uint>(context, (flags, render) => s_inodeFlags.Format(flags, render));
                break;
            case "BTRFS_IOC_CLONE or FICLONE":
                IoctlArgument.Fd(context);
                break;
            case "BTRFS_IOC_CLONE_RANGE or FICLONERANGE" or "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE":
                if (!context.Exiting)
                    context.SetPointer(IoctlArgument.Index, Model.PointerReason.NotDecoded);
                break;
            case "FIFREEZE" or "FITHAW":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }
}
