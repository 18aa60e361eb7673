using System.Buffers.Binary;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Decoding;

/// <summary>Captures, at a call's exit, the bytes a read or write call moved on a chosen descriptor, whole (strace's
/// <c>-e read=</c> and <c>-e write=</c>). A read gives what it returned, nothing when it failed; a write what it was
/// asked to write, even when it failed. A list of buffers ends at the first that holds nothing, as strace's dump
/// does. x86_64 layouts.</summary>
internal sealed class DataCapture(ITraceeMemory memory, Func<int, bool>? reads, Func<int, bool>? writes)
{
    private const int IovecSize = 16;
    private const int MsghdrSize = 56;    // name, namelen, iov, iovlen, control, controllen, flags
    private const int MsgIovOffset = 16;
    private const int MmsghdrSize = 64;   // a msghdr, then unsigned msg_len, padded
    private const int MaxIovecs = 1024;   // IOV_MAX
    private const int ChunkSize = 64 * 1024;

    private enum Shape
    {
        Buffer,   // buf, count
        Iovec,    // iov, iovcnt
        Msghdr,   // a struct msghdr and its iovec array
        Mmsghdr,  // an array of struct mmsghdr, as many as the call returned
    }

    // The calls that move data, which way, and how they lay it out; the descriptor is always the first argument.
    private static readonly Dictionary<string, (bool Writes, Shape Shape)> s_calls = new(StringComparer.Ordinal)
    {
        ["read"] = (false, Shape.Buffer),
        ["pread64"] = (false, Shape.Buffer),
        ["recvfrom"] = (false, Shape.Buffer),
        ["readv"] = (false, Shape.Iovec),
        ["preadv"] = (false, Shape.Iovec),
        ["preadv2"] = (false, Shape.Iovec),
        ["recvmsg"] = (false, Shape.Msghdr),
        ["recvmmsg"] = (false, Shape.Mmsghdr),
        ["write"] = (true, Shape.Buffer),
        ["pwrite64"] = (true, Shape.Buffer),
        ["sendto"] = (true, Shape.Buffer),
        ["writev"] = (true, Shape.Iovec),
        ["pwritev"] = (true, Shape.Iovec),
        ["pwritev2"] = (true, Shape.Iovec),
        ["sendmsg"] = (true, Shape.Msghdr),
        ["sendmmsg"] = (true, Shape.Mmsghdr),
    };

    private readonly byte[] _chunk = new byte[ChunkSize];

    /// <summary>The data of a completed call, or null when it moves none or its descriptor is not chosen.</summary>
    internal TransferredData? Capture(SyscallEvent call)
    {
        if (call.Arch != SyscallArch.X86_64 || call.Definition is null || !s_calls.TryGetValue(call.Definition.Name, out var kind))
            return null;
        if ((kind.Writes ? writes : reads)?.Invoke((int)call.Arg0) != true)
            return null;
        bool failed = call.ErrnoValue != 0 || call.IsUnfinished;
        if (failed && (!kind.Writes || kind.Shape == Shape.Mmsghdr))
            return null;
        long limit = kind.Writes ? long.MaxValue : call.Result.GetValueOrDefault();
        if (limit <= 0)
            return null;
        int threadId = call.ThreadId;
        return kind.Shape switch
        {
            Shape.Buffer => new TransferredData(TransferLayout.Buffer, [[ReadWhole(threadId, call.Arg1, kind.Writes ? call.Arg2 : limit)]]),
            Shape.Iovec => new TransferredData(TransferLayout.Vector, [ReadIovecs(threadId, call.Arg1, call.Arg2, limit)]),
            Shape.Msghdr => new TransferredData(TransferLayout.Vector, [ReadMessage(threadId, call.Arg1, limit)]),
            _ => new TransferredData(TransferLayout.Messages, ReadMessages(threadId, call.Arg1, limit: call.Result.GetValueOrDefault(), kind.Writes)),
        };
    }

    private List<IReadOnlyList<byte[]>> ReadMessages(int threadId, long address, long limit, bool writes)
    {
        var messages = new List<IReadOnlyList<byte[]>>();
        Span<byte> moved = stackalloc byte[4];
        for (long i = 0; i < limit; i++)
        {
            long header = address + i * MmsghdrSize;
            if (memory.Read(threadId, (ulong)(header + MsghdrSize), moved) != moved.Length)
                break;
            messages.Add(ReadMessage(threadId, header, writes ? long.MaxValue : BinaryPrimitives.ReadUInt32LittleEndian(moved)));
        }
        return messages;
    }

    private List<byte[]> ReadMessage(int threadId, long address, long limit)
    {
        Span<byte> iov = stackalloc byte[IovecSize];
        if (memory.Read(threadId, (ulong)(address + MsgIovOffset), iov) != IovecSize)
            return [];
        return ReadIovecs(threadId, BinaryPrimitives.ReadInt64LittleEndian(iov), BinaryPrimitives.ReadInt64LittleEndian(iov[8..]), limit);
    }

    private List<byte[]> ReadIovecs(int threadId, long address, long count, long limit)
    {
        var vectors = new byte[Math.Clamp(count, 0, MaxIovecs) * IovecSize];
        var buffers = new List<byte[]>();
        int readable = memory.Read(threadId, (ulong)address, vectors);
        for (int at = 0; at + IovecSize <= readable && limit > 0; at += IovecSize)
        {
            long length = Math.Min(BinaryPrimitives.ReadInt64LittleEndian(vectors.AsSpan(at + 8)), limit);
            if (length <= 0)
                break;
            buffers.Add(ReadWhole(threadId, BinaryPrimitives.ReadInt64LittleEndian(vectors.AsSpan(at)), length));
            limit -= length;
        }
        return buffers;
    }

    // Chunk by chunk, so that a bogus length costs what the memory holds, not what the call claimed.
    private byte[] ReadWhole(int threadId, long address, long length)
    {
        using var bytes = new MemoryStream();
        while (bytes.Length < length)
        {
            int wanted = (int)Math.Min(length - bytes.Length, ChunkSize);
            int read = memory.Read(threadId, (ulong)address + (ulong)bytes.Length, _chunk.AsSpan(0, wanted));
            bytes.Write(_chunk, 0, read);
            if (read < wanted)
                break;
        }
        return bytes.ToArray();
    }
}
