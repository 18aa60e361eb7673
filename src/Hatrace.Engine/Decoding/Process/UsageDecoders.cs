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
        ("times", DecodeTimes),
        ("sched_getaffinity", context => DecodeAffinity(context, isOutput: true)),
        ("sched_setaffinity", context => DecodeAffinity(context, isOutput: false)),
    ];

    /// <summary>The kernel's struct tms (include/uapi/linux/times.h): the clock ticks a process and its children used.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProcessTimes : IKernelStruct<ProcessTimes>
    {
        public static string TypeName => "tms";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("tms_utime", tms_utime), new("tms_stime", tms_stime), new("tms_cutime", tms_cutime), new("tms_cstime", tms_cstime)];

        public long tms_utime, tms_stime, tms_cutime, tms_cstime;
    }

    /// <summary>times(buf): the four times, written when the call succeeds.</summary>
    /// <summary>i386's struct compat_tms: 32-bit clock_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProcessTimes32 : ICompatStruct<ProcessTimes32, ProcessTimes>
    {
        public static string TypeName => "tms";

        public readonly ProcessTimes Widen() =>
            new() { tms_utime = tms_utime, tms_stime = tms_stime, tms_cutime = tms_cutime, tms_cstime = tms_cstime };

        public int tms_utime, tms_stime, tms_cutime, tms_cstime;
    }

    private static void DecodeTimes(DecodeContext context) =>
        context.SetOutputStructAtExit<ProcessTimes, ProcessTimes32>(0, (times, _, _) => new StructWriter().Field("tms_utime", times.tms_utime)
            .Field("tms_stime", times.tms_stime).Field("tms_cutime", times.tms_cutime).Field("tms_cstime", times.tms_cstime).ToString());

    /// <summary>sched_getaffinity and sched_setaffinity(pid, cpusetsize, mask): the CPUs the mask holds, <c>[0 1]</c>;
    /// the set the kernel wrote is as long as the result says.</summary>
    private static void DecodeAffinity(DecodeContext context, bool isOutput)
    {
        if (!context.Exiting)
        {
            if (isOutput)
                context.Defer(2);
            else
                SetCpuSet(context, 2, (long)context.Unsigned(1));
        }
        else if (isOutput)
        {
            if (context.Failed)
                context.SetPointer(2);
            else
                SetCpuSet(context, 2, context.Result);
        }
    }

    private const int MaxCpuSet = 1024; // bytes: 8192 CPUs, more than the kernel's NR_CPUS on x86_64

    /// <summary>Decides argument <paramref name="index"/> as the CPU set of <paramref name="size"/> bytes it points to:
    /// the CPUs in it (<c>[0 2 64]</c>).</summary>
    internal static void SetCpuSet(DecodeContext context, int index, long size)
    {
        var bytes = new byte[Math.Clamp(size, 0, MaxCpuSet)];
        if (context.Raw(index) == 0 || !context.Dereference || !context.TryReadBytes((ulong)context.Raw(index), bytes))
        {
            context.SetPointer(index);
            return;
        }
        int[] cpus = [.. Enumerable.Range(0, bytes.Length * 8).Where(cpu => (bytes[cpu / 8] & (1 << (cpu % 8))) != 0)];
        context.Set(index, ArgumentKind.Pointer, cpus, "[" + string.Join(' ', cpus) + "]");
    }

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

    /// <summary>i386's struct compat_sysinfo, without its padding tail.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SystemInfo32 : ICompatStruct<SystemInfo32, SystemInfo>
    {
        public static string TypeName => "sysinfo";

        public readonly SystemInfo Widen()
        {
            var wide = new SystemInfo
            {
                uptime = uptime, totalram = totalram, freeram = freeram, sharedram = sharedram, bufferram = bufferram,
                totalswap = totalswap, freeswap = freeswap, procs = procs, totalhigh = totalhigh, freehigh = freehigh, mem_unit = mem_unit,
            };
            for (int i = 0; i < 3; i++)
                wide.loads[i] = loads[i];
            return wide;
        }

        public int uptime;
        public Loads32 loads;
        public uint totalram, freeram, sharedram, bufferram, totalswap, freeswap;
        public ushort procs;
        public uint totalhigh, freehigh;
        public uint mem_unit;
    }

    /// <summary>compat_sysinfo's loads[3].</summary>
    [InlineArray(3)]
    internal struct Loads32
    {
        private uint _average;
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
            WaitDecoders.SetResourceUsage(context, 1, !context.Failed);
    }

    /// <summary>sysinfo(info): every field, as strace prints them all.</summary>
    private static void DecodeSysinfo(DecodeContext context) =>
        context.SetOutputStructAtExit<SystemInfo, SystemInfo32>(0, (info, _, _) => FormatSystemInfo(info));

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
