using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using static Interop.Libbpf;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>The kernel program of hatrace_trace.bpf.c, loaded with libbpf and attached, and a thread of its own that
/// copies its ring buffer's records out as fast as they come, so that the kernel's buffer only has to hold what arrives
/// between two of its polls; the session's thread decodes them from <see cref="Batches"/> at its own pace.</summary>
internal sealed unsafe class EbpfProgram : IDisposable
{
    private const int BatchSize = 1 << 20;
    private const int PollInterval = 10; // milliseconds
    private const string ObjectResource = "hatrace_trace.bpf.o";

    // How much the reader may fall behind, in copied records, before the copying pauses and the kernel's buffer fills.
    private const long MaxQueuedBytes = 1L << 30;

    private static readonly string[] s_programs = ["on_sys_enter", "on_sys_exit", "on_fork", "on_exec", "on_exit", "on_signal"];

    private nint _object, _ring;
    private readonly List<nint> _links = [];
    private int _processesFd = -1, _dropsFd = -1, _bitsFd = -1, _settingsFd = -1;

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
    private GCHandle _self;
    private Thread? _drain;
    private volatile bool _stopping;
    private long _queuedBytes;
    private byte[]? _batch;
    private int _batchLength;
    private readonly SemaphoreSlim _roomFreed = new(0);

    /// <summary>Copied records, in the ring buffer's order, a batch at a time: return each batch with <see cref="Return"/>.</summary>
    internal BlockingCollection<(byte[] Buffer, int Length)> Batches { get; } = [];

    private EbpfProgram()
    {
    }

