using Hatrace.Engine.Formatting;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Model;

/// <summary>One syscall, entry and exit merged: what was asked, what came back, and when.</summary>
public sealed class SyscallEvent : TraceEvent
{
    private RawArguments _rawArguments; // inline, not an array: one object less per call
    private string? _text;

    internal SyscallEvent(int processId, int threadId, long entryTicks, SyscallArch arch, long number,
        SyscallDefinition? definition, ReadOnlySpan<long> rawArguments)
        : base(processId, threadId, entryTicks)
    {
        Arch = arch;
        Number = number;
        Definition = definition;
        rawArguments.CopyTo(_rawArguments);
    }

    /// <summary>The ABI the call was made through.</summary>
    public SyscallArch Arch { get; }

    /// <summary>The syscall number in that ABI: i386's socketcall's (102) for the socket calls made through it.</summary>
    public long Number { get; }

    /// <summary>The call's name; <c>syscall_0x1f4</c> for a number the kernel does not define, as strace prints it.</summary>
    public string Name => Definition?.Name ?? $"syscall_0x{Number:x}";

    /// <summary>The kernel's definition of the call, or null for an unknown number. For a call i386's socketcall makes,
    /// that call's (<c>socket</c>, with socketcall's number), as strace shows it.</summary>
    public SyscallDefinition? Definition { get; }

    /// <summary>The decoded arguments. As text: the argument list strace prints.</summary>
    public SyscallArguments Arguments { get; internal set; } = SyscallArguments.None;

    /// <summary>The raw value of the first argument register; of a call i386's socketcall makes, the first of the words
    /// it passes that call (Arg1 to Arg5 likewise).</summary>
    public long Arg0 => _rawArguments[0];

    /// <summary>The raw value of the second argument register.</summary>
    public long Arg1 => _rawArguments[1];

    /// <summary>The raw value of the third argument register.</summary>
    public long Arg2 => _rawArguments[2];

    /// <summary>The raw value of the fourth argument register.</summary>
    public long Arg3 => _rawArguments[3];

    /// <summary>The raw value of the fifth argument register.</summary>
    public long Arg4 => _rawArguments[4];

    /// <summary>The raw value of the sixth argument register.</summary>
    public long Arg5 => _rawArguments[5];

    /// <summary>The value the call returned: -1 when it failed (as the C library reports it, with <see cref="Errno"/> set),
    /// null when it never returned (exit_group, or the thread died inside it).</summary>
    public long? Result { get; private set; }

    /// <summary>The kernel's raw return value: a failure is the negated errno.</summary>
    public long? RawResult { get; private set; }

    /// <summary>The errno name of a failed call (<c>ENOENT</c>), or empty.</summary>
    public string Errno { get; private set; } = "";

    /// <summary>The errno value of a failed call, or 0.</summary>
    public int ErrnoValue { get; private set; }

    /// <summary>The path the call takes, where it takes one (its first path argument), or null; escaped as
    /// <see cref="SyscallArgument.Value"/>'s strings are.</summary>
    public string? Path
    {
        // Taken from the arguments as they are when asked for (a printed call's text quotes the bytes themselves); given
        // for a call read back from a file.
        get => _path ?? (Array.Find(Arguments.Items, a => a?.Kind == ArgumentKind.Path)?.Value as StringValue)?.Text;
        internal set => _path = value;
    }

    private string? _path;

    /// <summary>What the call's first file descriptor argument referred to (<see cref="SyscallArgument.FdPath"/>:
    /// <c>/etc/passwd</c>, <c>pipe:[6789]</c>), or null: when it has none, or the session does not resolve descriptors
    /// (<see cref="Tracing.TraceSessionOptions.DescriptorDetail"/>).</summary>
    public string? FdPath => Array.Find(Arguments.Items, a => a?.FdPath is not null)?.FdPath; // at entry, outputs are not there yet

    /// <summary>When the call returned, in local time; null when it never returned. <see cref="TraceEvent.Timestamp"/> is its entry.</summary>
    public DateTime? ExitTimestamp => ExitTicks == 0 ? null : TraceClock.ToDateTime(ExitTicks);

    /// <summary>How long the call took, from entry to exit as the tracer saw them (from when the tracer let it go on into
    /// the kernel, as strace times it: its own work at the entry, decoding and hooks, does not count; a fault rule's delay
    /// does); zero when it never returned.</summary>
    public TimeSpan Duration => ExitTicks == 0 ? TimeSpan.Zero : TraceClock.Between(StartTicks, ExitTicks);

