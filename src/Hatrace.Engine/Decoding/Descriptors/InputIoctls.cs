using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The evdev requests (type 'E', include/uapi/linux/input.h): those of a fixed size by name, those whose number
/// or size carries an argument as strace names them (<c>EVIOCGNAME(64)</c>, <c>EVIOCGBIT(EV_KEY, 96)</c>,
/// <c>EVIOCGABS(ABS_X)</c>); the device's id, version, repeat settings, axes, names, key codes and multi-touch slots read or
/// written, the bit arrays of its capabilities and state by the names of the bits set, and a force feedback effect sent.</summary>
internal static class InputIoctls
{
    private const uint Read = 2, Write = 1;   // _IOC_READ, _IOC_WRITE
    private const uint BitsFirst = 0x20, GetAbsFirst = 0x40, SetAbsFirst = 0xc0, AxisCount = 0x40;
    private static readonly int s_absinfoSize = Marshal.SizeOf<InputAbsinfo>();

    private static readonly ConstantTable s_requests = ConstantTable.Load("input_ioctls");
    private static readonly NamedValues s_eventTypes = new("input_event_types", "EV_???");
    private static readonly NamedValues s_axes = new("input_abs_axes", "ABS_???");
    private static readonly NamedValues s_slotAxes = new("input_abs_axes", "ABS_MT_???");
    private static readonly NamedValues s_keys = new("input_keys", "KEY_???");
    private static readonly NamedValues s_ffEffects = new("input_ff_effects", "FF_???");

    private const int AbbreviatedBits = 4; // strace without -v names so many bits, then "..."
    private const uint PowerType = 0x16;   // EV_PWR: its array strace reads as one int

    // The names of a bit array's bits by the event type EVIOCGBIT asks about, and how many of its bits strace names:
    // those below the type's *_MAX (include/uapi/linux/input-event-codes.h: EV_MAX 0x1f, KEY_MAX 0x2ff...).
    private static readonly Dictionary<uint, (NamedValues Names, int Count)> s_bitNames = new()
    {
        [0x00] = (s_eventTypes, 0x1f),
        [0x01] = (s_keys, 0x2ff),
        [0x02] = (new("input_relative_axes", "REL_???"), 0x0f),
        [0x03] = (s_axes, 0x3f),
        [0x04] = (new("input_misc_events", "MSC_???"), 0x07),
        [0x05] = (new("input_switches", "SW_???"), 0x10),
        [0x11] = (new("input_leds", "LED_???"), 0x0f),
        [0x12] = (new("input_sounds", "SND_???"), 0x07),
        [0x14] = (new("input_repeat", "REP_???"), 0x01),
        [0x15] = (s_ffEffects, 0x7f),
        [0x17] = (new("input_ff_status", "FF_STATUS_???"), 0x01),
    };

    // EVIOCGKEY, EVIOCGLED, EVIOCGSND and EVIOCGSW fill the arrays of the type they name; EVIOCGPROP the properties'.
    private static readonly Dictionary<string, (NamedValues Names, int Count)> s_stateBitNames = new()
    {
        ["EVIOCGKEY"] = s_bitNames[0x01], ["EVIOCGLED"] = s_bitNames[0x11], ["EVIOCGSND"] = s_bitNames[0x12],
        ["EVIOCGSW"] = s_bitNames[0x05], ["EVIOCGPROP"] = (new("input_properties", "PROP_???"), 0x1f),
    };

    // The requests whose size is the length of the buffer they fill (EVIOCGNAME(len)), by number.
    private static readonly Dictionary<uint, string> s_lengthRequests = new()
    {
        [0x06] = "EVIOCGNAME", [0x07] = "EVIOCGPHYS", [0x08] = "EVIOCGUNIQ", [0x09] = "EVIOCGPROP", [0x0a] = "EVIOCGMTSLOTS",
        [0x18] = "EVIOCGKEY", [0x19] = "EVIOCGLED", [0x1a] = "EVIOCGSND", [0x1b] = "EVIOCGSW",
    };

