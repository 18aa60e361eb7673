using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Wait only for children of the calling thread: without it the tracer reaps processes that .NET's Process class owns.</summary>
        internal const int __WNOTHREAD = 0x20000000;
        /// <summary>Wait for threads and for children whatever their exit signal.</summary>
        internal const int WNOHANG = 1;
        internal const int __WALL = 0x40000000;

        [LibraryImport(Libraries.Libc, EntryPoint = "waitpid", SetLastError = true)]
        internal static unsafe partial int WaitPid(int pid, int* status, int options);

        /// <summary>waitpid that also reports the resource usage of the child it returns (null: none, as waitpid): of a
        /// stopped child, its whole process's and its reaped children's so far.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "wait4", SetLastError = true)]
        internal static unsafe partial int Wait4(int pid, int* status, int options, ResourceUsage* usage);

        /// <summary>The kernel's struct rusage of x86_64: its two times, then fourteen counters not read here.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct ResourceUsage
        {
            internal long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
            private fixed long _counters[14];

            /// <summary>The system CPU time, in microseconds.</summary>
            internal readonly long SystemTime => SystemSeconds * 1_000_000 + SystemMicroseconds;
        }
    }
}
