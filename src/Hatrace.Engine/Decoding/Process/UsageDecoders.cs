using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Process;

/// <summary>getrusage and sysinfo: structures the kernel fills in, shown at exit.</summary>
internal static class UsageDecoders
{
    private static readonly NamedValues s_who = new("rusage_who", "RUSAGE_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("getrusage", DecodeGetrusage),
        ("sysinfo", DecodeSysinfo),
    ];

    /// <summary>The kernel's struct sysinfo on x86_64 (include/uapi/linux/sysinfo.h), without its padding tail.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SystemInfo : IKernelStruct<SystemInfo>
    {
        public static string TypeName => "sysinfo";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("uptime", uptime), new("loads", new ArrayValue([loads[0], loads[1], loads[2]])), new("totalram", totalram),
            new("freeram", freeram), new("sharedram", sharedram), new("bufferram", bufferram), new("totalswap", totalswap),
            new("freeswap", freeswap), new("procs", procs), new("totalhigh", totalhigh), new("freehigh", freehigh),
            new("mem_unit", mem_unit),
        ];

        public long uptime;
        public Loads loads;
        public ulong totalram, freeram, sharedram, bufferram, totalswap, freeswap;
        public ushort procs;
        public ulong totalhigh, freehigh;
        public uint mem_unit;
    }

    /// <summary>sysinfo's loads[3]: the 1, 5 and 15 minute load averages.</summary>
    [InlineArray(3)]
    internal struct Loads
    {
        private ulong _average;
    }

    /// <summary>getrusage(who, usage).</summary>
    private static void DecodeGetrusage(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetNamed(0, s_who);
            context.Defer(1);
        }
        else
            WaitDecoders.SetResourceUsage(context, 1, !context.Failed && context.WordSize == 8);
    }

    /// <summary>sysinfo(info): every field, as strace prints them all.</summary>
    private static void DecodeSysinfo(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(0);
        else if (context.WordSize != 8)
            context.SetPointer(0, PointerReason.NotDecoded);
        else
            context.SetOutputStruct<SystemInfo>(0, (info, _, _) => FormatSystemInfo(info));
    }

    internal static string FormatSystemInfo(SystemInfo info) => new StructWriter()
        .Field("uptime", info.uptime)
        .Field("loads", StructWriter.Array([info.loads[0].ToString(), info.loads[1].ToString(), info.loads[2].ToString()]))
        .Field("totalram", info.totalram.ToString()).Field("freeram", info.freeram.ToString())
        .Field("sharedram", info.sharedram.ToString()).Field("bufferram", info.bufferram.ToString())
        .Field("totalswap", info.totalswap.ToString()).Field("freeswap", info.freeswap.ToString())
        .Field("procs", info.procs)
        .Field("totalhigh", info.totalhigh.ToString()).Field("freehigh", info.freehigh.ToString())
        .Field("mem_unit", info.mem_unit)
        .ToString();
}
