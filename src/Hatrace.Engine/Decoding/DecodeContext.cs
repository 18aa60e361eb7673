using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Hatrace.Engine.Tracing;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>Decodes one syscall argument, or the whole call, at entry and again at exit.</summary>
internal delegate void Decoder(DecodeContext context);

/// <summary>Prints a structure as strace does, with the session's renderer and whether the call prints abbreviated
/// (strace without <c>-v</c>). It runs when the text is first asked for, maybe after the decoder has moved on: it reads
/// nothing but its arguments.</summary>
internal delegate string StructPrinter<T>(T value, StraceRenderer render, bool abbreviate);

/// <summary>What a decoder works with: the call, whether it is entering or exiting, the tracee's memory (read
/// through <see cref="ITraceeMemory"/>, whatever captured it), and the arguments decided so far. A decoder decides
/// the arguments it knows better than their kind does; <see cref="SyscallDecoder"/> decides the rest by kind.
/// Nothing here throws on tracee data: memory that cannot be read prints as its address.</summary>
internal sealed class DecodeContext(ITraceeMemory memory, int stringLength, StraceRenderer session, DescriptorDetail descriptorDetail)
{
    private const int PathMax = 4096;
    private SyscallArgument?[] _arguments = [];
    private int _deferred;
    private SplitArguments? _split;

    internal SyscallEvent Call { get; private set; } = null!;

    /// <summary>False at the syscall's entry, true at its exit.</summary>
    internal bool Exiting { get; private set; }

    internal int StringLength => stringLength;

    /// <summary>What decoders print names, numbers, strings and pids with: <see cref="StraceRenderer.Template"/>, whose
    /// pieces the renderer that prints the text fills in (the session's -X, -x and -xx, or another's).</summary>
    internal StraceRenderer Render => StraceRenderer.Template;

    /// <summary>Quotes tracee data (a piece the printing renderer escapes as its <see cref="StringEscape"/> asks).</summary>
    internal string Quote(ReadOnlySpan<byte> bytes, bool truncated) => Render.Quote(bytes, truncated);

    internal void AppendQuoted(StringBuilder text, ReadOnlySpan<byte> bytes, bool truncated) => Render.AppendQuoted(text, bytes, truncated);

    /// <summary>An argument whose text the decoder wrote with <see cref="Render"/>.</summary>
    internal SyscallArgument Argument(string name, long raw, ArgumentKind kind, object? value, string text) => new(name, raw, kind, value, text, session);

    /// <summary>An argument whose text <paramref name="print"/> makes with the renderer that prints it.</summary>
    internal SyscallArgument Argument(string name, long raw, ArgumentKind kind, object? value, Func<StraceRenderer, string> print) =>
        new(name, raw, kind, value, session, print);

    internal ITraceeMemory Memory => memory;

    /// <summary>What the session prints after a file descriptor's number (strace's -y and -yy).</summary>
    internal Descriptors.DescriptorDescriber Descriptors { get; } = new(descriptorDetail);

    /// <summary>A descriptor the call wrote or returned, as the session's -y prints one: <c>3</c>, <c>3&lt;/etc/passwd&gt;</c>
    /// (a template: its path is a piece the printing renderer escapes).</summary>
    internal string FormatFd(int fd) =>
        fd.ToString(CultureInfo.InvariantCulture) + (Descriptors.Enabled ? Descriptors.Describe(Call.ThreadId, fd, out _) : "");

