using System.Collections.Frozen;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>The family decoders, by syscall name. Each family lists its own calls; a call no family lists is
/// decoded by its arguments' kinds alone.</summary>
internal static class DecoderTable
{
    private static readonly Dictionary<string, Decoder> s_decoders = Build(
        Files.OpenDecoders.All,
        Files.FilesFamily.All,
        Descriptors.DescriptorsFamily.All,
        Process.ProcessDecoders.All,
        SignalFamily.SignalDecoders.All,
        Network.NetworkDecoders.All,
        Polling.PollingDecoders.All,
        Time.TimeDecoders.All,
        Memory.MappingDecoders.All,
        Ipc.IpcDecoders.All,
        Bpf.BpfDecoders.All);

    internal static Decoder? Find(string name) => s_decoders.GetValueOrDefault(name);

    /// <summary>i386's calls that take the 64-bit time structures x86_64's do, by their x86_64 namesakes, whose decoders
    /// read them (<see cref="DecodeContext.ReadsX64Layouts"/>).</summary>
    internal static readonly FrozenDictionary<string, string> I386Time64Calls = new Dictionary<string, string>
    {
        ["clock_gettime64"] = "clock_gettime", ["clock_settime64"] = "clock_settime", ["clock_adjtime64"] = "clock_adjtime",
        ["clock_getres_time64"] = "clock_getres", ["clock_nanosleep_time64"] = "clock_nanosleep",
        ["timer_gettime64"] = "timer_gettime", ["timer_settime64"] = "timer_settime",
        ["timerfd_gettime64"] = "timerfd_gettime", ["timerfd_settime64"] = "timerfd_settime",
        ["utimensat_time64"] = "utimensat", ["futex_time64"] = "futex", ["semtimedop_time64"] = "semtimedop",
        ["mq_timedsend_time64"] = "mq_timedsend", ["mq_timedreceive_time64"] = "mq_timedreceive",
        ["sched_rr_get_interval_time64"] = "sched_rr_get_interval", ["ppoll_time64"] = "ppoll", ["pselect6_time64"] = "pselect6",
        ["recvmmsg_time64"] = "recvmmsg",
        ["epoll_pwait2"] = "epoll_pwait2", // a __kernel_timespec on every ABI, whatever its name
    }.ToFrozenDictionary();

    /// <summary>The call's decoder, found by name the first time a call of its ABI and number is decoded: looked up by
    /// name at every stop, the name's hashing showed in profiles.</summary>
    internal static Decoder? Find(SyscallDefinition definition)
    {
        if (Socketcall.IsSocketcall(definition))
            return Find(definition.Name); // accept, send and recv, made through it, share its number
        Decoder?[] found = definition.Arch == SyscallArch.I386 ? s_i386 : s_x64;
        if ((uint)definition.Number >= (uint)found.Length)
            return Find(definition.Name);
        string name = definition.Arch == SyscallArch.I386 ? I386Time64Calls.GetValueOrDefault(definition.Name, definition.Name) : definition.Name;
        Decoder decoder = found[definition.Number] ??= Find(name) ?? s_none;
        return decoder == s_none ? null : decoder;
    }

    // By number, for each ABI; s_none for a call no family lists.
    private static readonly Decoder?[] s_x64 = new Decoder?[1024], s_i386 = new Decoder?[1024];
    private static readonly Decoder s_none = _ => { };

    /// <summary>Runs <paramref name="decode"/> only for calls whose structures are in x86_64's layouts: for the families
    /// that read those, so that an i386 tracee's other calls are left to the arguments' kinds rather than misread.</summary>
    internal static Decoder WordSize64Only(Decoder decode) => context =>
    {
        if (context.ReadsX64Layouts)
            decode(context);
    };

    private static Dictionary<string, Decoder> Build(params IEnumerable<(string Name, Decoder Decode)>[] families)
    {
        var table = new Dictionary<string, Decoder>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            foreach ((string name, Decoder decode) in family)
                table.Add(name, decode); // a call claimed by two families is a bug: Add throws at start-up, and tests see it
        }
        return table;
    }
}
