using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The inotify request (type 'I', include/uapi/linux/inotify.h): INOTIFY_IOC_SETNEXTWD's watch descriptor, an
/// int passed in the register.</summary>
internal static class InotifyIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("inotify_ioctls");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        if (s_requests.NameOf(request) != "INOTIFY_IOC_SETNEXTWD")
            return false;
        IoctlArgument.Int(context);
        return true;
    }
}
