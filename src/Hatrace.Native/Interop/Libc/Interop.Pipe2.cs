using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_CLOEXEC = 0x80000;

        /// <summary>fds[0] is the read end, fds[1] the write end.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "pipe2", SetLastError = true)]
        internal static unsafe partial int Pipe2(int* fds, int flags);
    }
}
