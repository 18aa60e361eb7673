using System.Runtime.InteropServices;

internal static partial class Interop
{
    /// <summary>elfutils' libdwfl (Debian's libdw1), for the stack of a thread the tracer holds stopped: it reads the
    /// thread's registers and memory with ptrace from the calling thread, which must be the tracer's, and the mapped
    /// files' symbol tables and debug information. Loaded only when stack traces are asked for.</summary>
    internal static unsafe partial class Libdw
    {
        internal const string Library = "libdw.so.1";

        /// <summary>Dwfl_Callbacks. dwfl_begin keeps the pointer, not a copy: it must outlive every Dwfl made with it.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Callbacks
        {
            internal nint FindElf;
            internal nint FindDebuginfo;
            internal nint SectionAddress;
            internal byte** DebuginfoPath; // null: the default, ":.debug:/usr/lib/debug"
        }

        /// <summary>GElf_Sym (Elf64_Sym).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct Symbol
        {
            internal uint Name;
            internal byte Info;
            internal byte Other;
            internal ushort SectionIndex;
            internal ulong Value;
            internal ulong Size;
        }

        [LibraryImport(Library, EntryPoint = "dwfl_begin")]
        internal static partial nint Begin(Callbacks* callbacks);

        [LibraryImport(Library, EntryPoint = "dwfl_end")]
        internal static partial void End(nint dwfl);

        [LibraryImport(Library, EntryPoint = "dwfl_report_begin")]
        internal static partial void ReportBegin(nint dwfl);

        /// <summary>0, -1 (dwfl_errmsg), or an errno.</summary>
        [LibraryImport(Library, EntryPoint = "dwfl_linux_proc_report")]
        internal static partial int LinuxProcReport(nint dwfl, int processId);

        [LibraryImport(Library, EntryPoint = "dwfl_report_end")]
        internal static partial int ReportEnd(nint dwfl, nint removed, nint argument);

        /// <summary>With <paramref name="assumePtraceStopped"/> (C bool) libdwfl neither attaches nor detaches.</summary>
        [LibraryImport(Library, EntryPoint = "dwfl_linux_proc_attach")]
        internal static partial int LinuxProcAttach(nint dwfl, int processId, byte assumePtraceStopped);

        [LibraryImport(Library, EntryPoint = "dwfl_getthread_frames")]
        internal static partial int GetThreadFrames(nint dwfl, int threadId, delegate* unmanaged<nint, nint, int> callback, nint argument);

        [LibraryImport(Library, EntryPoint = "dwfl_frame_pc")]
        internal static partial byte FramePc(nint frame, ulong* pc, byte* isActivation);

        [LibraryImport(Library, EntryPoint = "dwfl_addrmodule")]
        internal static partial nint AddressModule(nint dwfl, ulong address);

        [LibraryImport(Library, EntryPoint = "dwfl_module_info")]
        internal static partial byte* ModuleInfo(nint module, void*** userData, ulong* start, ulong* end, ulong* dwarfBias,
            ulong* symbolBias, byte** mainFile, byte** debugFile);

        [LibraryImport(Library, EntryPoint = "dwfl_module_addrinfo")]
        internal static partial byte* ModuleAddressInfo(nint module, ulong address, ulong* offset, Symbol* symbol, uint* sectionIndex,
            nint* elf, ulong* bias);

        /// <summary>How many symbols the module's tables hold (its symbol table, or its dynamic one), or -1.</summary>
        [LibraryImport(Library, EntryPoint = "dwfl_module_getsymtab")]
        internal static partial int ModuleSymbolCount(nint module);

        /// <summary>Symbol <paramref name="index"/>'s name and its address in the process.</summary>
        [LibraryImport(Library, EntryPoint = "dwfl_module_getsym_info")]
        internal static partial byte* ModuleSymbolInfo(nint module, int index, Symbol* symbol, ulong* address, uint* sectionIndex,
            nint* elf, ulong* bias);

        [LibraryImport(Library, EntryPoint = "dwfl_module_getsrc")]
        internal static partial nint ModuleGetSource(nint module, ulong address);

        [LibraryImport(Library, EntryPoint = "dwfl_lineinfo")]
        internal static partial byte* LineInfo(nint line, ulong* address, int* lineNumber, int* column, ulong* modified, ulong* length);

        /// <summary>The callbacks for a live process: libdw's own dwfl_linux_proc_find_elf and
        /// dwfl_standard_find_debuginfo, allocated natively; free them with NativeMemory.Free after the last dwfl_end.</summary>
        internal static Callbacks* NewProcessCallbacks()
        {
            nint library = NativeLibrary.Load(Library);
            var callbacks = (Callbacks*)NativeMemory.AllocZeroed((nuint)sizeof(Callbacks));
            callbacks->FindElf = NativeLibrary.GetExport(library, "dwfl_linux_proc_find_elf");
            callbacks->FindDebuginfo = NativeLibrary.GetExport(library, "dwfl_standard_find_debuginfo");
            return callbacks;
        }
    }
}
