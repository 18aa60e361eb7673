using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "write", SetLastError = true)]
        internal static unsafe partial nint Write(int fd, byte* buffer, nuint count);

        internal const int F_GETFD = 1;

        [LibraryImport(Libraries.Libc, EntryPoint = "fcntl", SetLastError = true)]
        internal static partial int Fcntl(int fd, int command);
    }
}
