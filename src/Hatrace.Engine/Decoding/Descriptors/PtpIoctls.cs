using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The PTP hardware clock requests (type '=', include/uapi/linux/ptp_clock.h): the clock's capabilities, an
/// external time stamp channel's request, and a pin's function asked for or set; the requests' second versions print
/// their reserved words when any is set, as strace prints them; a periodic output's start or phase, period and on
/// time; and the samples of the clock against the system's, each absolute time with its date in a comment.
/// PTP_ENABLE_PPS' argument stays in hex, as strace leaves it.</summary>
internal static class PtpIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("ptp_ioctls");
    private static readonly FlagSet s_exttsFlags = new("ptp_extts_flags", "PTP_???");
    private static readonly NamedValues s_pinFunctions = new("ptp_pin_functions", "PTP_PF_???");
    private static readonly FlagSet s_peroutFlags = new("ptp_perout_flags", "PTP_PEROUT_???");

    private const int MaxSamples = 25; // PTP_MAX_SAMPLES
    private const uint DutyCycle = 0x2, Phase = 0x4; // PTP_PEROUT_DUTY_CYCLE, PTP_PEROUT_PHASE

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
            case "PTP_PEROUT_REQUEST" or "PTP_PEROUT_REQUEST2":
                IoctlArgument.Input<PtpPeroutRequest>(context, (perout, render, _) => Format(perout, render, second));
                break;
            case "PTP_SYS_OFFSET" or "PTP_SYS_OFFSET2":
            {
                int limit = context.StringLength;
                // The samples asked for, then, inside the same braces, the times the kernel wrote.
                IoctlArgument.InOut<PtpSysOffset>(context, (offset, _, _) => Asked(offset.n_samples, offset.rsv).ToString(),
                    (_, before, _) => (offset, render, abbreviate) => Asked(before.n_samples, before.rsv)
                        .Field("ts", Times(((ReadOnlySpan<PtpClockTime>)offset.ts)[..(2 * (int)Math.Min(offset.n_samples, MaxSamples) + 1)], render, abbreviate ? limit : int.MaxValue))
                        .ToString());
                break;
            }
            case "PTP_SYS_OFFSET_EXTENDED" or "PTP_SYS_OFFSET_EXTENDED2":
            {
                int limit = context.StringLength;
                IoctlArgument.InOut<PtpSysOffsetExtended>(context, (offset, _, _) => Asked(offset.n_samples, offset.rsv).ToString(),
                    (_, before, _) => (offset, render, abbreviate) => Asked(before.n_samples, before.rsv)
                        .Field("ts", Rows(offset, render, abbreviate ? limit : int.MaxValue)).ToString());
                break;
            }
            case "PTP_SYS_OFFSET_PRECISE" or "PTP_SYS_OFFSET_PRECISE2":
                IoctlArgument.Output<PtpSysOffsetPrecise>(context, (precise, render, _) => Reserved(new StructWriter()
                    .Field("device", Format(precise.device, render, absolute: true)).Field("sys_realtime", Format(precise.sys_realtime, render, absolute: true))
                    .Field("sys_monoraw", Format(precise.sys_monoraw, render, absolute: false)), precise.rsv).ToString());
                break;
            default:
                return false;
        }
        return true;
    }

    // A time as {sec, nsec}, its reserved word when set; a date (not a duration, nor the raw monotonic clock's time)
    // with its date in a comment, as strace writes one but under -X raw.
    private static string Format(PtpClockTime time, StraceRenderer render, bool absolute)
    {
        var text = new StructWriter().Field("sec", time.sec).Field("nsec", time.nsec);
        if (time.reserved != 0)
            text.Field("reserved", DecodeContext.HexOrZero(time.reserved));
        return absolute && render.Style != ConstantStyle.Raw ? text + Files.PathDecoders.TimeComment(time.sec, time.nsec, 9) : text.ToString();
    }

    // The start is a time, the phase an offset; the on time follows only a duty cycle, and in its place the second
    // version's reserved words, when any is set.
    private static string Format(PtpPeroutRequest perout, StraceRenderer render, bool second)
    {
        bool phase = (perout.flags & Phase) != 0;
        var text = new StructWriter().Field(phase ? "phase" : "start", Format(perout.start, render, absolute: !phase))
            .Field("period", Format(perout.period, render, absolute: false)).Field("index", perout.index)
            .Field("flags", s_peroutFlags.Format(perout.flags, render));
        if ((perout.flags & DutyCycle) != 0)
            return text.Field("on", Format(perout.on, render, absolute: false)).ToString();
        PtpClockTime on = perout.on;
        ReadOnlySpan<uint> reserved = MemoryMarshal.Cast<PtpClockTime, uint>(new ReadOnlySpan<PtpClockTime>(in on));
        return Reserved(text, second ? reserved : []).ToString();
    }

    private static StructWriter Asked(uint samples, ReadOnlySpan<uint> reserved) => Reserved(new StructWriter().Field("n_samples", samples), reserved);

    private static string Times(ReadOnlySpan<PtpClockTime> times, StraceRenderer render, int limit)
    {
        var texts = new List<string>();
        foreach (PtpClockTime time in times[..Math.Min(times.Length, limit)])
            texts.Add(Format(time, render, absolute: true));
        if (times.Length > limit)
            texts.Add("...");
        return StructWriter.Array(texts);
    }

    // The extended samples: a row of three times (system, clock, system) per sample.
    private static string Rows(PtpSysOffsetExtended offset, StraceRenderer render, int limit)
    {
        ReadOnlySpan<PtpClockTime> times = offset.ts;
        int rows = (int)Math.Min(offset.n_samples, MaxSamples);
        var texts = new List<string>();
        for (int row = 0; row < Math.Min(rows, limit); row++)
            texts.Add(Times(times.Slice(3 * row, 3), render, limit));
        if (rows > limit)
            texts.Add("...");
        return StructWriter.Array(texts);
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

    /// <summary>struct ptp_clock_time: seconds and nanoseconds.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpClockTime : IKernelStruct<PtpClockTime>
    {
        public long sec;
        public uint nsec, reserved;

        public static string TypeName => "ptp_clock_time";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("sec", sec), new("nsec", nsec), new("reserved", reserved)];
    }

    /// <summary>struct ptp_perout_request (PTP_PEROUT_REQUEST): a periodic output's start (or phase), period, channel,
    /// flags and on time (or reserved words).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpPeroutRequest : IKernelStruct<PtpPeroutRequest>
    {
        public PtpClockTime start, period;
        public uint index, flags;
        public PtpClockTime on;

        public static string TypeName => "ptp_perout_request";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("start", StructValue.Of(start)), new("period", StructValue.Of(period)), new("index", index),
            new("flags", new FlagsValue(flags, s_peroutFlags)), new("on", StructValue.Of(on)),
        ];
    }

    /// <summary>struct ptp_sys_offset (PTP_SYS_OFFSET): the samples asked for, and the system, clock, system... times.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpSysOffset : IKernelStruct<PtpSysOffset>
    {
        public uint n_samples;
        public Reserved3 rsv;
        public SampleTimes ts;

        public static string TypeName => "ptp_sys_offset";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("n_samples", n_samples), new("rsv", Words(rsv)), new("ts", TimeValues(ts))];
    }

    /// <summary>struct ptp_sys_offset_extended (PTP_SYS_OFFSET_EXTENDED): the samples asked for, and per sample the
    /// system time before, the clock's, and the system time after.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpSysOffsetExtended : IKernelStruct<PtpSysOffsetExtended>
    {
        public uint n_samples;
        public Reserved3 rsv;
        public ExtendedTimes ts;

        public static string TypeName => "ptp_sys_offset_extended";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("n_samples", n_samples), new("rsv", Words(rsv)), new("ts", TimeValues(ts))];
    }

    /// <summary>struct ptp_sys_offset_precise (PTP_SYS_OFFSET_PRECISE): a cross time stamp of the device and the system.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PtpSysOffsetPrecise : IKernelStruct<PtpSysOffsetPrecise>
    {
        public PtpClockTime device, sys_realtime, sys_monoraw;
        public Reserved4 rsv;

        public static string TypeName => "ptp_sys_offset_precise";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("device", StructValue.Of(device)), new("sys_realtime", StructValue.Of(sys_realtime)), new("sys_monoraw", StructValue.Of(sys_monoraw)),
            new("rsv", Words(rsv)),
        ];
    }

    private static ArrayValue TimeValues(ReadOnlySpan<PtpClockTime> times) => new(times.ToArray().Select(time => (object?)StructValue.Of(time)));

    /// <summary>ptp_sys_offset's ts[2 * PTP_MAX_SAMPLES + 1].</summary>
    [InlineArray(2 * MaxSamples + 1)]
    internal struct SampleTimes
    {
        private PtpClockTime _time;
    }

    /// <summary>ptp_sys_offset_extended's ts[PTP_MAX_SAMPLES][3], row by row.</summary>
    [InlineArray(3 * MaxSamples)]
    internal struct ExtendedTimes
    {
        private PtpClockTime _time;
    }

    /// <summary>ptp_sys_offset's and ptp_sys_offset_extended's rsv[3].</summary>
    [InlineArray(3)]
    internal struct Reserved3
    {
        private uint _word;
    }

    /// <summary>ptp_sys_offset_precise's rsv[4].</summary>
    [InlineArray(4)]
    internal struct Reserved4
    {
        private uint _word;
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
