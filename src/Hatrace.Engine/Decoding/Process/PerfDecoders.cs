using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>perf_event_open: struct perf_event_attr as strace prints it abbreviated (<c>{type=PERF_TYPE_SOFTWARE,
/// size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, sample_period=0, sample_type=0, read_format=0,
/// disabled=1, precise_ip=0 /* arbitrary skid */, ...}</c>): the event, the sampling, the one-bit fields that are set,
/// precise_ip always; and the PERF_FLAG_* flags.</summary>
internal static class PerfDecoders
{
    private const uint Hardware = 0, Software = 1, Tracepoint = 2, HardwareCache = 3; // PERF_TYPE_*
    private const ulong Frequency = 1UL << 10;                                        // the freq bit
    private const int PreciseIpShift = 15, ReservedShift = 38;
    private const ulong PreciseIpMask = 3UL << PreciseIpShift;

    private static readonly NamedValues s_types = new("perf_types", "PERF_TYPE_???");
    private static readonly NamedValues s_sizes = new("perf_attr_sizes", "PERF_ATTR_SIZE_???");
    private static readonly NamedValues s_hardwareIds = new("perf_hw_ids", "PERF_COUNT_HW_???");
    private static readonly NamedValues s_softwareIds = new("perf_sw_ids", "PERF_COUNT_SW_???");
    private static readonly NamedValues s_cacheIds = new("perf_hw_cache_ids", "PERF_COUNT_HW_CACHE_???");
    private static readonly NamedValues s_cacheOps = new("perf_hw_cache_ops", "PERF_COUNT_HW_CACHE_OP_???");
    private static readonly NamedValues s_cacheResults = new("perf_hw_cache_results", "PERF_COUNT_HW_CACHE_RESULT_???");
    private static readonly FlagSet s_sampleTypes = new("perf_sample_types", "PERF_SAMPLE_???");
    private static readonly FlagSet s_readFormats = new("perf_read_formats", "PERF_FORMAT_???");
    private static readonly ConstantTable s_bits = ConstantTable.Load("perf_attr_bits");
    private static readonly FlagSet s_bitNames = new(s_bits);
    private static readonly FlagSet s_flags = new("perf_flags", "PERF_FLAG_???");

    // What precise_ip asks of the sample's instruction pointer, as the header's comment on it says.
    private static readonly string[] s_skid = ["arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid"];

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("perf_event_open", DecodePerfEventOpen)];

    /// <summary>The start of struct perf_event_attr (include/uapi/linux/perf_event.h) up to its one-bit fields, which C
    /// declares as bit-fields of the 64-bit word that follows (read apart: the layout probe cannot name them).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PerfEventAttr : IKernelStruct<PerfEventAttr>
    {
        public uint type;
        public uint size;
        public ulong config;
        public ulong sample_period; // sample_freq when the freq bit is set
        public ulong sample_type;
        public ulong read_format;

        public static string TypeName => PerfEventAttrName;

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("type", new ConstantValue(type, s_types)), new("size", new ConstantValue(size, s_sizes)), new("config", config),
            new("sample_period", sample_period), new("sample_type", new FlagsValue((long)sample_type, s_sampleTypes)),
            new("read_format", new FlagsValue((long)read_format, s_readFormats)),
        ];
    }

    private const int E2BIG = 7;

    // A structure larger than the kernel knows fails with E2BIG, the size the kernel knows written back into it:
    // strace then shows the size given and the size written (size=0xc8 => 0x88).
    private static void DecodePerfEventOpen(DecodeContext context)
    {
        if (!context.Exiting)
        {
            if (!context.Dereference || !TryReadAttr(context, out PerfEventAttr attr, out ulong bits))
                context.SetPointer(0);
            else
                context.Set(0, ArgumentKind.Pointer, Value(attr, bits), render => Format(attr, bits, null, render));
            context.SetFlags(4, s_flags);
        }
        else if (context.Call.ErrnoValue == E2BIG && context.Arguments[0]?.Value is StructValue { TypeName: PerfEventAttrName } entered
            && TryReadAttr(context, out PerfEventAttr attr, out ulong bits) && entered["size"] is ConstantValue given && attr.size != given.Number)
        {
            uint written = attr.size;
            attr.size = (uint)given.Number;
            context.Set(0, ArgumentKind.Pointer, entered, render => Format(attr, bits, written, render));
        }
    }

    private const string PerfEventAttrName = "perf_event_attr";

    private static bool TryReadAttr(DecodeContext context, out PerfEventAttr attr, out ulong bits)
    {
        ulong address = (ulong)context.Raw(0);
        bits = 0;
        return context.TryRead(address, out attr) && context.TryRead(address + (ulong)Marshal.SizeOf<PerfEventAttr>(), out bits);
    }

    private static StructValue Value(PerfEventAttr attr, ulong bits) =>
        new(PerfEventAttrName, [.. attr.Fields(), new("flags", new FlagsValue((long)(bits & ~PreciseIpMask), s_bitNames)),
            new("precise_ip", (long)((bits & PreciseIpMask) >> PreciseIpShift))]);

    private static string Format(PerfEventAttr attr, ulong bits, uint? writtenSize, StraceRenderer render)
    {
        string size = s_sizes.Format(attr.size, render) + (writtenSize is uint written ? " => " + s_sizes.Format(written, render) : "");
        var text = new StructWriter().Field("type", s_types.Format(attr.type, render)).Field("size", size)
            .Field("config", Config(attr.type, attr.config, render))
            .Field((bits & Frequency) != 0 ? "sample_freq" : "sample_period", Unsigned(attr.sample_period))
            .Field("sample_type", s_sampleTypes.Format((long)attr.sample_type, render))
            .Field("read_format", s_readFormats.Format((long)attr.read_format, render));
        bool precise = false;
        foreach ((long mask, string name) in s_bits.Entries)
        {
            if (!precise && (ulong)mask > PreciseIpMask)
            {
                SetPreciseIp(text, bits);
                precise = true;
            }
            if ((bits & (ulong)mask) != 0)
                text.Field(name, 1);
        }
        if (bits >> ReservedShift != 0)
            text.Field("__reserved_1", $"{DecodeContext.Hex(bits >> ReservedShift)} /* Bits 63..{ReservedShift} */");
        return text.More().ToString();
    }

    private static void SetPreciseIp(StructWriter text, ulong bits)
    {
        int precise = (int)((bits & PreciseIpMask) >> PreciseIpShift);
        text.Field("precise_ip", $"{precise} /* {s_skid[precise]} */");
    }

    // The event, as its type reads config: a hardware or software counter by name, a cache event as its three
    // bytes, a tracepoint's id in decimal, anything else in hex.
    private static string Config(uint type, ulong config, StraceRenderer render) => type switch
    {
        Hardware => s_hardwareIds.Format((long)config, render),
        Software => s_softwareIds.Format((long)config, render),
        Tracepoint => Unsigned(config),
        HardwareCache => CacheConfig(config, render),
        _ => DecodeContext.HexOrZero(config),
    };

    // Each byte is a value of its own: -X raw prints 0x1<<16|0<<8|0x2.
    private static string CacheConfig(ulong config, StraceRenderer render)
    {
        string text = s_cacheResults.Format((long)((config >> 16) & 0xff), render) + "<<16|"
            + s_cacheOps.Format((long)((config >> 8) & 0xff), render) + "<<8|" + s_cacheIds.Format((long)(config & 0xff), render);
        return config >> 24 == 0 ? text : text + "|" + DecodeContext.Hex(config >> 24 << 24);
    }

    private static string Unsigned(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
