using System.Runtime.InteropServices;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>openat2: struct open_how (<c>{flags=O_WRONLY|O_CREAT, mode=0600, resolve=0}</c>); the mode only when the
/// flags may create a file, as for openat.</summary>
internal static class Openat2Decoders
{
    private static readonly FlagSet s_resolveFlags = new("resolve_flags", "RESOLVE_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("openat2", DecodeOpenat2)];

    // A size smaller than the structure's first version is refused by the kernel, and strace prints the address.
    private static void DecodeOpenat2(DecodeContext context)
    {
        if (context.Exiting)
            return;
        if (context.Unsigned(3) < (ulong)System.Runtime.CompilerServices.Unsafe.SizeOf<OpenHow>())
            context.SetPointer(2);
        else
            context.SetStruct<OpenHow>(2, (how, render, _) => FormatOpenHow(how, render));
    }

    internal static string FormatOpenHow(OpenHow how, StraceRenderer render)
    {
        var text = new StructWriter().Field("flags", OpenFlags.Format((long)how.flags, render));
        if (OpenFlags.TakesMode((long)how.flags))
            text.Field("mode", GenericDecoder.FormatMode(how.mode));
        return text.Field("resolve", s_resolveFlags.Format((long)how.resolve, render)).ToString();
    }

    /// <summary>struct open_how (include/uapi/linux/openat2.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow : Model.IKernelStruct<OpenHow>
    {
        public ulong flags;
        public ulong mode;
        public ulong resolve;

        public static string TypeName => "open_how";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("flags", OpenFlags.Value((long)flags)), new("mode", mode), new("resolve", new Model.FlagsValue((long)resolve, s_resolveFlags))];
    }
}
