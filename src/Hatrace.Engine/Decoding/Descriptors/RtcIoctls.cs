using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The real-time clock requests (type 'p', include/uapi/linux/rtc.h): struct rtc_time, rtc_wkalrm and
/// rtc_pll_info read or filled in, the frequency and epoch as numbers, the voltage bits by name, and struct rtc_param's
/// value as its parameter says (the features' bits, the correction, the backup switch mode).</summary>
internal static class RtcIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("rtc_ioctls");
    private static readonly FlagSet s_voltageFlags = new("rtc_voltage_flags");
    private static readonly NamedValues s_params = new("rtc_params", "RTC_PARAM_???");
    private static readonly FlagSet s_features = new("rtc_features");
    private static readonly NamedValues s_backupSwitchModes = new("rtc_backup_switch_modes", "RTC_BSM_???");

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
            case "RTC_PARAM_SET":
                IoctlArgument.Input<RtcParam>(context, (param, render, _) => FormatParam(param, render, withValue: true).ToString());
                break;
            case "RTC_PARAM_GET":
                DecodeParamGet(context);
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

    // RTC_PARAM_GET, declared as writing only: strace prints what it reads and, after " => ", the value the call wrote
    // ({param=RTC_PARAM_CORRECTION, index=0} => {svalue=-5}), or the address when it failed.
    private static void DecodeParamGet(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetStruct<RtcParam>(IoctlArgument.Index, (param, render, _) => FormatParam(param, render, withValue: false).ToString());
            if (context.Arguments[IoctlArgument.Index]?.Value is StructValue)
                context.Defer(IoctlArgument.Index);
            return;
        }
        if (context.Arguments[IoctlArgument.Index] is not { Value: StructValue { Source: RtcParam before } } entered)
            return;
        long address = context.Raw(IoctlArgument.Index);
        if (context.Failed || !context.TryRead((ulong)address, out RtcParam after))
        {
            string pointer = DecodeContext.FormatAddress(address);
            context.Set(IoctlArgument.Index, ArgumentKind.Pointer, entered.Value, render => FormatParam(before, render, withValue: false) + " => " + pointer);
            return;
        }
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(after), render =>
        {
            var written = new StructWriter();
            ParamValue(written, after, render);
            return FormatParam(before, render, withValue: false) + " => " + Padding(written, after).ToString();
        });
    }

    private static StructWriter FormatParam(RtcParam param, StraceRenderer render, bool withValue)
    {
        var text = new StructWriter().Field("param", s_params.FormatUnsigned(param.param, render));
        if (withValue)
            ParamValue(text, param, render);
        return Padding(text.Field("index", param.index), param);
    }

    // The union's member the parameter has: the features' bits, the correction signed, the backup switch mode by name.
    private static void ParamValue(StructWriter text, RtcParam param, StraceRenderer render)
    {
        switch (param.param)
        {
            case 0:
                text.Field("uvalue", s_features.Format((long)param.uvalue, render));
                break;
            case 1:
                text.Field("svalue", (long)param.uvalue);
                break;
            case 2:
                text.Field("uvalue", s_backupSwitchModes.FormatUnsigned(param.uvalue, render));
                break;
            default:
                text.Field("uvalue", DecodeContext.HexOrZero(param.uvalue));
                break;
        }
    }

    // __pad only when something is in it.
    private static StructWriter Padding(StructWriter text, RtcParam param) =>
        param.__pad == 0 ? text : text.Field("__pad", DecodeContext.HexOrZero(param.__pad));

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

    /// <summary>struct rtc_param: a parameter of the clock, its value (a union of uvalue, svalue and ptr) and index.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 24)]
    internal struct RtcParam : IKernelStruct<RtcParam>
    {
        [FieldOffset(0)] public ulong param;
        [FieldOffset(8)] public ulong uvalue;
        [FieldOffset(8)] public long svalue;
        [FieldOffset(8)] public ulong ptr;
        [FieldOffset(16)] public uint index;
        [FieldOffset(20)] public uint __pad;

        public static string TypeName => "rtc_param";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("param", new ConstantValue((long)param, s_params)),
            param == 1 ? new("svalue", svalue) : new("uvalue", param == 0 ? new FlagsValue((long)uvalue, s_features) : param == 2 ? new ConstantValue((long)uvalue, s_backupSwitchModes) : uvalue),
            new("index", index), new("__pad", __pad),
        ];
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
