using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The userfaultfd requests (type 0xaa, include/uapi/linux/userfaultfd.h): the API handshake with the
/// features asked for and granted, a range registered with the requests it accepts, and the ranges copied, zeroed,
/// woken and unregistered; what the kernel wrote back follows the request when the call succeeded. strace 6.1 leaves
/// UFFDIO_WRITEPROTECT's and UFFDIO_CONTINUE's structures as addresses.</summary>
internal static class UffdIoctls
{
    private static readonly ConstantTable s_requests = ConstantTable.Load("uffd_ioctls");
    private static readonly FlagSet s_features = new("uffd_api_features");
    private static readonly FlagSet s_apiIoctls = new("uffd_api_ioctls");
    private static readonly FlagSet s_rangeIoctls = new("uffd_range_ioctls");
    private static readonly FlagSet s_registerModes = new("uffd_register_modes");
    private static readonly FlagSet s_copyModes = new("uffd_copy_modes");
    private static readonly FlagSet s_zeropageModes = new("uffd_zeropage_modes");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "UFFDIO_API":
                // {api=0xaa, features=0 => features=..., ioctls=...}: the features granted replace those asked for.
                IoctlArgument.InOut<UffdioApi>(context, (api, render, _) => Format(api, render).ToString(),
                    (_, before, _) => (after, render, _) => FormatGranted(before, after, render));
                break;
            case "UFFDIO_REGISTER":
                IoctlArgument.InOut<UffdioRegister>(context, (register, render, _) => Format(register, render).ToString(),
                    (_, _, _) => (register, render, _) => Format(register, render).Field("ioctls", s_rangeIoctls.Format((long)register.ioctls, render)).ToString());
                break;
            case "UFFDIO_UNREGISTER" or "UFFDIO_WAKE":
                IoctlArgument.Input<UffdioRange>(context, (range, _, _) => Format(range));
                break;
            case "UFFDIO_COPY":
                IoctlArgument.InOut<UffdioCopy>(context, (copy, render, _) => Format(copy, render).ToString(),
                    (_, _, _) => (copy, render, _) => Format(copy, render).Field("copy", DecodeContext.HexOrZero((ulong)copy.copy)).ToString());
                break;
            case "UFFDIO_ZEROPAGE":
                IoctlArgument.InOut<UffdioZeropage>(context, (zero, render, _) => Format(zero, render).ToString(),
                    (_, _, _) => (zero, render, _) => Format(zero, render).Field("zeropage", DecodeContext.HexOrZero((ulong)zero.zeropage)).ToString());
                break;
            case "UFFDIO_WRITEPROTECT" or "UFFDIO_CONTINUE":
                if (!context.Exiting)
                    context.SetPointer(IoctlArgument.Index, PointerReason.NotDecoded);
                break;
            default:
                return false;
        }
        return true;
    }

    // The structures' fields as the request gives them, without the closing brace: the kernel's answer may follow.
    private static StructWriter Format(UffdioApi api, StraceRenderer render) =>
        new StructWriter().Field("api", DecodeContext.HexOrZero(api.api)).Field("features", s_features.Format((long)api.features, render));

    // strace writes the features granted inside the braces, after those asked for, when they differ.
    private static string FormatGranted(UffdioApi before, UffdioApi after, StraceRenderer render)
    {
        string features = s_features.Format((long)before.features, render);
        if (after.features != before.features)
            features += " => features=" + s_features.Format((long)after.features, render);
        return new StructWriter().Field("api", DecodeContext.HexOrZero(before.api)).Field("features", features)
            .Field("ioctls", s_apiIoctls.Format((long)after.ioctls, render)).ToString();
    }

    private static string Format(UffdioRange range) =>
        new StructWriter().Field("start", DecodeContext.HexOrZero(range.start)).Field("len", DecodeContext.HexOrZero(range.len)).ToString();

    private static StructWriter Format(UffdioRegister register, StraceRenderer render) =>
        new StructWriter().Field("range", Format(register.range)).Field("mode", s_registerModes.Format((long)register.mode, render));

    private static StructWriter Format(UffdioCopy copy, StraceRenderer render) =>
        new StructWriter().Field("dst", DecodeContext.HexOrZero(copy.dst)).Field("src", DecodeContext.HexOrZero(copy.src))
            .Field("len", DecodeContext.HexOrZero(copy.len)).Field("mode", s_copyModes.Format((long)copy.mode, render));

    private static StructWriter Format(UffdioZeropage zero, StraceRenderer render) =>
        new StructWriter().Field("range", Format(zero.range)).Field("mode", s_zeropageModes.Format((long)zero.mode, render));

    /// <summary>struct uffdio_api: the API version, the features asked for (then granted) and the requests allowed.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UffdioApi : IKernelStruct<UffdioApi>
    {
        public ulong api, features, ioctls;

        public static string TypeName => "uffdio_api";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("api", api), new("features", new FlagsValue((long)features, s_features)), new("ioctls", new FlagsValue((long)ioctls, s_apiIoctls))];
    }

    /// <summary>struct uffdio_range: a range of the caller's memory.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UffdioRange : IKernelStruct<UffdioRange>
    {
        public ulong start, len;

        public static string TypeName => "uffdio_range";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("start", start), new("len", len)];
    }

    /// <summary>struct uffdio_register: the range, how its faults are reported, and the requests it then accepts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UffdioRegister : IKernelStruct<UffdioRegister>
    {
        public UffdioRange range;
        public ulong mode, ioctls;

        public static string TypeName => "uffdio_register";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("range", StructValue.Of(range)), new("mode", new FlagsValue((long)mode, s_registerModes)),
            new("ioctls", new FlagsValue((long)ioctls, s_rangeIoctls)),
        ];
    }

    /// <summary>struct uffdio_copy: the bytes to copy into the faulting range, and how many were.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UffdioCopy : IKernelStruct<UffdioCopy>
    {
        public ulong dst, src, len, mode;
        public long copy;

        public static string TypeName => "uffdio_copy";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("dst", dst), new("src", src), new("len", len), new("mode", new FlagsValue((long)mode, s_copyModes)), new("copy", copy)];
    }

    /// <summary>struct uffdio_zeropage: the range to map zeroed pages into, and how many bytes were.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UffdioZeropage : IKernelStruct<UffdioZeropage>
    {
        public UffdioRange range;
        public ulong mode;
        public long zeropage;

        public static string TypeName => "uffdio_zeropage";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("range", StructValue.Of(range)), new("mode", new FlagsValue((long)mode, s_zeropageModes)), new("zeropage", zeropage)];
    }
}
