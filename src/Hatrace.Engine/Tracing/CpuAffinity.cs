using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The calling thread's CPUs, as sched_getaffinity(2) masks of <see cref="MaskSize"/> bytes.</summary>
internal static class CpuAffinity
{
    /// <summary>Bytes in a mask: 1024 CPUs, as glibc's cpu_set_t.</summary>
    internal const int MaskSize = 128;

    internal static unsafe bool TryGet(Span<byte> mask)
    {
        fixed (byte* bits = mask)
            return SchedGetAffinity(0, (nuint)mask.Length, bits) >= 0;
    }

    /// <summary>Sets the CPUs of <paramref name="thread"/>, the calling thread by default.</summary>
    internal static unsafe bool TrySet(ReadOnlySpan<byte> mask, int thread = 0)
    {
        fixed (byte* bits = mask)
            return SchedSetAffinity(thread, (nuint)mask.Length, bits) == 0;
    }

    internal static bool Contains(ReadOnlySpan<byte> mask, int cpu) =>
        cpu >= 0 && cpu < mask.Length * 8 && (mask[cpu / 8] & (1 << (cpu % 8))) != 0;

    /// <summary>Limits the calling thread to <paramref name="cpu"/> alone: it moves there at once.</summary>
    internal static bool TryPin(int cpu)
    {
        if (cpu < 0 || cpu >= MaskSize * 8)
            return false;
        Span<byte> only = stackalloc byte[MaskSize];
        only[cpu / 8] = (byte)(1 << (cpu % 8));
        return TrySet(only);
    }

    /// <summary>Limits the calling thread to the CPU it runs on, as a thread it starts then begins there; whether it
    /// did, with the CPUs it may run on before in <paramref name="allowed"/>, to give back.</summary>
    internal static bool TryPinHere(Span<byte> allowed) => TryGet(allowed) && TryPin(SchedGetCpu());
}
