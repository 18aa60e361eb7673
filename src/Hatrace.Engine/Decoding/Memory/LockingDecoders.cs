using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Memory;

/// <summary>Calls that advise on, sync, lock or inspect a range of memory: the start in hex and the named advice or flags.</summary>
internal static class LockingDecoders
{
    private const ulong PageSize = 4096;
    private const long MembarrierQuery = 0;       // MEMBARRIER_CMD_QUERY
    private const ulong MembarrierFlagCpu = 1;    // MEMBARRIER_CMD_FLAG_CPU

    internal static readonly NamedValues Advice = new("madvise_advice", "MADV_???");
    private static readonly FlagSet s_syncFlags = new("msync_flags", "MS_???");
    private static readonly FlagSet s_lockFlags = new("mlock_flags", "MLOCK_???");
    private static readonly FlagSet s_lockAllFlags = new("mlockall_flags", "MCL_???");
    private static readonly NamedValues s_barrierCommands = new("membarrier_commands", "MEMBARRIER_CMD_???");
    private static readonly FlagSet s_barrierCommandSet = new("membarrier_commands", "MEMBARRIER_CMD_???");
    private static readonly FlagSet s_barrierFlags = new("membarrier_flags", "MEMBARRIER_CMD_FLAG_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("madvise", context => DecodeRange(context, index => context.SetNamed(index, Advice))),
        ("msync", context => DecodeRange(context, index => context.SetFlags(index, s_syncFlags))),
        ("mlock2", context => DecodeRange(context, index => context.SetFlags(index, s_lockFlags))),
        ("mlock", context => DecodeRange(context, null)),
        ("munlock", context => DecodeRange(context, null)),
        ("mincore", DecodeMincore),
        ("mlockall", context => { if (!context.Exiting) context.SetFlags(0, s_lockAllFlags); }),
        ("membarrier", DecodeMembarrier),
    ];

    /// <summary>(start, length, third): the start in hex; the third argument, where there is one, by <paramref name="third"/>.</summary>
    private static void DecodeRange(DecodeContext context, Action<int>? third)
    {
        if (context.Exiting)
            return;
        MappingDecoders.SetAddress(context, 0);
        third?.Invoke(2);
    }

    /// <summary>mincore(addr, length, vec): at exit, a byte per page, as many as the string length allows unless -v.</summary>
    private static void DecodeMincore(DecodeContext context)
    {
        if (!context.Exiting)
        {
            DecodeRange(context, null);
            context.Defer(2);
        }
        else if (context.Failed && context.Unsigned(1) != 0) // no page, no byte to read: [], as strace prints it
            context.SetPointer(2);
        else
            NumberArrays.Set<byte>(context, 2, (long)((context.Unsigned(1) + PageSize - 1) / PageSize),
                page => page.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>membarrier(cmd, flags, cpu_id): the CPU only with MEMBARRIER_CMD_FLAG_CPU; MEMBARRIER_CMD_QUERY's
    /// result is the set of commands supported, in hex and by name.</summary>
    private static void DecodeMembarrier(DecodeContext context)
    {
        if (context.Exiting)
        {
            if (context.Signed(0) == MembarrierQuery && !context.Failed && context.Result != 0)
                context.SetResultText($"{DecodeContext.Hex((ulong)context.Result)} ({s_barrierCommandSet.Format(context.Result, context.Render)})");
            return;
        }
        context.SetNamed(0, s_barrierCommands);
        context.SetFlags(1, s_barrierFlags);
        if ((context.Unsigned(1) & MembarrierFlagCpu) == 0)
            context.ShownCount = 2;
    }

}
