using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0;

        /// <summary>open(2) of a NUL-terminated path already in UTF-8, without a mode (nothing is created).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", SetLastError = true)]
        internal static unsafe partial int Open(byte* path, int flags);
    }
}
