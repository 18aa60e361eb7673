using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Process;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The perf_event requests (type '$', include/uapi/linux/perf_event.h) on a perf_event_open descriptor: the
/// group flag, the period and id, the output and BPF program descriptors, the filter string, the attributes.</summary>
internal static class PerfIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("perf_ioctls");
    private static readonly FlagSet s_flags = new("perf_ioctl_flags");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "PERF_EVENT_IOC_ENABLE" or "PERF_EVENT_IOC_DISABLE" or "PERF_EVENT_IOC_RESET":
                if (!context.Exiting)
                    context.SetFlags(IoctlArgument.Index, s_flags);
                break;
            case "PERF_EVENT_IOC_REFRESH":
                IoctlArgument.Int(context);
                break;
            case "PERF_EVENT_IOC_PAUSE_OUTPUT":
                IoctlArgument.Number(context);
                break;
            case "PERF_EVENT_IOC_PERIOD":
                IoctlArgument.InputNumber<ulong>(context);
                break;
            case "PERF_EVENT_IOC_ID":
                IoctlArgument.OutputNumber<ulong>(context);
                break;
            case "PERF_EVENT_IOC_SET_OUTPUT" or "PERF_EVENT_IOC_SET_BPF":
                IoctlArgument.Fd(context);
                break;
            case "PERF_EVENT_IOC_SET_FILTER":
                if (!context.Exiting)
                    context.SetString(IoctlArgument.Index);
                break;
            case "PERF_EVENT_IOC_MODIFY_ATTRIBUTES":
                if (!context.Exiting)
                    PerfDecoders.SetAttr(context, IoctlArgument.Index);
                break;
            default:
                return false;
        }
        return true;
    }
}
