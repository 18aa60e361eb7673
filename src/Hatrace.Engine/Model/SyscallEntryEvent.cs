using Hatrace.Engine.Formatting;

namespace Hatrace.Engine.Model;

/// <summary>A traced thread entered a syscall: what strace prints before the call returns, for front ends that show
/// calls of several threads as they happen (<c>[pid 42] read(3, &lt;unfinished ...&gt;</c>). Emitted only when
/// <see cref="Tracing.TraceSessionOptions.EmitSyscallEntries"/> asks; the call itself is still one whole
/// <see cref="SyscallEvent"/>, emitted when it returns. The program's first execve, entered before its trace
/// begins, has no entry.</summary>
public sealed class SyscallEntryEvent : TraceEvent
{
    internal SyscallEntryEvent(SyscallEvent call, SyscallArgument[] arguments)
        : base(call.ProcessId, call.ThreadId, call.TimestampTicks)
    {
        Call = call;
        Arguments = arguments;
    }

    /// <summary>The call entered. Until it is emitted as an event of its own, the tracer is still filling it in:
    /// read only what is known at entry (<see cref="SyscallEvent.Name"/>, <see cref="SyscallEvent.Number"/>, the raw
    /// arguments), and <see cref="Arguments"/> for the decoded ones.</summary>
    public SyscallEvent Call { get; }

    /// <summary>The leading arguments decided at entry, the ones strace prints before the call returns; the rest
    /// (outputs, and whatever follows the first of them) are decided at exit.</summary>
    public IReadOnlyList<SyscallArgument> Arguments { get; }

    /// <summary>The call's name.</summary>
    public string Name => Call.Name;

    /// <summary>The text strace prints at entry: <c>read(3, </c>.</summary>
    public override string ToString() => StraceFormatter.Format(this);
}
