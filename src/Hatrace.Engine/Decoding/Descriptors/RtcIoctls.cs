using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The real-time clock requests (type 'p', include/uapi/linux/rtc.h): struct rtc_time, rtc_wkalrm and
/// rtc_pll_info read or filled in, the frequency and epoch as numbers, the voltage bits by name.</summary>
internal static class RtcIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("rtc_ioctls");
    private static readonly FlagSet s_voltageFlags = new("rtc_voltage_flags");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "RTC_RD_TIME" or "RTC_ALM_READ":
                IoctlArgument.Output<RtcTime>(context, (time, _, abbreviate) => Format(time, abbreviate));
                break;
            case "RTC_SET_TIME" or "RTC_ALM_SET":
                IoctlArgument.Input<RtcTime>(context, (time, _, abbreviate) => Format(time, abbreviate));
                break;
            case "RTC_WKALM_RD":
                IoctlArgument.Output<RtcWakeAlarm>(context, (alarm, _, abbreviate) => Format(alarm, abbreviate));
                break;
            case "RTC_WKALM_SET":
                IoctlArgument.Input<RtcWakeAlarm>(context, (alarm, _, abbreviate) => Format(alarm, abbreviate));
                break;
            case "RTC_PLL_GET":
                IoctlArgument.Output<RtcPllInfo>(context, (pll, _, _) => Format(pll));
                break;
            case "RTC_PLL_SET":
                IoctlArgument.Input<RtcPllInfo>(context, (pll, _, _) => Format(pll));
                break;
            case "RTC_IRQP_READ" or "RTC_EPOCH_READ":
                IoctlArgument.OutputNumber<ulong>(context);
                break;
            case "RTC_IRQP_SET" or "RTC_EPOCH_SET":
                IoctlArgument.Number(context);
                break;
            case "RTC_VL_READ":
                IoctlArgument.OutputNumber<uint>(context, (flags, render) => s_voltageFlags.Format(flags, render));
                break;
            case "RTC_AIE_ON" or "RTC_AIE_OFF" or "RTC_UIE_ON" or "PHN_NOT_OH or RTC_UIE_OFF" or "RTC_PIE_ON" or "RTC_PIE_OFF"
                or "RTC_WIE_ON" or "RTC_WIE_OFF" or "RTC_VL_CLR":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    // Without -v, strace stops after the year.
    private static string Format(RtcTime time, bool abbreviate)
    {
        var text = new StructWriter().Field("tm_sec", time.tm_sec).Field("tm_min", time.tm_min).Field("tm_hour", time.tm_hour)
            .Field("tm_mday", time.tm_mday).Field("tm_mon", time.tm_mon).Field("tm_year", time.tm_year);
        return (abbreviate ? text.More() : text.Field("tm_wday", time.tm_wday).Field("tm_yday", time.tm_yday).Field("tm_isdst", time.tm_isdst)).ToString();
    }

    private static string Format(RtcWakeAlarm alarm, bool abbreviate) =>
        new StructWriter().Field("enabled", alarm.enabled).Field("pending", alarm.pending).Field("time", Format(alarm.time, abbreviate)).ToString();

    private static string Format(RtcPllInfo pll) =>
        new StructWriter().Field("pll_ctrl", pll.pll_ctrl).Field("pll_value", pll.pll_value).Field("pll_max", pll.pll_max)
            .Field("pll_min", pll.pll_min).Field("pll_posmult", pll.pll_posmult).Field("pll_negmult", pll.pll_negmult)
            .Field("pll_clock", pll.pll_clock).ToString();

    /// <summary>struct rtc_time: struct tm's fields, the year from 1900 and the month from 0.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtcTime : IKernelStruct<RtcTime>
    {
        public int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;

        public static string TypeName => "rtc_time";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("tm_sec", tm_sec), new("tm_min", tm_min), new("tm_hour", tm_hour), new("tm_mday", tm_mday), new("tm_mon", tm_mon),
            new("tm_year", tm_year), new("tm_wday", tm_wday), new("tm_yday", tm_yday), new("tm_isdst", tm_isdst),
        ];
    }

    /// <summary>struct rtc_wkalrm: whether the alarm is enabled and pending, and its time.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtcWakeAlarm : IKernelStruct<RtcWakeAlarm>
    {
        public byte enabled;
        public byte pending;
        public RtcTime time;

        public static string TypeName => "rtc_wkalrm";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("enabled", enabled), new("pending", pending), new("time", StructValue.Of(time))];
    }

    /// <summary>struct rtc_pll_info.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtcPllInfo : IKernelStruct<RtcPllInfo>
    {
        public int pll_ctrl, pll_value, pll_max, pll_min, pll_posmult, pll_negmult;
        public long pll_clock;

        public static string TypeName => "rtc_pll_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("pll_ctrl", pll_ctrl), new("pll_value", pll_value), new("pll_max", pll_max), new("pll_min", pll_min),
            new("pll_posmult", pll_posmult), new("pll_negmult", pll_negmult), new("pll_clock", pll_clock),
        ];
    }
}
