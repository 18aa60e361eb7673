using System.Runtime.InteropServices;

internal static partial class Interop
{
    /// <summary>Debian's libbpf (libbpf1): the eBPF backend reads its program's ring buffer and maps with it (the program
    /// itself is loaded by the native helper, hatrace_ebpf.h). Functions that return a pointer return null and set errno
    /// on failure (libbpf 1.0's convention); those that return int return a negative errno.</summary>
    internal static unsafe partial class Libbpf
    {
        internal const string Library = "libbpf.so.1";

        /// <summary>libbpf_print_fn_t; null silences libbpf, which would otherwise write to this process's stderr.</summary>
        [LibraryImport(Library, EntryPoint = "libbpf_set_print")]
        internal static partial nint SetPrint(nint print);

        [LibraryImport(Library, EntryPoint = "libbpf_num_possible_cpus")]
        internal static partial int NumPossibleCpus();

        [LibraryImport(Library, EntryPoint = "bpf_map_update_elem")]
        internal static partial int MapUpdate(int fd, void* key, void* value, ulong flags);

        [LibraryImport(Library, EntryPoint = "bpf_map_lookup_elem")]
        internal static partial int MapLookup(int fd, void* key, void* value);

        [LibraryImport(Library, EntryPoint = "bpf_map_delete_elem")]
        internal static partial int MapDelete(int fd, void* key);

        [LibraryImport(Library, EntryPoint = "bpf_map_get_next_key")]
        internal static partial int MapGetNextKey(int fd, void* key, void* nextKey);

        /// <summary>ring_buffer_sample_fn: called for each record, with the record's bytes; a negative return stops the poll.</summary>
        [LibraryImport(Library, EntryPoint = "ring_buffer__new", SetLastError = true)]
        internal static partial nint RingBufferNew(int mapFd, delegate* unmanaged<void*, void*, nuint, int> sample, void* context, void* options);

        /// <summary>Hands every record already there to the sample function, without waiting.</summary>
        [LibraryImport(Library, EntryPoint = "ring_buffer__consume")]
        internal static partial int RingBufferConsume(nint ringBuffer);

        /// <summary>The ring buffer's epoll descriptor: readable when records are there (or the buffer is filling, for a
        /// program that submits without waking).</summary>
        [LibraryImport(Library, EntryPoint = "ring_buffer__epoll_fd")]
        internal static partial int RingBufferEpollFd(nint ringBuffer);

        [LibraryImport(Library, EntryPoint = "ring_buffer__free")]
        internal static partial void RingBufferFree(nint ringBuffer);

        internal const ulong BPF_ANY = 0;
    }
}
