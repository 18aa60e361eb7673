using System.Globalization;
using System.Text;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Memory;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>Decodes a syscall's arguments from its registers and the stopped tracee's memory: inputs at entry,
/// outputs at exit. Never throws on tracee data: what cannot be read prints as its address.</summary>
internal sealed class SyscallDecoder(TraceeMemory memory, int stringLength)
{
    private const int PathMax = 4096;
    private const int AtFdCwd = -100;

    // Calls whose result is an address, printed in hex as strace does.
    private static readonly HashSet<string> s_addressResults = ["mmap", "mmap2", "brk", "mremap", "shmat"];

    /// <summary>Decodes what the call reads. Output arguments stay pending until <see cref="DecodeExit"/>.</summary>
    internal void DecodeEntry(SyscallEvent call)
    {
        if (call.Definition is null)
        {
            call.Arguments = new SyscallArguments(UnknownCallArguments(call));
            return;
        }
        IReadOnlyList<SyscallParameter> parameters = call.Definition.Parameters;
        var arguments = new SyscallArgument[parameters.Count];
        for (int i = 0; i < parameters.Count; i++)
        {
            SyscallParameter p = parameters[i];
            if (p.Kind != ArgumentKind.OutputBuffer)
                arguments[i] = DecodeInput(call, p, call.GetRawArgument(i));
        }
        call.Arguments = new SyscallArguments(OpenFlags.DropUnusedMode(parameters, arguments));
        call.Path = Array.Find(arguments, a => a?.Kind == ArgumentKind.Path)?.Value as string;
        call.ResultIsAddress = s_addressResults.Contains(call.Name);
    }

    // A number the kernel does not name: all six registers in hex, as strace prints them.
    private static SyscallArgument[] UnknownCallArguments(SyscallEvent call)
    {
        var arguments = new SyscallArgument[6];
        for (int i = 0; i < arguments.Length; i++)
        {
            long raw = call.GetRawArgument(i);
            arguments[i] = new($"arg{i}", raw, ArgumentKind.Pointer, raw, raw == 0 ? "0" : FormatAddress(raw));
        }
        return arguments;
    }

