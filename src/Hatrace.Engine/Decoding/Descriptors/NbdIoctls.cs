using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The network block device requests (type 0xab, include/uapi/linux/nbd.h), all passed in the register: the
/// socket's descriptor, the sizes and the timeout as numbers, the server's flags by name, and the requests that take
/// nothing.</summary>
internal static class NbdIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("nbd_ioctls");
    private static readonly FlagSet s_flags = new("nbd_flags", "NBD_IOC_FLAG_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "NBD_SET_SOCK":
                IoctlArgument.Fd(context);
                break;
            case "NBD_SET_BLKSIZE" or "NBD_SET_SIZE" or "NBD_SET_SIZE_BLOCKS" or "NBD_SET_TIMEOUT":
                IoctlArgument.Number(context);
                break;
            case "NBD_SET_FLAGS":
                // The kernel keeps the flags in an unsigned int.
                uint flags = (uint)context.Raw(IoctlArgument.Index);
                if (!context.Exiting)
                    context.Set(IoctlArgument.Index, ArgumentKind.UInt, new FlagsValue(flags, s_flags), render => s_flags.Format(flags, render));
                break;
            case "NBD_DO_IT" or "NBD_CLEAR_SOCK" or "NBD_CLEAR_QUE" or "NBD_PRINT_DEBUG" or "NBD_DISCONNECT":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }
}
