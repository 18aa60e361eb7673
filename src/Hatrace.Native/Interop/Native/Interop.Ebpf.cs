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
            public int Processes;
            public int Drops;
            public int TracedBits;
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
    }
}
