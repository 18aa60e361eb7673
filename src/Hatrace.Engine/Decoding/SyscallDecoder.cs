using Hatrace.Engine.Tracing;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>Decodes a syscall's arguments, inputs at entry and outputs at exit: first its family's decoder
/// (<see cref="DecoderTable"/>), then, for whatever that left undecided, the argument's kind
/// (<see cref="GenericDecoder"/>). What is still undecided when the call ends prints as its address.</summary>
internal sealed class SyscallDecoder(ITraceeMemory memory, TraceSessionOptions options)
{
    private readonly DecodeContext _context =
        new(memory, options.StringLength, new StraceRenderer(options.ConstantStyle, options.StringEscape), options.DescriptorDetail)
        {
            ReadsCountedEnvironment = options.ReadCountedEnvironment,
        };

    /// <summary>Decodes the call's inputs; returns the arguments left for <see cref="DecodeExit"/> to decide (a bit per
    /// argument), for the tracer to keep until then.</summary>
    internal int DecodeEntry(SyscallEvent call)
    {
        if (call.Definition is not { } definition)
        {
            call.Arguments = new SyscallArguments(GenericDecoder.UnknownCall(call));
            call.ShownArguments = call.EntryArgumentCount = call.Arguments.Count;
            return 0;
        }
        bool undecoded = IsUndecoded(definition);
        // -e raw= prints every register, an i386 call's split values too, as strace does.
        SplitArguments? split = undecoded ? null : SplitArguments.Of(definition);
        int count = (split?.Parameters ?? definition.Parameters).Count;
        SyscallArgument?[] arguments = count == 0 ? [] : new SyscallArgument?[count];
        _context.Enter(call, arguments, split);
        if (undecoded)
            GenericDecoder.DecodeUndecoded(_context);
        else
        {
            ChooseDetail(definition);
            RunFamilyDecoder(definition);
            GenericDecoder.DecodeInputs(_context);
            _context.Descriptors.DescribeArguments(_context);
            arguments = _context.Arguments; // a decoder may show more than the prototype declares
        }
        call.ShownArguments = _context.ShownCount;
        // strace prints at entry the arguments up to the first left for exit: undecided, or decided and deferred (an
        // in/out structure whose entry value the exit needs).
        int undecided = 0;
        while (undecided < _context.ShownCount && arguments[undecided] is not null && !_context.IsDeferred(undecided))
            undecided++;
        call.EntryArgumentCount = undecided;
        if (_context.ContinuedIndex >= 0 && _context.ContinuedIndex < call.EntryArgumentCount)
        {
            call.EntryArgumentCount = _context.ContinuedIndex + 1;
            call.ContinuedEntry = arguments[_context.ContinuedIndex];
        }
        call.Arguments = arguments.Length == 0 ? SyscallArguments.None : new SyscallArguments(arguments!);
        return _context.DeferredMask;
    }

    /// <summary>Decodes the outputs of a call that returned; <paramref name="deferredArguments"/> is what
    /// <see cref="DecodeEntry"/> returned.</summary>
    internal void DecodeExit(SyscallEvent call, int deferredArguments)
    {
        if (call.Definition is not { } definition)
            return;
        SyscallArgument?[] arguments = call.Arguments.Items;
        _context.Exit(call, arguments, call.ShownArguments, deferredArguments);
        if (IsUndecoded(definition))
        {
            if (!_context.Failed)
                _context.SetResultText(DecodeContext.HexOrZero((ulong)_context.Result));
            return;
        }
        ChooseDetail(definition);
        RunFamilyDecoder(definition);
        GenericDecoder.DecodeOutputs(_context);
        _context.Descriptors.DescribeResult(_context);
        Finish(call, arguments, call.ShownArguments, _context.Failed ? PointerReason.NotWritten : PointerReason.NotDecoded);
    }

    private bool IsUndecoded(SyscallDefinition definition) => options.Undecoded?.Invoke(definition) == true;

    private void ChooseDetail(SyscallDefinition definition)
    {
        _context.Abbreviate = options.Abbreviated?.Invoke(definition) != false;
        _context.Dereference = options.Dereferenced?.Invoke(definition) != false;
    }

    /// <summary>Decodes a returned call again, after a change to its result or to memory it uses. The arguments printed
    /// at its entry stay as they were read then (a write's buffer poked at exit printed what the call wrote, as strace's),
    /// but one the exit goes on with.</summary>
    internal void Redecode(SyscallEvent call)
    {
        SyscallArgument?[] atEntry = call.Arguments.Items;
        int kept = call.EntryArgumentCount - (call.ContinuedEntry is null ? 0 : 1);
        int deferredArguments = DecodeEntry(call);
        atEntry.AsSpan(0, Math.Min(kept, call.EntryArgumentCount)).CopyTo(call.Arguments.Items);
        DecodeExit(call, deferredArguments);
    }

    // A decoder must never end a trace: should one fail on data it did not expect, what it left undecided is
    // decoded by kind, and at worst printed as an address.
    private void RunFamilyDecoder(SyscallDefinition definition)
    {
        try
        {
            DecoderTable.Find(definition)?.Invoke(_context);
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
            Finish(call, call.Arguments.Items, call.ShownArguments, PointerReason.NotWritten);
    }

    // What no decoder decided prints as its address: an output of a call that failed or never returned, or one nothing decodes.
    private static void Finish(SyscallEvent call, SyscallArgument?[] arguments, int shown, PointerReason reason)
    {
        SplitArguments? split = SplitArguments.Of(call.Definition!);
        IReadOnlyList<SyscallParameter> parameters = split?.Parameters ?? call.Definition!.Parameters;
        for (int i = 0; i < arguments.Length; i++)
        {
            long raw = split?.Raw(call, i) ?? call.GetRawArgument(i);
            arguments[i] ??= new SyscallArgument(parameters[i].Name, raw, ArgumentKind.Pointer, DecodeContext.Pointer(raw, reason), DecodeContext.FormatAddress(raw));
        }
        if (shown < arguments.Length)
            call.Arguments = new SyscallArguments(arguments[..shown]!);
    }
}
