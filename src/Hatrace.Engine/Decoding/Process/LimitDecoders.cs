using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>getrlimit, setrlimit, i386's ugetrlimit and prlimit64: the resource by name and the limits as strace
/// prints them (<c>{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}</c>); old limits are outputs, shown at exit.</summary>
internal static class LimitDecoders
{
    private static readonly NamedValues s_resources = new("rlimit_resources", "RLIMIT_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("prlimit64", DecodePrlimit64),
        ("getrlimit", context => DecodeRlimit(context, isOutput: true)),
        ("setrlimit", context => DecodeRlimit(context, isOutput: false)),
        ("ugetrlimit", context => DecodeRlimit(context, isOutput: true)),
    ];

    /// <summary>The kernel's struct rlimit64 (and struct rlimit on x86_64): two 64-bit limits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceLimit : Model.IKernelStruct<ResourceLimit>
    {
        public ulong rlim_cur, rlim_max;

        public static string TypeName => "rlimit";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("rlim_cur", rlim_cur), new("rlim_max", rlim_max)];
    }

    /// <summary>i386's struct compat_rlimit: two 32-bit limits, ~0 unlimited (RLIM_INFINITY).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ResourceLimit32 : Model.ICompatStruct<ResourceLimit32, ResourceLimit>
    {
        public uint rlim_cur, rlim_max;

        public static string TypeName => "rlimit";

        public readonly ResourceLimit Widen() => new() { rlim_cur = rlim_cur, rlim_max = rlim_max };
    }

    /// <summary>prlimit64(pid, resource, new_limit, old_limit).</summary>
    private static void DecodePrlimit64(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetResource(context, 1);
            SetLimit(context, 2);
            context.Defer(3);
        }
        else if (context.Failed)
            context.SetPointer(3);
        else
            SetLimit(context, 3);
    }

    /// <summary>getrlimit(resource, rlim) and setrlimit(resource, rlim).</summary>
    private static void DecodeRlimit(DecodeContext context, bool isOutput)
    {
        if (!context.Exiting)
        {
            SetResource(context, 0);
            if (isOutput)
                context.Defer(1);
            else
                SetCallersLimit(context, 1);
        }
        else if (isOutput)
        {
            if (context.Failed)
                context.SetPointer(1);
            else
                SetCallersLimit(context, 1);
        }
    }

    // struct rlimit as the call's ABI lays it out: i386's unlimited is 32 bits of ones, named RLIM_INFINITY.
    private static void SetCallersLimit(DecodeContext context, int index)
    {
        if (context.WordSize == 8)
            SetLimit(context, index);
        else
            context.SetStruct<ResourceLimit32>(index, (limit, render, _) => new StructWriter()
                .Field("rlim_cur", FormatLimit(limit.rlim_cur, uint.MaxValue, "RLIM_INFINITY", render))
                .Field("rlim_max", FormatLimit(limit.rlim_max, uint.MaxValue, "RLIM_INFINITY", render)).ToString());
    }

    private static void SetResource(DecodeContext context, int index) =>
        context.SetUnsignedNamed(index, s_resources);

    // strace names an unlimited limit RLIM64_INFINITY on x86_64 whatever the call: struct rlimit is struct rlimit64 there.
    private static void SetLimit(DecodeContext context, int index) =>
        context.SetStruct<ResourceLimit>(index, (limit, render, _) => FormatLimits(limit, render));

    private static string FormatLimits(ResourceLimit limit, StraceRenderer render) => new StructWriter()
        .Field("rlim_cur", FormatLimit(limit.rlim_cur, ulong.MaxValue, "RLIM64_INFINITY", render))
        .Field("rlim_max", FormatLimit(limit.rlim_max, ulong.MaxValue, "RLIM64_INFINITY", render)).ToString();

    // The limit as -X asks: its decimal number, its name (RLIM64_INFINITY, 8192*1024), or both.
    private static string FormatLimit(ulong value, ulong infinity, string infinityName, StraceRenderer render)
    {
        string name = FormatLimit(value, infinity, infinityName);
        string number = value.ToString(CultureInfo.InvariantCulture);
        return name == number ? number : render.Format(number, name);
    }

    /// <summary>One limit: infinity by name, a multiple of 1024 as <c>8192*1024</c>, anything else in decimal.</summary>
    internal static string FormatLimit(ulong value) => FormatLimit(value, ulong.MaxValue, "RLIM64_INFINITY");

    private static string FormatLimit(ulong value, ulong infinity, string infinityName) =>
        value == infinity ? infinityName
        : value != 0 && value % 1024 == 0 ? (value / 1024).ToString(CultureInfo.InvariantCulture) + "*1024"
        : value.ToString(CultureInfo.InvariantCulture);
}