    internal static IoctlFamily Family { get; } = new(NameOf, Decode);

    private static uint Direction(uint request) => request >> 30;

    private static string? NameOf(uint request, bool hints)
    {
        if (s_requests.NameOf(request) is string name)
            return name;
        uint number = IoctlDecoders.Number(request), size = IoctlDecoders.Size(request);
        string length = size.ToString(CultureInfo.InvariantCulture);
        if (Direction(request) == Read && s_lengthRequests.TryGetValue(number, out string? prefix))
            return $"{prefix}({length})";
        if (Direction(request) == Read && number is >= BitsFirst and < GetAbsFirst)
        {
            uint type = number - BitsFirst;
            return $"EVIOCGBIT({(type == 0 ? "0" : Name(s_eventTypes, type, hints))}, {length})"; // 0 asks for the types themselves
        }
        if (size == s_absinfoSize && Direction(request) == Read && number is >= GetAbsFirst and < GetAbsFirst + AxisCount)
            return $"EVIOCGABS({Name(s_axes, number - GetAbsFirst, hints)})";
        if (size == s_absinfoSize && Direction(request) == Write && number >= SetAbsFirst)
            return $"EVIOCSABS({Name(s_axes, number - SetAbsFirst, hints)})";
        return null;
    }

    private static string Name(NamedValues names, uint value, bool hint) =>
        hint ? names.Name(value) : names.NameOf(value) ?? DecodeContext.HexOrZero(value);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (NameOf(request, hints: true))
        {
            case "EVIOCGVERSION":
                IoctlArgument.OutputNumber<int>(context, (version, _) => DecodeContext.HexOrZero((uint)version));
                break;
            case "EVIOCGID":
                IoctlArgument.Output<InputId>(context, (id, _, _) => new StructWriter().Field("bustype", id.bustype)
                    .Field("vendor", id.vendor).Field("product", id.product).Field("version", id.version).ToString());
                break;
            case "EVIOCGREP":
                IoctlArgument.OutputNumbers<uint>(context, 2);
                break;
            case "EVIOCSREP":
                IoctlArgument.InputNumbers<uint>(context, 2);
                break;
            case "EVIOCGEFFECTS":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "EVIOCSCLOCKID":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "EVIOCGRAB" or "EVIOCREVOKE":
                IoctlArgument.Number(context);
                break;
            case "EVIOCRMFF":
                IoctlArgument.Int(context);
                break;
            case "EVIOCSFF":
                IoctlArgument.Input<FfEffect>(context, Format);
                break;
            case "EVIOCGKEYCODE":
                IoctlArgument.OutputNumber<ulong>(context, FormatKeycode);
                break;
            case "EVIOCSKEYCODE":
                IoctlArgument.InputNumber<ulong>(context, FormatKeycode);
                break;
            case "EVIOCGKEYCODE_V2":
                IoctlArgument.Output<InputKeymapEntry>(context, Format);
                break;
            case "EVIOCSKEYCODE_V2":
                IoctlArgument.Input<InputKeymapEntry>(context, Format);
                break;
            case string name when name.StartsWith("EVIOCGMTSLOTS(", StringComparison.Ordinal):
                SetSlots(context, IoctlDecoders.Size(request));
                break;
            case string name when name.StartsWith("EVIOCGBIT(", StringComparison.Ordinal) || name.StartsWith("EVIOCGKEY(", StringComparison.Ordinal)
                || name.StartsWith("EVIOCGLED(", StringComparison.Ordinal) || name.StartsWith("EVIOCGSND(", StringComparison.Ordinal)
                || name.StartsWith("EVIOCGSW(", StringComparison.Ordinal) || name.StartsWith("EVIOCGPROP(", StringComparison.Ordinal):
                SetBits(context, request, name);
                break;
            case string name when name.StartsWith("EVIOCGABS(", StringComparison.Ordinal):
                IoctlArgument.Output<InputAbsinfo>(context, (info, _, abbreviate) => Format(info, abbreviate));
                break;
            case string name when name.StartsWith("EVIOCSABS(", StringComparison.Ordinal):
                IoctlArgument.Input<InputAbsinfo>(context, (info, _, abbreviate) => Format(info, abbreviate));
                break;
            case string name when name.StartsWith("EVIOCGNAME(", StringComparison.Ordinal) || name.StartsWith("EVIOCGPHYS(", StringComparison.Ordinal)
                || name.StartsWith("EVIOCGUNIQ(", StringComparison.Ordinal):
                // The string the call wrote: its result says how many bytes.
                if (!context.Exiting)
                    context.Defer(IoctlArgument.Index);
                else if (context.Failed)
                    context.SetPointer(IoctlArgument.Index);
                else
                    context.SetBuffer(IoctlArgument.Index, Math.Min(context.Result, IoctlDecoders.Size(request)));
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>A bit array the call fills in, as many bytes as it returns: the bits set, by name, as strace lists them
    /// (<c>[KEY_ESC KEY_1]</c>; without -v the first four, then <c>...</c>); under -X raw the array's longs in hex. Its
    /// address when the call wrote nothing, when the type has no names, or when it cannot be read.</summary>
    private static void SetBits(DecodeContext context, uint request, string name)
    {
        if (!context.Exiting)
        {
            context.Defer(IoctlArgument.Index);
            return;
        }
        uint number = IoctlDecoders.Number(request);
        bool byType = number >= BitsFirst;
        if (byType && number - BitsFirst == PowerType)
        {
            IoctlArgument.OutputNumber<int>(context); // EV_PWR's has no names
            return;
        }
        (NamedValues Names, int Count) bits = default;
        bool named = byType ? s_bitNames.TryGetValue(number - BitsFirst, out bits) : s_stateBitNames.TryGetValue(name[..name.IndexOf('(')], out bits);
        long written = Math.Min(context.Result, IoctlDecoders.Size(request));
        int count = (int)Math.Min(written * 8, bits.Count);
        var longs = new ulong[(count + 63) / 64];
        long address = context.Raw(IoctlArgument.Index);
        if (context.Failed || !named || written <= 0 || !context.Dereference || address == 0
            || !context.TryReadBytes((ulong)address, MemoryMarshal.AsBytes(longs.AsSpan())))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        List<uint> set = [.. Enumerable.Range(0, count).Where(bit => (longs[bit / 64] & (1UL << (bit % 64))) != 0).Select(bit => (uint)bit)];
        bool truncated = context.Abbreviate && set.Count > AbbreviatedBits;
        if (truncated)
            set = set[..AbbreviatedBits];
        NamedValues names = bits.Names;
        var value = new ArrayValue(set.Select(bit => (object?)new ConstantValue(bit, names)), truncated, stoppedAt: null);
        context.Set(IoctlArgument.Index, Syscalls.ArgumentKind.Pointer, value, render =>
        {
            string raw = StructWriter.Array(longs.Select(word => DecodeContext.HexOrZero(word)));
            if (render.Style == ConstantStyle.Raw)
                return raw;
            IEnumerable<string> items = set.Select(bit => names.FormatUnsigned(bit, render));
            string list = "[" + string.Join(' ', truncated ? items.Append("...") : items) + "]";
            return render.Style == ConstantStyle.Verbose ? $"{list} /* {raw} */" : list;
        });
    }

    // EVIOCGKEYCODE's unsigned int[2], a scancode and its key, read as one number to print as strace's pair.
    private static string FormatKeycode(ulong pair, StraceRenderer render) =>
        ((uint)pair).ToString(CultureInfo.InvariantCulture) + ", " + s_keys.FormatUnsigned(pair >> 32, render);

    // Without -v, strace stops after the length; the scancode's every byte in hex.
    private static string Format(InputKeymapEntry entry, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("flags", entry.flags).Field("len", entry.len);
        if (abbreviate)
            return text.More().ToString();
        ReadOnlySpan<byte> scancode = entry.scancode;
        return text.Field("index", entry.index).Field("keycode", s_keys.FormatUnsigned(entry.keycode, render))
            .Field("scancode", StructWriter.Array(scancode.ToArray().Select(b => DecodeContext.HexOrZero(b)))).ToString();
    }

    /// <summary>EVIOCGMTSLOTS(len): struct input_mt_request_layout, an axis' code and the values of as many slots as
    /// the length leaves room for, written by the call.</summary>
    private static void SetSlots(DecodeContext context, uint size)
    {
        if (!context.Exiting)
        {
            context.Defer(IoctlArgument.Index);
            return;
        }
        var words = new int[size / sizeof(int)];
        long address = context.Raw(IoctlArgument.Index);
        if (context.Failed || words.Length == 0 || !context.Dereference || address == 0
            || !context.TryReadBytes((ulong)address, MemoryMarshal.AsBytes(words.AsSpan())))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        uint code = (uint)words[0];
        int[] values = words[1..];
        var value = new StructValue("input_mt_request_layout",
            [new("code", new ConstantValue(code, s_slotAxes)), new("values", new ArrayValue(values.Select(v => (object?)(long)v), truncated: false, stoppedAt: null))]);
        context.Set(IoctlArgument.Index, Syscalls.ArgumentKind.Pointer, value, render => new StructWriter().Field("code", s_slotAxes.FormatUnsigned(code, render))
            .Field("values", StructWriter.Array(values.Select(v => v.ToString(CultureInfo.InvariantCulture)))).ToString());
    }

    // Without -v, strace stops after the minimum. It prints the fields as unsigned, whatever their sign (-10 as 4294967286).
    private static string Format(InputAbsinfo info, bool abbreviate)
    {
        var text = new StructWriter().Field("value", (uint)info.value).Field("minimum", (uint)info.minimum);
        return (abbreviate ? text.More()
            : text.Field("maximum", (uint)info.maximum).Field("fuzz", (uint)info.fuzz).Field("flat", (uint)info.flat)
                .Field("resolution", (uint)info.resolution)).ToString();
    }

    // struct ff_effect: without -v, strace stops after the direction; with -v the union's member the type names (none for
    // the condition effects). It prints the periodic waveform as a number and each envelope's fade level in hex.
    private static string Format(FfEffect effect, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("type", s_ffEffects.FormatUnsigned(effect.type, render)).Field("id", effect.id)
            .Field("direction", effect.direction);
        if (abbreviate)
            return text.More().ToString();
        text.Field("trigger", new StructWriter().Field("button", effect.trigger.button).Field("interval", effect.trigger.interval).ToString())
            .Field("replay", new StructWriter().Field("length", effect.replay.length).Field("delay", effect.replay.delay).ToString());
        ReadOnlySpan<ulong> words = effect.u;
        ReadOnlySpan<byte> u = MemoryMarshal.AsBytes(words);
        switch (s_ffEffects.NameOf(effect.type))
        {
            case "FF_RUMBLE":
                text.Field("rumble", new StructWriter().Field("strong_magnitude", U16(u, 0)).Field("weak_magnitude", U16(u, 2)).ToString());
                break;
            case "FF_PERIODIC":
                text.Field("periodic", new StructWriter().Field("waveform", U16(u, 0)).Field("period", U16(u, 2))
                    .Field("magnitude", S16(u, 4)).Field("offset", S16(u, 6)).Field("phase", U16(u, 8)).Field("envelope", Envelope(u[10..]))
                    .Field("custom_len", BinaryPrimitives.ReadUInt32LittleEndian(u[20..]))
                    .Field("custom_data", DecodeContext.FormatAddress(BinaryPrimitives.ReadInt64LittleEndian(u[24..]))).ToString());
                break;
            case "FF_CONSTANT":
                text.Field("constant", new StructWriter().Field("level", S16(u, 0)).Field("envelope", Envelope(u[2..])).ToString());
                break;
            case "FF_RAMP":
                text.Field("ramp", new StructWriter().Field("start_level", S16(u, 0)).Field("end_level", S16(u, 2))
                    .Field("envelope", Envelope(u[4..])).ToString());
                break;
        }
        return text.ToString();
    }

    private static long U16(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private static long S16(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadInt16LittleEndian(bytes[at..]);

    // struct ff_envelope.
    private static string Envelope(ReadOnlySpan<byte> bytes) =>
        new StructWriter().Field("attack_length", U16(bytes, 0)).Field("attack_level", U16(bytes, 2)).Field("fade_length", U16(bytes, 4))
            .Field("fade_level", DecodeContext.HexOrZero((ulong)U16(bytes, 6))).ToString();

    /// <summary>struct ff_effect: a force feedback effect, its type's parameters in the union u.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FfEffect : IKernelStruct<FfEffect>
    {
        public ushort type;
        public short id;
        public ushort direction;
        public FfTrigger trigger;
        public FfReplay replay;
        public FfUnion u;

        public static string TypeName => "ff_effect";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            ReadOnlySpan<ulong> words = u;
            byte[] bytes = MemoryMarshal.AsBytes(words).ToArray();
            return
            [
                new("type", new ConstantValue(type, s_ffEffects)), new("id", id), new("direction", direction),
                new("trigger", StructValue.Of(trigger)), new("replay", StructValue.Of(replay)), new("u", bytes),
            ];
        }
    }

    /// <summary>struct ff_trigger: the button that triggers an effect and how soon it may again.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FfTrigger : IKernelStruct<FfTrigger>
    {
        public ushort button, interval;

        public static string TypeName => "ff_trigger";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("button", button), new("interval", interval)];
    }

    /// <summary>struct ff_replay: how long an effect plays and after what delay.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FfReplay : IKernelStruct<FfReplay>
    {
        public ushort length, delay;

        public static string TypeName => "ff_replay";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("length", length), new("delay", delay)];
    }

