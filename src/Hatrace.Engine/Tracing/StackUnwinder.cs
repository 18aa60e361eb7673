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

    private readonly Callbacks* _callbacks = NewProcessCallbacks();
    private readonly Dictionary<int, Image> _images = [];

    private sealed class Image(nint dwfl, int processId)
    {
        internal nint Dwfl { get; } = dwfl;
        internal PerfMap Jit { get; } = new(processId);
        internal bool Stale { get; set; }
        internal Dictionary<(ulong Pc, bool Activation), StackFrame> Frames { get; } = [];
    }

    /// <summary>Whether a call changes what a process has mapped, as strace counts them: its modules are read again
    /// before the next stack.</summary>
    internal static bool ChangesMappings(SyscallDefinition definition) => definition.Name is "mmap" or "mmap2" or "mprotect"
        or "munmap" or "brk" or "mremap" or "shmat" or "shmdt" or "remap_file_pages" or "execve" or "execveat";

    /// <summary>Whether a call's stack is taken at its entry: after it the stack is another program's, or gone.</summary>
    internal static bool TakenAtEntry(SyscallDefinition? definition) => definition?.Name is "execve" or "execveat" or "exit" or "exit_group";

    /// <summary>The stack of a stopped thread, innermost frame first; what could be walked when the thread died on the
    /// way, and nothing when the process's mappings cannot be read.</summary>
    internal IReadOnlyList<StackFrame> Unwind(int processId, int threadId)
    {
        if (ImageOf(processId) is not { } image)
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

    private Image? ImageOf(int processId)
    {
        if (_images.TryGetValue(processId, out Image? image))
        {
            if (image.Stale)
            {
                ReportBegin(image.Dwfl);
                LinuxProcReport(image.Dwfl, processId);
                ReportEnd(image.Dwfl, 0, 0);
                image.Stale = false;
                image.Frames.Clear();
            }
            return image;
        }
        nint dwfl = Begin(_callbacks);
        if (dwfl == 0)
            return null;
        // The thread is stopped by this tracer: libdwfl reads it with ptrace as it is, never attaching or detaching.
        if (LinuxProcReport(dwfl, processId) != 0 || ReportEnd(dwfl, 0, 0) != 0 || LinuxProcAttach(dwfl, processId, 1) != 0)
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
        if (pcs.Count == MaxFrames || FramePc(frame, &pc, &activation) == 0)
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
        StackFrame frame;
        if (module == 0)
        {
            // Code no file holds, a JIT's: its perf map may name it. Not kept: the JIT may name it later.
            return image.Jit.Find(look) is var (method, start) ? new StackFrame("[jit]", method, pc - start, pc, null, null) : new StackFrame("?", null, 0, pc, null, null);
        }
        else
        {
            ulong start, offset;
            Symbol symbol;
            string path = Marshal.PtrToStringUTF8((nint)ModuleInfo(module, null, &start, null, null, null, null, null)) ?? "?";
            string? function = Marshal.PtrToStringUTF8((nint)ModuleAddressInfo(module, look, &offset, &symbol, null, null, null));
            // A versioned symbol (__libc_start_main@@GLIBC_2.34) is the function of that name.
            if (function?.IndexOf('@', StringComparison.Ordinal) is int at and > 0)
                function = function[..at];
            if (function is null && image.Jit.Find(look) is var (method, methodStart))
            {
                // The JIT's code seen through a file mapped for it (.NET's double mapping, /memfd:doublemapper).
                return new StackFrame(path, method, pc - methodStart, pc - start, null, null);
            }
            string? file = null;
            int? line = null;
            if (ModuleGetSource(module, look) is var source and not 0)
            {
                int number;
                file = Marshal.PtrToStringUTF8((nint)LineInfo(source, null, &number, null, null, null));
                line = file is null ? null : number;
            }
            frame = new StackFrame(path, function, offset + (pc - look), pc - start, file, line);
        }
        image.Frames[(pc, activation)] = frame;
        return frame;
    }
}
