using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Interop.Libdw;

namespace Hatrace.Engine.Tracing;

/// <summary>The user stacks of stopped threads (strace's <c>-k</c>), unwound by elfutils' libdwfl on the tracer thread:
/// one Dwfl per process, its mappings reported again after a call that changes them and dropped at exec and exit, and
/// the frame of each return address kept, since finding a symbol and a line costs far more than walking the stack.</summary>
internal sealed unsafe class StackUnwinder : IDisposable
{
    private const int MaxFrames = 256;
    private const int Continue = 0, Abort = 1; // DWARF_CB_OK, DWARF_CB_ABORT
    private const ulong FirstMappablePage = 0x1000;

    private readonly Callbacks* _callbacks;
    private readonly Dictionary<int, Image> _images = [];

    /// <exception cref="TraceStartException">libdw is not there.</exception>
    internal StackUnwinder()
    {
        try
        {
            _callbacks = NewProcessCallbacks();
        }
        catch (DllNotFoundException e)
        {
            throw new TraceStartException(TraceStartError.SystemError, "",
                $"Stack traces need elfutils' libdw ({Library}, Debian's libdw1), which cannot be loaded: {e.Message}");
        }
    }

    private sealed class Image(nint dwfl, int processId)
    {
        internal nint Dwfl { get; } = dwfl;
        internal PerfMap Jit { get; } = new(processId);
        internal bool Stale { get; set; }
        internal Dictionary<(ulong Pc, bool Activation), StackFrame> Frames { get; } = [];

        /// <summary>Each module's functions by address, read from its symbol tables when first needed.</summary>
        internal Dictionary<nint, ModuleFunctions> Functions { get; } = [];
    }

    /// <summary>Whether a call changes what a process has mapped: its modules are read again before the next stack.
    /// (An exec is an event of its own, which drops the process's modules.)</summary>
    internal static bool ChangesMappings(SyscallDefinition definition) => definition.Name is "mmap" or "mmap2" or "mprotect"
        or "pkey_mprotect" or "munmap" or "brk" or "mremap" or "shmat" or "shmdt" or "remap_file_pages";

    /// <summary>Whether a call's stack is taken at its entry: after it the stack is another program's, or gone.</summary>
    internal static bool TakenAtEntry(SyscallDefinition? definition) => definition?.Name is "execve" or "execveat" or "exit" or "exit_group";

