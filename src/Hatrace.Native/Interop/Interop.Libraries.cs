internal static partial class Interop
{
    internal static class Libraries
    {
        /// <summary>glibc, called directly: Hatrace runs only on Linux and shows the kernel's own errno values.</summary>
        internal const string Libc = "libc.so.6";

        /// <summary>The spawn helper built from native/hatrace_spawn.c, next to this assembly.</summary>
        internal const string HatraceNative = "libhatrace_native.so";
    }
}
