using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct iovec.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Iovec
        {
            public nint Base;
            public nuint Length;
        }

        /// <summary>Reads another process's memory; needs only a credential check, so any thread may call it.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "process_vm_readv", SetLastError = true)]
        internal static unsafe partial nint ProcessVmReadv(int pid, Iovec* localIov, nuint localCount, Iovec* remoteIov, nuint remoteCount, nuint flags);
    }
}
