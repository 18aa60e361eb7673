using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The TEE requests (type 0xa4, include/uapi/linux/tee.h): the implementation's version and capabilities, shared
/// memory allocated or registered (what was asked for, then what the kernel answered after an arrow), and the session
/// cancelled or closed. strace 6.1 also decodes the sessions' and supplicant's argument buffers (TEE_IOC_OPEN_SESSION,
/// TEE_IOC_INVOKE, TEE_IOC_SUPPL_RECV, TEE_IOC_SUPPL_SEND); this names those and leaves them in hex.</summary>
internal static class TeeIoctls
{
    private const uint OpTee = 1; // TEE_IMPL_ID_OPTEE

    private static readonly ConstantTable s_requests = ConstantTable.Load("tee_ioctls");
    private static readonly NamedValues s_implementations = new("tee_impl_ids", "TEE_IMPL_ID_???");
    private static readonly FlagSet s_genericCapabilities = new("tee_gen_caps", "TEE_GEN_CAP_???");
    private static readonly FlagSet s_opteeCapabilities = new("tee_optee_caps", "TEE_OPTEE_CAP_???");
    private static readonly FlagSet s_shmFlags = new("tee_shm_flags", "TEE_IOCTL_SHM_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "TEE_IOC_VERSION":
                IoctlArgument.Output<TeeIoctlVersionData>(context, (version, render, _) => Format(version, render));
                break;
            case "TEE_IOC_SHM_ALLOC":
                IoctlArgument.InOut<TeeIoctlShmAllocData>(context, (alloc, render, _) => Asked(alloc, render).ToString(),
                    (_, before, _) => (after, render, _) => $"{Asked(before, render)} => {Asked(after, render).Field("id", after.id)}");
                break;
            case "TEE_IOC_SHM_REGISTER":
                IoctlArgument.InOut<TeeIoctlShmRegisterData>(context, (register, render, _) => Asked(register, render),
                    (_, before, _) => (after, render, _) => $"{Asked(before, render)} => " + new StructWriter()
                        .Field("length", DecodeContext.HexOrZero(after.length)).Field("flags", s_shmFlags.Format(after.flags, render))
                        .Field("id", after.id));
                break;
            case "TEE_IOC_CANCEL":
                IoctlArgument.Input<TeeIoctlCancelArg>(context, (cancel, _, _) => new StructWriter().Field("cancel_id", cancel.cancel_id)
                    .Field("session", DecodeContext.HexOrZero(cancel.session)).ToString());
                break;
            case "TEE_IOC_CLOSE_SESSION":
                IoctlArgument.Input<TeeIoctlCloseSessionArg>(context, (close, _, _) => new StructWriter()
                    .Field("session", DecodeContext.HexOrZero(close.session)).ToString());
                break;
            default:
                return false;
        }
        return true;
    }

    // The implementation's own capabilities are named for OP-TEE only.
    private static string Format(TeeIoctlVersionData version, StraceRenderer render) =>
        new StructWriter().Field("impl_id", s_implementations.FormatUnsigned(version.impl_id, render))
            .Field("gen_caps", s_genericCapabilities.Format(version.gen_caps, render))
            .Field("impl_caps", version.impl_id == OpTee ? s_opteeCapabilities.Format(version.impl_caps, render) : DecodeContext.HexOrZero(version.impl_caps))
            .ToString();

    private static StructWriter Asked(TeeIoctlShmAllocData alloc, StraceRenderer render) =>
        new StructWriter().Field("size", DecodeContext.HexOrZero(alloc.size)).Field("flags", s_shmFlags.Format(alloc.flags, render));

    private static string Asked(TeeIoctlShmRegisterData register, StraceRenderer render) =>
        new StructWriter().Field("addr", DecodeContext.FormatAddress((long)register.addr)).Field("length", DecodeContext.HexOrZero(register.length))
            .Field("flags", s_shmFlags.Format(register.flags, render)).ToString();

    /// <summary>struct tee_ioctl_version_data (TEE_IOC_VERSION): the implementation and its capabilities.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TeeIoctlVersionData : IKernelStruct<TeeIoctlVersionData>
    {
        public uint impl_id, impl_caps, gen_caps;

        public static string TypeName => "tee_ioctl_version_data";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("impl_id", new ConstantValue(impl_id, s_implementations)), new("impl_caps", impl_id == OpTee ? new FlagsValue(impl_caps, s_opteeCapabilities) : impl_caps),
            new("gen_caps", new FlagsValue(gen_caps, s_genericCapabilities)),
        ];
    }

    /// <summary>struct tee_ioctl_shm_alloc_data (TEE_IOC_SHM_ALLOC): the size asked for, and the shared memory's id.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TeeIoctlShmAllocData : IKernelStruct<TeeIoctlShmAllocData>
    {
        public ulong size;
        public uint flags;
        public int id;

        public static string TypeName => "tee_ioctl_shm_alloc_data";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("size", size), new("flags", new FlagsValue(flags, s_shmFlags)), new("id", id)];
    }

    /// <summary>struct tee_ioctl_shm_register_data (TEE_IOC_SHM_REGISTER): the caller's memory to share, and its id.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TeeIoctlShmRegisterData : IKernelStruct<TeeIoctlShmRegisterData>
    {
        public ulong addr, length;
        public uint flags;
        public int id;

        public static string TypeName => "tee_ioctl_shm_register_data";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("addr", DecodeContext.Pointer((long)addr, PointerReason.NotDecoded)), new("length", length),
            new("flags", new FlagsValue(flags, s_shmFlags)), new("id", id),
        ];
    }

    /// <summary>struct tee_ioctl_cancel_arg (TEE_IOC_CANCEL): the request to cancel, and its session.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TeeIoctlCancelArg : IKernelStruct<TeeIoctlCancelArg>
    {
        public uint cancel_id, session;

        public static string TypeName => "tee_ioctl_cancel_arg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("cancel_id", cancel_id), new("session", session)];
    }

    /// <summary>struct tee_ioctl_close_session_arg (TEE_IOC_CLOSE_SESSION): the session to close.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TeeIoctlCloseSessionArg : IKernelStruct<TeeIoctlCloseSessionArg>
    {
        public uint session;

        public static string TypeName => "tee_ioctl_close_session_arg";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("session", session)];
    }
}
