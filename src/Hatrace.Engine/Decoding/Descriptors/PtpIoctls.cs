using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The PTP hardware clock requests (type '=', include/uapi/linux/ptp_clock.h): the clock's capabilities, an
/// external time stamp channel's request, and a pin's function asked for or set; the requests' second versions print
/// their reserved words when any is set, as strace prints them. strace 6.1 decodes the periodic output requests and
/// the system offset samples too; this leaves those in hex, as it does PTP_ENABLE_PPS.</summary>
internal static class PtpIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("ptp_ioctls");
    private static readonly FlagSet s_exttsFlags = new("ptp_extts_flags", "PTP_???");
    private static readonly NamedValues s_pinFunctions = new("ptp_pin_functions", "PTP_PF_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        string? name = s_requests.NameOf(request);
        bool second = name?.EndsWith('2') == true;
        switch (name)
        {
            case "PTP_CLOCK_GETCAPS" or "PTP_CLOCK_GETCAPS2":
                IoctlArgument.Output<PtpClockCaps>(context, (caps, _, _) => Format(caps));
                break;
            case "PTP_EXTTS_REQUEST" or "PTP_EXTTS_REQUEST2":
                IoctlArgument.Input<PtpExttsRequest>(context, (extts, render, _) => Reserved(new StructWriter().Field("index", extts.index)
                    .Field("flags", s_exttsFlags.Format(extts.flags, render)), second ? extts.rsv : []).ToString());
                break;
            case "PTP_PIN_GETFUNC" or "PTP_PIN_GETFUNC2":
                // The pin asked for, then, inside the same braces, the pin as the kernel describes it.
                IoctlArgument.InOut<PtpPinDesc>(context, (pin, _, _) => Asked(pin, second).ToString(),
                    (_, before, _) => (pin, render, _) => Asked(before, second).Field("name", render.QuoteFixed(pin.name))
                        .Field("func", s_pinFunctions.FormatUnsigned(pin.func, render)).Field("chan", pin.chan).ToString());
                break;
            case "PTP_PIN_SETFUNC" or "PTP_PIN_SETFUNC2":
                IoctlArgument.Input<PtpPinDesc>(context, (pin, render, _) => Format(pin, render, second).ToString());
                break;
            default:
                return false;
        }
        return true;
    }

    private static string Format(PtpClockCaps caps) =>
        Reserved(new StructWriter().Field("max_adj", caps.max_adj).Field("n_alarm", caps.n_alarm).Field("n_ext_ts", caps.n_ext_ts)
            .Field("n_per_out", caps.n_per_out).Field("pps", caps.pps).Field("n_pins", caps.n_pins)
            .Field("cross_timestamping", caps.cross_timestamping).Field("adjust_phase", caps.adjust_phase), caps.rsv).ToString();

    private static StructWriter Format(PtpPinDesc pin, StraceRenderer render, bool second) =>
        Reserved(new StructWriter().Field("index", pin.index).Field("func", s_pinFunctions.FormatUnsigned(pin.func, render)).Field("chan", pin.chan),
            second ? pin.rsv : []);

    private static StructWriter Asked(PtpPinDesc pin, bool second) => Reserved(new StructWriter().Field("index", pin.index), second ? pin.rsv : []);

    // The reserved words, in hex, only when one of them is set.
    private static StructWriter Reserved(StructWriter text, ReadOnlySpan<uint> reserved) =>
        reserved.ContainsAnyExcept(0u) ? text.Field("rsv", StructWriter.Array(reserved.ToArray().Select(word => DecodeContext.HexOrZero(word)))) : text;

    private static ArrayValue Words(ReadOnlySpan<uint> words) => new(words.ToArray().Select(word => (object?)(long)word));

    /// <summary>struct ptp_clock_caps (PTP_CLOCK_GETCAPS): what the clock can do.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpClockCaps : IKernelStruct<PtpClockCaps>
    {
        public int max_adj, n_alarm, n_ext_ts, n_per_out, pps, n_pins, cross_timestamping, adjust_phase;
        public Reserved12 rsv;

        public static string TypeName => "ptp_clock_caps";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("max_adj", max_adj), new("n_alarm", n_alarm), new("n_ext_ts", n_ext_ts), new("n_per_out", n_per_out), new("pps", pps),
            new("n_pins", n_pins), new("cross_timestamping", cross_timestamping), new("adjust_phase", adjust_phase), new("rsv", Words(rsv)),
        ];
    }

    /// <summary>struct ptp_extts_request (PTP_EXTTS_REQUEST): an external time stamp channel and how to time stamp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpExttsRequest : IKernelStruct<PtpExttsRequest>
    {
        public uint index, flags;
        public Reserved2 rsv;

        public static string TypeName => "ptp_extts_request";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("index", index), new("flags", new FlagsValue(flags, s_exttsFlags)), new("rsv", Words(rsv))];
    }

    /// <summary>struct ptp_pin_desc (PTP_PIN_GETFUNC, PTP_PIN_SETFUNC): a pin, its function and channel.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpPinDesc : IKernelStruct<PtpPinDesc>
    {
        public PinName name;
        public uint index, func, chan;
        public Reserved5 rsv;

        public static string TypeName => "ptp_pin_desc";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("name", StraceQuoting.Display(StraceQuoting.BeforeNul(name))), new("index", index),
            new("func", new ConstantValue(func, s_pinFunctions)), new("chan", chan), new("rsv", Words(rsv)),
        ];
    }

    /// <summary>ptp_pin_desc's name[64].</summary>
    [InlineArray(64)]
    internal struct PinName
    {
        private byte _byte;
    }

    /// <summary>ptp_extts_request's rsv[2].</summary>
    [InlineArray(2)]
    internal struct Reserved2
    {
        private uint _word;
    }

    /// <summary>ptp_pin_desc's rsv[5].</summary>
    [InlineArray(5)]
    internal struct Reserved5
    {
        private uint _word;
    }

    /// <summary>ptp_clock_caps' rsv[12].</summary>
    [InlineArray(12)]
    internal struct Reserved12
    {
        private uint _word;
    }
}
