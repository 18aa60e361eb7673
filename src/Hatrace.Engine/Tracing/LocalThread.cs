namespace Hatrace.Engine.Tracing;

/// <summary>A background thread started on the CPU of the thread that starts it. Thread.Start returns only once the new
/// thread runs, yielding its CPU in a loop meanwhile, and the kernel puts a new thread on the least loaded CPU: with a
/// program running on every other CPU, the tracer thread waited there 0.7-3.8 ms for that program's turn to end while
/// the starting thread yielded to nothing on its own. Limited to the starter's CPU, the new thread runs at its first
/// yield, and then both may run wherever the starter could.</summary>
internal sealed class LocalThread
{
    // The CPUs the starter may use, which the new thread takes back as it begins; null where it was not limited.
    private byte[]? _allowed;

    internal LocalThread(string name, Action body) =>
        Thread = new Thread(() =>
        {
            if (_allowed is { } allowed)
                CpuAffinity.TrySet(allowed);
            body();
        })
        {
            IsBackground = true,
            Name = name,
        };

    internal Thread Thread { get; }

    /// <summary>Runs <paramref name="start"/>, which starts a thread this code does not run (the runtime's own), limited
    /// to the caller's CPU as <see cref="Start"/> does: the new thread is put there, and then given back the CPUs the
    /// caller may use.</summary>
    internal static T StartHere<T>(Func<T> start)
    {
        byte[] allowed = new byte[CpuAffinity.MaskSize];
        if (!CpuAffinity.TryPinHere(allowed))
            return start();
        int[] before = Tracer.ThreadsOf(Environment.ProcessId);
        try
        {
            return start();
        }
        finally
        {
            CpuAffinity.TrySet(allowed);
            foreach (int thread in Tracer.ThreadsOf(Environment.ProcessId).Except(before))
                CpuAffinity.TrySet(allowed, thread);
        }
    }

    internal void Start()
    {
        byte[] allowed = new byte[CpuAffinity.MaskSize];
        if (CpuAffinity.TryPinHere(allowed))
            _allowed = allowed;
        try
        {
            Thread.Start();
        }
        finally
        {
            if (_allowed is not null)
                CpuAffinity.TrySet(allowed);
        }
    }
}
