using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The target of a symlink, as the kernel's bytes (not NUL-terminated); the count written, or -1.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Readlink(string path, byte* buffer, nuint size);
    }
}
