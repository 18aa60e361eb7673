using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The size of a network interface's name with its NUL (IF_NAMESIZE).</summary>
        internal const int IF_NAMESIZE = 16;

        /// <summary>Writes the name of the network interface with index <paramref name="ifindex"/> into
        /// <paramref name="ifname"/> (<see cref="IF_NAMESIZE"/> bytes); null when there is none.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "if_indextoname", SetLastError = true)]
        internal static unsafe partial byte* IfIndextoname(uint ifindex, byte* ifname);
    }
}
