using System.Globalization;
using System.Text;
using Hatrace.Engine.Decoding;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tampering;

/// <summary>A syscall held stopped for the reader to look at and change, at its entry or its exit
/// (<see cref="TraceSessionOptions.HookEntry"/>, <see cref="TraceSessionOptions.HookExit"/>). The thread stays
/// stopped until <see cref="Resume"/>, which <see cref="TraceSession.ReadEvents(CancellationToken)"/> calls when the reader asks for
/// the next event. Changes to registers are applied by the tracer when the call resumes; memory writes and signals
/// happen at once. After <see cref="Resume"/>, <see cref="Call"/> shows what the program got.</summary>
public sealed class SyscallStop : TraceEvent
{
    private readonly ManualResetEventSlim _released = new();
    private readonly ManualResetEventSlim _finished = new();
    private int _resumed;
    // The tracer's: a reader there (a sink, TraceSession.WriteEventsTo) cannot wait for the tracer to apply the changes.
    private readonly int _tracerThread = Environment.CurrentManagedThreadId;

    internal SyscallStop(SyscallEvent call, bool atEntry, SyscallChanges changes)
        : base(call.ProcessId, call.ThreadId, call.TimestampTicks)
    {
        Call = call;
        AtEntry = atEntry;
        Changes = changes;
    }

    /// <summary>The call; at entry its outputs and result are not known yet.</summary>
    public SyscallEvent Call { get; }

    /// <summary>True when the call is stopped before it runs, false when it has returned.</summary>
    public bool AtEntry { get; }

    /// <summary>Whether the call has been let go.</summary>
    public bool IsResumed => _resumed != 0;

    internal SyscallChanges Changes { get; }

    /// <summary>Makes the call return <paramref name="value"/>. At entry the call is skipped (it never runs), at exit
    /// its own result is replaced.</summary>
    public void SetResult(long value)
    {
        CheckStopped();
        SkipAtEntry();
        Changes.Result = value;
        Changes.Notes.Add($"result={value}");
    }

