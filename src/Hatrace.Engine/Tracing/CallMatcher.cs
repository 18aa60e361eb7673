using System.IO.Enumeration;
using System.Text;
using Hatrace.Engine.Decoding.Descriptors;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Tracing;

/// <summary>A session's <see cref="CallFilter"/> as the tracer thread applies it: from a call's registers and the
/// stopped thread's memory, into buffers it reuses, so that the calls it rejects cost no decoding and no event.</summary>
internal sealed class CallMatcher
{
    /// <summary>What the filter says of a call at its entry.</summary>
    internal enum Verdict
    {
        /// <summary>The call is not emitted.</summary>
        Rejected,

        /// <summary>The call is emitted if its status matches when it ends.</summary>
        Accepted,

        /// <summary>Only the data the call gives the program can still match (<see cref="CallFilter.Contains"/>): known at exit.</summary>
        AwaitsOutput,
    }

    private const int PathMax = 4096;
    private const int MaxStrings = 4096; // argv and envp entries searched, as a bound against a runaway array
    private const long MaxScanned = 1 << 24; // bytes of one buffer searched for the string

    private readonly ITraceeMemory _memory;
    private readonly string[] _paths;
    private readonly HashSet<int> _descriptors;
    private readonly SyscallStatus _status;
    private readonly byte[]? _needle;
    private readonly byte[] _bytes;
    private readonly char[] _chars = new char[PathMax];

    private CallMatcher(CallFilter filter, ITraceeMemory memory)
    {
        _memory = memory;
        // A path without wildcards also matches what it resolves to, as strace's -P does.
        _paths = [.. filter.Paths.Concat(filter.Paths.Select(CallFilter.LiteralPath).OfType<string>()
            .Select(CallFilter.ResolvePath).OfType<string>().Select(CallFilter.EscapePath)).Distinct(StringComparer.Ordinal)];
        _descriptors = [.. filter.Descriptors];
        _status = filter.Status;
        _needle = filter.Contains is { Length: > 0 } text ? Encoding.UTF8.GetBytes(text) : null;
        // A page, and the end of the previous one, so that the string is found across pages.
        _bytes = new byte[Math.Max(PathMax, TraceeMemory.PageSize + (_needle?.Length ?? 0))];
    }

    /// <summary>The matcher of <paramref name="filter"/>, or null when it passes every call.</summary>
    internal static CallMatcher? Create(CallFilter? filter, ITraceeMemory memory) =>
        filter is null || filter.PassesAll ? null : new CallMatcher(filter, memory);

