using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using static Hatrace.Engine.Decoding.Descriptors.V4l2Ioctls;
using static Hatrace.Engine.Decoding.Descriptors.V4l2Structs;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>struct v4l2_format (VIDIOC_G_FMT, VIDIOC_S_FMT, VIDIOC_TRY_FMT, VIDIOC_CREATE_BUFS) and the members of its
/// union, the one the buffer type selects printed as strace 6.1 prints it (<c>fmt.pix={...}</c>), an overlay's clipping
/// rectangles read from the memory its window points to.</summary>
internal static class V4l2Formats
{
    // enum v4l2_buf_type's values that select a union member.
    internal const uint VideoCapture = 1, VideoOutput = 2, VideoOverlay = 3, VbiCapture = 4, VbiOutput = 5, SlicedVbiCapture = 6,
        SlicedVbiOutput = 7, VideoOutputOverlay = 8, VideoCaptureMplane = 9, VideoOutputMplane = 10, SdrCapture = 11, SdrOutput = 12,
        MetaCapture = 13, MetaOutput = 14;

    /// <summary>The union member of a v4l2_format the buffer type selects, as a value.</summary>
    internal static object? FormatMember(uint type, Union200 fmt) => type switch
    {
        VideoCapture or VideoOutput => StructValue.Of(Member<PixFormat>(fmt)),
        VideoCaptureMplane or VideoOutputMplane => StructValue.Of(Member<PixFormatMplane>(fmt)),
        VideoOverlay or VideoOutputOverlay => StructValue.Of(Member<Window>(fmt)),
        VbiCapture or VbiOutput => StructValue.Of(Member<VbiFormat>(fmt)),
        SlicedVbiCapture or SlicedVbiOutput => StructValue.Of(Member<SlicedVbiFormat>(fmt)),
        SdrCapture or SdrOutput => StructValue.Of(Member<SdrFormat>(fmt)),
        MetaCapture or MetaOutput => StructValue.Of(Member<MetaFormat>(fmt)),
        _ => null,
    };

    /// <summary>A v4l2_format: its type (unless <paramref name="withType"/> is false: what the driver wrote back) and the
    /// union member the type selects. A window's clipping rectangles are read now.</summary>
    internal static Printer FormatFormat(DecodeContext context, uint type, Format format, bool withType = true)
    {
        ReadOnlySpan<byte> fmt = format.fmt;
        Func<StraceRenderer, string>? clips = null;
        if (type is VideoOverlay or VideoOutputOverlay)
            clips = Clips(context, Member<Window>(fmt));
        Format copy = format;
        return (render, abbreviate) =>
        {
            var text = new StructWriter();
            if (withType)
                text.Field("type", BufferTypes.FormatUnsigned(type, render));
            ReadOnlySpan<byte> union = copy.fmt;
            switch (type)
            {
                case VideoCapture or VideoOutput:
                    text.Field("fmt.pix", FormatPix(Member<PixFormat>(union), render));
                    break;
                case VideoCaptureMplane or VideoOutputMplane:
                    text.Field("fmt.pix_mp", FormatPixMplane(Member<PixFormatMplane>(union), render));
                    break;
                case VideoOverlay or VideoOutputOverlay:
                    text.Field("fmt.win", FormatWindow(Member<Window>(union), clips!(render), render));
                    break;
                case VbiCapture or VbiOutput:
                    text.Field("fmt.vbi", FormatVbi(Member<VbiFormat>(union), render));
                    break;
                case SlicedVbiCapture or SlicedVbiOutput:
                    text.Field("fmt.sliced", FormatSliced(Member<SlicedVbiFormat>(union), render));
                    break;
                case SdrCapture or SdrOutput:
                    SdrFormat sdr = Member<SdrFormat>(union);
                    var sdrText = new StructWriter().Field("pixelformat", Fourcc(sdr.pixelformat, SdrFormats, render));
                    text.Field("fmt.sdr", (sdr.buffersize != 0 ? sdrText.Field("buffersize", sdr.buffersize) : sdrText).ToString());
                    break;
                case MetaCapture or MetaOutput:
                    MetaFormat meta = Member<MetaFormat>(union);
                    text.Field("fmt.meta", new StructWriter().Field("dataformat", Fourcc(meta.dataformat, MetaFormats, render)).Field("buffersize", meta.buffersize).ToString());
                    break;
            }
            return text.ToString();
        };
    }

