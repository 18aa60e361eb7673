using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class HatraceNative
    {
        /// <summary>HatraceEbpfSizes of hatrace_ebpf.h: each map's max_entries.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct EbpfSizes
        {
            public uint RingBytes;
            public uint Cpus;
            public uint TracedWords;
        }

        /// <summary>HatraceEbpfMaps of hatrace_ebpf.h: the descriptors of the maps the tracer uses.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct EbpfMaps
        {
            public int Records;
            public int Drops;
            public int TracedBits;
            public int AttachedBits;
            public int Plans;
            public int Settings;
        }

        /// <summary>Loads the eBPF backend's program, not attached yet (hatrace_ebpf.h); the one for kernels before 6.16
        /// where <paramref name="before616"/>.</summary>
        /// <returns>Its handle and its maps, or 0 and the errno of the step that failed.</returns>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfLoad")]
        internal static unsafe partial nint EbpfLoad(EbpfSizes* sizes, int before616, EbpfMaps* maps, int* error);

        /// <summary>Attaches every program of a loaded handle: 0, or the errno of the one that failed.</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfAttach")]
        internal static partial int EbpfAttach(nint handle);

        /// <summary>Detaches and frees everything of a handle.</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfDestroy")]
        internal static partial void EbpfDestroy(nint handle);

        /// <summary>bpf(2)'s commands on a map's elements (hatrace_ebpf.h).</summary>
        internal enum MapCommand
        {
            Lookup = 1,
            Update = 2,
            Delete = 3,
            NextKey = 4,
        }

        /// <summary>A command on element <paramref name="key"/> of map <paramref name="fd"/>: 0, or the errno.</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfMapCall")]
        internal static unsafe partial int EbpfMapCall(MapCommand command, int fd, void* key, void* value, ulong flags);

        /// <summary>The ring buffer map <paramref name="fd"/> of <paramref name="size"/> bytes, mapped for reading; 0 and
        /// the errno when it cannot be.</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfRingOpen")]
        internal static unsafe partial nint EbpfRingOpen(int fd, uint size, int* error);

        /// <summary>Copies the records waiting, one after the other, while they fit, and frees their room in the ring;
        /// returns the bytes copied, <paramref name="more"/> non-zero when a record waits that did not fit.</summary>
        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfRingCopy")]
        internal static unsafe partial int EbpfRingCopy(nint ring, byte* buffer, int capacity, int* more);

        [LibraryImport(Libraries.HatraceNative, EntryPoint = "HatraceNative_EbpfRingClose")]
        internal static partial void EbpfRingClose(nint ring);
    }
}