    /// <summary>The stack of a stopped thread, innermost frame first; what could be walked when the thread died on the
    /// way, and nothing when the process's mappings cannot be read.</summary>
    internal IReadOnlyList<StackFrame> Unwind(int processId, int threadId)
    {
        if (ImageOf(processId, threadId) is not { } image)
            return [];
        var pcs = new List<(ulong Pc, bool Activation)>();
        GCHandle handle = GCHandle.Alloc(pcs);
        try
        {
            GetThreadFrames(image.Dwfl, threadId, &OnFrame, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        var frames = new StackFrame[pcs.Count];
        for (int i = 0; i < frames.Length; i++)
            frames[i] = FrameAt(image, pcs[i].Pc, pcs[i].Activation);
        return frames;
    }

    /// <summary>The process's mappings changed: read them again before its next stack.</summary>
    internal void MarkStale(int processId)
    {
        if (_images.TryGetValue(processId, out Image? image))
            image.Stale = true;
    }

    /// <summary>The process ran another program, or ended.</summary>
    internal void Forget(int processId)
    {
        if (_images.Remove(processId, out Image? image))
            End(image.Dwfl);
    }

    public void Dispose()
    {
        foreach (Image image in _images.Values)
            End(image.Dwfl);
        _images.Clear();
        NativeMemory.Free(_callbacks);
    }

    // The mappings are read through the thread (/proc/TID/maps): a process whose main thread ended has none under its id.
    private Image? ImageOf(int processId, int threadId)
    {
        if (_images.TryGetValue(processId, out Image? image))
        {
            if (image.Stale)
            {
                ReportBegin(image.Dwfl);
                LinuxProcReport(image.Dwfl, threadId);
                ReportEnd(image.Dwfl, 0, 0);
                image.Stale = false;
                image.Frames.Clear();
                image.Functions.Clear();
            }
            return image;
        }
        nint dwfl = Begin(_callbacks);
        if (dwfl == 0)
            return null;
        // The thread is stopped by this tracer: libdwfl reads it with ptrace as it is, never attaching or detaching.
        if (LinuxProcReport(dwfl, threadId) != 0 || ReportEnd(dwfl, 0, 0) != 0 || LinuxProcAttach(dwfl, processId, 1) != 0)
        {
            End(dwfl);
            return null;
        }
        _images[processId] = image = new Image(dwfl, processId);
        return image;
    }

    [UnmanagedCallersOnly]
    private static int OnFrame(nint frame, nint argument)
    {
        var pcs = (List<(ulong Pc, bool Activation)>)GCHandle.FromIntPtr(argument).Target!;
        ulong pc;
        byte activation;
        // Past a static program's _start, which no unwind information ends, libdwfl reads argc as a return address: no
        // code runs in the first page, which the kernel keeps unmapped (vm.mmap_min_addr).
        if (pcs.Count == MaxFrames || FramePc(frame, &pc, &activation) == 0 || pc < FirstMappablePage)
            return Abort;
        pcs.Add((pc, activation != 0));
        return Continue;
    }

    private static StackFrame FrameAt(Image image, ulong pc, bool activation)
    {
        if (image.Frames.TryGetValue((pc, activation), out StackFrame? known))
            return known;
        // A return address is the instruction after the call: the call itself, a byte before, is what names the
        // function and the line (the call may be a function's last instruction).
        ulong look = activation ? pc : pc - 1;
        nint module = AddressModule(image.Dwfl, look);
        ulong start = 0, offset = 0;
        Symbol symbol;
        string path = module == 0 ? "?" : Marshal.PtrToStringUTF8((nint)ModuleInfo(module, null, &start, null, null, null, null, null)) ?? "?";
        string? function = module == 0 ? null : Marshal.PtrToStringUTF8((nint)ModuleAddressInfo(module, look, &offset, &symbol, null, null, null));
        if (function is null)
        {
            // Code no ELF file describes, a JIT's (in anonymous memory, or in a file mapped for it, .NET's
            // /memfd:doublemapper): its perf map may name it. Not kept, as the JIT may name it later.
            if (image.Jit.Find(look) is var (method, methodStart))
                return new StackFrame(module == 0 ? "[jit]" : path, method, pc - methodStart, pc - start, null, null);
            // Past the end of every symbol (a static function of a stripped program, whose exported ones alone are
            // named): the function before it, as strace and debuggers name it.
            return module != 0 && Preceding(image, module, look) is var (name, address)
                ? image.Frames[(pc, activation)] = new StackFrame(path, Unversioned(name), pc - address, pc - start, null, null)
                : new StackFrame(path, null, 0, pc - start, null, null);
        }
        function = Unversioned(function);
        string? file = null;
        int? line = null;
        if (ModuleGetSource(module, look) is var source and not 0)
        {
            int number;
            file = Marshal.PtrToStringUTF8((nint)LineInfo(source, null, &number, null, null, null));
            line = file is null ? null : number;
        }
        return image.Frames[(pc, activation)] = new StackFrame(path, function, offset + (pc - look), pc - start, file, line);
    }

    // A versioned symbol (__libc_start_main@@GLIBC_2.34) is the function of that name.
    private static string Unversioned(string symbol) => symbol.IndexOf('@', StringComparison.Ordinal) is int at and > 0 ? symbol[..at] : symbol;

    // The module's function that starts closest before the address, whatever its size (of several there, the symbol
    // table's first); null when none does.
    private static (string Name, ulong Address)? Preceding(Image image, nint module, ulong address)
    {
        if (!image.Functions.TryGetValue(module, out ModuleFunctions? functions))
            image.Functions[module] = functions = FunctionsOf(module);
        ulong[] starts = functions.Starts;
        int index = Array.BinarySearch(starts, address);
        index = index < 0 ? ~index - 1 : index;
        while (index > 0 && starts[index - 1] == starts[index])
            index--;
        return index >= 0 ? (functions.Names[index], starts[index]) : null;
    }

    // The module's defined functions (STT_FUNC), by address, in the symbol table's order where they share one.
    private static ModuleFunctions FunctionsOf(nint module)
    {
        const int FunctionType = 2; // STT_FUNC
        var functions = new List<(ulong Start, string Name)>();
        int count = ModuleSymbolCount(module);
        for (int i = 0; i < count; i++)
        {
            Symbol symbol;
            ulong start;
            if (ModuleSymbolInfo(module, i, &symbol, &start, null, null, null) is var name and not null
                && (symbol.Info & 0xf) == FunctionType && symbol.SectionIndex != 0)
                functions.Add((start, Marshal.PtrToStringUTF8((nint)name)!));
        }
        (ulong Start, string Name)[] sorted = [.. functions.OrderBy(f => f.Start)];
        return new ModuleFunctions([.. sorted.Select(f => f.Start)], [.. sorted.Select(f => f.Name)]);
    }

    private sealed record ModuleFunctions(ulong[] Starts, string[] Names);
}
