using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGCHLD = 17;
        internal const int SA_NOCLDSTOP = 1;

        /// <summary>glibc's struct sigaction on x86_64 (152 bytes): handler, a 1024-bit mask, flags, restorer.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 152)]
        internal struct SigAction
        {
            [FieldOffset(0)] public nint Handler;
            [FieldOffset(136)] public int Flags;
            [FieldOffset(144)] public nint Restorer;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "sigaction", SetLastError = true)]
        internal static unsafe partial int Sigaction(int signal, SigAction* action, SigAction* oldAction);
    }
}
