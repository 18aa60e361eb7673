using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The target of a symlink, as the kernel's bytes (not NUL-terminated); the count written, or -1.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Readlink(string path, byte* buffer, nuint size);

        /// <summary>As above, for a NUL-terminated path already in UTF-8 (no string to marshal).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlink", SetLastError = true)]
        internal static unsafe partial nint Readlink(byte* path, byte* buffer, nuint size);
    }
}