    /// <summary>At a call's entry, before it is decoded, from the raw arguments.</summary>
    internal Verdict AtEntry(int threadId, SyscallDefinition? definition, ReadOnlySpan<ulong> arguments)
    {
        if (_paths.Length == 0 && _descriptors.Count == 0 && _needle is null)
            return Verdict.Accepted; // only the status is asked for
        if (definition is null)
            return Verdict.Rejected;
        IReadOnlyList<SyscallParameter> parameters = definition.Parameters;
        if (_descriptors.Count > 0 && !AnyDescriptor(threadId, parameters, arguments, byPath: false))
            return Verdict.Rejected;
        if (_paths.Length > 0 && !AnyPathArgument(threadId, parameters, arguments) && !AnyDescriptor(threadId, parameters, arguments, byPath: true))
            return Verdict.Rejected;
        if (_needle is null || AnyInputContains(threadId, definition, arguments))
            return Verdict.Accepted;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Kind == ArgumentKind.OutputBuffer)
                return Verdict.AwaitsOutput;
        }
        return Verdict.Rejected;
    }

    /// <summary>At a call's exit, before its outputs are decoded: whether it ended as the filter asks and, if it was
    /// still <see cref="Verdict.AwaitsOutput"/>, gave the program the string. <paramref name="rawResult"/> is what the
    /// call returns, a fault rule's result included.</summary>
    internal bool AtExit(SyscallEvent call, long rawResult, bool awaitsOutput)
    {
        bool failed = Errno.IsFailure(rawResult);
        if ((_status & (failed ? SyscallStatus.Failed : SyscallStatus.Successful)) == 0)
            return false;
        if (!awaitsOutput)
            return true;
        if (failed || rawResult <= 0 || call.Definition is not { } definition)
            return false;
        IReadOnlyList<SyscallParameter> parameters = definition.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Kind == ArgumentKind.OutputBuffer && Scan(call.ProcessId, (ulong)call.GetRawArgument(i), rawResult, stopAtNul: false))
                return true;
        }
        return false;
    }

    /// <summary>Whether a call that never returned is emitted: one cut short by detaching its thread
    /// (<paramref name="detached"/>), or one whose thread died inside it.</summary>
    internal bool AcceptsUnfinished(bool awaitsOutput, bool detached) =>
        !awaitsOutput && (_status & (detached ? SyscallStatus.Detached : SyscallStatus.Unfinished)) != 0;

    // Whether a descriptor argument is one of the descriptors, or (byPath) is open on one of the paths.
    private bool AnyDescriptor(int threadId, IReadOnlyList<SyscallParameter> parameters, ReadOnlySpan<ulong> arguments, bool byPath)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            // As the kernel reads it: an int, so that -1 passed as an unsigned long (mmap's) is not a descriptor.
            int fd = (int)arguments[i];
            if (parameters[i].Kind is ArgumentKind.Fd or ArgumentKind.DirFd && fd >= 0
                && (byPath ? DescriptorMatches(threadId, fd) : _descriptors.Contains(fd)))
                return true;
        }
        return false;
    }

    private bool AnyPathArgument(int threadId, IReadOnlyList<SyscallParameter> parameters, ReadOnlySpan<ulong> arguments)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            // A path longer than PATH_MAX, or running into unmapped memory, is no path the kernel would take.
            if (parameters[i].Kind == ArgumentKind.Path && _memory.TryReadCString(threadId, arguments[i], PathMax, out ReadOnlySpan<byte> path, out bool truncated)
                && !truncated && PathMatches(path))
                return true;
        }
        return false;
    }

    // What the descriptor is open on now, as /proc/TID/fd links to it (strace follows descriptors the same way).
    private bool DescriptorMatches(int threadId, int fd)
    {
        int length = DescriptorDescriber.ReadLink(threadId, fd, _bytes.AsSpan(0, PathMax));
        return length > 0 && PathMatches(_bytes.AsSpan(0, length));
    }

    private bool PathMatches(ReadOnlySpan<byte> path)
    {
        if (!Encoding.UTF8.TryGetChars(path, _chars, out int count))
            return false;
        ReadOnlySpan<char> name = _chars.AsSpan(0, count);
        foreach (string pattern in _paths)
        {
            if (FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false))
                return true;
        }
        return false;
    }

    private bool AnyInputContains(int threadId, SyscallDefinition definition, ReadOnlySpan<ulong> arguments)
    {
        IReadOnlyList<SyscallParameter> parameters = definition.Parameters;
        int wordSize = definition.Arch == SyscallArch.I386 ? 4 : 8;
        for (int i = 0; i < parameters.Count; i++)
        {
            bool found = parameters[i].Kind switch
            {
                ArgumentKind.Path or ArgumentKind.String => Scan(threadId, arguments[i], PathMax, stopAtNul: true),
                ArgumentKind.InputBuffer when parameters[i].LengthIndex >= 0 => Scan(threadId, arguments[i], (long)arguments[parameters[i].LengthIndex], stopAtNul: false),
                ArgumentKind.StringArray or ArgumentKind.EnvironmentArray => AnyStringContains(threadId, arguments[i], wordSize),
                _ => false,
            };
            if (found)
                return true;
        }
        return false;
    }

    // argv, envp: a NULL-terminated array of string pointers.
    private bool AnyStringContains(int threadId, ulong array, int wordSize)
    {
        if (array == 0)
            return false;
        var pointers = new List<ulong>();
        _memory.ReadPointers(threadId, array, wordSize, MaxStrings, pointers);
        return pointers.Exists(pointer => Scan(threadId, pointer, PathMax, stopAtNul: true));
    }

    // Searches up to length bytes at address (up to a NUL when asked) for the string, a page at a time.
    private bool Scan(int threadId, ulong address, long length, bool stopAtNul)
    {
        byte[] needle = _needle!;
        if (address == 0)
            return false;
        length = Math.Min(length, MaxScanned);
        int kept = 0; // the end of the previous page, where the string may begin
        for (long done = 0; done < length;)
        {
            ulong at = address + (ulong)done;
            int chunk = (int)Math.Min(length - done, TraceeMemory.PageSize - (long)(at % TraceeMemory.PageSize));
            int read = _memory.Read(threadId, at, _bytes.AsSpan(kept, chunk));
            Span<byte> data = _bytes.AsSpan(0, kept + read);
            int nul = stopAtNul ? data[kept..].IndexOf((byte)0) : -1;
            if (nul >= 0)
                data = data[..(kept + nul)];
            if (data.IndexOf(needle) >= 0)
                return true;
            if (nul >= 0 || read < chunk)
                return false;
            done += read;
            kept = Math.Min(needle.Length - 1, data.Length);
            data[^kept..].CopyTo(_bytes);
        }
        return false;
    }
}
