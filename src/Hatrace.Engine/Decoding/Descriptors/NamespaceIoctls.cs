using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The namespace requests (NSIO, include/uapi/linux/nsfs.h) on a /proc/PID/ns descriptor: none takes an
/// argument but NS_GET_OWNER_UID, which writes the owner's uid.</summary>
internal static class NamespaceIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("nsfs_ioctls");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "NS_GET_OWNER_UID":
                IoctlArgument.OutputNumber<uint>(context);
                break;
            case "NS_GET_USERNS" or "NS_GET_PARENT" or "NS_GET_NSTYPE":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }
}
