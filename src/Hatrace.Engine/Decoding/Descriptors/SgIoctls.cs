using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>SG_IO (type 0x22): the SCSI request of scsi/sg.h's struct sg_io_hdr (interface_id 'S') or linux/bsg.h's
/// struct sg_io_v4 (guard 'Q'), as strace prints them: the command and the data sent in hex at entry, then, failed
/// or not, the data and sense bytes received and the statuses; any other id as the int it is (<c>[90]</c>).</summary>
internal static class SgIoctls
{
    private const int Scsi = 'S', Bsg = 'Q';
    private const uint ToDevice = 0xfffffffe, FromDevice = 0xfffffffd, ToFromDevice = 0xfffffffc;

    private static readonly ConstantTable s_requests = ConstantTable.Load("sg_ioctls");
    private static readonly NamedValues s_directions = new("sg_dxfer_directions", "SG_DXFER_???");
    private static readonly FlagSet s_flags = new("sg_flags");
    private static readonly NamedValues s_protocols = new("bsg_protocols", "BSG_PROTOCOL_???");
    private static readonly NamedValues s_subprotocols = new("bsg_subprotocols", "BSG_SUB_PROTOCOL_???");
    private static readonly FlagSet s_bsgFlags = new("bsg_flags");
    private static readonly FlagSet s_info = new("sg_info");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        if (s_requests.NameOf(request) != "SG_IO")
            return false;
        if (!context.Exiting)
            Enter(context);
        else
            Exit(context);
        return true;
    }

    // The entry's fields, left open: those the call writes follow at exit.
    private static void Enter(DecodeContext context)
    {
        long address = context.Raw(IoctlArgument.Index);
        if (!context.Dereference || address == 0 || !context.TryRead((ulong)address, out int id))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        if (id == Scsi && context.TryRead((ulong)address, out SgIoHdr header))
            SetOpen(context, StructValue.Of(header), Enter(context, header));
        else if (id == Bsg && context.TryRead((ulong)address, out SgIoV4 v4))
            SetOpen(context, StructValue.Of(v4), Enter(context, v4));
        else if (id is Scsi or Bsg)
        {
            // The id read but not the rest: strace prints the id, then the structure's address.
            var writer = new StructWriter(id == Scsi ? SgIoHdr.TypeName : SgIoV4.TypeName).Field(id == Scsi ? "interface_id" : "guard", id, Character(id));
            context.Set(IoctlArgument.Index, ArgumentKind.Pointer, writer.Value, $"{Open(writer)}, {DecodeContext.FormatAddress(address)}}}");
        }
        else
            IoctlArgument.InputNumber<int>(context);
    }

    private static void SetOpen(DecodeContext context, StructValue value, Func<StraceRenderer, string> text)
    {
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, value, text);
        context.Defer(IoctlArgument.Index);
    }

    private static void Exit(DecodeContext context)
    {
        if (context.Arguments[IoctlArgument.Index] is not { Value: StructValue { Source: var before } } entered)
            return;
        long address = context.Raw(IoctlArgument.Index);
        Func<StraceRenderer, string>? more = before switch
        {
            SgIoHdr when context.TryRead((ulong)address, out SgIoHdr header) => Exit(context, header),
            SgIoV4 when context.TryRead((ulong)address, out SgIoV4 v4) => Exit(context, v4),
            _ => null,
        };
        if (more is not null)
            context.Set(IoctlArgument.Index, ArgumentKind.Pointer, entered.Value, render => entered.Render(render) + more(render));
    }

    private static Func<StraceRenderer, string> Enter(DecodeContext context, SgIoHdr header)
    {
        Func<StraceRenderer, string> command = context.BufferField((ulong)header.cmdp, header.cmd_len, hex: true);
        uint direction = (uint)header.dxfer_direction;
        Func<StraceRenderer, string>? sent = direction is ToDevice or ToFromDevice
            ? Data(context, header.dxferp, header.iovec_count, header.dxfer_len) : null;
        return render =>
        {
            var text = new StructWriter().Field("interface_id", Character(header.interface_id))
                .Field("dxfer_direction", s_directions.FormatUnsigned(direction, render)).Field("cmd_len", header.cmd_len)
                .Field("cmdp", command(render)).Field("mx_sb_len", header.mx_sb_len).Field("iovec_count", header.iovec_count)
                .Field("dxfer_len", header.dxfer_len).Field("timeout", header.timeout).Field("flags", s_flags.Format(header.flags, render));
            if (sent is not null)
                text.Field("dxferp", sent(render));
            return Open(text);
        };
    }

    private static Func<StraceRenderer, string> Exit(DecodeContext context, SgIoHdr header)
    {
        uint direction = (uint)header.dxfer_direction;
        Func<StraceRenderer, string>? received = direction is FromDevice or ToFromDevice
            ? Data(context, header.dxferp, header.iovec_count, Math.Max(0L, (long)header.dxfer_len - header.resid)) : null;
        Func<StraceRenderer, string> sense = context.BufferField((ulong)header.sbp, header.sb_len_wr, hex: true);
        return render =>
        {
            // Data sent and received both: strace writes what came back after an arrow.
            string head = received is null ? "" : (direction == ToFromDevice ? " => dxferp=" : ", dxferp=") + received(render);
            var text = new StructWriter().Field("status", Hex(header.status)).Field("masked_status", Hex(header.masked_status))
                .Field("msg_status", Hex(header.msg_status)).Field("sb_len_wr", header.sb_len_wr).Field("sbp", sense(render))
                .Field("host_status", Hex(header.host_status)).Field("driver_status", Hex(header.driver_status)).Field("resid", header.resid)
                .Field("duration", header.duration).Field("info", s_info.Format(header.info, render));
            return head + ", " + text.ToString()[1..];
        };
    }

    private static Func<StraceRenderer, string> Enter(DecodeContext context, SgIoV4 v4)
    {
        Func<StraceRenderer, string> command = context.BufferField(v4.request, v4.request_len, hex: true);
        Func<StraceRenderer, string> sent = Data(context, v4.dout_xferp, v4.dout_iovec_count, v4.dout_xfer_len);
        return render => Open(new StructWriter().Field("guard", Character(v4.guard))
            .Field("protocol", s_protocols.FormatUnsigned(v4.protocol, render)).Field("subprotocol", s_subprotocols.FormatUnsigned(v4.subprotocol, render))
            .Field("request_len", v4.request_len).Field("request", command(render)).Field("request_tag", DecodeContext.HexOrZero(v4.request_tag))
            .Field("request_attr", v4.request_attr).Field("request_priority", v4.request_priority).Field("request_extra", v4.request_extra)
            .Field("max_response_len", v4.max_response_len).Field("dout_iovec_count", v4.dout_iovec_count).Field("dout_xfer_len", v4.dout_xfer_len)
            .Field("din_iovec_count", v4.din_iovec_count).Field("din_xfer_len", v4.din_xfer_len).Field("dout_xferp", sent(render))
            .Field("timeout", v4.timeout).Field("flags", s_bsgFlags.Format(v4.flags, render)).Field("usr_ptr", DecodeContext.HexOrZero(v4.usr_ptr)));
    }

    private static Func<StraceRenderer, string> Exit(DecodeContext context, SgIoV4 v4)
    {
        Func<StraceRenderer, string> response = context.BufferField(v4.response, v4.response_len, hex: true);
        Func<StraceRenderer, string> received = Data(context, v4.din_xferp, v4.din_iovec_count, Math.Max(0L, (long)v4.din_xfer_len - v4.din_resid));
        return render => ", " + new StructWriter().Field("response_len", v4.response_len).Field("response", response(render))
            .Field("din_xferp", received(render)).Field("driver_status", Hex(v4.driver_status)).Field("transport_status", Hex(v4.transport_status))
            .Field("device_status", Hex(v4.device_status)).Field("retry_delay", v4.retry_delay).Field("info", s_info.Format(v4.info, render)).Field("duration", v4.duration)
            .Field("response_len", v4.response_len).Field("din_resid", v4.din_resid).Field("dout_resid", v4.dout_resid)
            .Field("generated_tag", DecodeContext.HexOrZero(v4.generated_tag)).ToString()[1..];
    }

    /// <summary>The data a transfer points to: <paramref name="length"/> bytes in hex, or, with an iovec count, the iovecs
    /// and as much of their buffers.</summary>
    private static Func<StraceRenderer, string> Data(DecodeContext context, ulong address, uint iovecCount, long length)
    {
        if (iovecCount == 0)
            return context.BufferField(address, length, hex: true);
        string text = IovecArray.Read(context, (long)address, iovecCount, length).Text;
        return render => render.Resolve(text); // the iovecs' text holds the quoting left to the renderer
    }

    private static string Character(int id) => id is >= 0x20 and < 0x7f && id != '\'' && id != '\\'
        ? $"'{(char)id}'" : id.ToString(CultureInfo.InvariantCulture);

    // Statuses: strace prints them in hex.
    private static string Hex(uint status) => DecodeContext.HexOrZero(status);

    // The structure's text without its closing brace.
    private static string Open(StructWriter text) => text.ToString()[..^1];

    /// <summary>struct sg_io_hdr (scsi/sg.h): a SCSI command, its data and sense buffers, and what the device answered.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SgIoHdr : IKernelStruct<SgIoHdr>
    {
        public int interface_id, dxfer_direction;
        public byte cmd_len, mx_sb_len;
        public ushort iovec_count;
        public uint dxfer_len;
        public ulong dxferp, cmdp, sbp;
        public uint timeout, flags;
        public int pack_id;
        public ulong usr_ptr;
        public byte status, masked_status, msg_status, sb_len_wr;
        public ushort host_status, driver_status;
        public int resid;
        public uint duration, info;

        public static string TypeName => "sg_io_hdr";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("interface_id", interface_id), new("dxfer_direction", new ConstantValue((uint)dxfer_direction, s_directions)),
            new("cmd_len", cmd_len), new("mx_sb_len", mx_sb_len), new("iovec_count", iovec_count), new("dxfer_len", dxfer_len),
            new("dxferp", DecodeContext.Pointer((long)dxferp, PointerReason.NotDecoded)), new("cmdp", DecodeContext.Pointer((long)cmdp, PointerReason.NotDecoded)),
            new("sbp", DecodeContext.Pointer((long)sbp, PointerReason.NotDecoded)), new("timeout", timeout), new("flags", new FlagsValue(flags, s_flags)),
            new("pack_id", pack_id), new("usr_ptr", usr_ptr), new("status", status), new("masked_status", masked_status),
            new("msg_status", msg_status), new("sb_len_wr", sb_len_wr), new("host_status", host_status), new("driver_status", driver_status),
            new("resid", resid), new("duration", duration), new("info", new FlagsValue(info, s_info)),
        ];
    }

    /// <summary>struct sg_io_v4 (include/uapi/linux/bsg.h): a request of a protocol, its data in and out, and the answer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SgIoV4 : IKernelStruct<SgIoV4>
    {
        public int guard;
        public uint protocol, subprotocol, request_len;
        public ulong request, request_tag;
        public uint request_attr, request_priority, request_extra, max_response_len;
        public ulong response;
        public uint dout_iovec_count, dout_xfer_len, din_iovec_count, din_xfer_len;
        public ulong dout_xferp, din_xferp;
        public uint timeout, flags;
        public ulong usr_ptr;
        public uint spare_in, driver_status, transport_status, device_status, retry_delay, info, duration, response_len;
        public int din_resid, dout_resid;
        public ulong generated_tag;
        public uint spare_out, padding;

        public static string TypeName => "sg_io_v4";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("guard", guard), new("protocol", new ConstantValue(protocol, s_protocols)), new("subprotocol", new ConstantValue(subprotocol, s_subprotocols)),
            new("request_len", request_len), new("request", DecodeContext.Pointer((long)request, PointerReason.NotDecoded)), new("request_tag", request_tag),
            new("request_attr", request_attr), new("request_priority", request_priority), new("request_extra", request_extra),
            new("max_response_len", max_response_len), new("response", DecodeContext.Pointer((long)response, PointerReason.NotDecoded)),
            new("dout_iovec_count", dout_iovec_count), new("dout_xfer_len", dout_xfer_len), new("din_iovec_count", din_iovec_count),
            new("din_xfer_len", din_xfer_len), new("dout_xferp", DecodeContext.Pointer((long)dout_xferp, PointerReason.NotDecoded)),
            new("din_xferp", DecodeContext.Pointer((long)din_xferp, PointerReason.NotDecoded)), new("timeout", timeout),
            new("flags", new FlagsValue(flags, s_bsgFlags)), new("usr_ptr", usr_ptr), new("driver_status", driver_status),
            new("transport_status", transport_status), new("device_status", device_status), new("retry_delay", retry_delay), new("info", new FlagsValue(info, s_info)),
            new("duration", duration), new("response_len", response_len), new("din_resid", din_resid), new("dout_resid", dout_resid),
            new("generated_tag", generated_tag),
        ];
    }
}
