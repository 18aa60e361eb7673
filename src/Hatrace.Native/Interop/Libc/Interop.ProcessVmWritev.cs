using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Writes another process's memory; fails with EFAULT on read-only pages.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "process_vm_writev", SetLastError = true)]
        internal static unsafe partial nint ProcessVmWritev(int pid, Iovec* localIov, nuint localCount, Iovec* remoteIov, nuint remoteCount, nuint flags);
    }
}
