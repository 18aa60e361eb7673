using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Sends a signal to one thread; like kill, any thread may call it.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "tgkill", SetLastError = true)]
        internal static partial int Tgkill(int processId, int threadId, int signal);
    }
}