    /// <summary>The system CPU time the call's process used from the call's entry to its exit, as the kernel reports it at
    /// the tracer's stops: what strace -c sums without -w. It holds the process's other threads' and the children it
    /// reaped meanwhile, as strace's does. Null unless the session measures it
    /// (<see cref="Tracing.TraceSessionOptions.SystemTimes"/>), and for a call that never returned.</summary>
    public TimeSpan? SystemTime
    {
        get => _systemTicks < 0 ? null : TimeSpan.FromTicks(_systemTicks);
        internal set => _systemTicks = value?.Ticks ?? -1;
    }

    private long _systemTicks = -1; // 8 bytes, as every call has one

    /// <summary>Whether the call never returned: it ended the thread, the thread was killed inside it, or another thread's
    /// execve replaced it.</summary>
    public bool IsUnfinished => RawResult is null;

    /// <summary>Whether the call was still running when the session let its thread go (a session that attached, stopped):
    /// strace's <c>&lt;detached ...&gt;</c>. Such a call is also <see cref="IsUnfinished"/>.</summary>
    public bool IsDetached { get; internal set; }

    /// <summary>Whether some of the call is decoded at its exit: arguments (outputs, a structure the kernel fills in further)
    /// or the meaning of its result (poll's <c>1 ([{fd=3, revents=POLLIN}])</c>). strace prints that part with the result,
    /// and ends a call that never returned with <c>&lt;unfinished ...&gt;</c> only where there was one.</summary>
    public bool IsDecodedAtExit => ContinuedEntry is not null || EntryArgumentCount < ShownArguments || ResultDescribedAtExit;

    /// <summary>Whether the decoder describes the result at exit though it printed every argument at entry.</summary>
    internal bool ResultDescribedAtExit { get; set; }

    /// <summary>The bytes the call read or wrote, captured whole when the session asked for this call's descriptor
    /// (<see cref="Tracing.TraceSessionOptions.CaptureReads"/>, <see cref="Tracing.TraceSessionOptions.CaptureWrites"/>);
    /// null otherwise, and for a read that failed or returned nothing.</summary>
    public TransferredData? Data { get; internal set; }

    private string? _resultTemplate;
    private Decoding.StraceRenderer? _resultRender;

    /// <summary>How the result prints when it is not a plain number (an address, flags), as its decoder decided; null
    /// otherwise.</summary>
    internal string? ResultText
    {
        get => RenderResultText(null);
        set => (_resultTemplate, _resultRender) = (value, null);
    }

    /// <summary>Sets how the result prints: a text a decoder wrote with <see cref="Decoding.StraceRenderer.Template"/>'s
    /// pieces, which <paramref name="render"/> (the session's) fills in.</summary>
    internal void SetResultText(string text, Decoding.StraceRenderer render) => (_resultTemplate, _resultRender) = (text, render);

    /// <summary><see cref="ResultText"/> as <paramref name="render"/> (null: the session's) prints it.</summary>
    internal string? RenderResultText(Decoding.StraceRenderer? render)
    {
        (string? template, Decoding.StraceRenderer? session) = (_resultTemplate, _resultRender);
        return template is null || session is null ? template : (render ?? session).Resolve(template);
    }

    /// <summary>Where the thread went on when the call returned: <see cref="TraceEvent.InstructionPointer"/>, but the new
    /// program's first instruction after an execve that succeeded; null until then, and where the backend does not
    /// read it (eBPF).</summary>
    public ulong? ExitInstructionPointer
    {
        get => _exitInstructionPointer == 0 ? null : _exitInstructionPointer;
        internal set => _exitInstructionPointer = value ?? 0;
    }

    private ulong _exitInstructionPointer;

    /// <summary>The thread's stack pointer when it entered the call (rt_sigreturn's signal frame lies there); 0 for a
    /// call read back from a file.</summary>
    internal ulong StackPointer { get; set; }

    /// <summary>The number of the call the thread entered before this one (for an attached thread's first, the call it was
    /// in when seized): the one restart_syscall resumes, the one strace's -n shows on a line said before this call.
    /// Null where the tracer does not know it.</summary>
    public long? PreviousSyscallNumber
    {
        get => _previousSyscallNumber < 0 ? null : _previousSyscallNumber;
        internal set => _previousSyscallNumber = value ?? -1;
    }

    private long _previousSyscallNumber = -1; // 8 bytes, as every call has one

    /// <summary>How many arguments strace prints: fewer than the parameters where the kernel ignores the last.</summary>
    internal int ShownArguments { get; set; }

