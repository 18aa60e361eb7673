using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>capget and capset: the header's version and pid, and the effective, permitted and inheritable sets. A set
/// prints as strace prints it, by the capabilities of each of its 32-bit words, the low word's before the high's
/// (<c>1&lt;&lt;CAP_CHOWN|1&lt;&lt;CAP_MAC_OVERRIDE</c>, <c>0xfeffffff|0x1ff</c> raw); its value is the whole mask.
/// Versions 2 and 3 hold two words per set, version 1 and any version the kernel does not know one.</summary>
internal static class CapabilityDecoders
{
    private const uint Version2 = 0x20071026, Version3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_2 and _3

    private static readonly NamedValues s_versions = new("capability_versions", "_LINUX_CAPABILITY_VERSION_???");
    private static readonly FlagSet s_capabilities = new("capability_bits");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("capget", DecodeCapget),
        ("capset", DecodeCapset),
    ];

    /// <summary>struct __user_cap_header_struct (include/uapi/linux/capability.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CapUserHeader : IKernelStruct<CapUserHeader>
    {
        public uint version;
        public int pid;

        public static string TypeName => "__user_cap_header_struct";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("version", new ConstantValue(version, s_versions)), new("pid", new ProcessIdValue(pid))];
    }

    /// <summary>struct __user_cap_data_struct: a word of each set, the only one under version 1.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CapUserData : IKernelStruct<CapUserData>
    {
        public uint effective, permitted, inheritable;

        public static string TypeName => "__user_cap_data_struct";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => SetsOf(this, default);
    }

    /// <summary>The array of two struct __user_cap_data_struct of versions 2 and 3, the sets' low words, then their high
    /// words; its fields are the sets whole.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CapUserData64 : IKernelStruct<CapUserData64>
    {
        public CapUserData low, high;

        public static string TypeName => "__user_cap_data_struct[2]";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => SetsOf(low, high);
    }

    private static KeyValuePair<string, object?>[] SetsOf(CapUserData low, CapUserData high) =>
    [
        new("effective", new FlagsValue(Whole(low.effective, high.effective), s_capabilities)),
        new("permitted", new FlagsValue(Whole(low.permitted, high.permitted), s_capabilities)),
        new("inheritable", new FlagsValue(Whole(low.inheritable, high.inheritable), s_capabilities)),
    ];

    private static long Whole(uint low, uint high) => (long)high << 32 | low;

    /// <summary>capget(hdrp, datap): the header as given, at entry; the sets the kernel wrote, at exit.</summary>
    private static void DecodeCapget(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetStruct<CapUserHeader>(0, PrintHeader);
            context.Defer(1);
        }
        else if (context.Failed)
            context.SetPointer(1);
        else
            SetSets(context);
    }

    /// <summary>capset(hdrp, datap): both inputs.</summary>
    private static void DecodeCapset(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetStruct<CapUserHeader>(0, PrintHeader);
        SetSets(context);
    }

    /// <summary>The sets datap points to, in as many words as the header's version holds; the address when the header
    /// could not be read.</summary>
    private static void SetSets(DecodeContext context)
    {
        if (context.Arguments[0]?.Value is not StructValue { Source: CapUserHeader header })
            context.SetPointer(1);
        else if (header.version is Version2 or Version3)
            context.SetStruct<CapUserData64>(1, (data, render, _) => PrintSets(data.low, data.high, render));
        else
            context.SetStruct<CapUserData>(1, (data, render, _) => PrintSets(data, default, render));
    }

    private static string PrintHeader(CapUserHeader header, StraceRenderer render, bool abbreviate) => new StructWriter()
        .Field("version", s_versions.FormatUnsigned(header.version, render)).Field("pid", render.ProcessId(header.pid)).ToString();

    private static string PrintSets(CapUserData low, CapUserData high, StraceRenderer render) => new StructWriter()
        .Field("effective", FormatSet(low.effective, high.effective, render))
        .Field("permitted", FormatSet(low.permitted, high.permitted, render))
        .Field("inheritable", FormatSet(low.inheritable, high.inheritable, render)).ToString();

    /// <summary>A set as strace prints it: each word that is not zero by the capabilities it holds, styled on its own
    /// (<c>0x1ff /* 1&lt;&lt;CAP_MAC_OVERRIDE|... */</c> under -X verbose); <c>0</c> when both are.</summary>
    internal static string FormatSet(uint low, uint high, StraceRenderer render) => (low, high) switch
    {
        (0, 0) => "0",
        (_, 0) => FormatWord(low, 0, render),
        (0, _) => FormatWord(high, 32, render),
        _ => FormatWord(low, 0, render) + "|" + FormatWord(high, 32, render),
    };

    /// <summary>One word, whose bit 0 is capability <paramref name="first"/>: the bits no capability names in hex after
    /// the names, as the word holds them (<c>0xfffffe00</c> in the high word, not shifted).</summary>
    private static string FormatWord(uint word, int first, StraceRenderer render)
    {
        StringBuilder names = TextBuilder.Acquire();
        ulong left = (ulong)s_capabilities.AppendNames(names, (long)word << first) >> first;
        if (names.Length == 0)
        {
            TextBuilder.Release(names);
            return render.Unnamed(word, "CAP_???");
        }
        if (left != 0)
            names.Append("|0x").Append(left.ToString("x", CultureInfo.InvariantCulture));
        return render.Flags(word, TextBuilder.Release(names));
    }
}
