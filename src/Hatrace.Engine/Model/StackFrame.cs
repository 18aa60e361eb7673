using System.Globalization;

namespace Hatrace.Engine.Model;

/// <summary>One frame of the user stack a call was made from (strace's <c>-k</c>), innermost first.</summary>
public sealed class StackFrame
{
    internal StackFrame(string module, string? function, ulong offset, ulong address, string? file, int? line)
    {
        Module = module;
        Function = function;
        Offset = offset;
        Address = address;
        File = file;
        Line = line;
    }

    /// <summary>The file mapped where the frame's code is (<c>/usr/lib/x86_64-linux-gnu/libc.so.6</c>).</summary>
    public string Module { get; }

    /// <summary>The function the frame is in, from the module's symbol table or debug information; null when it has
    /// none there (a stripped program).</summary>
    public string? Function { get; }

    /// <summary>Where in <see cref="Function"/> the frame is: the return address (for the innermost frame, the
    /// instruction after the call) less the function's start.</summary>
    public ulong Offset { get; }

    /// <summary>That address, relative to the start of <see cref="Module"/>'s mapping; the address itself where no file
    /// holds the code (a JIT's, <c>[jit]</c>, or <c>?</c>).</summary>
    public ulong Address { get; }

    /// <summary>The source file, when the module has debug information for the frame; null otherwise.</summary>
    public string? File { get; }

    /// <summary>The line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The frame as strace -k prints it: <c>/usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Module}({(Function is null ? "" : $"{Function}+0x{Offset:x}")}) [0x{Address:x}]");
}