    /// <summary>How many leading arguments are decided at entry: strace prints them before the call returns, the
    /// rest with its result.</summary>
    internal int EntryArgumentCount { get; set; }

    /// <summary>The last argument printed at entry, as it was then, when the decoder goes on with it at exit; null
    /// when the arguments printed at entry are final.</summary>
    internal SyscallArgument? ContinuedEntry { get; set; }

    internal long ExitTicks { get; private set; }

    /// <summary>When the call went on into the kernel, where the backend knows it apart from <see cref="TraceEvent.TimestampTicks"/>:
    /// where <see cref="Duration"/> starts.</summary>
    internal long StartTicks
    {
        get => _startTicks == 0 ? TimestampTicks : _startTicks;
        set => _startTicks = value;
    }

    private long _startTicks;

    internal long GetRawArgument(int index) => _rawArguments[index];

    internal void Complete(long rawResult, bool isError, long exitTicks)
    {
        RawResult = rawResult;
        ExitTicks = exitTicks;
        _text = null;
        ErrnoValue = 0;
        Errno = "";
        if (isError)
        {
            ErrnoValue = (int)-rawResult;
            Errno = Model.Errno.GetName(ErrnoValue) ?? ErrnoValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Result = -1;
        }
        else
        {
            Result = rawResult;
        }
    }

    /// <summary>Whether a fault rule or a hook changed the call: its arguments, its result, or memory it uses.</summary>
    public bool Tampered => Tampering is not null;

    /// <summary>What was changed (<c>error=ENOSPC</c>, <c>pathname="/tmp/other"</c>), or null.</summary>
    public string? Tampering { get; private set; }

    /// <summary>The raw value the call itself returned before a change replaced it; null when the call did not run
    /// (it was skipped) or its result was not changed.</summary>
    public long? OriginalResult { get; private set; }

    /// <summary>The user stack the call was made from, innermost frame first, when the session takes stacks
    /// (<see cref="Tracing.TraceSessionOptions.StackTraces"/>); null otherwise.</summary>
    public IReadOnlyList<StackFrame>? StackTrace { get; internal set; }

    /// <summary>Whether the seccomp profile the program runs under stopped the call
    /// (<see cref="Tracing.TraceStartInfo.SeccompProfile"/>): it failed with the profile's errno, or was killed or trapped.</summary>
    public bool DeniedByProfile { get; internal set; }

    /// <summary>Whether the result was made up rather than returned by the kernel: strace's <c>(INJECTED)</c>.</summary>
    public bool ResultInjected { get; private set; }

    /// <summary>Whether a fault rule wrote memory an argument points to (<see cref="Tampering.SyscallFault.PokeEnter"/>,
    /// <see cref="Tampering.SyscallFault.PokeExit"/>): strace's <c>(INJECTED: args)</c>.</summary>
    public bool ArgumentsInjected { get; internal set; }

    /// <summary>Whether a fault rule or a hook held the call at its entry or its exit
    /// (<see cref="Tampering.SyscallFault.DelayEnter"/>, <see cref="Tampering.SyscallFault.DelayExit"/>): strace's
    /// <c>(DELAYED)</c>.</summary>
    public bool Delayed { get; internal set; }

    internal void SetRawArgument(int index, long value)
    {
        _rawArguments[index] = value;
        _text = null;
    }

    /// <summary>Records what was changed in the call.</summary>
    internal void NoteTampering(IEnumerable<string> notes)
    {
        string text = string.Join(", ", notes);
        if (text.Length > 0)
            Tampering = Tampering is null ? text : Tampering + ", " + text;
        _text = null;
    }

    /// <summary>Replaces the result the kernel gave with a made-up one.</summary>
    internal void InjectResult(long rawResult, bool ran)
    {
        OriginalResult = ran ? RawResult : null;
        ResultInjected = true;
        ResultText = null;
        Complete(rawResult, Model.Errno.IsFailure(rawResult), ExitTicks);
    }

    /// <summary>The message of <see cref="Errno"/> (<c>No such file or directory</c>), or null when the call did not fail.</summary>
    public string? ErrorMessage => ErrnoValue == 0 ? null : Model.Errno.GetMessage(ErrnoValue);

    /// <summary>The strace line: <c>openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3</c>.</summary>
    public override string ToString() => _text ??= StraceFormatter.Format(this);

    /// <summary>The six argument registers.</summary>
    [System.Runtime.CompilerServices.InlineArray(6)]
    private struct RawArguments
    {
        private long _first;
    }
}