    /// <summary>Decodes what the call wrote, now that it returned.</summary>
    internal void DecodeExit(SyscallEvent call)
    {
        if (call.Definition is not { Parameters: var parameters })
            return;
        SyscallArgument[] arguments = call.Arguments.Items;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is null && parameters[i].Kind == ArgumentKind.OutputBuffer)
                arguments[i] = DecodeOutputBuffer(call, parameters[i], call.GetRawArgument(i));
        }
    }

    /// <summary>Completes arguments that never got their exit (the call did not return): outputs print as addresses.</summary>
    internal static void DecodeUnfinished(SyscallEvent call)
    {
        if (call.Definition is not { Parameters: var parameters })
            return;
        SyscallArgument[] arguments = call.Arguments.Items;
        for (int i = 0; i < arguments.Length; i++)
            arguments[i] ??= Address(parameters[i], call.GetRawArgument(i));
    }

    private SyscallArgument DecodeInput(SyscallEvent call, SyscallParameter p, long raw)
    {
        int pid = call.ProcessId;
        long value = Narrow(call.Arch, p, raw);
        switch (p.Kind)
        {
            case ArgumentKind.Int:
            case ArgumentKind.Fd:
                return new(p.Name, raw, p.Kind, value, value.ToString(CultureInfo.InvariantCulture));
            case ArgumentKind.UInt:
                return new(p.Name, raw, p.Kind, value, Unsigned(call.Arch, p, raw).ToString(CultureInfo.InvariantCulture));
            case ArgumentKind.DirFd:
                return new(p.Name, raw, p.Kind, value, value == AtFdCwd ? "AT_FDCWD" : value.ToString(CultureInfo.InvariantCulture));
            case ArgumentKind.OpenFlags:
                return new(p.Name, raw, p.Kind, value, OpenFlags.Format(value));
            case ArgumentKind.Mode:
                return new(p.Name, raw, p.Kind, value, "0" + Convert.ToString(value & 0xffff, 8).PadLeft(2, '0'));
            case ArgumentKind.Path:
            case ArgumentKind.String:
            {
                int limit = p.Kind == ArgumentKind.Path ? PathMax : stringLength;
                byte[]? bytes = memory.ReadCString(pid, (ulong)raw, limit, out bool truncated);
                return bytes is null
                    ? Address(p, raw)
                    : new(p.Name, raw, p.Kind, Encoding.UTF8.GetString(bytes), StraceQuoting.Quote(bytes, truncated));
            }
            case ArgumentKind.InputBuffer:
            {
                long length = p.LengthIndex >= 0
                    ? (long)Unsigned(call.Arch, call.Definition!.Parameters[p.LengthIndex], call.GetRawArgument(p.LengthIndex))
                    : 0;
                return Buffer(pid, p, raw, length);
            }
            case ArgumentKind.StringArray:
                return StringArray(call, p, raw);
            case ArgumentKind.EnvironmentArray:
                return EnvironmentArray(call, p, raw);
            default:
                return Address(p, raw);
        }
    }

    private SyscallArgument DecodeOutputBuffer(SyscallEvent call, SyscallParameter p, long raw) =>
        call.ErrnoValue != 0 || call.Result is not long length ? Address(p, raw) : Buffer(call.ProcessId, p, raw, length);

    private SyscallArgument Buffer(int pid, SyscallParameter p, long raw, long length)
    {
        int wanted = (int)Math.Min(length, stringLength);
        var bytes = new byte[wanted];
        int read = memory.Read(pid, (ulong)raw, bytes);
        if (read == 0 && wanted > 0)
            return Address(p, raw);
        return new(p.Name, raw, p.Kind, bytes[..read], StraceQuoting.Quote(bytes.AsSpan(0, read), truncated: read < length));
    }

    private SyscallArgument StringArray(SyscallEvent call, SyscallParameter p, long raw)
    {
        int word = WordSize(call.Arch);
        var items = new List<string>();
        var text = new StringBuilder("[");
        for (int i = 0; ; i++)
        {
            ulong? pointer = memory.ReadWord(call.ProcessId, (ulong)raw + (ulong)(i * word), word);
            if (pointer is null)
                return i == 0 ? Address(p, raw) : new(p.Name, raw, p.Kind, items.ToArray(), text.Append(", ...]").ToString());
            if (pointer == 0)
                break;
            if (i == stringLength)
            {
                text.Append(", ...");
                break;
            }
            if (i > 0)
                text.Append(", ");
            byte[]? bytes = memory.ReadCString(call.ProcessId, pointer.Value, stringLength, out bool truncated);
            if (bytes is null)
            {
                text.Append(FormatAddress((long)pointer.Value));
                continue;
            }
            items.Add(Encoding.UTF8.GetString(bytes));
            StraceQuoting.Append(text, bytes, truncated);
        }
        return new(p.Name, raw, p.Kind, items.ToArray(), text.Append(']').ToString());
    }

    private SyscallArgument EnvironmentArray(SyscallEvent call, SyscallParameter p, long raw)
    {
        int word = WordSize(call.Arch);
        int count = 0;
        while (memory.ReadWord(call.ProcessId, (ulong)raw + (ulong)(count * word), word) is ulong pointer && pointer != 0)
            count++;
        return new(p.Name, raw, p.Kind, null, $"{FormatAddress(raw)} /* {count} var{(count == 1 ? "" : "s")} */");
    }

    private static SyscallArgument Address(SyscallParameter p, long raw) => new(p.Name, raw, ArgumentKind.Pointer, raw, FormatAddress(raw));

    internal static string FormatAddress(long address) =>
        address == 0 ? "NULL" : "0x" + address.ToString("x", CultureInfo.InvariantCulture);

    private static int WordSize(SyscallArch arch) => arch == SyscallArch.I386 ? 4 : 8;

    // Registers hold 64 bits; the C type decides how many of them the call reads.
    private static long Narrow(SyscallArch arch, SyscallParameter p, long raw) =>
        arch == SyscallArch.I386 || p.Size == 4 ? (int)raw : raw;

    private static ulong Unsigned(SyscallArch arch, SyscallParameter p, long raw) =>
        arch == SyscallArch.I386 || p.Size == 4 ? (uint)raw : (ulong)raw;
}