    /// <summary>Loads and attaches the program with the session's ring buffer size and capture plans.</summary>
    /// <exception cref="TraceStartException">libbpf is missing, or the kernel refused the program (PermissionDenied
    /// without root or CAP_BPF and CAP_PERFMON).</exception>
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
        byte[] image;
        using (Stream stream = typeof(Interop).Assembly.GetManifestResourceStream(ObjectResource)
            ?? throw new TraceStartException(TraceStartError.SystemError, program, $"This build of Hatrace has no eBPF program ({ObjectResource})."))
        {
            image = new byte[stream.Length];
            stream.ReadExactly(image);
        }
        int cpus;
        try
        {
            SetPrint(0); // libbpf would write its messages to this process's stderr, which may be PowerShell's protocol
            cpus = NumPossibleCpus();
        }
        catch (DllNotFoundException)
        {
            throw new TraceStartException(TraceStartError.SystemError, program,
                $"The eBPF backend needs libbpf ({Library}, Debian's libbpf1); it is not installed. The ptrace backend (the default) does not need it.");
        }
        fixed (byte* bytes = image)
            _object = ObjectOpenMem(bytes, (nuint)image.Length, null);
        if (_object == 0)
            throw Failure(program, "open the eBPF program", Marshal.GetLastSystemError());
        Check(program, "size the ring buffer", MapSetMaxEntries(Map("records"), (uint)RingSize(options.EbpfBufferSize)));
        Check(program, "size the scratch buffers", MapSetMaxEntries(Map("scratches"), (uint)Math.Max(cpus, 1)));
        Check(program, "size the traced set", MapSetMaxEntries(Map("traced_bits"), (uint)(PidMax() + 63) / 64));
        Check(program, "load the eBPF program", ObjectLoad(_object));
        _processesFd = MapFd(Map("processes"));
        _dropsFd = MapFd(Map("drops"));
        _bitsFd = MapFd(Map("traced_bits"));
        int plansFd = MapFd(Map("plans"));
        for (uint n = 0; n < plans.Length; n++)
        {
            CapturePlan.CallPlan plan = plans[n];
            Check(program, "fill the capture plans", MapUpdate(plansFd, &n, &plan, BPF_ANY));
        }
        _settingsFd = MapFd(Map("settings"));
        var settings = new Settings
        {
            FollowChildren = options.FollowChildren ? 1u : 0u,
            WakeupBytes = (ulong)RingSize(options.EbpfBufferSize) / 4,
            CallTimes = options.CallTimes ? 1u : 0u,
        };
        uint zero = 0;
        Check(program, "fill the settings", MapUpdate(_settingsFd, &zero, &settings, BPF_ANY));
        foreach (string name in s_programs)
        {
            nint link = ProgramAttach(FindProgram(_object, name));
            if (link == 0)
                throw Failure(program, $"attach {name}", Marshal.GetLastSystemError());
            _links.Add(link);
        }
        _self = GCHandle.Alloc(this);
        _ring = RingBufferNew(MapFd(Map("records")), &OnRecord, (void*)GCHandle.ToIntPtr(_self), null);
        if (_ring == 0)
            throw Failure(program, "read the ring buffer", Marshal.GetLastSystemError());
        _drain = new Thread(Drain) { IsBackground = true, Name = "hatrace ebpf reader" };
        _drain.Start();
    }

    // The kernel wants a power of two of at least a page.
    private static int RingSize(int requested) => (int)Math.Max(4096u, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(requested, 1)));

    private nint Map(string name)
    {
        nint map = FindMap(_object, name);
        return map != 0 ? map : throw new InvalidOperationException($"The eBPF program has no map '{name}'.");
    }

    private static void Check(string program, string what, int result)
    {
        if (result < 0)
            throw Failure(program, what, -result);
    }

    private static TraceStartException Failure(string program, string what, int errno) =>
        errno is Interop.Errno.EPERM or Interop.Errno.EACCES
            ? new TraceStartException(TraceStartError.PermissionDenied, program,
                $"The kernel refused to {what}: {Interop.Errno.Message(errno)}. The eBPF backend needs root, or CAP_BPF and CAP_PERFMON; the ptrace backend (the default) does not.", errno)
            : new TraceStartException(TraceStartError.SystemError, program,
                $"Could not {what}: {Interop.Errno.Message(errno)}. The eBPF backend needs a kernel with BPF, BTF (/sys/kernel/btf/vmlinux) and the syscall tracepoints; the ptrace backend (the default) does not.", errno);

    // The largest pid the kernel gives, and so the size of the traced set's bitmap.
    private static int PidMax()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 1 << 22; // PID_MAX_LIMIT
        }
    }

    /// <summary>Records the calls of thread group <paramref name="processId"/> from now on (<see cref="EbpfRecords.ProcessStarted"/>...).</summary>
    internal void Trace(int processId, uint state)
    {
        uint key = (uint)processId;
        MapUpdate(_processesFd, &key, &state, BPF_ANY);
        SetBit(processId, true);
    }

    /// <summary>Records the program the session starts, from its execve on: its calls before are the spawn helper's.</summary>
    internal void TraceFromExec(int processId)
    {
        uint zero = 0;
        Settings settings;
        MapLookup(_settingsFd, &zero, &settings);
        settings.BeforeExecProcessId = (uint)processId;
        MapUpdate(_settingsFd, &zero, &settings, BPF_ANY);
        Trace(processId, EbpfRecords.ProcessStarted);
    }

    /// <summary>Stops recording a thread group.</summary>
    internal void Untrace(int processId)
    {
        SetBit(processId, false);
        uint key = (uint)processId;
        MapDelete(_processesFd, &key);
    }

    // The kernel program changes its words atomically; a change here could only lose one of its own made in the same
    // instant to the same 64 pids, and this is done only when a trace starts and ends.
    private void SetBit(int processId, bool traced)
    {
        uint index = (uint)processId / 64;
        ulong word = 0, bit = 1UL << (processId % 64);
        MapLookup(_bitsFd, &index, &word);
        word = traced ? word | bit : word & ~bit;
        MapUpdate(_bitsFd, &index, &word, BPF_ANY);
    }

    /// <summary>The thread groups traced now, with their state.</summary>
    internal List<(int ProcessId, uint State)> Traced()
    {
        var traced = new List<(int, uint)>();
        uint key = 0, next;
        uint* previous = null;
        while (MapGetNextKey(_processesFd, previous, &next) == 0)
        {
            uint state;
            if (MapLookup(_processesFd, &next, &state) == 0)
                traced.Add(((int)next, state));
            key = next;
            previous = &key;
        }
        return traced;
    }

    /// <summary>What each thread group lost so far: calls, and other records.</summary>
    internal Dictionary<int, (long Calls, long Other)> Drops()
    {
        var drops = new Dictionary<int, (long, long)>();
        uint key = 0, next;
        uint* previous = null;
        long* counts = stackalloc long[2];
        while (MapGetNextKey(_dropsFd, previous, &next) == 0)
        {
            if (MapLookup(_dropsFd, &next, counts) == 0)
                drops[(int)next] = (counts[0], counts[1]);
            key = next;
            previous = &key;
        }
        return drops;
    }

    /// <summary>How many times the reading thread found the ring buffer empty: once this has grown since a moment, every
    /// record written before that moment is in <see cref="Batches"/> or taken from it.</summary>
    internal long EmptyReads => Interlocked.Read(ref _emptyReads);

    private long _emptyReads;

    /// <summary>Gives a batch's buffer back, once its records are decoded.</summary>
    internal void Return(byte[] buffer)
    {
        if (Interlocked.Add(ref _queuedBytes, -buffer.Length) + buffer.Length > MaxQueuedBytes)
            _roomFreed.Release();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Drain()
    {
        while (!_stopping)
        {
            if (Interlocked.Read(ref _queuedBytes) > MaxQueuedBytes)
            {
                _roomFreed.Wait(100);
                continue;
            }
            // The kernel program wakes this thread only when its buffer fills (hatrace_trace.bpf.c): otherwise it looks
            // every few milliseconds.
            int copied = RingBufferConsume(_ring);
            Publish();
            if (copied == 0)
            {
                Interlocked.Increment(ref _emptyReads);
                RingBufferPoll(_ring, PollInterval);
            }
        }
        RingBufferConsume(_ring);
        Publish();
        Batches.CompleteAdding();
    }

    private void Publish()
    {
        if (_batch is null || _batchLength == 0)
            return;
        Interlocked.Add(ref _queuedBytes, _batch.Length);
        Batches.Add((_batch, _batchLength));
        _batch = null;
        _batchLength = 0;
    }

    [UnmanagedCallersOnly]
    private static int OnRecord(void* context, void* data, nuint size)
    {
        var program = (EbpfProgram)GCHandle.FromIntPtr((nint)context).Target!;
        int length = (int)size;
        if (program._batch is not null && program._batchLength + length > program._batch.Length)
            program.Publish();
        program._batch ??= ArrayPool<byte>.Shared.Rent(Math.Max(BatchSize, length));
        new ReadOnlySpan<byte>(data, length).CopyTo(program._batch.AsSpan(program._batchLength));
        program._batchLength += length;
        return 0;
    }

    /// <summary>Stops copying once every record written so far is copied: <see cref="Batches"/> then completes.</summary>
    internal void StopReading()
    {
        _stopping = true;
        _drain?.Join();
    }

    /// <summary>Detaches the program from the kernel and frees it.</summary>
    public void Dispose()
    {
        foreach (nint link in _links)
            LinkDestroy(link);
        _links.Clear();
        if (_drain is not null && !_stopping)
            StopReading();
        if (_ring != 0)
            RingBufferFree(_ring);
        _ring = 0;
        if (_object != 0)
            ObjectClose(_object);
        _object = 0;
        if (_self.IsAllocated)
            _self.Free();
        _roomFreed.Dispose();
    }
}