    private static string FormatPix(PixFormat pix, StraceRenderer render) =>
        new StructWriter().Field("width", pix.width).Field("height", pix.height).Field("pixelformat", Fourcc(pix.pixelformat, PixelFormats, render))
            .Field("field", FieldOrders.FormatUnsigned(pix.field, render)).Field("bytesperline", pix.bytesperline).Field("sizeimage", pix.sizeimage)
            .Field("colorspace", Colorspaces.FormatUnsigned(pix.colorspace, render)).ToString();

    private static string FormatPixMplane(PixFormatMplane pix, StraceRenderer render)
    {
        ReadOnlySpan<PlanePixFormat> planes = pix.plane_fmt;
        var items = new List<string>();
        foreach (PlanePixFormat plane in planes[..Math.Min((int)pix.num_planes, planes.Length)])
            items.Add(new StructWriter().Field("sizeimage", plane.sizeimage).Field("bytesperline", plane.bytesperline).ToString());
        return new StructWriter().Field("width", pix.width).Field("height", pix.height).Field("pixelformat", Fourcc(pix.pixelformat, PixelFormats, render))
            .Field("field", FieldOrders.FormatUnsigned(pix.field, render)).Field("colorspace", Colorspaces.FormatUnsigned(pix.colorspace, render))
            .Field("plane_fmt", StructWriter.Array(items)).Field("num_planes", pix.num_planes).ToString();
    }

    // The clipping rectangles a window points to, read at once: NULL, their address when unreadable, [] for none.
    private static Func<StraceRenderer, string> Clips(DecodeContext context, Window win)
    {
        if (win.clips == 0)
            return _ => "NULL";
        int size = Unsafe.SizeOf<Clip>();
        if (win.clipcount == 0)
            return _ => "[]";
        byte[]? bytes = context.ReadArray(win.clips, V4l2Ioctls.ItemsRead(context, win.clipcount), size, out PointerValue? stoppedAt);
        if (bytes is null)
        {
            string address = DecodeContext.FormatAddress((long)win.clips);
            return _ => address;
        }
        var items = new List<string>();
        for (int at = 0; at < bytes.Length; at += size)
            items.Add(new StructWriter().Field("c", FormatRect(Member<Clip>(bytes.AsSpan(at)).c)).ToString());
        bool abbreviate = context.Abbreviate;
        int limit = context.StringLength;
        return render => ArrayOf(items, abbreviate && !render.Verbose, limit, stoppedAt);
    }

    private static string FormatWindow(Window win, string clips, StraceRenderer render)
    {
        var text = new StructWriter().Field("w", FormatRect(win.w)).Field("field", FieldOrders.FormatUnsigned(win.field, render))
            .Field("chromakey", DecodeContext.HexOrZero(win.chromakey)).Field("clips", clips).Field("clipcount", win.clipcount)
            .Field("bitmap", DecodeContext.FormatAddress((long)win.bitmap));
        // strace leaves global_alpha out when it is 0.
        return (win.global_alpha != 0 ? text.Field("global_alpha", DecodeContext.HexOrZero(win.global_alpha)) : text).ToString();
    }

    private static string FormatVbi(VbiFormat vbi, StraceRenderer render) =>
        new StructWriter().Field("sampling_rate", vbi.sampling_rate).Field("offset", vbi.offset).Field("samples_per_line", vbi.samples_per_line)
            .Field("sample_format", Fourcc(vbi.sample_format, PixelFormats, render))
            .Field("start", StructWriter.Array([Number(vbi.start[0]), Number(vbi.start[1])]))
            .Field("count", StructWriter.Array([Number((uint)vbi.count[0]), Number((uint)vbi.count[1])]))
            .Field("flags", VbiFlags.Format(vbi.flags, render)).ToString();

