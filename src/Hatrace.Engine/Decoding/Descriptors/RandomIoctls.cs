using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The random device requests (type 'R', include/uapi/linux/random.h): the entropy count read or added, entropy
/// added with its bytes, and the requests that take nothing. Type 'R' is Qualcomm FastRPC's too
/// (include/uapi/misc/fastrpc.h), whose requests are named and left in hex, as strace leaves them, as is RNDGETPOOL.</summary>
internal static class RandomIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("random_ioctls");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "RNDGETENTCNT":
                IoctlArgument.OutputNumber<int>(context);
                break;
            case "RNDADDTOENTCNT":
                IoctlArgument.InputNumber<int>(context);
                break;
            case "RNDADDENTROPY":
                if (!context.Exiting)
                    AddEntropy(context);
                break;
            case "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT" or "RNDCLEARPOOL" or "RNDRESEEDCRNG":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    // struct rand_pool_info and the buf_size bytes that follow it.
    private static void AddEntropy(DecodeContext context)
    {
        ulong address = (ulong)context.Raw(IoctlArgument.Index);
        if (!context.Dereference || address == 0 || !context.TryRead(address, out RandPoolInfo pool))
        {
            context.SetPointer(IoctlArgument.Index);
            return;
        }
        Func<StraceRenderer, string> bytes = context.BufferField(address + (ulong)Marshal.SizeOf<RandPoolInfo>(), pool.buf_size);
        context.Set(IoctlArgument.Index, ArgumentKind.Pointer, StructValue.Of(pool), render => new StructWriter()
            .Field("entropy_count", pool.entropy_count).Field("buf_size", pool.buf_size).Field("buf", bytes(render)).ToString());
    }

    /// <summary>struct rand_pool_info (RNDADDENTROPY) without its flexible buf: the entropy credited, and the bytes' count.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RandPoolInfo : IKernelStruct<RandPoolInfo>
    {
        public int entropy_count, buf_size;

        public static string TypeName => "rand_pool_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("entropy_count", entropy_count), new("buf_size", buf_size)];
    }
}
