using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using static Interop.HatraceNative;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>The kernel program of hatrace_trace.bpf.c, loaded and attached by the native helper (hatrace_ebpf.h), and a
/// thread of its own that copies its ring buffer's records out as fast as they come, so that the kernel's buffer only
/// has to hold what arrives between two of its polls; the session's thread decodes them, taken with <see cref="TryTake"/>, at
/// its own pace.</summary>
internal sealed unsafe class EbpfProgram : IDisposable
{
    private const int BatchSize = 1 << 20;
    private const int PollInterval = 10; // milliseconds

    // How much the reader may fall behind, in copied records, before the copying pauses and the kernel's buffer fills:
    // sixteen times that buffer, at least 64 MiB.
    private long _maxQueuedBytes;

    private nint _loaded, _ring;
    private int _ringFd = -1;
    private int _dropsFd = -1, _settingsFd = -1;
    // traced_bits and attached_bits, mapped: a bit per thread group id each, the traced ones and those of them attached.
    private nint _tracedBits, _attachedBits;
    private nuint _bitsLength;

    // hatrace_settings of hatrace_trace.h.
    [StructLayout(LayoutKind.Sequential)]
    private struct Settings
    {
        public uint FollowChildren;
        public uint BeforeExecProcessId;
        public ulong WakeupBytes;
        public uint CallTimes;
        private readonly uint _pad;
    }
    private LocalThread? _drain;
    private volatile bool _stopping;
    // A pipe whose read end the reading thread waits on beside the ring buffer: written once, to stop it at once.
    private int _wakeRead = -1, _wakeWrite = -1;
    private long _queuedBytes;
    private byte[]? _batch;
    private int _batchLength;
    private readonly SemaphoreSlim _roomFreed = new(0);

    // Copied records, in the ring buffer's order, a batch at a time. The reading thread adds, the session's thread takes
    // and waits on an event that does not spin: a BlockingCollection spun some 60 sched_yield calls at each wait.
    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> _batches = new();
    private readonly ManualResetEventSlim _batchAdded = new(initialState: false, spinCount: 0);

    /// <summary>Takes the next batch of copied records, in the ring buffer's order, waiting up to
    /// <paramref name="timeout"/> for one; return it with <see cref="Return"/>. For the session's thread alone.</summary>
    internal bool TryTake(out (byte[] Buffer, int Length) batch, TimeSpan timeout)
    {
        if (_batches.TryDequeue(out batch))
            return true;
        _batchAdded.Reset();
        // One added before the reset is in the queue now; one added after sets the event.
        return _batches.TryDequeue(out batch) || (_batchAdded.Wait(timeout) && _batches.TryDequeue(out batch));
    }

    /// <summary>Whether copied records wait to be taken.</summary>
    internal bool HasBatches => !_batches.IsEmpty;

    private EbpfProgram()
    {
    }

