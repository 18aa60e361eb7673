using System.Runtime.InteropServices;

internal static partial class Interop
{
    /// <summary>The errno values the engine acts on (a tracee's own errno names come from Constants/Data/errno.txt).
    /// The kernel's numbers, not renumbered.</summary>
    internal static class Errno
    {
        internal const int EPERM = 1;
        internal const int ENOENT = 2;
        internal const int ESRCH = 3;
        internal const int EINTR = 4;
        internal const int EIO = 5;
        internal const int ENOEXEC = 8;
        internal const int ECHILD = 10;
        internal const int EACCES = 13;
        internal const int EFAULT = 14;

        /// <summary>The errno of the last P/Invoke made with SetLastError = true on this thread.</summary>
        internal static int Last => Marshal.GetLastPInvokeError();

        /// <summary>The C library's text for an errno value (strerror).</summary>
        internal static string Message(int errno) => Marshal.GetPInvokeErrorMessage(errno);
    }
}