    /// <summary>How the descriptors <paramref name="fds"/> print under -y in a text made later (a structure's, when it is
    /// first asked for): described now, while they are the tracee's; any other descriptor prints as its number.</summary>
    internal Func<int, StraceRenderer, string> DescribedNow(params ReadOnlySpan<int> fds)
    {
        if (!Descriptors.Enabled)
            return static (fd, _) => fd.ToString(CultureInfo.InvariantCulture);
        var texts = new Dictionary<int, string>();
        foreach (int fd in fds)
            texts.TryAdd(fd, FormatFd(fd));
        return (fd, render) => texts.TryGetValue(fd, out string? text) ? render.Resolve(text) : fd.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The netlink protocol of the call's socket descriptor <paramref name="fd"/>, by which strace decodes its
    /// messages; null when it is no netlink socket. What the memory captured of the socket when it did (the eBPF backend
    /// decodes after the call, when the descriptor may be gone), else the live process's descriptor.</summary>
    internal int? NetlinkProtocolOf(int fd) =>
        memory.TryGetSocket(fd, out int family, out int protocol)
            ? family == Network.SocketNames.AfNetlink ? protocol : null
            : Descriptors.NetlinkProtocolOf(Call.ThreadId, fd);

    /// <summary>The parameters of the arguments shown: the prototype's, or, for an i386 call that splits a 64-bit value
    /// in two registers, one for each value (<see cref="SplitArguments"/>).</summary>
    internal IReadOnlyList<SyscallParameter> Parameters => _split?.Parameters ?? Call.Definition?.Parameters ?? [];

    /// <summary>Whether execve's environment is read where it prints only as a count
    /// (<see cref="TraceSessionOptions.ReadCountedEnvironment"/>).</summary>
    internal bool ReadsCountedEnvironment { get; init; } = true;

    /// <summary>Whether the call prints large structures and arrays abbreviated (strace without <c>-v</c>).</summary>
    internal bool Abbreviate { get; set; } = true;

    /// <summary>Whether the structures the call's arguments point to are decoded (strace's <c>-e verbose=</c>);
    /// they print as addresses otherwise.</summary>
    internal bool Dereference { get; set; } = true;

    /// <summary>How many arguments strace prints; fewer than the parameters where the kernel ignores the last ones.</summary>
    internal int ShownCount { get; set; }

    /// <summary>Pointer size of the call's ABI.</summary>
    internal int WordSize => Call.Arch == SyscallArch.I386 ? 4 : 8;

    /// <summary>Whether the structures the call reads and writes are laid out as x86_64's: those of a 64-bit ABI, and
    /// the 64-bit times of i386's _time64 calls (<see cref="DecoderTable.I386Time64Calls"/>).</summary>
    internal bool ReadsX64Layouts => WordSize == 8 || DecoderTable.I386Time64Calls.ContainsKey(Call.Name);

    /// <summary>A long, a size_t or a pointer in a structure of the call's ABI: the word at the start of
    /// <paramref name="bytes"/>.</summary>
    internal ulong Word(ReadOnlySpan<byte> bytes) =>
        WordSize == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    /// <summary>At exit: whether the call failed.</summary>
    internal bool Failed => Call.ErrnoValue != 0;

    /// <summary>At exit: the value the call returned (the raw value; negative errno on failure).</summary>
    internal long Result => Call.RawResult ?? 0;

    internal SyscallArgument?[] Arguments => _arguments;

    /// <summary>At entry: the call, its arguments to decide, and how an i386 call's split values join (none: registers).</summary>
    internal void Enter(SyscallEvent call, SyscallArgument?[] arguments, SplitArguments? split)
    {
        Call = call;
        _split = split;
        Exiting = false;
        _arguments = arguments;
        _deferred = 0;
        ContinuedIndex = -1;
        ShownCount = arguments.Length;
    }

    internal void Exit(SyscallEvent call, SyscallArgument?[] arguments, int shownCount, int deferred)
    {
        Call = call;
        _split = call.Definition is { } definition ? SplitArguments.Of(definition) : null;
        Exiting = true;
        _arguments = arguments;
        _deferred = deferred;
        ShownCount = shownCount;
    }

    internal int DeferredMask => _deferred;

    /// <summary>The argument whose text the decoder extends at exit (<c>{...} =&gt; {pidfd=[3]}</c>), or after which it adds
    /// more at exit; -1 for none. strace prints the call up to it at entry, the rest once it returns.</summary>
    internal int ContinuedIndex { get; private set; } = -1;

    /// <summary>At entry: shows one more argument after those the prototype declares, for a call whose text strace makes
    /// from memory no register names (rt_sigreturn's <c>{mask=[]}</c>, read from the signal frame).</summary>
    internal void Append(string name, long address, ArgumentKind kind, object value, string text)
    {
        _arguments = [.. _arguments, Argument(name, address, kind, value, text)];
        ShownCount = _arguments.Length;
    }

    /// <summary>At entry: argument <paramref name="index"/> is the last printed at entry; the decoder extends it, or
    /// revises those after it, at exit.</summary>
    internal void ContinueAtExit(int index) => ContinuedIndex = index;

    /// <summary>The text of an array whose items were printed as they were decoded (with <see cref="Render"/>), as strace
    /// prints one: every item with -v, else the first -s of them and <c>...</c> after.</summary>
    internal Func<StraceRenderer, string> ArrayText(IReadOnlyList<string> items, PointerValue? stoppedAt = null) =>
        ArrayText(_ => items, stoppedAt);

    /// <summary>Like <see cref="ArrayText(IReadOnlyList{string}, PointerValue?)"/>, for items each renderer prints its way.</summary>
    internal Func<StraceRenderer, string> ArrayText(Func<StraceRenderer, IReadOnlyList<string>> items, PointerValue? stoppedAt = null)
    {
        // As they are now: the context moves on before the text may be made.
        bool abbreviate = Abbreviate;
        int limit = StringLength;
        // Items written with the template renderer (Render) are made by the printing one's rules.
        return render => StructWriter.Array(Shown([.. items(render).Select(render.Resolve)], abbreviate && !render.Verbose, limit), stoppedAt);
    }

    /// <summary>Like <see cref="ArrayText(IReadOnlyList{string}, PointerValue?)"/>, for an array printed now (inside a
    /// structure's text, or a result's).</summary>
    internal string ArrayTextNow(IReadOnlyList<string> items) => StructWriter.Array(Shown(items, Abbreviate, StringLength));

    private static IEnumerable<string> Shown(IReadOnlyList<string> items, bool abbreviate, int limit) =>
        abbreviate && items.Count > limit ? items.Take(limit).Append("...") : items;

    /// <summary>At entry: the decoder describes the result at exit, though every argument is printed now (poll's
    /// <c>1 ([{fd=3, revents=POLLIN}])</c>): a call that never returns ends <c>&lt;unfinished ...&gt;)</c>, as strace's.</summary>
    internal void DescribeResultAtExit() => Call.ResultDescribedAtExit = true;

    /// <summary>Leaves argument <paramref name="index"/> undecided at entry: the decoder prints it at exit (an output).</summary>
    internal void Defer(int index) => _deferred |= 1 << index;

    internal bool IsDeferred(int index) => (_deferred & (1 << index)) != 0;

    internal bool IsDecided(int index) => _arguments[index] is not null;

    /// <summary>The register, as the call received it; the value of both where an i386 call splits it in two.</summary>
    internal long Raw(int index) => _split?.Raw(Call, index) ?? Call.GetRawArgument(index);

    /// <summary>The argument as the C type of its parameter reads it: 32-bit types are sign-extended.</summary>
    internal long Signed(int index) => Width(index) == 4 ? (int)Raw(index) : Raw(index);

    /// <summary>The argument as an unsigned value of its parameter's width.</summary>
    internal ulong Unsigned(int index) => Width(index) == 4 ? (uint)Raw(index) : (ulong)Raw(index);

    private int Width(int index) =>
        _split?.IsJoined(index) == true ? 8 : Call.Arch == SyscallArch.I386 ? 4 : index < Parameters.Count ? Parameters[index].Size : 8;

    /// <summary>Decides argument <paramref name="index"/>, its text written with <see cref="Render"/>.</summary>
    internal void Set(int index, ArgumentKind kind, object? value, string text) =>
        _arguments[index] = Argument(NameOf(index), Raw(index), kind, value, text);

    /// <summary>Decides argument <paramref name="index"/> as a value whose text the printing renderer makes from it when
    /// the text is asked for (<see cref="StraceRenderer.Render"/>).</summary>
    private void Set(int index, ArgumentKind kind, object value, TextForm form) =>
        _arguments[index] = new SyscallArgument(NameOf(index), Raw(index), kind, value, session, form);

    /// <summary>Decides argument <paramref name="index"/> as a value whose text <paramref name="print"/> makes with the
    /// renderer that prints it, when the text is asked for: for a text whose rules need the renderer itself.</summary>
    internal void Set(int index, ArgumentKind kind, object? value, Func<StraceRenderer, string> print) =>
        _arguments[index] = Argument(NameOf(index), Raw(index), kind, value, print);

    /// <summary>A signed number; a <see cref="ProcessIdValue"/> where the prototype declares a pid.</summary>
    internal void SetInt(int index)
    {
        if (index < Parameters.Count && Parameters[index] is { Type: "pid_t" } or { Name: "pid" })
            Set(index, ArgumentKind.Int, new ProcessIdValue((int)Signed(index)), TextForm.ProcessId);
        else
            Set(index, ArgumentKind.Int, Signed(index), TextForm.Decimal);
    }

    /// <summary>A file descriptor the prototype does not declare as one (the socket calls' unnamed <c>int</c>): it is
    /// then described like the declared ones (strace's -y).</summary>
    internal void SetFd(int index, ArgumentKind kind = ArgumentKind.Fd) => Set(index, kind, new DescriptorValue((int)Signed(index), null), TextForm.Descriptor);

    internal void SetUInt(int index) => Set(index, ArgumentKind.UInt, (long)Unsigned(index), TextForm.Unsigned);

    /// <summary>A number strace prints as C's %#x does (<c>0</c>, <c>0x1</c>): flags no names are given for.</summary>
    internal void SetHexOrZero(int index) => Set(index, ArgumentKind.UInt, (long)Unsigned(index), HexOrZero(Unsigned(index)));

    internal void SetHex(int index) => Set(index, ArgumentKind.UInt, (long)Unsigned(index), TextForm.Hex);

    /// <summary>An address whose memory is not decoded, for <paramref name="reason"/>; by default, a pointer the decoder
    /// meant to follow: NULL, an output the failed call did not write, not asked for (strace's <c>-e verbose=</c>), or
    /// memory that could not be read.</summary>
    internal void SetPointer(int index, PointerReason? reason = null) =>
        Set(index, ArgumentKind.Pointer, Pointer(Raw(index), reason ?? Unfollowed()), TextForm.Address);

    /// <summary>An address the decoder did not follow, for <paramref name="reason"/>; <see cref="PointerReason.Null"/> for NULL.</summary>
    internal static PointerValue Pointer(long address, PointerReason reason) => new(address, address == 0 ? PointerReason.Null : reason);

    private PointerReason Unfollowed() =>
        Exiting && Failed ? PointerReason.NotWritten : Dereference ? PointerReason.Unreadable : PointerReason.NotAsked;

    /// <summary>A value from a table of names (read as the signed C type of its parameter), or its number with the hint.</summary>
    internal void SetNamed(int index, NamedValues names) =>
        Set(index, ArgumentKind.Int, new ConstantValue(Signed(index), names), TextForm.Named);

    /// <summary>Like <see cref="SetNamed"/>, for a parameter whose C type is unsigned: an unknown value prints in hex.</summary>
    internal void SetUnsignedNamed(int index, NamedValues names) =>
        Set(index, ArgumentKind.UInt, new ConstantValue((long)Unsigned(index), names), TextForm.Named);

    /// <summary>A bit mask, read as an unsigned value of its parameter's width.</summary>
    internal void SetFlags(int index, FlagSet flags) =>
        Set(index, ArgumentKind.UInt, new FlagsValue((long)Unsigned(index), flags), TextForm.Flags);

    /// <summary>A NUL-terminated path or string; its address when it cannot be read.</summary>
    internal void SetString(int index, ArgumentKind kind = ArgumentKind.String)
    {
        long address = Raw(index);
        if (!memory.TryReadCString(Call.ThreadId, (ulong)address, kind == ArgumentKind.Path ? PathMax : stringLength, out ReadOnlySpan<byte> bytes, out bool truncated))
            SetPointer(index);
        else
            Set(index, kind, new StringValue(bytes.ToArray(), truncated, unterminated: truncated), kind == ArgumentKind.Path ? TextForm.QuotedWhole : TextForm.Quoted);
    }

    /// <summary>A buffer of <paramref name="length"/> bytes the kernel filled with a C string and its NUL (an xattr's
    /// value, a key's description), as strace prints one: without that NUL (<c>"label"</c> for <c>label\0</c>), unless
    /// -x or -xx print the bytes in hex. The value keeps every byte.</summary>
    internal void SetBufferEndingInNul(int index, long length)
    {
        SetBuffer(index, length);
        if (Arguments[index]?.Value is StringValue { Truncated: false, Length: > 0 } value && value[value.Length - 1] == 0)
            Set(index, ArgumentKind.InputBuffer, value, render => render.QuoteWithoutTrailingNul(value.Span));
    }

    /// <summary>A field that points to a C string, as a structure's text shows it: quoted (read now, printed later) up
    /// to the string length, or whole when it is a path, as strace prints paths; its address when NULL or unreadable.</summary>
    internal Func<StraceRenderer, string> StringField(ulong address, ArgumentKind kind = ArgumentKind.String)
    {
        bool path = kind == ArgumentKind.Path;
        if (address != 0 && memory.TryReadCString(Call.ThreadId, address, path ? PathMax : stringLength, out ReadOnlySpan<byte> bytes, out bool truncated))
        {
            byte[] text = bytes.ToArray();
            return path ? render => render.QuoteWhole(text, truncated) : render => render.Quote(text, truncated);
        }
        string pointer = FormatAddress((long)address);
        return _ => pointer;
    }

    /// <summary>A field that points to <paramref name="length"/> bytes of data, as a structure's text shows it: quoted up
    /// to the string length (read now, printed later), in <c>\xNN</c> hex when <paramref name="hex"/> (a SCSI command),
    /// or its address when NULL or unreadable.</summary>
    internal Func<StraceRenderer, string> BufferField(ulong address, long length, bool hex = false)
    {
        var bytes = new byte[Shown(length)];
        bool truncated = (ulong)bytes.Length < (ulong)length;
        if (address != 0 && memory.Read(Call.ThreadId, address, bytes) == bytes.Length)
            return hex ? render => render.QuoteHex(bytes, truncated) : render => render.Quote(bytes, truncated);
        string pointer = FormatAddress((long)address);
        return _ => pointer;
    }

    /// <summary>A buffer of <paramref name="length"/> bytes, quoted up to the string length; NULL, whatever the length.</summary>
    internal void SetBuffer(int index, long length)
    {
        long address = Raw(index);
        if (address == 0)
        {
            SetPointer(index);
            return;
        }
        int wanted = Shown(length);
        var bytes = new byte[wanted];
        // Bytes the call was given and that cannot all be read print as their address, as strace prints them.
        if (memory.Read(Call.ThreadId, (ulong)address, bytes) < wanted)
            SetPointer(index);
        else
        {
            var value = new StringValue(bytes, truncated: (ulong)wanted < (ulong)length, unterminated: false);
            Set(index, ArgumentKind.InputBuffer, value, TextForm.Quoted);
        }
    }

    // How many of a buffer's bytes print: the string length at most, of a length that is a size_t (2^63 and more are
    // lengths too, not negative numbers).
    private int Shown(long length) => (int)Math.Min((ulong)length, (ulong)stringLength);

    /// <summary>A structure the argument points to, its value the structure's fields (<see cref="StructValue"/>), its
    /// text made by <paramref name="print"/> when first asked for; its address when it cannot be read.</summary>
    internal void SetStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(int index, StructPrinter<T> print) where T : unmanaged, IKernelStruct<T>
    {
        if (!Dereference || Raw(index) == 0 || !TryRead((ulong)Raw(index), out T value))
            SetPointer(index);
        else
        {
            // The options as they are now: the context moves on to the next call before the text may be made.
            // The printer reads the structure from the value's own copy: one copy of a large one (statx) per call.
            bool abbreviate = Abbreviate;
            StructValue read = StructValue.Of(value);
            Set(index, ArgumentKind.Pointer, read, render => print((T)read.Source!, render, abbreviate && !render.Verbose));
        }
    }

    /// <summary>Like <see cref="SetStruct{T}"/>, for a structure i386 lays out as <typeparamref name="T32"/>: read as the
    /// call's ABI lays it out, printed as x86_64's. Its value is the structure as read, with x86_64's fields.</summary>
    internal void SetStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T, [DynamicallyAccessedMembers(KernelLayout.Members)] T32>(
        int index, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T> where T32 : unmanaged, ICompatStruct<T32, T>
    {
        if (ReadsX64Layouts)
            SetStruct(index, print);
        else if (!Dereference || Raw(index) == 0 || !TryRead((ulong)Raw(index), out T32 value))
            SetPointer(index);
        else
        {
            bool abbreviate = Abbreviate;
            StructValue read = StructValue.Of(value);
            Set(index, ArgumentKind.Pointer, read, render => print(((T32)read.Source!).Widen(), render, abbreviate && !render.Verbose));
        }
    }

    /// <summary>Like <see cref="SetOutputStruct{T}"/>, for a structure i386 lays out as <typeparamref name="T32"/>.</summary>
    internal void SetOutputStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T, [DynamicallyAccessedMembers(KernelLayout.Members)] T32>(
        int index, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T> where T32 : unmanaged, ICompatStruct<T32, T>
    {
        if (Failed)
            SetPointer(index);
        else
            SetStruct<T, T32>(index, print);
    }

    /// <summary>An output structure i386 lays out as <typeparamref name="T32"/>: left for exit at entry, then
    /// <see cref="SetOutputStruct{T, T32}"/>.</summary>
    internal void SetOutputStructAtExit<[DynamicallyAccessedMembers(KernelLayout.Members)] T, [DynamicallyAccessedMembers(KernelLayout.Members)] T32>(
        int index, StructPrinter<T> print)
        where T : unmanaged, IKernelStruct<T> where T32 : unmanaged, ICompatStruct<T32, T>
    {
        if (!Exiting)
            Defer(index);
        else
            SetOutputStruct<T, T32>(index, print);
    }

    /// <summary>Reads a structure i386 lays out as <typeparamref name="T32"/>, as the call's ABI lays it out.</summary>
    internal bool TryRead<T, T32>(ulong address, out T value) where T : unmanaged, IKernelStruct<T> where T32 : unmanaged, ICompatStruct<T32, T>
    {
        if (ReadsX64Layouts)
            return TryRead(address, out value);
        bool read = TryRead(address, out T32 narrow);
        value = read ? narrow.Widen() : default;
        return read;
    }

    /// <summary>At exit: a structure the kernel writes only when the call succeeds; its address when the call failed.</summary>
    internal void SetOutputStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(int index, StructPrinter<T> print) where T : unmanaged, IKernelStruct<T>
    {
        if (Failed)
            SetPointer(index);
        else
            SetStruct(index, print);
    }

    /// <summary>An output structure declared in x86_64's layout: left for exit at entry, then
    /// <see cref="SetOutputStruct{T}"/>; its address on another ABI, whose layout is not declared.</summary>
    internal void SetX64OutputStruct<[DynamicallyAccessedMembers(KernelLayout.Members)] T>(int index, StructPrinter<T> print) where T : unmanaged, IKernelStruct<T>
    {
        if (!Exiting)
            Defer(index);
        else if (!ReadsX64Layouts)
            SetPointer(index, PointerReason.NotDecoded);
        else
            SetOutputStruct(index, print);
    }

    /// <summary>A number the argument points to, printed as strace prints one (<c>[0]</c>), its value the number; its
    /// address when it cannot be read.</summary>
    internal void SetPointee<T>(int index, Func<T, string> print) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (!Dereference || Raw(index) == 0 || !TryRead((ulong)Raw(index), out T value))
            SetPointer(index);
        else
            Set(index, ArgumentKind.Pointer, long.CreateTruncating(value), print(value));
    }

    /// <summary>Like <see cref="SetPointee{T}(int, Func{T, string})"/>, for a long or a pointer: a word of the call's ABI.</summary>
    internal void SetWordPointee(int index, Func<ulong, string> print)
    {
        if (WordSize == 8)
            SetPointee(index, print);
        else
            SetPointee<uint>(index, word => print(word));
    }

    /// <summary>Like <see cref="SetPointee{T}(int, Func{T, string})"/>, for a number whose text names it: the renderer
    /// that prints it styles the name (<c>[MPOL_BIND]</c>, <c>[2]</c> under -X raw).</summary>
    internal void SetPointee<T>(int index, Func<T, StraceRenderer, string> print) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (!Dereference || Raw(index) == 0 || !TryRead((ulong)Raw(index), out T value))
            SetPointer(index);
        else
            Set(index, ArgumentKind.Pointer, long.CreateTruncating(value), render => print(value, render));
    }

    /// <summary>What strace prints for the bytes of a structure the caller made longer than the fields the kernel
    /// knows, from <paramref name="known"/> to <paramref name="size"/> (at most <paramref name="mostRead"/>, what the
    /// kernel reads): <c>/* bytes 32..39 */ "\x01..."</c>; null when they are all zero, <c>???</c> when they cannot be read.</summary>
    internal string? ExtraBytes(ulong address, int known, ulong size, int mostRead)
    {
        if (size <= (ulong)known)
            return null;
        var rest = new byte[(int)Math.Min(size, (ulong)mostRead) - known];
        if (!TryReadBytes(address + (ulong)known, rest))
            return "???";
        if (!rest.AsSpan().ContainsAnyExcept((byte)0))
            return null;
        return $"/* bytes {known}..{known + rest.Length - 1} */ "
            + Render.QuoteHex(rest.AsSpan(0, Math.Min(rest.Length, StringLength)), truncated: rest.Length > StringLength);
    }

    /// <summary>Fills <paramref name="bytes"/> of a structure or an array from the tracee's memory; false when it cannot
    /// be read whole, or is not to be read at all (<c>-e verbose=none</c>, under which strace prints the address of
    /// everything it reads but strings and data).</summary>
    internal bool TryReadBytes(ulong address, Span<byte> bytes) => Dereference && TryReadData(address, bytes);

    /// <summary>Fills <paramref name="bytes"/> of data strace prints as a string (a buffer written, a binary value),
    /// whatever -e verbose= says; false when they cannot be read whole.</summary>
    internal bool TryReadData(ulong address, Span<byte> bytes) => memory.Read(Call.ThreadId, address, bytes) == bytes.Length;

    private const int MaxArrayBytes = 1 << 20;

    /// <summary>Reads an array of <paramref name="count"/> elements of <paramref name="size"/> bytes as far as its
    /// memory goes: the whole elements that could be read, and where reading stopped (null when it did not), which
    /// strace prints after them as <c>... /* 0x7f0b2c85e000 */</c>. Null when not even the first could be read, and
    /// for NULL, even of no elements: strace prints NULL there, [] only for an empty array somewhere.</summary>
    internal byte[]? ReadArray(ulong address, long count, int size, out PointerValue? stoppedAt)
    {
        stoppedAt = null;
        if (address == 0)
            return null;
        // A count from the tracee (or an injected result) may be anything: no array read here exceeds 1 MiB.
        count = Math.Clamp(count, 0, MaxArrayBytes / size);
        var bytes = new byte[count * size];
        int read = count > 0 && !Dereference ? 0 : memory.Read(Call.ThreadId, address, bytes);
        if (read == bytes.Length)
            return bytes;
        int whole = read / size * size;
        if (whole == 0)
            return null;
        stoppedAt = Pointer((long)address + whole, PointerReason.Unreadable);
        return bytes[..whole];
    }

    /// <summary>Reads a structure of the tracee's; false when its memory cannot be read whole, or is not to be read
    /// (<c>-e verbose=none</c>).</summary>
    internal bool TryRead<T>(ulong address, out T value) where T : unmanaged
    {
        value = default;
        return Dereference && TryReadData(address, out value);
    }

    /// <summary>Reads a structure strace reads whatever -e verbose= says (a header it prints in part even then).</summary>
    internal bool TryReadData<T>(ulong address, out T value) where T : unmanaged
    {
        // The struct's own size, known when compiled (Marshal.SizeOf looks it up at every call).
        Span<byte> bytes = stackalloc byte[Unsafe.SizeOf<T>()];
        if (address == 0 || !TryReadData(address, bytes))
        {
            value = default;
            return false;
        }
        value = MemoryMarshal.Read<T>(bytes);
        return true;
    }

    /// <summary>Sets how the result prints, for calls whose result is not a plain number (<c>0x8002 (flags O_RDWR)</c>).</summary>
    internal void SetResultText(string text) => Call.SetResultText(text, session);

    private string NameOf(int index) => index < Parameters.Count ? Parameters[index].Name : $"arg{index}";

    internal static string FormatAddress(long address) => address == 0 ? "NULL" : Hex((ulong)address);

    internal static string Hex(ulong value)
    {
        Span<char> text = stackalloc char[HexLength];
        return new string(text[..FormatHex(value, text)]);
    }

    /// <summary>Appends what <see cref="Hex"/> makes.</summary>
    internal static void AppendHex(StringBuilder text, ulong value)
    {
        Span<char> chars = stackalloc char[HexLength];
        text.Append(chars[..FormatHex(value, chars)]);
    }

    /// <summary>Appends what <see cref="FormatAddress"/> makes.</summary>
    internal static void AppendAddress(StringBuilder text, long address)
    {
        if (address == 0)
            text.Append("NULL");
        else
            AppendHex(text, (ulong)address);
    }

    private const int HexLength = 18; // 0x and 16 digits

    // Into a buffer of its own, not an interpolated string: an address is often made within one (see
    // SignalInfoFormatter.Format).
    private static int FormatHex(ulong value, Span<char> text)
    {
        text[0] = '0';
        text[1] = 'x';
        value.TryFormat(text[2..], out int written, "x", CultureInfo.InvariantCulture);
        return 2 + written;
    }

    /// <summary>Hex as C's %#x prints it, <c>0</c> for zero: how strace prints a number that is an address only sometimes.</summary>
    internal static string HexOrZero(ulong value) => value == 0 ? "0" : Hex(value);
}
