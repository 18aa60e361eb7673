using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli.Tests;

/// <summary>The arguments of tests/programs/table_walk: each x86_64 call once, its pointers into zeroed memory, answered
/// 0 by a seccomp filter before it runs.</summary>
internal static class TableWalk
{
    // Left out of the walk: what does not return to it (exit, exit_group, rt_sigreturn; uretprobe, which seccomp lets
    // through and which kills a caller outside a uprobe), and the calls x86_64's table lists without an entry point,
    // whose arguments the kernel does not say.
    private static readonly HashSet<string> s_notWalked = new(StringComparer.Ordinal)
    {
        "exit", "exit_group", "rt_sigreturn", "uretprobe", "uselib", "_sysctl", "create_module",
        "get_kernel_syms", "query_module", "nfsservctl", "getpmsg", "putpmsg", "afs_syscall", "tuxcall", "security",
        "vserver", "epoll_ctl_old", "epoll_wait_old", "set_thread_area", "get_thread_area", "lookup_dcookie",
    };

    /// <summary>Every call that returns to the walk, in number order.</summary>
    internal static List<SyscallDefinition> Calls() => [.. SyscallTable.All(SyscallArch.X86_64).Where(d => !s_notWalked.Contains(d.Name))];

    /// <summary>table_walk's arguments for <paramref name="calls"/>: NR:POINTERS each.</summary>
    internal static string[] Arguments(IEnumerable<SyscallDefinition> calls) => [.. calls.Select(d => $"{d.Number}:{PointerMask(d)}")];

    /// <summary>Bit i set where argument i is a pointer.</summary>
    internal static int PointerMask(SyscallDefinition call) => call.Parameters.Select((p, i) => p.Type.Contains('*') ? 1 << i : 0).Sum();
}
