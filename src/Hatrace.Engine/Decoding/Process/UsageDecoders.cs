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
            new("uptime", Uptime), new("loads", new ArrayValue([Load1, Load5, Load15])), new("totalram", TotalRam),
            new("freeram", FreeRam), new("sharedram", SharedRam), new("bufferram", BufferRam), new("totalswap", TotalSwap),
            new("freeswap", FreeSwap), new("procs", Processes), new("totalhigh", TotalHigh), new("freehigh", FreeHigh),
            new("mem_unit", MemoryUnit),
        ];

        public long Uptime;
        public ulong Load1, Load5, Load15;
        public ulong TotalRam, FreeRam, SharedRam, BufferRam, TotalSwap, FreeSwap;
        public ushort Processes;
        public ulong TotalHigh, FreeHigh;
        public uint MemoryUnit;
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
            context.SetPointer(0);
        else
            context.SetOutputStruct<SystemInfo>(0, FormatSystemInfo);
    }

    internal static string FormatSystemInfo(SystemInfo info) => new StructWriter()
        .Field("uptime", info.Uptime)
        .Field("loads", StructWriter.Array([info.Load1.ToString(), info.Load5.ToString(), info.Load15.ToString()]))
        .Field("totalram", info.TotalRam.ToString()).Field("freeram", info.FreeRam.ToString())
        .Field("sharedram", info.SharedRam.ToString()).Field("bufferram", info.BufferRam.ToString())
        .Field("totalswap", info.TotalSwap.ToString()).Field("freeswap", info.FreeSwap.ToString())
        .Field("procs", info.Processes)
        .Field("totalhigh", info.TotalHigh.ToString()).Field("freehigh", info.FreeHigh.ToString())
        .Field("mem_unit", info.MemoryUnit)
        .ToString();
}