    /// <summary>Loads and attaches the program with the session's ring buffer size and capture plans.</summary>
    /// <exception cref="TraceStartException">The kernel refused the program (PermissionDenied without root or CAP_BPF
    /// and CAP_PERFMON; SystemError where its verifier rejects it).</exception>
    internal static EbpfProgram Load(string program, TraceSessionOptions options, CapturePlan.CallPlan[] plans)
    {
        var loaded = new EbpfProgram();
        try
        {
            loaded.Open(program, options, plans);
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    private void Open(string program, TraceSessionOptions options, CapturePlan.CallPlan[] plans)
    {
        var sizes = new EbpfSizes
        {
            RingBytes = (uint)RingSize(options.EbpfBufferSize),
            // The possible CPUs' count is the last one's number and one ("0-3", "0,2-5"): the per-CPU slots a program
            // may index. pid_max sizes the traced set's bitmap.
            Cpus = (uint)KernelNumber("/sys/devices/system/cpu/possible", Environment.ProcessorCount - 1) + 1,
            TracedWords = (uint)(KernelNumber("/proc/sys/kernel/pid_max", 1 << 22 /* PID_MAX_LIMIT */) + 63) / 64,
        };
        EbpfMaps maps;
        int error;
        _loaded = EbpfLoad(&sizes, 0, &maps, &error);
        // A kernel before 6.16, whose sched_process_exit does not say whether the thread was its process's last,
        // refuses that program (EACCES, from the verifier); without the privilege (EPERM) the other would fail as well.
        if (_loaded == 0 && error != Interop.Errno.EPERM)
            _loaded = EbpfLoad(&sizes, 1, &maps, &error);
        if (_loaded == 0)
            throw Failure(program, "load the eBPF program", error);
        _maxQueuedBytes = Math.Max(64L << 20, 16L * RingSize(options.EbpfBufferSize));
        _dropsFd = maps.Drops;
        _bitsLength = ((nuint)sizes.TracedWords * 8 + 4095) & ~(nuint)4095;
        _tracedBits = MapBits(program, maps.TracedBits);
        _attachedBits = MapBits(program, maps.AttachedBits);
        // One copy into the mapped array: a bpf(2) update for each of the 512 plans took 0.3 ms of every start.
        nuint plansLength = (nuint)(CapturePlan.MaxSyscall * sizeof(CapturePlan.CallPlan));
        nint mappedPlans = Interop.Libc.Mmap(0, plansLength, Interop.Libc.PROT_READ | Interop.Libc.PROT_WRITE, Interop.Libc.MAP_SHARED, maps.Plans, 0);
        if (mappedPlans == -1)
            throw Failure(program, "fill the capture plans", Marshal.GetLastSystemError());
        plans.CopyTo(new Span<CapturePlan.CallPlan>((void*)mappedPlans, CapturePlan.MaxSyscall));
        Interop.Libc.Munmap(mappedPlans, plansLength);
        _settingsFd = maps.Settings;
        var settings = new Settings
        {
            FollowChildren = options.FollowChildren ? 1u : 0u,
            WakeupBytes = (ulong)RingSize(options.EbpfBufferSize) / 4,
            CallTimes = options.CallTimes ? 1u : 0u,
        };
        uint zero = 0;
        Check(program, "fill the settings", EbpfMapCall(MapCommand.Update, _settingsFd, &zero, &settings, 0));
        if (EbpfAttach(_loaded) is int failed and not 0)
            throw Failure(program, "attach the eBPF program", failed);
        _ringFd = maps.Records;
        _ring = EbpfRingOpen(_ringFd, sizes.RingBytes, &error);
        if (_ring == 0)
            throw Failure(program, "read the ring buffer", error);
        int* wake = stackalloc int[2];
        if (Interop.Libc.Pipe2(wake, Interop.Libc.O_CLOEXEC) != 0)
            throw Failure(program, "make the reader's pipe", Marshal.GetLastSystemError());
        (_wakeRead, _wakeWrite) = (wake[0], wake[1]);
        _drain = new LocalThread("hatrace ebpf reader", Drain);
        _drain.Start();
    }

    private nint MapBits(string program, int fd)
    {
        nint bits = Interop.Libc.Mmap(0, _bitsLength, Interop.Libc.PROT_READ | Interop.Libc.PROT_WRITE, Interop.Libc.MAP_SHARED, fd, 0);
        return bits != -1 ? bits : throw Failure(program, "map the traced set", Marshal.GetLastSystemError());
    }

    // The kernel wants a power of two of at least a page.
    private static int RingSize(int requested) => (int)Math.Max(4096u, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(requested, 1)));

    private static void Check(string program, string what, int error)
    {
        if (error != 0)
            throw Failure(program, what, error);
    }

    // EPERM is the missing privilege. EACCES is what the verifier answers a program it rejects (a kernel whose
    // tracepoints or helpers the program does not fit), and what a security module answers: not a matter of root.
    internal static TraceStartException Failure(string program, string what, int errno) => errno switch
    {
        Interop.Errno.EPERM => new TraceStartException(TraceStartError.PermissionDenied, program,
            $"The kernel refused to {what}: {Interop.Errno.Message(errno)}. The eBPF backend needs root, or CAP_BPF and CAP_PERFMON; the ptrace backend (the default) does not.", errno),
        Interop.Errno.EACCES => new TraceStartException(TraceStartError.SystemError, program,
            $"The kernel refused to {what}: {Interop.Errno.Message(errno)}: its verifier rejected the program on this kernel, or a security module (SELinux, AppArmor) denied it. The ptrace backend (the default) does not need it.", errno),
        _ => new TraceStartException(TraceStartError.SystemError, program,
            $"Could not {what}: {Interop.Errno.Message(errno)}. The eBPF backend needs a kernel with BPF, BTF (/sys/kernel/btf/vmlinux) and the syscall tracepoints; the ptrace backend (the default) does not.", errno),
    };

    // The last number of a kernel file that holds a number or a list of ranges, or fallback where it cannot be read.
    private static int KernelNumber(string path, int fallback)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return int.Parse(text.AsSpan(text.LastIndexOfAny(['-', ',']) + 1), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    /// <summary>Records the calls of thread group <paramref name="processId"/> from now on (<see cref="EbpfRecords.ProcessStarted"/>...).</summary>
    internal void Trace(int processId, uint state)
    {
        // Its state first, as the kernel program sets them: whoever sees it traced sees its state.
        SetBit(_attachedBits, processId, state == EbpfRecords.ProcessAttached);
        SetBit(_tracedBits, processId, true);
    }

    /// <summary>Records the program the session starts, from its execve on: its calls before are the spawn helper's.</summary>
    internal void TraceFromExec(int processId)
    {
        uint zero = 0;
        Settings settings;
        EbpfMapCall(MapCommand.Lookup, _settingsFd, &zero, &settings, 0);
        settings.BeforeExecProcessId = (uint)processId;
        int failed = EbpfMapCall(MapCommand.Update, _settingsFd, &zero, &settings, 0);
        if (failed != 0)
            throw new InvalidOperationException($"Could not trace process {processId}: {Interop.Errno.Message(failed)}.");
        Trace(processId, EbpfRecords.ProcessStarted);
    }

    /// <summary>Stops recording a thread group.</summary>
    internal void Untrace(int processId)
    {
        SetBit(_tracedBits, processId, false);
        SetBit(_attachedBits, processId, false);
    }

    // Atomically, as the kernel program changes the same words when processes start and end.
    private static void SetBit(nint bits, int processId, bool on)
    {
        ref ulong word = ref ((ulong*)bits)[processId / 64];
        ulong bit = 1UL << (processId % 64);
        if (on)
            Interlocked.Or(ref word, bit);
        else
            Interlocked.And(ref word, ~bit);
    }

    private static bool BitOf(nint bits, int processId) =>
        (Volatile.Read(ref ((ulong*)bits)[processId / 64]) & (1UL << (processId % 64))) != 0;

    /// <summary>How the kernel program has a thread group (<see cref="EbpfRecords.ProcessStarted"/>...), or null when it
    /// does not trace it.</summary>
    internal uint? StateOf(int processId) => BitOf(_tracedBits, processId) ? TracedState(processId) : null;

    // The state of a thread group whose traced bit is set.
    private uint TracedState(int processId) =>
        BitOf(_attachedBits, processId) ? EbpfRecords.ProcessAttached : EbpfRecords.ProcessStarted;

    /// <summary>The thread groups traced now, with their state.</summary>
    internal List<(int ProcessId, uint State)> Traced()
    {
        var traced = new List<(int, uint)>();
        var words = new ReadOnlySpan<ulong>((void*)_tracedBits, (int)(_bitsLength / 8));
        for (int at = 0; at < words.Length; at++)
        {
            int zeros = words[at..].IndexOfAnyExcept(0UL);
            if (zeros < 0)
                break;
            at += zeros;
            for (ulong word = Volatile.Read(in words[at]); word != 0; word &= word - 1)
            {
                int processId = at * 64 + System.Numerics.BitOperations.TrailingZeroCount(word);
                traced.Add((processId, TracedState(processId)));
            }
        }
        return traced;
    }

    /// <summary>What each thread group lost so far: calls, and other records.</summary>
    internal Dictionary<int, (long Calls, long Other)> Drops() =>
        Entries<(long Calls, long Other)>(_dropsFd).ToDictionary(e => (int)e.Key, e => e.Value);

    // Every entry of a hash map keyed by thread group id, as it is now (entries may come and go meanwhile).
    private static List<(uint Key, T Value)> Entries<T>(int fd) where T : unmanaged
    {
        var entries = new List<(uint, T)>();
        uint key = 0, next;
        uint* previous = null;
        T value;
        while (EbpfMapCall(MapCommand.NextKey, fd, previous, &next, 0) == 0)
        {
            if (EbpfMapCall(MapCommand.Lookup, fd, &next, &value, 0) == 0)
                entries.Add((next, value));
            key = next;
            previous = &key;
        }
        return entries;
    }

    /// <summary>How many times the reading thread found the ring buffer empty: once this has grown since a moment, every
    /// record written before that moment is in a batch, taken or not.</summary>
    internal long EmptyReads => Interlocked.Read(ref _emptyReads);

    private long _emptyReads;

    /// <summary>Gives a batch's buffer back, once its records are decoded.</summary>
    internal void Return(byte[] buffer)
    {
        if (Interlocked.Add(ref _queuedBytes, -buffer.Length) + buffer.Length > _maxQueuedBytes)
            _roomFreed.Release();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Drain()
    {
        while (!_stopping)
        {
            if (Interlocked.Read(ref _queuedBytes) > _maxQueuedBytes)
            {
                _roomFreed.Wait(100);
                continue;
            }
            bool copied = CopyRecords();
            Publish();
            if (!copied)
            {
                Interlocked.Increment(ref _emptyReads);
                WaitForRecords();
            }
        }
        CopyRecords();
        Publish();
    }

    // Copies every record waiting into batches, a new one where the next record does not fit; whether there was any.
    private bool CopyRecords()
    {
        bool any = false;
        while (true)
        {
            _batch ??= ArrayPool<byte>.Shared.Rent(BatchSize);
            int more, copied;
            fixed (byte* batch = _batch)
                copied = EbpfRingCopy(_ring, batch + _batchLength, _batch.Length - _batchLength, &more);
            _batchLength += copied;
            any |= copied > 0;
            if (more == 0)
                return any;
            if (_batchLength == 0)
                throw new InvalidOperationException("An eBPF record is larger than a batch."); // records are at most 64 KiB
            Publish();
        }
    }

    // The kernel program wakes this thread only when its buffer fills or a process ends (hatrace_trace.bpf.c):
    // otherwise it looks every few milliseconds. StopReading wakes it too.
    private void WaitForRecords()
    {
        Interop.Libc.PollFd* fds = stackalloc Interop.Libc.PollFd[2];
        fds[0] = new Interop.Libc.PollFd { Fd = _ringFd, Events = Interop.Libc.POLLIN };
        fds[1] = new Interop.Libc.PollFd { Fd = _wakeRead, Events = Interop.Libc.POLLIN };
        Interop.Libc.Poll(fds, 2, PollInterval);
    }

    private void Publish()
    {
        if (_batch is null || _batchLength == 0)
            return;
        Interlocked.Add(ref _queuedBytes, _batch.Length);
        _batches.Enqueue((_batch, _batchLength));
        _batchAdded.Set();
        _batch = null;
        _batchLength = 0;
    }

    /// <summary>Stops copying once every record written so far is copied: no batch is added after.</summary>
    internal void StopReading()
    {
        _stopping = true;
        if (_wakeWrite >= 0)
        {
            byte one = 1;
            Interop.Libc.Write(_wakeWrite, &one, 1);
        }
        _drain?.Thread.Join();
    }

    /// <summary>Detaches the program from the kernel and frees it.</summary>
    public void Dispose()
    {
        if (_drain is not null && !_stopping)
            StopReading();
        if (_ring != 0)
            EbpfRingClose(_ring);
        _ring = 0;
        if (_loaded != 0)
            EbpfDestroy(_loaded);
        _loaded = 0;
        foreach (nint bits in (ReadOnlySpan<nint>)[_tracedBits, _attachedBits])
        {
            if (bits != 0)
                Interop.Libc.Munmap(bits, _bitsLength);
        }
        _tracedBits = _attachedBits = 0;
        if (_wakeRead >= 0)
        {
            Interop.Libc.Close(_wakeRead);
            Interop.Libc.Close(_wakeWrite);
        }
        _wakeRead = _wakeWrite = -1;
        while (_batches.TryDequeue(out (byte[] Buffer, int) batch))
            ArrayPool<byte>.Shared.Return(batch.Buffer);
        _roomFreed.Dispose();
        _batchAdded.Dispose();
    }
}
