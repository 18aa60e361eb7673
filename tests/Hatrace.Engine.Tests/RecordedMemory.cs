using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Tests;

/// <summary>Memory captured earlier, served again: the bytes recorded at one address of one process, and nothing else
/// readable. What a backend that records bytes where the call happens (in the kernel) gives the decoders.</summary>
internal sealed class RecordedMemory(int recordedPid, ulong recordedAddress, byte[] recorded) : ITraceeMemory
{
    public int Read(int pid, ulong address, Span<byte> destination)
    {
        ReadOnlySpan<byte> available = From(pid, address);
        int count = Math.Min(available.Length, destination.Length);
        available[..count].CopyTo(destination);
        return count;
    }

    public bool TryReadCString(int pid, ulong address, int limit, out ReadOnlySpan<byte> bytes, out bool truncated)
    {
        ReadOnlySpan<byte> available = From(pid, address);
        ReadOnlySpan<byte> within = available[..Math.Min(available.Length, limit)];
        int nul = within.IndexOf((byte)0);
        bytes = nul >= 0 ? within[..nul] : within;
        // No NUL within the limit: a string cut at it, unless a NUL follows it; none before the recording ends
        // short of the limit: no string that can be read.
        truncated = nul < 0 && (available.Length <= limit || available[limit] != 0);
        return nul >= 0 || available.Length >= limit;
    }

    // What was recorded from this address on; empty outside the recording.
    private ReadOnlySpan<byte> From(int pid, ulong address) =>
        pid == recordedPid && address >= recordedAddress && address - recordedAddress < (ulong)recorded.Length
            ? recorded.AsSpan((int)(address - recordedAddress))
            : [];
}
