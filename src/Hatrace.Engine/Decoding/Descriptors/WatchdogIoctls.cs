using Hatrace.Engine.Constants;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The watchdog requests (type 'W', include/uapi/linux/watchdog.h): the ints they read or write. strace leaves
/// WDIOC_GETSUPPORT's struct watchdog_info and WDIOC_SETOPTIONS' bits as addresses, and so does this.</summary>
internal static class WatchdogIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("watchdog_ioctls");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "WDIOC_GETSTATUS" or "WDIOC_GETBOOTSTATUS" or "WDIOC_GETTEMP" or "WDIOC_GETTIMELEFT":
                IoctlArgument.OutputNumber<int>(context);
                break;
            // Read at entry and written at exit: strace prints the value given.
            case "WDIOC_SETTIMEOUT" or "WDIOC_SETPRETIMEOUT":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "WDIOC_GETTIMEOUT" or "WDIOC_GETPRETIMEOUT":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "WDIOC_KEEPALIVE":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }
}
