using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>perf_event_open: struct perf_event_attr as strace prints it, abbreviated (<c>{type=PERF_TYPE_SOFTWARE,
/// size=PERF_ATTR_SIZE_VER7, config=PERF_COUNT_SW_TASK_CLOCK, sample_period=0, sample_type=0, read_format=0,
/// disabled=1, precise_ip=0 /* arbitrary skid */, ...}</c>: the event, the sampling, the one-bit fields that are set,
/// precise_ip always) or whole with -v (every bit, then the fields the given size covers); and the PERF_FLAG_* flags.</summary>
internal static class PerfDecoders
{
    private const uint Hardware = 0, Software = 1, Tracepoint = 2, HardwareCache = 3, Breakpoint = 5; // PERF_TYPE_*
    private const ulong Frequency = 1UL << 10, Watermark = 1UL << 14, UseClockid = 1UL << 25;       // one-bit fields
    private const ulong BranchStack = 1UL << 11, StackUser = 1UL << 13;                              // PERF_SAMPLE_*
    private const int PreciseIpShift = 15, ReservedShift = 38;
    private const ulong PreciseIpMask = 3UL << PreciseIpShift;
    private const int BitsOffset = 40;
    private const uint FirstSize = 64, KnownSize = 128; // PERF_ATTR_SIZE_VER0, and the size of the structure declared here
    private const uint BreakpointInvalid = 7;           // HW_BREAKPOINT_INVALID
    private const int E2BIG = 7;

    private static readonly NamedValues s_types = new("perf_types", "PERF_TYPE_???");
    private static readonly NamedValues s_sizes = new("perf_attr_sizes", "PERF_ATTR_SIZE_???");
    private static readonly NamedValues s_hardwareIds = new("perf_hw_ids", "PERF_COUNT_HW_???");
    private static readonly NamedValues s_softwareIds = new("perf_sw_ids", "PERF_COUNT_SW_???");
    private static readonly NamedValues s_cacheIds = new("perf_hw_cache_ids", "PERF_COUNT_HW_CACHE_???");
    private static readonly NamedValues s_cacheOps = new("perf_hw_cache_ops", "PERF_COUNT_HW_CACHE_OP_???");
    private static readonly NamedValues s_cacheResults = new("perf_hw_cache_results", "PERF_COUNT_HW_CACHE_RESULT_???");
    private static readonly NamedValues s_breakpointTypes = new("hw_breakpoint_types", "HW_BREAKPOINT_???");
    private static readonly FlagSet s_sampleTypes = new("perf_sample_types", "PERF_SAMPLE_???");
    private static readonly FlagSet s_readFormats = new("perf_read_formats", "PERF_FORMAT_???");
    private static readonly FlagSet s_branchTypes = new("perf_branch_sample_types", "PERF_SAMPLE_BRANCH_???");
    private static readonly ConstantTable s_bits = ConstantTable.Load("perf_attr_bits");
    private static readonly FlagSet s_bitNames = new(s_bits);
    private static readonly FlagSet s_flags = new("perf_flags", "PERF_FLAG_???");

    // What precise_ip asks of the sample's instruction pointer, as the header's comment on it says.
    private static readonly string[] s_skid = ["arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid"];

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("perf_event_open", DecodePerfEventOpen)];

    /// <summary>struct perf_event_attr (include/uapi/linux/perf_event.h) as PERF_ATTR_SIZE_VER7 declares it, each union
    /// by its first member; the one-bit fields at offset 40 are C bit-fields, read apart (the layout probe cannot name
    /// them).</summary>
    [StructLayout(LayoutKind.Explicit, Size = (int)KnownSize)]
    internal struct PerfEventAttr : IKernelStruct<PerfEventAttr>
    {
        [FieldOffset(0)] public uint type;
        [FieldOffset(4)] public uint size;
        [FieldOffset(8)] public ulong config;
        [FieldOffset(16)] public ulong sample_period; // sample_freq when the freq bit is set
        [FieldOffset(24)] public ulong sample_type;
        [FieldOffset(32)] public ulong read_format;
        [FieldOffset(48)] public uint wakeup_events;  // wakeup_watermark when the watermark bit is set
        [FieldOffset(52)] public uint bp_type;
        [FieldOffset(56)] public ulong bp_addr;       // config1 for any type but PERF_TYPE_BREAKPOINT
        [FieldOffset(64)] public ulong bp_len;        // config2 likewise
        [FieldOffset(72)] public ulong branch_sample_type;
        [FieldOffset(80)] public ulong sample_regs_user;
        [FieldOffset(88)] public uint sample_stack_user;
        [FieldOffset(92)] public int clockid;
        [FieldOffset(96)] public ulong sample_regs_intr;
        [FieldOffset(104)] public uint aux_watermark;
        [FieldOffset(108)] public ushort sample_max_stack;
        [FieldOffset(110)] public ushort __reserved_2;
        [FieldOffset(112)] public uint aux_sample_size;
        [FieldOffset(116)] public uint __reserved_3;
        [FieldOffset(120)] public ulong sig_data;

        public static string TypeName => PerfEventAttrName;

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("type", new ConstantValue(type, s_types)), new("size", new ConstantValue(size, s_sizes)), new("config", config),
            new("sample_period", sample_period), new("sample_type", new FlagsValue((long)sample_type, s_sampleTypes)),
            new("read_format", new FlagsValue((long)read_format, s_readFormats)), new("wakeup_events", wakeup_events),
            new("bp_type", bp_type), new("bp_addr", bp_addr), new("bp_len", bp_len),
            new("branch_sample_type", new FlagsValue((long)branch_sample_type, s_branchTypes)), new("sample_regs_user", sample_regs_user),
            new("sample_stack_user", sample_stack_user), new("clockid", new ConstantValue(clockid, Time.ClockDecoders.Clocks)),
            new("sample_regs_intr", sample_regs_intr), new("aux_watermark", aux_watermark), new("sample_max_stack", sample_max_stack),
            new("aux_sample_size", aux_sample_size), new("sig_data", sig_data),
        ];
    }

    private const string PerfEventAttrName = "perf_event_attr";

    // A structure larger than the kernel knows fails with E2BIG, the size the kernel knows written back into it:
    // strace then shows the size given and the size written (size=0xc8 => 0x88). So a structure read at entry prints
    // at exit, and with it the rest of the call.
    private static void DecodePerfEventOpen(DecodeContext context)
    {
        bool abbreviate = context.Abbreviate;
        if (!context.Exiting)
        {
            SetAttr(context, 0);
            context.SetFlags(4, s_flags);
            if (context.Arguments[0]?.Value is StructValue)
                context.Defer(0);
        }
        else if (context.Call.ErrnoValue == E2BIG && context.Arguments[0]?.Value is StructValue { TypeName: PerfEventAttrName } entered
            && TryReadAttr(context, 0, abbreviate, out PerfEventAttr attr, out ulong bits, out bool whole) && entered["size"] is ConstantValue given
            && attr.size != given.Number)
        {
            uint written = attr.size;
            attr.size = (uint)given.Number;
            context.Set(0, ArgumentKind.Pointer, entered, render => Format(attr, bits, written, abbreviate && !render.Verbose || !whole, render));
        }
    }

    /// <summary>At entry: argument <paramref name="index"/> as the struct perf_event_attr it points to (perf_event_open's,
    /// PERF_EVENT_IOC_MODIFY_ATTRIBUTES'); its address when it cannot be read or is smaller than any version.</summary>
    internal static void SetAttr(DecodeContext context, int index)
    {
        bool abbreviate = context.Abbreviate;
        if (!context.Dereference || !TryReadAttr(context, index, abbreviate, out PerfEventAttr attr, out ulong bits, out bool whole))
            context.SetPointer(index);
        else if (attr.size is > 0 and < FirstSize)
            context.SetPointer(index, PointerReason.NotDecoded); // smaller than any version: nothing the kernel reads
        else
            context.Set(index, ArgumentKind.Pointer, Value(attr, bits), render => Format(attr, bits, null, abbreviate && !render.Verbose || !whole, render));
    }

    // The first version's 64 bytes, then as many more as the size gives, up to the structure declared here (the kernel
    // reads size bytes; 0 means the first version). Abbreviated, strace reads only the fields up to the bits: a
    // structure an unmapped page cuts short still prints then, the fields it cannot reach left 0.
    private static bool TryReadAttr(DecodeContext context, int index, bool abbreviate, out PerfEventAttr attr, out ulong bits, out bool whole)
    {
        (attr, bits) = (default, 0);
        ulong address = (ulong)context.Raw(index);
        Span<byte> bytes = stackalloc byte[(int)KnownSize];
        whole = TryReadWhole(context, address, bytes);
        if (!whole && !(abbreviate && context.TryReadBytes(address, bytes[..(BitsOffset + sizeof(ulong))])))
            return false;
        attr = MemoryMarshal.Read<PerfEventAttr>(bytes);
        bits = BinaryPrimitives.ReadUInt64LittleEndian(bytes[BitsOffset..]);
        return true;
    }

    private static bool TryReadWhole(DecodeContext context, ulong address, Span<byte> bytes)
    {
        if (!context.TryReadBytes(address, bytes[..(int)FirstSize]))
            return false;
        uint size = Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]), KnownSize);
        return size <= FirstSize || context.TryReadBytes(address + FirstSize, bytes[(int)FirstSize..(int)size]);
    }

    private static StructValue Value(PerfEventAttr attr, ulong bits) =>
        new(PerfEventAttrName, [.. attr.Fields(), new("flags", new FlagsValue((long)(bits & ~PreciseIpMask), s_bitNames)),
            new("precise_ip", (long)((bits & PreciseIpMask) >> PreciseIpShift))]);

    private static string Format(PerfEventAttr attr, ulong bits, uint? writtenSize, bool abbreviate, StraceRenderer render)
    {
        string size = s_sizes.Format(attr.size, render) + (writtenSize is uint written ? " => " + s_sizes.Format(written, render) : "");
        var text = new StructWriter().Field("type", s_types.Format(attr.type, render)).Field("size", size)
            .Field("config", Config(attr.type, attr.config, render))
            .Field((bits & Frequency) != 0 ? "sample_freq" : "sample_period", Unsigned(attr.sample_period))
            .Field("sample_type", s_sampleTypes.Format((long)attr.sample_type, render))
            .Field("read_format", s_readFormats.Format((long)attr.read_format, render));
        AddBits(text, bits, abbreviate);
        if (abbreviate)
            return text.More().ToString();
        AddSized(text, attr, bits, render);
        return (attr.size > KnownSize ? text.More() : text).ToString();
    }

    // The one-bit fields in the structure's order, precise_ip at its place: only those set when abbreviated.
    private static void AddBits(StructWriter text, ulong bits, bool abbreviate)
    {
        bool precise = false;
        foreach ((long mask, string name) in s_bits.Entries)
        {
            if (!precise && (ulong)mask > PreciseIpMask)
            {
                int level = (int)((bits & PreciseIpMask) >> PreciseIpShift);
                text.Field("precise_ip", $"{level} /* {s_skid[level]} */");
                precise = true;
            }
            if (!abbreviate || (bits & (ulong)mask) != 0)
                text.Field(name, (bits & (ulong)mask) != 0 ? 1 : 0);
        }
        if (bits >> ReservedShift != 0)
            text.Field("__reserved_1", $"{DecodeContext.Hex(bits >> ReservedShift)} /* Bits 63..{ReservedShift} */");
    }

    // With -v, the fields after the bits that the size covers (each field whose start it reaches), some only where
    // the bits or the sample type say the kernel reads them.
    private static void AddSized(StructWriter text, PerfEventAttr attr, ulong bits, StraceRenderer render)
    {
        uint size = attr.size == 0 ? FirstSize : attr.size;
        text.Field((bits & Watermark) != 0 ? "wakeup_watermark" : "wakeup_events", attr.wakeup_events);
        bool breakpoint = attr.type == Breakpoint;
        if (breakpoint)
        {
            text.Field("bp_type", attr.bp_type == BreakpointInvalid ? render.Unnamed("0x7", "HW_BREAKPOINT_INVALID") : s_breakpointTypes.Format(attr.bp_type, render))
                .Field("bp_addr", DecodeContext.HexOrZero(attr.bp_addr));
        }
        else
        {
            text.Field("config1", DecodeContext.HexOrZero(attr.bp_addr));
        }
        if (Reaches(size, nameof(PerfEventAttr.bp_len)))
            text.Field(breakpoint ? "bp_len" : "config2", breakpoint ? Unsigned(attr.bp_len) : DecodeContext.HexOrZero(attr.bp_len));
        if (Reaches(size, nameof(PerfEventAttr.branch_sample_type)) && (attr.sample_type & BranchStack) != 0)
            text.Field("branch_sample_type", s_branchTypes.Format((long)attr.branch_sample_type, render));
        if (Reaches(size, nameof(PerfEventAttr.sample_regs_user)))
            text.Field("sample_regs_user", DecodeContext.HexOrZero(attr.sample_regs_user));
        if (Reaches(size, nameof(PerfEventAttr.sample_stack_user)) && (attr.sample_type & StackUser) != 0)
            text.Field("sample_stack_user", DecodeContext.HexOrZero(attr.sample_stack_user));
        if (Reaches(size, nameof(PerfEventAttr.clockid)) && (bits & UseClockid) != 0)
            text.Field("clockid", Time.ClockDecoders.Clocks.Format((uint)attr.clockid, render)); // unknown ones in hex
        if (Reaches(size, nameof(PerfEventAttr.sample_regs_intr)))
            text.Field("sample_regs_intr", DecodeContext.HexOrZero(attr.sample_regs_intr));
        if (Reaches(size, nameof(PerfEventAttr.aux_watermark)))
            text.Field("aux_watermark", attr.aux_watermark)
                .Field("sample_max_stack", attr.sample_max_stack + Reserved(attr.__reserved_2, nameof(PerfEventAttr.__reserved_2), 2));
        if (Reaches(size, nameof(PerfEventAttr.aux_sample_size)))
            text.Field("aux_sample_size", attr.aux_sample_size + Reserved(attr.__reserved_3, nameof(PerfEventAttr.__reserved_3), 4));
        if (Reaches(size, nameof(PerfEventAttr.sig_data)))
            text.Field("sig_data", DecodeContext.HexOrZero(attr.sig_data));
    }

    // The padding after a field, when set, as a comment naming its bytes: " /* bytes 110..111: 0xffff */".
    private static string Reserved(uint value, string field, int length)
    {
        if (value == 0)
            return "";
        int offset = (int)Marshal.OffsetOf<PerfEventAttr>(field);
        return FormattableString.Invariant($" /* bytes {offset}..{offset + length - 1}: {DecodeContext.Hex(value)} */");
    }

    private static bool Reaches(uint size, string field) => size > (uint)Marshal.OffsetOf<PerfEventAttr>(field);

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

    // Each byte is a value of its own: -X raw prints 0x1<<16|0<<8|0x2. What lies above the three bytes comes first,
    // as 0x..<<32 for the upper half and 0x..<<24 for the fourth byte, each only when set.
    private static string CacheConfig(ulong config, StraceRenderer render)
    {
        string text = s_cacheResults.Format((long)((config >> 16) & 0xff), render) + "<<16|"
            + s_cacheOps.Format((long)((config >> 8) & 0xff), render) + "<<8|" + s_cacheIds.Format((long)(config & 0xff), render);
        if (((config >> 24) & 0xff) != 0)
            text = DecodeContext.Hex((config >> 24) & 0xff) + "<<24|" + text;
        return config >> 32 == 0 ? text : DecodeContext.Hex(config >> 32) + "<<32|" + text;
    }

    private static string Unsigned(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
