using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The fields of x86_64's struct stat that the engine reads, at their offsets.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 144)]
        internal struct StatBuffer
        {
            [FieldOffset(24)] public uint Mode;
            [FieldOffset(40)] public ulong DeviceNumber;
        }

        internal const uint S_IFMT = 0xf000;
        internal const uint S_IFCHR = 0x2000;
        internal const uint S_IFBLK = 0x6000;

        [LibraryImport(Libraries.Libc, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Stat(string path, out StatBuffer buffer);
    }
}