    /// <summary>ff_effect's union u: the largest member, ff_periodic_effect, holds a pointer.</summary>
    [InlineArray(4)]
    internal struct FfUnion
    {
        private ulong _word;
    }

    /// <summary>struct input_id: the device's bus, vendor, product and version.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InputId : IKernelStruct<InputId>
    {
        public ushort bustype, vendor, product, version;

        public static string TypeName => "input_id";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("bustype", bustype), new("vendor", vendor), new("product", product), new("version", version)];
    }

    /// <summary>struct input_absinfo: an axis' value and limits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InputAbsinfo : IKernelStruct<InputAbsinfo>
    {
        public int value, minimum, maximum, fuzz, flat, resolution;

        public static string TypeName => "input_absinfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("value", value), new("minimum", minimum), new("maximum", maximum), new("fuzz", fuzz), new("flat", flat),
            new("resolution", resolution),
        ];
    }

    /// <summary>struct input_keymap_entry: a key's code by scancode or by its index in the keymap.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InputKeymapEntry : IKernelStruct<InputKeymapEntry>
    {
        public byte flags, len;
        public ushort index;
        public uint keycode;
        public Scancode scancode;

        public static string TypeName => "input_keymap_entry";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            ReadOnlySpan<byte> bytes = scancode;
            return
            [
                new("flags", flags), new("len", len), new("index", index), new("keycode", new ConstantValue(keycode, s_keys)),
                new("scancode", new ArrayValue(bytes.ToArray().Select(b => (object?)(long)b), truncated: false, stoppedAt: null)),
            ];
        }
    }

    /// <summary>input_keymap_entry's 32 scancode bytes.</summary>
    [InlineArray(32)]
    internal struct Scancode
    {
        private byte _byte;
    }
}
