using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The block device requests (type 0x12, include/uapi/linux/fs.h): the sizes and settings they read as the C
/// type each is, the byte ranges of BLKDISCARD and its kin, and BLKPG's partition.</summary>
internal static class BlockIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("block_ioctls");
    private static readonly NamedValues s_blkpgOperations = new("blkpg_operations", "BLKPG_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "BLKROGET" or "BLKSSZGET" or "BLKALIGNOFF" or "BLKBSZGET":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "BLKIOMIN" or "BLKIOOPT" or "BLKPBSZGET" or "BLKDISCARDZEROES":
                IoctlArgument.OutputNumber<uint>(context);
                break;
            case "BLKROTATIONAL" or "BLKSECTGET":
                IoctlArgument.OutputNumber<ushort>(context);
                break;
            case "BLKGETSIZE" or "BLKGETSIZE64" or "BLKGETDISKSEQ":
                IoctlArgument.OutputNumber<ulong>(context);
                break;
            case "BLKRAGET" or "BLKFRAGET":
                IoctlArgument.OutputNumber<long>(context);
                break;
            case "BLKROSET" or "BLKBSZSET":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "BLKRASET" or "BLKFRASET":
                IoctlArgument.Number(context);
                break;
            case "BLKDISCARD" or "BLKZEROOUT" or "BLKSECDISCARD":
                IoctlArgument.InputNumbers<ulong>(context, 2); // start and length in bytes
                break;
            case "BLKPG":
                if (!context.Exiting)
                    SetPartitionRequest(context);
                break;
            case "BLKRRPART" or "BLKFLSBUF" or "BLKTRACESTART" or "BLKTRACESTOP" or "BLKTRACETEARDOWN":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>BLKPG's struct blkpg_ioctl_arg with the partition its data points to, whatever the operation (NULL, or
    /// its address when unreadable, as strace prints it).</summary>
    private static void SetPartitionRequest(DecodeContext context)
    {
        long address = context.Raw(IoctlArgument.Index);
        if (!context.Dereference || !context.TryRead((ulong)address, out BlkpgIoctlArg arg))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        object data = context.TryRead((ulong)arg.data, out BlkpgPartition partition)
            ? StructValue.Of(partition)
            : DecodeContext.Pointer((long)arg.data, PointerReason.Unreadable);
        var writer = new StructWriter("blkpg_ioctl_arg")
            .Field("op", new ConstantValue(arg.op, s_blkpgOperations), s_blkpgOperations.Format(arg.op, context.Render))
            .Field("flags", arg.flags).Field("datalen", arg.datalen)
            .Field("data", data, data is StructValue ? Format(partition, context.Render) : DecodeContext.FormatAddress((long)arg.data));
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, writer.Value, writer.ToString());
    }

    private static string Format(BlkpgPartition partition, StraceRenderer render) =>
        new StructWriter().Field("start", partition.start).Field("length", partition.length).Field("pno", partition.pno)
            .Field("devname", render.QuoteFixed(partition.devname)).Field("volname", render.QuoteFixed(partition.volname)).ToString();

    /// <summary>struct blkpg_ioctl_arg (include/uapi/linux/blkpg.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BlkpgIoctlArg : IKernelStruct<BlkpgIoctlArg>
    {
        public int op;
        public int flags;
        public int datalen;
        public ulong data;

        public static string TypeName => "blkpg_ioctl_arg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("op", new ConstantValue(op, s_blkpgOperations)), new("flags", flags), new("datalen", datalen),
            new("data", DecodeContext.Pointer((long)data, PointerReason.NotDecoded)),
        ];
    }

    /// <summary>struct blkpg_partition: a partition's start and length in bytes, its number and (unused) names.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BlkpgPartition : IKernelStruct<BlkpgPartition>
    {
        public long start;
        public long length;
        public int pno;
        public PartitionName devname;
        public PartitionName volname;

        public static string TypeName => "blkpg_partition";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("start", start), new("length", length), new("pno", pno),
            new("devname", StraceQuoting.Display(StraceQuoting.BeforeNul(devname))),
            new("volname", StraceQuoting.Display(StraceQuoting.BeforeNul(volname))),
        ];
    }

    /// <summary>BLKPG_DEVNAMELTH (and BLKPG_VOLNAMELTH) chars.</summary>
    [InlineArray(64)]
    internal struct PartitionName
    {
        private byte _byte;
    }
}