    private static string FormatSliced(SlicedVbiFormat sliced, StraceRenderer render)
    {
        ReadOnlySpan<ushort> lines = sliced.service_lines;
        string Field(ReadOnlySpan<ushort> field) => StructWriter.Array(field.ToArray().Select(l => DecodeContext.HexOrZero(l)));
        return new StructWriter().Field("service_set", SlicedServices.Format(sliced.service_set, render))
            .Field("service_lines", StructWriter.Array([Field(lines[..24]), Field(lines[24..])])).Field("io_size", sliced.io_size).ToString();
    }

    /// <summary>struct v4l2_format (VIDIOC_G_FMT, VIDIOC_S_FMT, VIDIOC_TRY_FMT, VIDIOC_CREATE_BUFS): a buffer type and the
    /// format of its data, the union member the type selects.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 208)]
    internal struct Format : IKernelStruct<Format>
    {
        [FieldOffset(0)] public uint type;
        [FieldOffset(8)] public Union200 fmt;

        public static string TypeName => "v4l2_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("type", new ConstantValue(type, BufferTypes)), new("fmt", FormatMember(type, fmt))];
    }

    /// <summary>struct v4l2_pix_format: a single-planar image's size and layout.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal struct PixFormat : IKernelStruct<PixFormat>
    {
        [FieldOffset(0)] public uint width;
        [FieldOffset(4)] public uint height;
        [FieldOffset(8)] public uint pixelformat;
        [FieldOffset(12)] public uint field;
        [FieldOffset(16)] public uint bytesperline;
        [FieldOffset(20)] public uint sizeimage;
        [FieldOffset(24)] public uint colorspace;

        public static string TypeName => "v4l2_pix_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("width", width), new("height", height), new("pixelformat", new ConstantValue(pixelformat, PixelFormats)),
            new("field", new ConstantValue(field, FieldOrders)), new("bytesperline", bytesperline), new("sizeimage", sizeimage),
            new("colorspace", new ConstantValue(colorspace, Colorspaces)),
        ];
    }

    /// <summary>struct v4l2_pix_format_mplane: a multi-planar image's size and its planes' layout.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    internal struct PixFormatMplane : IKernelStruct<PixFormatMplane>
    {
        [FieldOffset(0)] public uint width;
        [FieldOffset(4)] public uint height;
        [FieldOffset(8)] public uint pixelformat;
        [FieldOffset(12)] public uint field;
        [FieldOffset(16)] public uint colorspace;
        [FieldOffset(20)] public PlaneFormats plane_fmt;
        [FieldOffset(180)] public byte num_planes;

        public static string TypeName => "v4l2_pix_format_mplane";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            ReadOnlySpan<PlanePixFormat> planes = plane_fmt;
            return
            [
                new("width", width), new("height", height), new("pixelformat", new ConstantValue(pixelformat, PixelFormats)),
                new("field", new ConstantValue(field, FieldOrders)), new("colorspace", new ConstantValue(colorspace, Colorspaces)),
                new("plane_fmt", new ArrayValue(planes[..Math.Min((int)num_planes, planes.Length)].ToArray().Select(p => (object?)StructValue.Of(p)))),
                new("num_planes", num_planes),
            ];
        }
    }

    /// <summary>struct v4l2_plane_pix_format: a plane's size and line length.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 20)]
    internal struct PlanePixFormat : IKernelStruct<PlanePixFormat>
    {
        [FieldOffset(0)] public uint sizeimage;
        [FieldOffset(4)] public uint bytesperline;

        public static string TypeName => "v4l2_plane_pix_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("sizeimage", sizeimage), new("bytesperline", bytesperline)];
    }

    /// <summary>struct v4l2_window: an overlay's window, its clipping rectangles and bitmap.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 56)]
    internal struct Window : IKernelStruct<Window>
    {
        [FieldOffset(0)] public Rect w;
        [FieldOffset(16)] public uint field;
        [FieldOffset(20)] public uint chromakey;
        [FieldOffset(24)] public ulong clips;
        [FieldOffset(32)] public uint clipcount;
        [FieldOffset(40)] public ulong bitmap;
        [FieldOffset(48)] public byte global_alpha;

        public static string TypeName => "v4l2_window";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("w", StructValue.Of(w)), new("field", new ConstantValue(field, FieldOrders)), new("chromakey", chromakey),
            new("clips", DecodeContext.Pointer((long)clips, PointerReason.NotDecoded)), new("clipcount", clipcount),
            new("bitmap", DecodeContext.Pointer((long)bitmap, PointerReason.NotDecoded)), new("global_alpha", global_alpha),
        ];
    }

    /// <summary>struct v4l2_clip: a clipping rectangle of an overlay's list.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Clip : IKernelStruct<Clip>
    {
        public Rect c;
        public ulong next;

        public static string TypeName => "v4l2_clip";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("c", StructValue.Of(c)), new("next", next)];
    }

    /// <summary>struct v4l2_vbi_format: raw vertical blanking interval data's sampling.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 44)]
    internal struct VbiFormat : IKernelStruct<VbiFormat>
    {
        [FieldOffset(0)] public uint sampling_rate;
        [FieldOffset(4)] public uint offset;
        [FieldOffset(8)] public uint samples_per_line;
        [FieldOffset(12)] public uint sample_format;
        [FieldOffset(16)] public Int2 start;
        [FieldOffset(24)] public Int2 count;
        [FieldOffset(32)] public uint flags;

        public static string TypeName => "v4l2_vbi_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("sampling_rate", sampling_rate), new("offset", offset), new("samples_per_line", samples_per_line),
            new("sample_format", new ConstantValue(sample_format, PixelFormats)), new("start", new ArrayValue([(long)start[0], (long)start[1]])),
            new("count", new ArrayValue([(long)(uint)count[0], (long)(uint)count[1]])), new("flags", new FlagsValue(flags, VbiFlags)),
        ];
    }

    /// <summary>struct v4l2_sliced_vbi_format: the sliced VBI services asked for, line by line.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 112)]
    internal struct SlicedVbiFormat : IKernelStruct<SlicedVbiFormat>
    {
        [FieldOffset(0)] public ushort service_set;
        [FieldOffset(2)] public ServiceLines service_lines;
        [FieldOffset(100)] public uint io_size;

        public static string TypeName => "v4l2_sliced_vbi_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields()
        {
            ReadOnlySpan<ushort> lines = service_lines;
            return
            [
                new("service_set", new FlagsValue(service_set, SlicedServices)),
                new("service_lines", new ArrayValue([new ArrayValue(lines[..24].ToArray().Select(l => (object?)(long)l)), new ArrayValue(lines[24..].ToArray().Select(l => (object?)(long)l))])),
                new("io_size", io_size),
            ];
        }
    }

    /// <summary>struct v4l2_sdr_format: a software-defined radio's sample format and buffer size.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    internal struct SdrFormat : IKernelStruct<SdrFormat>
    {
        [FieldOffset(0)] public uint pixelformat;
        [FieldOffset(4)] public uint buffersize;

        public static string TypeName => "v4l2_sdr_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("pixelformat", new ConstantValue(pixelformat, SdrFormats)), new("buffersize", buffersize)];
    }

    /// <summary>struct v4l2_meta_format: a metadata buffer's format and size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MetaFormat : IKernelStruct<MetaFormat>
    {
        public uint dataformat, buffersize;

        public static string TypeName => "v4l2_meta_format";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("dataformat", new ConstantValue(dataformat, MetaFormats)), new("buffersize", buffersize)];
    }

    /// <summary>v4l2_pix_format_mplane's plane_fmt[VIDEO_MAX_PLANES].</summary>
    [InlineArray(8)]
    internal struct PlaneFormats
    {
        private PlanePixFormat _plane;
    }

    /// <summary>An int[2] or __u32[2] (v4l2_vbi_format's start and count).</summary>
    [InlineArray(2)]
    internal struct Int2
    {
        private int _value;
    }

    /// <summary>v4l2_sliced_vbi_format's service_lines[2][24].</summary>
    [InlineArray(48)]
    internal struct ServiceLines
    {
        private ushort _line;
    }
}
