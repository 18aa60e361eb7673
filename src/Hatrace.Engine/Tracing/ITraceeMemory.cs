using System.Buffers.Binary;

namespace Hatrace.Engine.Tracing;

/// <summary>Takes string <paramref name="index"/> of those <see cref="ITraceeMemory.ReadCStrings"/> reads, as
/// <see cref="ITraceeMemory.TryReadCString"/> gives one: <paramref name="readable"/> is what it returns; the bytes are
/// valid only during the call.</summary>
internal delegate void CStringHandler(int index, bool readable, ReadOnlySpan<byte> bytes, bool truncated);

/// <summary>Where decoders read a traced process's memory: the live process (<see cref="TraceeMemory"/>), or bytes
/// captured elsewhere, so that the same decoders serve both. Reads only: decoders never write.</summary>
internal interface ITraceeMemory
{
    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="address"/> in the memory of
    /// thread <paramref name="threadId"/>'s process, asked of the thread: a process whose main thread has exited has
    /// none of its own. Returns how many could be read (0 when the address is bad). A read running into memory that
    /// cannot be read returns what came before it.</summary>
    int Read(int threadId, ulong address, Span<byte> destination);

    /// <summary>Reads a NUL-terminated string of at most <paramref name="limit"/> bytes. <paramref name="bytes"/> may be
    /// a buffer of the reader's, valid until its next read. <paramref name="truncated"/> is set when no NUL came within
    /// the limit.</summary>
    /// <returns>False when memory ended before the NUL or the limit (the string then prints as its address, as strace
    /// prints it: what was read is not the string the call got); <paramref name="bytes"/> are the bytes before the
    /// NUL (or the first <paramref name="limit"/> bytes) otherwise.</returns>
    bool TryReadCString(int threadId, ulong address, int limit, out ReadOnlySpan<byte> bytes, out bool truncated);

    /// <summary>Reads the NUL-terminated strings at <paramref name="addresses"/>, each as <see cref="TryReadCString"/> reads
    /// one, and hands them to <paramref name="handle"/> in order. A reader of a live process reads them together.</summary>
    void ReadCStrings(int threadId, ReadOnlySpan<ulong> addresses, int limit, CStringHandler handle)
    {
        for (int i = 0; i < addresses.Length; i++)
            handle(i, TryReadCString(threadId, addresses[i], limit, out ReadOnlySpan<byte> bytes, out bool truncated), bytes, truncated);
    }

    /// <summary>The family and protocol of the socket the call's descriptor <paramref name="fd"/> was, where the memory
    /// was captured with the call (<see cref="Ebpf.CapturedMemory"/>); false where the live process is to be asked.</summary>
    bool TryGetSocket(int fd, out int family, out int protocol)
    {
        family = protocol = 0;
        return false;
    }

    /// <summary>Reads a pointer-sized word (8 bytes, or 4 for the i386 ABI); null when it cannot be read.</summary>
    ulong? ReadWord(int threadId, ulong address, int wordSize)
    {
        Span<byte> word = stackalloc byte[8];
        if (Read(threadId, address, word[..wordSize]) != wordSize)
            return null;
        return wordSize == 8 ? BitConverter.ToUInt64(word) : BitConverter.ToUInt32(word);
    }

    /// <summary>Reads a NULL-terminated array of pointers (argv, envp) into <paramref name="pointers"/>, at most
    /// <paramref name="limit"/> of them, a block of words at a time; false when memory ended before the NULL.</summary>
    bool ReadPointers(int threadId, ulong address, int wordSize, int limit, List<ulong> pointers)
    {
        Span<byte> block = stackalloc byte[512];
        while (pointers.Count < limit)
        {
            int read = Read(threadId, address + (ulong)pointers.Count * (ulong)wordSize, block);
            for (int at = 0; at + wordSize <= read; at += wordSize)
            {
                ulong pointer = wordSize == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(block[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(block[at..]);
                if (pointer == 0)
                    return true;
                pointers.Add(pointer);
                if (pointers.Count == limit)
                    return true;
            }
            if (read < block.Length)
                return false;
        }
        return true;
    }
}
