using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Reads an extended attribute of the file <paramref name="path"/> names, following symlinks.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Getxattr(string path, string name, byte* value, nuint size);
    }
}
