using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The Video4Linux2 structures the requests of <see cref="V4l2Ioctls"/> read, as include/uapi/linux/videodev2.h
/// declares them for x86_64 (struct v4l2_format's in <see cref="V4l2Formats"/>): only the fields strace prints are
/// declared, at the kernel's offsets; unions as their bytes, read as the member their type field selects.</summary>
internal static class V4l2Structs
{
    /// <summary>A union's member read from the union's bytes.</summary>
    internal static T Member<T>(ReadOnlySpan<byte> union) where T : unmanaged => MemoryMarshal.Read<T>(union);

    /// <summary>struct v4l2_capability (VIDIOC_QUERYCAP): the driver, the device and what they can do.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    internal struct Capability : IKernelStruct<Capability>
    {
        [FieldOffset(0)] public Chars16 driver;
        [FieldOffset(16)] public Chars32 card;
        [FieldOffset(48)] public Chars32 bus_info;
        [FieldOffset(80)] public uint version;
        [FieldOffset(84)] public uint capabilities;
        [FieldOffset(88)] public uint device_caps;

        public static string TypeName => "v4l2_capability";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("driver", Text(driver)), new("card", Text(card)), new("bus_info", Text(bus_info)), new("version", version),
            new("capabilities", new FlagsValue(capabilities, V4l2Ioctls.Capabilities)), new("device_caps", new FlagsValue(device_caps, V4l2Ioctls.Capabilities)),
        ];
    }

    /// <summary>struct v4l2_fmtdesc (VIDIOC_ENUM_FMT): a format a buffer type offers.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    internal struct Fmtdesc : IKernelStruct<Fmtdesc>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public uint type;
        [FieldOffset(8)] public uint flags;
        [FieldOffset(12)] public Chars32 description;
        [FieldOffset(44)] public uint pixelformat;

        public static string TypeName => "v4l2_fmtdesc";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("index", index), new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("flags", flags),
            new("description", Text(description)), new("pixelformat", new ConstantValue(pixelformat, V4l2Ioctls.PixelFormats)),
        ];
    }

    /// <summary>struct v4l2_rect.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Rect : IKernelStruct<Rect>
    {
        public int left, top;
        public uint width, height;

        public static string TypeName => "v4l2_rect";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("left", left), new("top", top), new("width", width), new("height", height)];
    }

    /// <summary>struct v4l2_requestbuffers (VIDIOC_REQBUFS): how many buffers of a type and memory, and how many were given.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20)]
    internal struct RequestBuffers : IKernelStruct<RequestBuffers>
    {
        [FieldOffset(0)] public uint count;
        [FieldOffset(4)] public uint type;
        [FieldOffset(8)] public uint memory;

        public static string TypeName => "v4l2_requestbuffers";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("count", count), new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("memory", new ConstantValue(memory, V4l2Ioctls.Memories))];
    }

    /// <summary>struct v4l2_buffer (VIDIOC_QUERYBUF, VIDIOC_QBUF, VIDIOC_DQBUF): a buffer, where its memory is and its state.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 88)]
    internal struct Buffer : IKernelStruct<Buffer>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public uint type;
        [FieldOffset(8)] public uint bytesused;
        [FieldOffset(12)] public uint flags;
        [FieldOffset(16)] public uint field;
        [FieldOffset(24)] public TimeStructs.Timeval timestamp;
        [FieldOffset(56)] public uint sequence;
        [FieldOffset(60)] public uint memory;
        [FieldOffset(64)] public ulong m;
        [FieldOffset(72)] public uint length;

        public static string TypeName => "v4l2_buffer";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("index", index), new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("bytesused", bytesused), new("flags", flags),
            new("field", new ConstantValue(field, V4l2Ioctls.FieldOrders)), new("timestamp", StructValue.Of(timestamp)), new("sequence", sequence),
            new("memory", new ConstantValue(memory, V4l2Ioctls.Memories)), new("m", m), new("length", length),
        ];
    }

    /// <summary>struct v4l2_streamparm (VIDIOC_G_PARM, VIDIOC_S_PARM): a buffer type and its streaming parameters.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 204)]
    internal struct StreamParm : IKernelStruct<StreamParm>
    {
        [FieldOffset(0)] public uint type;
        [FieldOffset(4)] public Union200 parm;

        public static string TypeName => "v4l2_streamparm";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("parm", V4l2Ioctls.ParmMember(type, parm))];
    }

    /// <summary>struct v4l2_captureparm and v4l2_outputparm, alike but for the names of their mode and buffer count.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 40)]
    internal struct CaptureParm : IKernelStruct<CaptureParm>
    {
        [FieldOffset(0)] public uint capability;
        [FieldOffset(4)] public uint capturemode;
        [FieldOffset(8)] public Fract timeperframe;
        [FieldOffset(16)] public uint extendedmode;
        [FieldOffset(20)] public uint readbuffers;

        public static string TypeName => "v4l2_captureparm";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("capability", new FlagsValue(capability, V4l2Ioctls.StreamingCapabilities)), new("capturemode", new FlagsValue(capturemode, V4l2Ioctls.CaptureModes)),
            new("timeperframe", StructValue.Of(timeperframe)), new("extendedmode", extendedmode), new("readbuffers", readbuffers),
        ];
    }

    /// <summary>struct v4l2_fract: a fraction, printed <c>1/30</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Fract : IKernelStruct<Fract>
    {
        public uint numerator, denominator;

        public static string TypeName => "v4l2_fract";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("numerator", numerator), new("denominator", denominator)];
    }

    /// <summary>struct v4l2_standard (VIDIOC_ENUMSTD): a video standard and its frame timing.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 72)]
    internal struct Standard : IKernelStruct<Standard>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(16)] public Chars24 name;
        [FieldOffset(40)] public Fract frameperiod;
        [FieldOffset(48)] public uint framelines;

        public static string TypeName => "v4l2_standard";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("index", index), new("name", Text(name)), new("frameperiod", StructValue.Of(frameperiod)), new("framelines", framelines)];
    }

    /// <summary>struct v4l2_input (VIDIOC_ENUMINPUT): a video input.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 80)]
    internal struct Input : IKernelStruct<Input>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public Chars32 name;
        [FieldOffset(36)] public uint type;

        public static string TypeName => "v4l2_input";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("index", index), new("name", Text(name)), new("type", new ConstantValue(type, V4l2Ioctls.InputTypes))];
    }

    /// <summary>struct v4l2_control (VIDIOC_G_CTRL, VIDIOC_S_CTRL): a control and its value.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Control : IKernelStruct<Control>
    {
        public uint id;
        public int value;

        public static string TypeName => "v4l2_control";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("id", new ConstantValue(id, V4l2Ioctls.ControlIds)), new("value", value)];
    }

    /// <summary>struct v4l2_tuner (VIDIOC_G_TUNER, VIDIOC_S_TUNER): a tuner, its range and what it receives.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 84)]
    internal struct Tuner : IKernelStruct<Tuner>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public Chars32 name;
        [FieldOffset(36)] public uint type;
        [FieldOffset(40)] public uint capability;
        [FieldOffset(44)] public uint rangelow;
        [FieldOffset(48)] public uint rangehigh;
        [FieldOffset(52)] public uint rxsubchans;
        [FieldOffset(56)] public uint audmode;
        [FieldOffset(60)] public int signal;
        [FieldOffset(64)] public int afc;

        public static string TypeName => "v4l2_tuner";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("index", index), new("name", Text(name)), new("type", new ConstantValue(type, V4l2Ioctls.TunerTypes)),
            new("capability", new FlagsValue(capability, V4l2Ioctls.TunerCapabilities)), new("rangelow", rangelow), new("rangehigh", rangehigh),
            new("rxsubchans", new FlagsValue(rxsubchans, V4l2Ioctls.TunerSubchannels)), new("audmode", new ConstantValue(audmode, V4l2Ioctls.TunerAudioModes)),
            new("signal", signal), new("afc", afc),
        ];
    }

    /// <summary>struct v4l2_queryctrl (VIDIOC_QUERYCTRL): a control's type, name, range and flags.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 68)]
    internal struct QueryCtrl : IKernelStruct<QueryCtrl>
    {
        [FieldOffset(0)] public uint id;
        [FieldOffset(4)] public uint type;
        [FieldOffset(8)] public Chars32 name;
        [FieldOffset(40)] public int minimum;
        [FieldOffset(44)] public int maximum;
        [FieldOffset(48)] public int step;
        [FieldOffset(52)] public int default_value;
        [FieldOffset(56)] public uint flags;

        public static string TypeName => "v4l2_queryctrl";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("id", id), new("type", new ConstantValue(type, V4l2Ioctls.ControlTypes)), new("name", Text(name)), new("minimum", minimum),
            new("maximum", maximum), new("step", step), new("default_value", default_value), new("flags", new FlagsValue(flags, V4l2Ioctls.ControlFlags)),
        ];
    }

    /// <summary>struct v4l2_query_ext_ctrl (VIDIOC_QUERY_EXT_CTRL): v4l2_queryctrl's fields with 64-bit limits, and the
    /// size and dimensions of an array control.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 232)]
    internal struct QueryExtCtrl : IKernelStruct<QueryExtCtrl>
    {
        [FieldOffset(0)] public uint id;
        [FieldOffset(4)] public uint type;
        [FieldOffset(8)] public Chars32 name;
        [FieldOffset(40)] public long minimum;
        [FieldOffset(48)] public long maximum;
        [FieldOffset(56)] public ulong step;
        [FieldOffset(64)] public long default_value;
        [FieldOffset(72)] public uint flags;
        [FieldOffset(76)] public uint elem_size;
        [FieldOffset(80)] public uint elems;
        [FieldOffset(84)] public uint nr_of_dims;
        [FieldOffset(88)] public Dims dims;

        public static string TypeName => "v4l2_query_ext_ctrl";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            ReadOnlySpan<uint> sizes = dims;
            return
            [
                new("id", id), new("type", new ConstantValue(type, V4l2Ioctls.ControlTypes)), new("name", Text(name)), new("minimum", minimum),
                new("maximum", maximum), new("step", step), new("default_value", default_value), new("flags", new FlagsValue(flags, V4l2Ioctls.ControlFlags)),
                new("elem_size", elem_size), new("elems", elems), new("nr_of_dims", nr_of_dims),
                new("dims", new ArrayValue(sizes[..(int)Math.Min(nr_of_dims, (uint)sizes.Length)].ToArray().Select(d => (object?)(long)d))),
            ];
        }
    }

    /// <summary>struct v4l2_cropcap (VIDIOC_CROPCAP): the cropping bounds, default rectangle and pixel aspect.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CropCap : IKernelStruct<CropCap>
    {
        public uint type;
        public Rect bounds, defrect;
        public Fract pixelaspect;

        public static string TypeName => "v4l2_cropcap";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("bounds", StructValue.Of(bounds)), new("defrect", StructValue.Of(defrect)),
            new("pixelaspect", StructValue.Of(pixelaspect)),
        ];
    }

    /// <summary>struct v4l2_crop (VIDIOC_G_CROP, VIDIOC_S_CROP): a buffer type's cropping rectangle.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Crop : IKernelStruct<Crop>
    {
        public uint type;
        public Rect c;

        public static string TypeName => "v4l2_crop";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("type", new ConstantValue(type, V4l2Ioctls.BufferTypes)), new("c", StructValue.Of(c))];
    }

    /// <summary>struct v4l2_ext_controls (VIDIOC_G_EXT_CTRLS, VIDIOC_S_EXT_CTRLS, VIDIOC_TRY_EXT_CTRLS): a class's controls,
    /// and the one that failed.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    internal struct ExtControls : IKernelStruct<ExtControls>
    {
        [FieldOffset(0)] public uint ctrl_class;
        [FieldOffset(4)] public uint count;
        [FieldOffset(8)] public uint error_idx;
        [FieldOffset(24)] public ulong controls;

        public static string TypeName => "v4l2_ext_controls";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("ctrl_class", new ConstantValue(ctrl_class, V4l2Ioctls.ControlClasses)), new("count", count), new("error_idx", error_idx),
            new("controls", DecodeContext.Pointer((long)controls, PointerReason.NotDecoded)),
        ];
    }

    /// <summary>struct v4l2_ext_control (packed): a control and its value, a number or, when it has a size, a pointer to
    /// that many bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20, Pack = 1)]
    internal struct ExtControl : IKernelStruct<ExtControl>
    {
        [FieldOffset(0)] public uint id;
        [FieldOffset(4)] public uint size;
        [FieldOffset(12)] public int value;
        [FieldOffset(12)] public long value64;

        public static string TypeName => "v4l2_ext_control";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("id", new ConstantValue(id, V4l2Ioctls.ControlIds)), new("size", size), new("value", value), new("value64", value64)];
    }

    /// <summary>struct v4l2_frmsizeenum (VIDIOC_ENUM_FRAMESIZES): a format's frame size, discrete or a range.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 44)]
    internal struct FrameSizeEnum : IKernelStruct<FrameSizeEnum>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public uint pixel_format;
        [FieldOffset(8)] public uint type;
        [FieldOffset(12)] public FrameSizeDiscrete discrete;
        [FieldOffset(12)] public FrameSizeStepwise stepwise;

        public static string TypeName => "v4l2_frmsizeenum";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("index", index), new("pixel_format", new ConstantValue(pixel_format, V4l2Ioctls.PixelFormats)),
            new("type", new ConstantValue(type, V4l2Ioctls.FrameSizeTypes)), new("discrete", StructValue.Of(discrete)), new("stepwise", StructValue.Of(stepwise)),
        ];
    }

    /// <summary>struct v4l2_frmsize_discrete.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FrameSizeDiscrete : IKernelStruct<FrameSizeDiscrete>
    {
        public uint width, height;

        public static string TypeName => "v4l2_frmsize_discrete";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("width", width), new("height", height)];
    }

    /// <summary>struct v4l2_frmsize_stepwise.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FrameSizeStepwise : IKernelStruct<FrameSizeStepwise>
    {
        public uint min_width, max_width, step_width, min_height, max_height, step_height;

        public static string TypeName => "v4l2_frmsize_stepwise";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("min_width", min_width), new("max_width", max_width), new("step_width", step_width), new("min_height", min_height),
            new("max_height", max_height), new("step_height", step_height),
        ];
    }

    /// <summary>struct v4l2_frmivalenum (VIDIOC_ENUM_FRAMEINTERVALS): a frame size's interval, discrete or a range.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 52)]
    internal struct FrameIntervalEnum : IKernelStruct<FrameIntervalEnum>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public uint pixel_format;
        [FieldOffset(8)] public uint width;
        [FieldOffset(12)] public uint height;
        [FieldOffset(16)] public uint type;
        [FieldOffset(20)] public Fract discrete;
        [FieldOffset(20)] public FrameIntervalStepwise stepwise;

        public static string TypeName => "v4l2_frmivalenum";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("index", index), new("pixel_format", new ConstantValue(pixel_format, V4l2Ioctls.PixelFormats)), new("width", width), new("height", height),
            new("type", new ConstantValue(type, V4l2Ioctls.FrameIntervalTypes)), new("discrete", StructValue.Of(discrete)), new("stepwise", StructValue.Of(stepwise)),
        ];
    }

    /// <summary>struct v4l2_frmival_stepwise.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FrameIntervalStepwise : IKernelStruct<FrameIntervalStepwise>
    {
        public Fract min, max, step;

        public static string TypeName => "v4l2_frmival_stepwise";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("min", StructValue.Of(min)), new("max", StructValue.Of(max)), new("step", StructValue.Of(step))];
    }

    /// <summary>struct v4l2_create_buffers (VIDIOC_CREATE_BUFS): buffers of a format to add, and the first one's index.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct CreateBuffers : IKernelStruct<CreateBuffers>
    {
        [FieldOffset(0)] public uint index;
        [FieldOffset(4)] public uint count;
        [FieldOffset(8)] public uint memory;
        [FieldOffset(16)] public V4l2Formats.Format format;

        public static string TypeName => "v4l2_create_buffers";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("index", index), new("count", count), new("memory", new ConstantValue(memory, V4l2Ioctls.Memories)), new("format", StructValue.Of(format))];
    }

    /// <summary>struct v4l2_framebuffer (VIDIOC_G_FBUF, VIDIOC_S_FBUF): an overlay's frame buffer.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal struct Framebuffer : IKernelStruct<Framebuffer>
    {
        [FieldOffset(0)] public uint capability;
        [FieldOffset(4)] public uint flags;
        [FieldOffset(8)] public ulong @base;

        public static string TypeName => "v4l2_framebuffer";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("capability", capability), new("flags", flags), new("base", DecodeContext.Pointer((long)@base, PointerReason.NotDecoded))];
    }

    private static StringValue Text(ReadOnlySpan<byte> chars) =>
        new(StraceQuoting.BeforeNul(chars, out bool truncated).ToArray(), truncated, unterminated: truncated);

    /// <summary>A char[16].</summary>
    [InlineArray(16)]
    internal struct Chars16
    {
        private byte _char;
    }

    /// <summary>A char[24].</summary>
    [InlineArray(24)]
    internal struct Chars24
    {
        private byte _char;
    }

    /// <summary>A char[32].</summary>
    [InlineArray(32)]
    internal struct Chars32
    {
        private byte _char;
    }

    /// <summary>A union's 200 bytes (v4l2_format's fmt, v4l2_streamparm's parm).</summary>
    [InlineArray(200)]
    internal struct Union200
    {
        private byte _byte;
    }

    /// <summary>v4l2_query_ext_ctrl's dims[V4L2_CTRL_MAX_DIMS].</summary>
    [InlineArray(4)]
    internal struct Dims
    {
        private uint _size;
    }
}