    /// <summary>Makes the call fail with <paramref name="errno"/> (a positive errno value, as <c>28</c> for ENOSPC).
    /// At entry the call is skipped, at exit its own result is replaced.</summary>
    public void SetError(int errno)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(errno, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(errno, 4095);
        CheckStopped();
        SkipAtEntry();
        Changes.Result = -errno;
        Changes.Notes.Add("error=" + (Errno.GetName(errno) ?? errno.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>At entry: the call does not run. It returns ENOSYS, as the kernel answers a skipped call, unless
    /// <see cref="SetResult"/> or <see cref="SetError"/> says otherwise.</summary>
    public void Skip()
    {
        CheckEntry(nameof(Skip));
        if (Changes.Number != -1)
            Changes.Notes.Add("skipped");
        Changes.Number = -1;
    }

    /// <summary>At entry: the call receives <paramref name="value"/> in argument register <paramref name="index"/>.</summary>
    public void SetArgument(int index, long value)
    {
        CheckEntry(nameof(SetArgument));
        CheckIndex(index);
        CheckInRegisters(nameof(SetArgument));
        Changes.ArgumentData.Remove(index);
        Changes.Arguments[index] = value;
        Changes.Notes.Add($"{ArgumentName(index)}={FormatValue(value)}");
    }

    /// <summary>At entry: copies <paramref name="data"/> into the tracee, below its stack where nothing lives during
    /// a syscall, and points argument <paramref name="index"/> at it. This is how a path or a struct the program
    /// passes is replaced by a longer one, without touching the program's own memory.</summary>
    public void SetArgumentData(int index, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckEntry(nameof(SetArgumentData));
        CheckIndex(index);
        CheckInRegisters(nameof(SetArgumentData));
        if (data.Length > MaxArgumentData)
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, $"At most {MaxArgumentData} bytes can be passed to a call.");
        Changes.Arguments.Remove(index);
        Changes.ArgumentData[index] = data;
        Changes.Notes.Add($"{ArgumentName(index)}={Describe(data)}");
    }

    /// <summary>At entry: a string argument (a path) the call receives instead of its own; see <see cref="SetArgumentData"/>.</summary>
    public void SetArgumentString(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] bytes = Encoding.UTF8.GetBytes(value + "\0");
        SetArgumentData(index, bytes);
    }

    /// <summary>Sets fields of the struct argument <paramref name="index"/> points to, by the names its value gives them
    /// (<c>st_size</c>, <c>nodename</c>; a nested structure's as a dictionary), in the tracee's memory: at exit, what
    /// a call such as stat or uname returns. The struct's other fields keep their values. The struct is the one the
    /// argument was decoded as, or, where it was not (a failed call's output), the one its prototype names.</summary>
    /// <exception cref="ArgumentException">The argument is not a structure whose fields are known, or a field is unknown
    /// or its value does not fit.</exception>
    public void SetStructFields(int index, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        CheckStopped();
        CheckIndex(index);
        // By name: a decoder may show the arguments in another order than the registers (futex).
        string parameterType = Call.Definition is { } d && index < d.Parameters.Count ? d.Parameters[index].Type : "";
        KernelLayout layout = (Call.Arguments[ArgumentName(index)]?.Value is StructValue { Layout: { } decoded } ? KernelLayout.Of(decoded) : null)
            ?? (Call.Arch == SyscallArch.X86_64 ? KernelLayout.ForParameter(parameterType) : null)
            ?? throw new ArgumentException($"{ArgumentName(index)} of {Call.Name} ({parameterType}) is not a structure whose fields are known; "
                + "write its bytes with WriteMemory.", nameof(index));
        ulong address = (ulong)Call.GetRawArgument(index);
        var bytes = new byte[layout.Size];
        if (address == 0 || new TraceeMemory().Read(ThreadId, address, bytes) != bytes.Length)
            throw new IOException($"The struct {layout.Name} at 0x{address:x} cannot be read.");
        foreach ((string field, object? value) in fields)
            layout.Set(bytes, field, value);
        Write(address, bytes);
        Changes.Notes.Add($"{ArgumentName(index)}={{{string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"))}}}");
    }

    /// <summary>Writes the tracee's memory now, read-only pages included (the program's own data, an output
    /// buffer at exit). The call's outputs are decoded again when it resumes.</summary>
    /// <exception cref="IOException">The address is not mapped in the tracee.</exception>
    public void WriteMemory(ulong address, ReadOnlySpan<byte> data)
    {
        CheckStopped();
        Write(address, data);
        Changes.Notes.Add($"memory 0x{address:x}={data.Length} bytes");
    }

    private void Write(ulong address, ReadOnlySpan<byte> data)
    {
        TraceeMemory.Write(ThreadId, address, data);
        Changes.MemoryWritten = true;
    }

    /// <summary>Sends <paramref name="signal"/> to the stopped thread now; it is delivered when the thread runs.</summary>
    public void SendSignal(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, Signals.Max);
        CheckStopped();
        if (Interop.Libc.Tgkill(ProcessId, ThreadId, signal) != 0 && Interop.Errno.Last != Interop.Errno.ESRCH)
            throw new IOException($"Could not send {Signals.GetName(signal)} to thread {ThreadId}: {Interop.Errno.Message(Interop.Errno.Last)}.");
        Changes.Notes.Add("signal=" + Signals.GetName(signal));
    }

    /// <summary>Lets the call go on with the changes made, and returns once the tracer has applied them (on the
    /// tracer's own thread, as a sink's is, at once: they are applied when the sink returns). Calling it again does nothing.</summary>
    public void Resume()
    {
        if (Interlocked.Exchange(ref _resumed, 1) != 0)
            return;
        _released.Set();
        if (Environment.CurrentManagedThreadId != _tracerThread)
            _finished.Wait();
    }

    /// <summary>The tracer's side: waits until the reader resumes the call, or the session stops (false).</summary>
    internal bool WaitForResume(CancellationToken stopping)
    {
        try
        {
            _released.Wait(stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The tracer is done with the stop, its changes in place or the session ending without them:
    /// <see cref="Resume"/> may return.</summary>
    internal void Finished() => _finished.Set();

    /// <summary>strace's text for a call in progress (<c>read(3, &lt;unfinished ...&gt;</c>), or the whole line at exit.</summary>
    public override string ToString() => AtEntry ? $"{Call.Name}({Call.Arguments} <unfinished ...>" : Call.ToString();

    private const int MaxArgumentData = 64 * 1024;

    private void SkipAtEntry()
    {
        if (AtEntry && Changes.Number is null)
            Changes.Number = -1;
    }

    private void CheckStopped()
    {
        if (_resumed != 0)
            throw new InvalidOperationException($"The {Call.Name} call has already resumed; it can be changed only while it is stopped.");
    }

    private void CheckEntry(string what)
    {
        CheckStopped();
        if (!AtEntry)
            throw new InvalidOperationException($"{what} works only before a call runs (at its entry); {Call.Name} has already returned.");
    }

    // A call made through i386's socketcall has its arguments in the tracee's memory, where socketcall's second points.
    private void CheckInRegisters(string what)
    {
        if (Socketcall.MadeThrough(Call))
            throw new InvalidOperationException($"{what} sets argument registers; {Call.Name} was made through i386's socketcall, "
                + "which passes its arguments in memory: write them with WriteMemory.");
    }

    private static void CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 5);
    }

    private string ArgumentName(int index) =>
        Call.Definition is { } d && index < d.Parameters.Count ? d.Parameters[index].Name : $"arg{index}";

    private static string FormatValue(long value) =>
        value is >= -4096 and <= 4096 ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Describe(byte[] data)
    {
        int end = data.Length > 0 && data[^1] == 0 ? data.Length - 1 : data.Length;
        return Decoding.StraceQuoting.Quote(data.AsSpan(0, Math.Min(end, 64)), truncated: end > 64);
    }
}
