using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The hard disk requests (type 0x03, include/linux/hdreg.h): struct hd_geometry filled in, the settings read
/// and written as unsigned longs (the nice bits and the bus state by name), the drive's identity as the bytes it is,
/// and the three ints a reset or a scan of an interface take. strace 6.1 decodes HDIO_DRIVE_CMD's ATA command too; this
/// leaves it in hex, as it does the requests strace leaves so (HDIO_GET_QDMA, HDIO_SET_XFER, the task files).</summary>
internal static class HdioIoctls
{
    private const int IdentitySize = 512, ObsoleteIdentitySize = 142; // struct hd_driveid, and the old call's part of it

    private static readonly ConstantTable s_requests = ConstantTable.Load("hdio_ioctls");
    private static readonly FlagSet s_niceFlags = new("hdio_nice_flags", "IDE_NICE_???");
    private static readonly NamedValues s_busStates = new("hdio_busstates", "BUSSTATE_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "HDIO_GETGEO":
                IoctlArgument.Output<HdGeometry>(context, (geometry, _, _) => new StructWriter().Field("heads", geometry.heads)
                    .Field("sectors", geometry.sectors).Field("cylinders", geometry.cylinders)
                    .Field("start", geometry.start.ToString(CultureInfo.InvariantCulture)).ToString());
                break;
            case "HDIO_GET_UNMASKINTR" or "HDIO_GET_MULTCOUNT" or "HDIO_GET_KEEPSETTINGS" or "HDIO_GET_32BIT" or "HDIO_GET_NOWERR"
                or "HDIO_GET_DMA" or "HDIO_GET_WCACHE" or "HDIO_GET_ACOUSTIC" or "HDIO_GET_ADDRESS":
                IoctlArgument.OutputNumber<ulong>(context);
                break;
            case "HDIO_GET_NICE":
                IoctlArgument.OutputNumber<ulong>(context, (flags, render) => s_niceFlags.Format((long)flags, render));
                break;
            case "HDIO_GET_BUSSTATE":
                IoctlArgument.OutputNumber<ulong>(context, (state, render) => s_busStates.FormatUnsigned(state, render));
                break;
            case "HDIO_GET_IDENTITY":
                OutputBytes(context, IdentitySize);
                break;
            case "HDIO_OBSOLETE_IDENTITY":
                OutputBytes(context, ObsoleteIdentitySize);
                break;
            // The interface's data port, control port and interrupt: strace prints them in hex.
            case "HDIO_DRIVE_RESET" or "HDIO_SCAN_HWIF":
                IoctlArgument.InputNumbers<int>(context, 3, value => DecodeContext.HexOrZero((uint)value));
                break;
            case "HDIO_SET_MULTCOUNT" or "HDIO_SET_UNMASKINTR" or "HDIO_SET_KEEPSETTINGS" or "HDIO_SET_32BIT" or "HDIO_SET_NOWERR"
                or "HDIO_SET_DMA" or "HDIO_SET_PIO_MODE" or "HDIO_SET_WCACHE" or "HDIO_SET_ACOUSTIC" or "HDIO_SET_ADDRESS"
                or "HDIO_UNREGISTER_HWIF":
                IoctlArgument.Number(context);
                break;
            case "HDIO_SET_NICE":
                if (!context.Exiting)
                    context.SetFlags(IoctlArgument.Index, s_niceFlags);
                break;
            case "HDIO_SET_BUSSTATE":
                IoctlArgument.Named(context, s_busStates);
                break;
            default:
                return false;
        }
        return true;
    }

    // Bytes the device writes: quoted up to the string length when the call succeeded, whatever -e verbose says.
    private static void OutputBytes(DecodeContext context, int size)
    {
        if (!context.Exiting)
            context.Defer(IoctlArgument.Index);
        else if (context.Failed)
            context.SetPointer(IoctlArgument.Index);
        else
            context.SetBuffer(IoctlArgument.Index, size);
    }

    /// <summary>struct hd_geometry: the disk's heads, sectors per track and cylinders, and the partition's first sector.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct HdGeometry : IKernelStruct<HdGeometry>
    {
        public byte heads;
        public byte sectors;
        public ushort cylinders;
        public ulong start;

        public static string TypeName => "hd_geometry";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("heads", heads), new("sectors", sectors), new("cylinders", cylinders), new("start", start)];
    }
}
