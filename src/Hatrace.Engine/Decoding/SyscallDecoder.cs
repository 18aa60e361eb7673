using Hatrace.Engine.Tracing;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>Decodes a syscall's arguments, inputs at entry and outputs at exit: first its family's decoder
/// (<see cref="DecoderTable"/>), then, for whatever that left undecided, the argument's kind
/// (<see cref="GenericDecoder"/>). What is still undecided when the call ends prints as its address.</summary>
internal sealed class SyscallDecoder(TraceeMemory memory, int stringLength, StringEscape escape)
{
    private readonly DecodeContext _context = new(memory, stringLength, escape);

    internal void DecodeEntry(SyscallEvent call)
    {
        if (call.Definition is not { } definition)
        {
            call.Arguments = new SyscallArguments(GenericDecoder.UnknownCall(call));
            return;
        }
        var arguments = new SyscallArgument?[definition.Parameters.Count];
        _context.Enter(call, arguments);
        RunFamilyDecoder(definition.Name);
        GenericDecoder.DecodeInputs(_context);
        call.DeferredArguments = _context.DeferredMask;
        call.ShownArguments = _context.ShownCount;
        call.Arguments = new SyscallArguments(arguments!);
        call.Path = Array.Find(arguments, a => a?.Kind == ArgumentKind.Path)?.Value as string;
    }

    internal void DecodeExit(SyscallEvent call)
    {
        if (call.Definition is not { } definition)
            return;
        SyscallArgument?[] arguments = call.Arguments.Items;
        _context.Exit(call, arguments, call.ShownArguments, call.DeferredArguments);
        RunFamilyDecoder(definition.Name);
        GenericDecoder.DecodeOutputs(_context);
        Finish(call, arguments, call.ShownArguments);
    }

    // A decoder must never end a trace: should one fail on data it did not expect, what it left undecided is
    // decoded by kind, and at worst printed as an address.
    private void RunFamilyDecoder(string name)
    {
        try
        {
            DecoderTable.Find(name)?.Invoke(_context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The oracle tests compare every family's text with strace's: a decoder that fails shows there.
        }
    }

    /// <summary>Completes a call that never returned: its outputs print as addresses.</summary>
    internal static void DecodeUnfinished(SyscallEvent call)
    {
        if (call.Definition is not null)
            Finish(call, call.Arguments.Items, call.ShownArguments);
    }

    private static void Finish(SyscallEvent call, SyscallArgument?[] arguments, int shown)
    {
        IReadOnlyList<SyscallParameter> parameters = call.Definition!.Parameters;
        for (int i = 0; i < arguments.Length; i++)
        {
            long raw = call.GetRawArgument(i);
            arguments[i] ??= new SyscallArgument(parameters[i].Name, raw, ArgumentKind.Pointer, raw, DecodeContext.FormatAddress(raw));
        }
        if (shown < arguments.Length)
            call.Arguments = new SyscallArguments(arguments[..shown]!);
    }
}
