using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SCHED_IDLE = 5;
        internal const int RLIMIT_NICE = 13;
        internal const int _SC_NPROCESSORS_ONLN = 84;

        /// <summary>The calling thread's policy (pid 0).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "sched_getscheduler", SetLastError = true)]
        internal static partial int SchedGetScheduler(int pid);

        /// <summary>struct sched_param's one field, the static priority: 0 for the policies Hatrace sets.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "sched_setscheduler", SetLastError = true)]
        internal static unsafe partial int SchedSetScheduler(int pid, int policy, int* priority);

        [LibraryImport(Libraries.Libc, EntryPoint = "sched_getcpu", SetLastError = true)]
        internal static partial int SchedGetCpu();

        [LibraryImport(Libraries.Libc, EntryPoint = "sched_getaffinity", SetLastError = true)]
        internal static unsafe partial int SchedGetAffinity(int pid, nuint size, byte* mask);

        [LibraryImport(Libraries.Libc, EntryPoint = "sched_setaffinity", SetLastError = true)]
        internal static unsafe partial int SchedSetAffinity(int pid, nuint size, byte* mask);

        /// <summary>struct rlimit: the soft limit, then the hard one.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getrlimit", SetLastError = true)]
        internal static unsafe partial int GetRlimit(int resource, ulong* limits);

        [LibraryImport(Libraries.Libc, EntryPoint = "sysconf", SetLastError = true)]
        internal static partial long Sysconf(int name);
    }
}
