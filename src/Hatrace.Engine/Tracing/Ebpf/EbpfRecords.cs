using System.Buffers.Binary;

namespace Hatrace.Engine.Tracing.Ebpf;

/// <summary>The layout of the kernel program's records (hatrace_trace.h): offsets into a record's bytes.</summary>
internal static class EbpfRecords
{
    internal const uint Enter = 1, Exit = 2, Unfinished = 3, Fork = 4, Exec = 5, TaskExit = 6, Signal = 7;

    internal const int HeaderSize = 24; // kind, size, time, pid, tid
    internal const int CallSize = 88;   // number, result, args[6], enter_time, stack_pointer, chunk_count, lost_entry
    internal const int ChunksOffset = HeaderSize + CallSize;
    internal const int ChunkHeaderSize = 16;
    internal const byte ChunkCut = 1, ChunkFault = 2;

    internal const uint ProcessStarted = 1, ProcessAttached = 3;

    internal static uint Kind(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt32LittleEndian(record);

    internal static int Size(ReadOnlySpan<byte> record) => (int)BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);

    internal static long Time(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[8..]);

    internal static int ProcessId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record[16..]);

    internal static int ThreadId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record[20..]);

    internal static long Number(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[HeaderSize..]);

    internal static long Result(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[(HeaderSize + 8)..]);

    internal static long Argument(ReadOnlySpan<byte> record, int index) => BinaryPrimitives.ReadInt64LittleEndian(record[(HeaderSize + 16 + index * 8)..]);

    internal static long EnterTime(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[(HeaderSize + 64)..]);

    internal static ulong StackPointer(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt64LittleEndian(record[(HeaderSize + 72)..]);

    internal static int ChunkCount(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record[(HeaderSize + 80)..]);

    internal static bool LostEntry(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt16LittleEndian(record[(HeaderSize + 84)..]) != 0;

    /// <summary>An exit record's socket family and protocol of its first argument, where its plan asked (0s otherwise).</summary>
    internal static (int Family, int Protocol) SocketOf(ReadOnlySpan<byte> record) => (record[HeaderSize + 86], record[HeaderSize + 87]);

    /// <summary>Whether two call records are of one call: the same number and arguments.</summary>
    internal static bool SameCall(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Slice(HeaderSize, 8).SequenceEqual(b.Slice(HeaderSize, 8)) && a.Slice(HeaderSize + 16, 48).SequenceEqual(b.Slice(HeaderSize + 16, 48));

    /// <summary>A fork record's new process's parent.</summary>
    internal static int ParentId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record[HeaderSize..]);

    /// <summary>An exec record: the program's path and its NUL-separated arguments; returns the thread that called execve.</summary>
    internal static int ExecOf(ReadOnlySpan<byte> record, out ReadOnlySpan<byte> path, out ReadOnlySpan<byte> commandLine)
    {
        int former = BinaryPrimitives.ReadInt32LittleEndian(record[HeaderSize..]);
        int pathLength = BinaryPrimitives.ReadInt32LittleEndian(record[(HeaderSize + 4)..]);
        int lineLength = BinaryPrimitives.ReadInt32LittleEndian(record[(HeaderSize + 8)..]);
        ReadOnlySpan<byte> strings = record[(HeaderSize + 16)..];
        path = strings[..Math.Min(pathLength, strings.Length)];
        ReadOnlySpan<byte> line = strings[path.Length..];
        commandLine = line[..Math.Min(lineLength, line.Length)];
        path = path.TrimEnd((byte)0);
        return former;
    }

    /// <summary>A task exit record: the wait status, and whether the thread was its process's last.</summary>
    internal static (int Status, bool GroupDead) TaskExitOf(ReadOnlySpan<byte> record) =>
        (BinaryPrimitives.ReadInt32LittleEndian(record[HeaderSize..]), BinaryPrimitives.ReadUInt32LittleEndian(record[(HeaderSize + 4)..]) != 0);
}
