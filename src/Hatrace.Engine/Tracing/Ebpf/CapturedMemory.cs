using System.Buffers.Binary;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>A traced call's memory as the kernel program captured it: the chunks of its enter record and of its exit
/// record (<see cref="EbpfRecords"/>). Decoders read it through <see cref="ITraceeMemory"/> as they read a live process. An address no chunk holds reads
/// as unreadable memory, and prints as an address, as strace prints memory it cannot read.</summary>
internal sealed class CapturedMemory : ITraceeMemory
{
    private readonly record struct Chunk(ulong Address, int Offset, int Length, bool Cut);

    private readonly List<Chunk> _entryChunks = [], _exitChunks = [];
    private byte[] _entry = [], _exit = [];

    /// <summary>A call's captured memory: the chunks of its enter record (<paramref name="entryCount"/> chunks from
    /// <paramref name="entryOffset"/>; none when it had none) and of its exit record.</summary>
    internal void Set(byte[] entry, int entryOffset, int entryCount, byte[] exit, int exitOffset, int exitCount)
    {
        _entry = entry;
        Parse(entry, entryOffset, entryCount, _entryChunks);
        _exit = exit;
        Parse(exit, exitOffset, exitCount, _exitChunks);
        Exiting = false;
    }

    /// <summary>What the exit record says of the socket of the call's first argument, <paramref name="fd"/>: its family
    /// (0 for a descriptor that is no socket) and protocol; a negative fd when the call's plan did not look.</summary>
    internal void SetSocket(int fd, int family, int protocol) => _socket = (fd, family, protocol);

    private (int Fd, int Family, int Protocol) _socket = (-1, 0, 0);

    /// <inheritdoc/>
    public bool TryGetSocket(int fd, out int family, out int protocol)
    {
        (_, family, protocol) = _socket;
        return fd == _socket.Fd && fd >= 0;
    }

    /// <summary>Whether the decoders are at the call's exit: the exit's bytes are then read first, the entry's first
    /// before (the exit's hold what the kernel could not read at entry: a page the call itself faulted in).</summary>
    internal bool Exiting { get; set; }

    private static void Parse(byte[] record, int offset, int chunkCount, List<Chunk> chunks)
    {
        chunks.Clear();
        for (int i = 0; i < chunkCount && offset + EbpfRecords.ChunkHeaderSize <= record.Length; i++)
        {
            ReadOnlySpan<byte> header = record.AsSpan(offset, EbpfRecords.ChunkHeaderSize);
            ulong address = BinaryPrimitives.ReadUInt64LittleEndian(header);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            byte status = header[14];
            int data = offset + EbpfRecords.ChunkHeaderSize;
            length = Math.Min(length, record.Length - data);
            if (status != EbpfRecords.ChunkFault)
                chunks.Add(new Chunk(address, data, length, status == EbpfRecords.ChunkCut));
            offset = data + ((length + 7) & ~7);
        }
    }

    // The captured bytes at address, up to the end of the chunk that holds it.
    private ReadOnlySpan<byte> Find(ulong address, out bool cut)
    {
        (List<Chunk> firstChunks, byte[] first, List<Chunk> thenChunks, byte[] then) =
            Exiting ? (_exitChunks, _exit, _entryChunks, _entry) : (_entryChunks, _entry, _exitChunks, _exit);
        ReadOnlySpan<byte> found = Find(firstChunks, first, address, out cut);
        return found.IsEmpty ? Find(thenChunks, then, address, out cut) : found;
    }

    // Of the chunks that hold address, the one that holds the most after it: chunks overlap (execve's argv, copied a
    // fixed length, runs on into envp when envp follows it, and ends before envp's end).
    private static ReadOnlySpan<byte> Find(List<Chunk> chunks, byte[] bytes, ulong address, out bool cut)
    {
        ReadOnlySpan<byte> found = default;
        cut = false;
        foreach (Chunk chunk in chunks)
        {
            if (address < chunk.Address || address - chunk.Address >= (ulong)chunk.Length)
                continue;
            int skip = (int)(address - chunk.Address);
            if (chunk.Length - skip > found.Length)
            {
                cut = chunk.Cut;
                found = bytes.AsSpan(chunk.Offset + skip, chunk.Length - skip);
            }
        }
        return found;
    }

    /// <inheritdoc/>
    public int Read(int threadId, ulong address, Span<byte> destination)
    {
        ReadOnlySpan<byte> found = Find(address, out _);
        int length = Math.Min(found.Length, destination.Length);
        found[..length].CopyTo(destination);
        return length;
    }

    /// <inheritdoc/>
    /// <remarks>A string the kernel cut at its capture limit, shorter than <paramref name="limit"/>, reads as cut short
    /// (<paramref name="truncated"/>) rather than unreadable.</remarks>
    public bool TryReadCString(int threadId, ulong address, int limit, out ReadOnlySpan<byte> bytes, out bool truncated)
    {
        bytes = default;
        truncated = false;
        if (address == 0)
            return false;
        ReadOnlySpan<byte> found = Find(address, out bool cut);
        int nul = found[..Math.Min(found.Length, limit)].IndexOf((byte)0);
        if (nul >= 0)
        {
            bytes = found[..nul];
            return true;
        }
        if (found.Length > limit)
        {
            bytes = found[..limit];
            truncated = found[limit] != 0;
            return true;
        }
        if (found.Length == limit || (cut && found.Length > 0))
        {
            bytes = found;
            truncated = true;
            return true;
        }
        return false;
    }
}
