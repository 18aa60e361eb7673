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
    }
}
