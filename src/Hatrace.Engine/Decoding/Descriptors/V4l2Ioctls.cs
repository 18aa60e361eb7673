using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Hatrace.Engine.Decoding.Descriptors.V4l2Formats;
using static Hatrace.Engine.Decoding.Descriptors.V4l2Structs;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The Video4Linux2 requests (type 'V', include/uapi/linux/videodev2.h) as strace 6.1 decodes them: the
/// device's capabilities, formats (the union member the buffer type selects), buffers, streaming parameters, standards,
/// inputs, controls (one, several and their descriptions, also extended ones), tuners, cropping, frame sizes and intervals and the frame
/// buffer. What the caller gives prints at entry; what the driver fills in follows it when the call succeeded, after
/// <c> =&gt; </c> where the request changes what it was given. Other requests of the type print by name (the VT_*,
/// VIDIOC_SUBDEV_* and drivers' private ones too) with their argument in hex, as all do under -e verbose=none.</summary>
internal static class V4l2Ioctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("v4l2_ioctls");

    internal static FlagSet Capabilities { get; } = new("v4l2_device_capabilities", "V4L2_CAP_???");
    internal static NamedValues BufferTypes { get; } = new("v4l2_buf_types", "V4L2_BUF_TYPE_???");
    internal static NamedValues Memories { get; } = new("v4l2_memories", "V4L2_MEMORY_???");
    internal static NamedValues FieldOrders { get; } = new("v4l2_fields", "V4L2_FIELD_???");
    internal static NamedValues Colorspaces { get; } = new("v4l2_colorspaces", "V4L2_COLORSPACE_???");
    internal static FlagSet FormatFlags { get; } = new("v4l2_format_description_flags", "V4L2_FMT_FLAG_???");
    internal static FlagSet BufferFlags { get; } = new("v4l2_buf_flags", "V4L2_BUF_FLAG_???");
    internal static NamedValues TimestampTypes { get; } = new("v4l2_buf_timestamp_types", "V4L2_BUF_FLAG_TIMESTAMP_???");
    internal static NamedValues TimestampSources { get; } = new("v4l2_buf_timestamp_sources", "V4L2_BUF_FLAG_TSTAMP_SRC_???");
    internal static FlagSet StreamingCapabilities { get; } = new("v4l2_streaming_capabilities", "V4L2_CAP_???");
    internal static FlagSet CaptureModes { get; } = new("v4l2_capture_modes", "V4L2_MODE_???");
    internal static NamedValues InputTypes { get; } = new("v4l2_input_types", "V4L2_INPUT_TYPE_???");
    internal static ConstantTable ControlIds { get; } = ConstantTable.Load("v4l2_control_ids");
    internal static NamedValues ControlClasses { get; } = new("v4l2_control_classes", "V4L2_CTRL_CLASS_???");
    internal static FlagSet ControlIdFlags { get; } = new("v4l2_control_id_flags", "V4L2_CTRL_FLAG_???");
    internal static NamedValues ControlTypes { get; } = new("v4l2_control_types", "V4L2_CTRL_TYPE_???");
    internal static FlagSet ControlFlags { get; } = new("v4l2_control_flags", "V4L2_CTRL_FLAG_???");
    internal static NamedValues TunerTypes { get; } = new("v4l2_tuner_types", "V4L2_TUNER_???");
    internal static FlagSet TunerCapabilities { get; } = new("v4l2_tuner_capabilities", "V4L2_TUNER_CAP_???");
    internal static FlagSet TunerSubchannels { get; } = new("v4l2_tuner_rxsubchans", "V4L2_TUNER_SUB_???");
    internal static NamedValues TunerAudioModes { get; } = new("v4l2_tuner_audio_modes", "V4L2_TUNER_MODE_???");
    internal static NamedValues FrameSizeTypes { get; } = new("v4l2_frame_size_types", "V4L2_FRMSIZE_TYPE_???");
    internal static NamedValues FrameIntervalTypes { get; } = new("v4l2_frame_interval_types", "V4L2_FRMIVAL_TYPE_???");
    internal static FlagSet VbiFlags { get; } = new("v4l2_vbi_flags", "V4L2_VBI_???");
    internal static FlagSet SlicedServices { get; } = new("v4l2_sliced_services", "V4L2_SLICED_???");
    internal static ConstantTable PixelFormats { get; } = ConstantTable.Load("v4l2_pixel_formats");
    internal static ConstantTable SdrFormats { get; } = ConstantTable.Load("v4l2_sdr_formats");
    internal static ConstantTable MetaFormats { get; } = ConstantTable.Load("v4l2_meta_formats");

    // struct v4l2_buffer's flags hold two fields besides the bits (videodev2.h's *_MASK); a control id, two flags.
    private const uint TimestampMask = 0xe000, TimestampSourceMask = 0x70000, ControlIdFlagMask = 0xc0000000, ControlClassMask = 0xffff0000;

    private const uint MemoryMmap = 1, MemoryUserptr = 2, FrameDiscrete = 1, FrameStepwise = 3, IntervalContinuous = 2;

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    /// <summary>Text made when it is asked for, with the renderer that prints it and whether to abbreviate.</summary>
    internal delegate string Printer(StraceRenderer render, bool abbreviate);

    private static bool Decode(DecodeContext context, uint request)
    {
        // strace decodes none of them under -e verbose=none: their argument prints as a number, NULL as 0.
        if (!context.Dereference)
            return false;
        switch (s_requests.NameOf(request))
        {
            case "VIDIOC_QUERYCAP":
                IoctlArgument.Output<Capability>(context, (cap, render, _) => FormatCapability(cap, render));
                break;
            case "VIDIOC_ENUM_FMT":
                Exchange<Fmtdesc>(context, (_, d) => (render, _) => Begin(d, render).ToString(),
                    (_, before, after) => (render, _) => Begin(before, render).Field("flags", FormatFlags.Format(after.flags, render))
                        .Field("description", render.QuoteFixed(after.description)).Field("pixelformat", Fourcc(after.pixelformat, PixelFormats, render)).ToString());
                break;
            case "VIDIOC_G_FMT":
                Exchange<Format>(context, (_, f) => (render, _) => TypeOnly(f.type, render),
                    (c, before, after) => FormatFormat(c, before.type, after));
                break;
            case "VIDIOC_S_FMT" or "VIDIOC_TRY_FMT":
                Exchange<Format>(context, (c, f) => FormatFormat(c, f.type, f),
                    (c, _, after) => FormatMember(after.type, after.fmt) is null ? null : FormatFormat(c, after.type, after, withType: false), changes: true);
                break;
            case "VIDIOC_REQBUFS":
                Exchange<RequestBuffers>(context, (_, r) => (render, _) => Begin(r, render).Field("count", r.count).ToString(),
                    (_, before, after) => (render, _) => Begin(before, render).Field("count", $"{before.count} => {after.count}").ToString());
                break;
            case "VIDIOC_QUERYBUF" or "VIDIOC_QBUF" or "VIDIOC_DQBUF":
                bool dequeue = s_requests.NameOf(request) == "VIDIOC_DQBUF";
                Exchange<V4l2Structs.Buffer>(context, (_, b) => (render, _) => BeginBuffer(b, render, dequeue ? null : b.index).ToString(),
                    (_, before, after) => (render, _) => FormatBuffer(before, after, render, dequeue));
                break;
            case "VIDIOC_STREAMON" or "VIDIOC_STREAMOFF":
                IoctlArgument.InputNumber<int>(context, (type, render) => BufferTypes.FormatUnsigned((uint)type, render));
                break;
            case "VIDIOC_G_PARM":
                Exchange<StreamParm>(context, (_, p) => (render, _) => TypeOnly(p.type, render), (_, before, after) => FormatParm(before.type, after, withType: true));
                break;
            case "VIDIOC_S_PARM":
                Exchange<StreamParm>(context, (_, p) => FormatParm(p.type, p, withType: true),
                    (_, _, after) => ParmMember(after.type, after.parm) is null ? null : FormatParm(after.type, after, withType: false), changes: true);
                break;
            case "VIDIOC_G_STD":
                IoctlArgument.OutputNumber<ulong>(context, (id, _) => DecodeContext.HexOrZero(id));
                break;
            case "VIDIOC_S_STD":
                IoctlArgument.InputNumber<ulong>(context, (id, _) => DecodeContext.HexOrZero(id));
                break;
            case "VIDIOC_ENUMSTD":
                Exchange<Standard>(context, (_, s) => (_, _) => new StructWriter().Field("index", s.index).ToString(),
                    (_, before, after) => (render, _) => new StructWriter().Field("index", before.index).Field("name", render.QuoteFixed(after.name))
                        .Field("frameperiod", Fraction(after.frameperiod)).Field("framelines", after.framelines).ToString());
                break;
            case "VIDIOC_ENUMINPUT":
                Exchange<Input>(context, (_, i) => (_, _) => new StructWriter().Field("index", i.index).ToString(),
                    (_, before, after) => (render, _) => new StructWriter().Field("index", before.index).Field("name", render.QuoteFixed(after.name))
                        .Field("type", InputTypes.FormatUnsigned(after.type, render)).ToString());
                break;
            case "VIDIOC_G_CTRL":
                Exchange<Control>(context, (_, c) => (render, _) => ControlId(c, render).ToString(),
                    (_, before, after) => (render, _) => ControlId(before, render).Field("value", after.value).ToString());
                break;
            case "VIDIOC_S_CTRL":
                Exchange<Control>(context, (_, c) => (render, _) => ControlId(c, render).Field("value", c.value).ToString(),
                    (_, before, after) => (render, _) => ControlId(before, render).Field("value", $"{before.value} => {after.value}").ToString());
                break;
            case "VIDIOC_G_TUNER":
                Exchange<Tuner>(context, (_, t) => (_, _) => new StructWriter().Field("index", t.index).ToString(),
                    (_, before, after) => (render, _) => TunerFields(new StructWriter().Field("index", before.index), after, render).ToString());
                break;
            case "VIDIOC_S_TUNER":
                Exchange<Tuner>(context, (_, t) => (render, _) => TunerFields(new StructWriter().Field("index", t.index), t, render).ToString(),
                    (_, _, after) => (render, _) => TunerFields(new StructWriter(), after, render).ToString(), changes: true);
                break;
            case "VIDIOC_QUERYCTRL":
                Exchange<QueryCtrl>(context, (_, q) => (render, _) => new StructWriter().Field("id", QueriedId(q.id, render)).ToString(),
                    (_, before, after) => (render, abbreviate) => FormatQueryCtrl(before, after, render, abbreviate));
                break;
            case "VIDIOC_QUERY_EXT_CTRL":
                Exchange<QueryExtCtrl>(context, (_, q) => (render, _) => new StructWriter().Field("id", QueriedId(q.id, render)).ToString(),
                    (_, before, after) => (render, abbreviate) => FormatQueryExtCtrl(before, after, render, abbreviate));
                break;
            case "VIDIOC_G_INPUT":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "VIDIOC_S_INPUT":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "VIDIOC_CROPCAP":
                Exchange<CropCap>(context, (_, c) => (render, _) => TypeOnly(c.type, render),
                    (_, before, after) => (render, _) => new StructWriter().Field("type", BufferTypes.FormatUnsigned(before.type, render))
                        .Field("bounds", FormatRect(after.bounds)).Field("defrect", FormatRect(after.defrect)).Field("pixelaspect", Fraction(after.pixelaspect)).ToString());
                break;
            case "VIDIOC_G_CROP":
                Exchange<Crop>(context, (_, c) => (render, _) => TypeOnly(c.type, render),
                    (_, before, after) => (render, _) => FormatCrop(before.type, after.c, render));
                break;
            case "VIDIOC_S_CROP":
                IoctlArgument.Input<Crop>(context, (crop, render, _) => FormatCrop(crop.type, crop.c, render));
                break;
            case "VIDIOC_G_EXT_CTRLS":
                ExtControlsCall(context, get: true);
                break;
            case "VIDIOC_S_EXT_CTRLS" or "VIDIOC_TRY_EXT_CTRLS":
                ExtControlsCall(context, get: false);
                break;
            case "VIDIOC_ENUM_FRAMESIZES":
                Exchange<FrameSizeEnum>(context, (_, f) => (render, _) => BeginFrameSize(f, render).ToString(),
                    (_, before, after) => (render, _) => FrameSize(BeginFrameSize(before, render), after, render).ToString());
                break;
            case "VIDIOC_ENUM_FRAMEINTERVALS":
                Exchange<FrameIntervalEnum>(context, (_, f) => (render, _) => BeginFrameInterval(f, render).ToString(),
                    (_, before, after) => (render, _) => FrameInterval(BeginFrameInterval(before, render), after, render).ToString());
                break;
            case "VIDIOC_CREATE_BUFS":
                CreateBuffersCall(context);
                break;
            case "VIDIOC_G_FBUF":
                IoctlArgument.Output<Framebuffer>(context, (fb, _, _) => FormatFramebuffer(fb));
                break;
            case "VIDIOC_S_FBUF":
                IoctlArgument.Input<Framebuffer>(context, (fb, _, _) => FormatFramebuffer(fb));
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>A structure the request reads and may write back: printed at entry by what <paramref name="entry"/> makes
    /// of it; at exit, when the call succeeded (or also when it failed, if <paramref name="alsoOnFailure"/>), by what
    /// <paramref name="exit"/> makes of it as entered and as written (after the entry's text and <c> =&gt; </c> when the
    /// request <paramref name="changes"/> what it was given), or left as entered when that is null. Both run while the
    /// call's memory can still be read, so that what the structure points to is read then.</summary>
    private static void Exchange<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, Func<DecodeContext, T, Printer> entry, Func<DecodeContext, T, T, Printer?>? exit = null,
        bool alsoOnFailure = false, bool changes = false)
        where T : unmanaged, IKernelStruct<T>
    {
        const int Index = IoctlArgument.Index;
        ulong address = (ulong)context.Raw(Index);
        if (!context.Exiting)
        {
            if (!context.Dereference || address == 0 || !context.TryRead(address, out T value))
            {
                context.SetPointer(Index);
                return;
            }
            SetStruct(context, value, entry(context, value));
            if (exit is not null)
                context.Defer(Index); // the exit needs the entry's value
            return;
        }
        if ((context.Failed && !alsoOnFailure) || exit is null || context.Arguments[Index]?.Value is not StructValue { Source: T before }
            || !context.TryRead(address, out T after) || exit(context, before, after) is not { } print)
            return;
        SyscallArgument given = context.Arguments[Index]!;
        SetStruct(context, after, changes ? (render, abbreviate) => given.Render(render) + " => " + print(render, abbreviate) : print);
    }

    private static void SetStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(DecodeContext context, T value, Printer print) where T : unmanaged, IKernelStruct<T>
    {
        bool abbreviate = context.Abbreviate; // as it is now: the context moves on before the text is made
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(value), render => print(render, abbreviate && !render.Verbose));
    }

    private static string TypeOnly(uint type, StraceRenderer render) => new StructWriter().Field("type", BufferTypes.FormatUnsigned(type, render)).ToString();

    private static string FormatCapability(Capability cap, StraceRenderer render)
    {
        var text = new StructWriter().Field("driver", render.QuoteFixed(cap.driver)).Field("card", render.QuoteFixed(cap.card))
            .Field("bus_info", render.QuoteFixed(cap.bus_info))
            .Field("version", render.Format(DecodeContext.HexOrZero(cap.version), $"KERNEL_VERSION({cap.version >> 16}, {(cap.version >> 8) & 0xff}, {cap.version & 0xff})"))
            .Field("capabilities", Capabilities.Format(cap.capabilities, render));
        // strace leaves device_caps out when the driver did not fill it in.
        return (cap.device_caps != 0 ? text.Field("device_caps", Capabilities.Format(cap.device_caps, render)) : text).ToString();
    }

    private static StructWriter Begin(Fmtdesc d, StraceRenderer render) =>
        new StructWriter().Field("index", d.index).Field("type", BufferTypes.FormatUnsigned(d.type, render));

    private static StructWriter Begin(RequestBuffers r, StraceRenderer render) =>
        new StructWriter().Field("type", BufferTypes.FormatUnsigned(r.type, render)).Field("memory", Memories.FormatUnsigned(r.memory, render));

    /// <summary>A pixel format as its four characters and, when the table names it, its name:
    /// <c>v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */</c>; its number when raw.</summary>
    internal static string Fourcc(uint code, ConstantTable names, StraceRenderer render)
    {
        var text = new StringBuilder("v4l2_fourcc(");
        for (int i = 0; i < 4; i++)
        {
            char c = (char)((code >> (8 * i)) & 0xff);
            text.Append(i == 0 ? "'" : ", '").Append(c switch
            {
                '\'' or '\\' => "\\" + c,
                >= ' ' and <= '~' => c.ToString(),
                _ => $"\\x{(int)c:x2}",
            }).Append('\'');
        }
        text.Append(')');
        if (names.NameOf(code) is string name)
            text.Append(" /* ").Append(name).Append(" */");
        return render.Styled(DecodeContext.HexOrZero(code), text.ToString(), text.ToString());
    }

    private static string Fraction(Fract f) => string.Create(CultureInfo.InvariantCulture, $"{f.numerator}/{f.denominator}");

    internal static string FormatRect(Rect r) =>
        new StructWriter().Field("left", r.left).Field("top", r.top).Field("width", r.width).Field("height", r.height).ToString();

    private static string FormatCrop(uint type, Rect c, StraceRenderer render) =>
        new StructWriter().Field("type", BufferTypes.FormatUnsigned(type, render)).Field("c", FormatRect(c)).ToString();

    // An array as strace prints one: cut after as many items as the string length when abbreviated.
    internal static string ArrayOf(List<string> items, bool abbreviate, int limit, PointerValue? stoppedAt) =>
        abbreviate && items.Count > limit ? StructWriter.Array(items.Take(limit).Append("...")) : StructWriter.Array(items, stoppedAt);

    private const int MostRead = 1024; // items of an array read at most under -v, whatever count the caller gives

    /// <summary>How many of an array's <paramref name="count"/> items to read: those strace prints (and one more, to know
    /// there are more), 1024 at most under -v.</summary>
    internal static long ItemsRead(DecodeContext context, ulong count) =>
        (long)Math.Min(count, context.Abbreviate ? (ulong)context.StringLength + 1 : MostRead);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static StructWriter BeginBuffer(V4l2Structs.Buffer b, StraceRenderer render, uint? index)
    {
        var text = new StructWriter().Field("type", BufferTypes.FormatUnsigned(b.type, render));
        return index is uint i ? text.Field("index", i) : text;
    }

    // What the driver wrote of a buffer: strace always leaves some fields out (...), and prints the timestamp of a
    // dequeued one only.
    private static string FormatBuffer(V4l2Structs.Buffer before, V4l2Structs.Buffer after, StraceRenderer render, bool dequeue)
    {
        StructWriter text = BeginBuffer(before, render, dequeue ? after.index : before.index).Field("memory", Memories.FormatUnsigned(after.memory, render));
        if (after.memory == MemoryMmap)
            text.Field("m.offset", DecodeContext.HexOrZero((uint)after.m));
        else if (after.memory == MemoryUserptr)
            text.Field("m.userptr", DecodeContext.HexOrZero(after.m));
        text.Field("length", after.length).Field("bytesused", after.bytesused).Field("flags", FormatBufferFlags(after.flags, render));
        if (dequeue)
            text.Field("timestamp", new StructWriter().Field("tv_sec", after.timestamp.tv_sec).Field("tv_usec", after.timestamp.tv_usec).ToString());
        return text.More().ToString();
    }

    // The bits, then the timestamp's type and source (videodev2.h's two fields of flags), each named; one number when raw.
    private static string FormatBufferFlags(uint flags, StraceRenderer render)
    {
        string Parts(StraceRenderer style)
        {
            uint bits = flags & ~(TimestampMask | TimestampSourceMask);
            string fields = TimestampTypes.FormatUnsigned(flags & TimestampMask, style) + "|" + TimestampSources.FormatUnsigned(flags & TimestampSourceMask, style);
            return bits != 0 ? BufferFlags.Format(bits, style) + "|" + fields : fields;
        }
        return render.Styled(DecodeContext.HexOrZero(flags), Parts(StraceRenderer.Default), Parts(StraceRenderer.VerboseStyle));
    }

    private static Printer FormatParm(uint type, StreamParm parm, bool withType)
    {
        CaptureParm p = Member<CaptureParm>(parm.parm);
        return (render, _) =>
        {
            var text = new StructWriter();
            if (withType)
                text.Field("type", BufferTypes.FormatUnsigned(type, render));
            if (type is VideoCapture or VideoOutput)
            {
                bool capture = type == VideoCapture;
                text.Field(capture ? "parm.capture" : "parm.output", new StructWriter().Field("capability", StreamingCapabilities.Format(p.capability, render))
                    .Field(capture ? "capturemode" : "outputmode", CaptureModes.Format(p.capturemode, render)).Field("timeperframe", Fraction(p.timeperframe))
                    .Field("extendedmode", DecodeContext.HexOrZero(p.extendedmode)).Field(capture ? "readbuffers" : "writebuffers", p.readbuffers).ToString());
            }
            return text.ToString();
        };
    }

    /// <summary>The union member of a v4l2_streamparm the buffer type selects, as a value.</summary>
    internal static object? ParmMember(uint type, Union200 parm) =>
        type is VideoCapture or VideoOutput ? StructValue.Of(Member<CaptureParm>(parm)) : null;

    private static StructWriter ControlId(Control c, StraceRenderer render) => new StructWriter().Field("id", FormatControlId(c.id, render));

    /// <summary>A control id: by name, as its class and offset (<c>V4L2_CTRL_CLASS_CAMERA+0x922</c>) when only its class
    /// has one, or its number with strace's hint.</summary>
    internal static string FormatControlId(uint id, StraceRenderer render)
    {
        if (ControlIds.NameOf(id) is string name)
            return render.Format(DecodeContext.HexOrZero(id), name);
        uint cls = id & ControlClassMask;
        if (ControlClasses.NameOf(cls) is string className)
            return render.Format(DecodeContext.HexOrZero(id), $"{className}+{DecodeContext.HexOrZero(id - cls)}");
        return render.Unnamed(id, "V4L2_CID_???");
    }

    // VIDIOC_QUERYCTRL's id: the flags that ask for the next control, then the control; one number when raw.
    private static string QueriedId(uint id, StraceRenderer render)
    {
        uint flags = id & ControlIdFlagMask;
        if (flags == 0)
            return FormatControlId(id, render);
        string Parts(StraceRenderer style) => ControlIdFlags.Format(flags, style) + "|" + FormatControlId(id & ~ControlIdFlagMask, style);
        return render.Styled(DecodeContext.HexOrZero(id), Parts(StraceRenderer.Default), Parts(StraceRenderer.VerboseStyle));
    }

    // Without -v, strace stops after the name.
    private static string FormatQueryCtrl(QueryCtrl before, QueryCtrl after, StraceRenderer render, bool abbreviate)
    {
        StructWriter text = new StructWriter().Field("id", QueriedId(before.id, render)).Field("type", ControlTypes.FormatUnsigned(after.type, render))
            .Field("name", render.QuoteFixed(after.name));
        return (abbreviate ? text.More() : text.Field("minimum", after.minimum).Field("maximum", after.maximum).Field("step", after.step)
            .Field("default_value", after.default_value).Field("flags", ControlFlags.Format(after.flags, render))).ToString();
    }

    // Without -v, strace stops after the name; dims has as many of its four sizes as nr_of_dims says.
    private static string FormatQueryExtCtrl(QueryExtCtrl before, QueryExtCtrl after, StraceRenderer render, bool abbreviate)
    {
        StructWriter text = new StructWriter().Field("id", QueriedId(before.id, render)).Field("type", ControlTypes.FormatUnsigned(after.type, render))
            .Field("name", render.QuoteFixed(after.name));
        if (abbreviate)
            return text.More().ToString();
        ReadOnlySpan<uint> dims = after.dims;
        return text.Field("minimum", after.minimum).Field("maximum", after.maximum).Field("step", after.step.ToString(CultureInfo.InvariantCulture))
            .Field("default_value", after.default_value).Field("flags", ControlFlags.Format(after.flags, render)).Field("elem_size", after.elem_size)
            .Field("elems", after.elems).Field("nr_of_dims", after.nr_of_dims)
            .Field("dims", StructWriter.Array(dims[..(int)Math.Min(after.nr_of_dims, (uint)dims.Length)].ToArray().Select(d => Number(d)))).ToString();
    }

    private static StructWriter TunerFields(StructWriter text, Tuner t, StraceRenderer render) =>
        text.Field("name", render.QuoteFixed(t.name)).Field("type", TunerTypes.FormatUnsigned(t.type, render))
            .Field("capability", TunerCapabilities.Format(t.capability, render)).Field("rangelow", t.rangelow).Field("rangehigh", t.rangehigh)
            .Field("rxsubchans", TunerSubchannels.Format(t.rxsubchans, render)).Field("audmode", TunerAudioModes.FormatUnsigned(t.audmode, render))
            .Field("signal", t.signal).Field("afc", t.afc);

    /// <summary>VIDIOC_G_EXT_CTRLS (<paramref name="get"/>), S_EXT_CTRLS and TRY_EXT_CTRLS: the class and count at entry,
    /// the controls given at entry when set or tried, and at exit, whether or not the call failed, the controls as the
    /// driver left them, with the index of the one that failed when it did.</summary>
    private static void ExtControlsCall(DecodeContext context, bool get)
    {
        Exchange<ExtControls>(context, (c, e) =>
        {
            Func<StraceRenderer, bool, string>? controls = e.count == 0 || get ? null : Controls(c, e);
            return (render, abbreviate) =>
            {
                StructWriter text = BeginControls(e, render);
                return (controls is null ? text : text.Field("controls", controls(render, abbreviate))).ToString();
            };
        }, (c, before, after) =>
        {
            // Nothing more when there are no controls, or when those given could not all be read.
            if (after.count == 0 || (!get && !Readable(c, before)))
                return null;
            Func<StraceRenderer, bool, string> controls = Controls(c, after);
            bool failed = c.Failed;
            return (render, abbreviate) =>
            {
                StructWriter text = get ? BeginControls(before, render) : new StructWriter();
                text.Field("controls", controls(render, abbreviate));
                return (failed ? text.Field("error_idx", after.error_idx) : text).ToString();
            };
        }, alsoOnFailure: true, changes: !get);
    }

    private static StructWriter BeginControls(ExtControls e, StraceRenderer render) =>
        new StructWriter().Field("ctrl_class", ControlClasses.FormatUnsigned(e.ctrl_class, render)).Field("count", e.count);

    // Whether the controls can be read whole: strace prints no more after those it could not.
    private static bool Readable(DecodeContext context, ExtControls e) =>
        context.ReadArray(e.controls, ItemsRead(context, e.count), System.Runtime.CompilerServices.Unsafe.SizeOf<ExtControl>(), out PointerValue? stoppedAt) is not null
        && stoppedAt is null;

    // The controls an ext_controls points to, read at once (the strings their pointers give too); their address when unreadable.
    private static Func<StraceRenderer, bool, string> Controls(DecodeContext context, ExtControls e)
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<ExtControl>();
        byte[]? bytes = context.ReadArray(e.controls, ItemsRead(context, e.count), size, out PointerValue? stoppedAt);
        if (bytes is null)
        {
            string address = DecodeContext.FormatAddress((long)e.controls);
            return (_, _) => address;
        }
        var items = new List<Func<StraceRenderer, string>>();
        int limit = context.StringLength;
        for (int at = 0; at < bytes.Length; at += size)
        {
            ExtControl control = Member<ExtControl>(bytes.AsSpan(at));
            // A control with a size points to that many bytes; strace reads no more than the string length of them.
            Func<StraceRenderer, string>? text = control.size > 0 ? context.BufferField((ulong)control.value64, control.size) : null;
            items.Add(render =>
            {
                var item = new StructWriter().Field("id", FormatControlId(control.id, render)).Field("size", control.size);
                return (text is not null ? item.Field("string", text(render)) : item.Field("value", control.value).Field("value64", control.value64)).ToString();
            });
        }
        return (render, abbreviate) => ArrayOf([.. items.Select(i => i(render))], abbreviate, limit, stoppedAt);
    }

    private static StructWriter BeginFrameSize(FrameSizeEnum f, StraceRenderer render) =>
        new StructWriter().Field("index", f.index).Field("pixel_format", Fourcc(f.pixel_format, PixelFormats, render));

    private static StructWriter FrameSize(StructWriter text, FrameSizeEnum f, StraceRenderer render)
    {
        text.Field("type", FrameSizeTypes.FormatUnsigned(f.type, render));
        if (f.type == FrameDiscrete)
            text.Field("discrete", new StructWriter().Field("width", f.discrete.width).Field("height", f.discrete.height).ToString());
        else if (f.type == FrameStepwise)
            text.Field("stepwise", new StructWriter().Field("min_width", f.stepwise.min_width).Field("max_width", f.stepwise.max_width)
                .Field("step_width", f.stepwise.step_width).Field("min_height", f.stepwise.min_height).Field("max_height", f.stepwise.max_height)
                .Field("step_height", f.stepwise.step_height).ToString());
        return text;
    }

    private static StructWriter BeginFrameInterval(FrameIntervalEnum f, StraceRenderer render) =>
        new StructWriter().Field("index", f.index).Field("pixel_format", Fourcc(f.pixel_format, PixelFormats, render)).Field("width", f.width).Field("height", f.height);

    private static StructWriter FrameInterval(StructWriter text, FrameIntervalEnum f, StraceRenderer render)
    {
        text.Field("type", FrameIntervalTypes.FormatUnsigned(f.type, render));
        if (f.type == FrameDiscrete)
            text.Field("discrete", Fraction(f.discrete));
        else if (f.type is IntervalContinuous or FrameStepwise)
            text.Field("stepwise", new StructWriter().Field("min", Fraction(f.stepwise.min)).Field("max", Fraction(f.stepwise.max))
                .Field("step", Fraction(f.stepwise.step)).ToString());
        return text;
    }

    /// <summary>VIDIOC_CREATE_BUFS: the count, memory and format asked for at entry; the buffers' first index and count
    /// follow the result when the call succeeded (<c>= 0 ({index=3, count=2})</c>).</summary>
    private static void CreateBuffersCall(DecodeContext context)
    {
        Exchange<CreateBuffers>(context, (c, b) =>
        {
            Printer format = FormatFormat(c, b.format.type, b.format);
            return (render, abbreviate) => new StructWriter().Field("count", b.count).Field("memory", Memories.FormatUnsigned(b.memory, render))
                .Field("format", format(render, abbreviate)).ToString();
        }, (c, _, after) =>
        {
            c.SetResultText(string.Create(CultureInfo.InvariantCulture, $"{c.Result} ({{index={after.index}, count={after.count}}})"));
            return null;
        });
    }

    private static string FormatFramebuffer(Framebuffer fb) =>
        new StructWriter().Field("capability", DecodeContext.HexOrZero(fb.capability)).Field("flags", DecodeContext.HexOrZero(fb.flags))
            .Field("base", DecodeContext.FormatAddress((long)fb.@base)).ToString();
}
