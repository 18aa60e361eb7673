using System.Buffers.Binary;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Tracing;

namespace Hatrace.Engine.Syscalls;

/// <summary>i386's socketcall(call, args), through which 32-bit programs make the socket calls (glibc still does): the
/// call it makes, by the number in its first argument, with the 32-bit words its second points to as arguments. strace
/// shows that call as if made directly, and so does a trace: the call's definition is i386's own call of that name
/// (socket's), its arguments those words, read at entry, its number socketcall's. accept, send and recv, which i386 has
/// no number of, have definitions of socketcall's number: x86_64's accept, sendto and recvfrom without an address.</summary>
internal static class Socketcall
{
    /// <summary>i386's __NR_socketcall.</summary>
    internal const int Number = 102;

    private static readonly ConstantTable s_calls = ConstantTable.Load("socketcall_calls");

    // By the number socketcall's first argument gives; made when first asked for.
    private static readonly Lazy<SyscallDefinition?[]> s_definitions = new(Build);

    /// <summary>Whether <paramref name="definition"/> is socketcall itself, or accept, send or recv, made through it.</summary>
    internal static bool IsSocketcall(SyscallDefinition definition) => definition.Arch == SyscallArch.I386 && definition.Number == Number;

    /// <summary>Whether <paramref name="call"/> was made through socketcall: its arguments are in memory.</summary>
    internal static bool MadeThrough(Model.SyscallEvent call) =>
        call.Arch == SyscallArch.I386 && call.Number == Number && call.Definition is { Name: not "socketcall" };

    /// <summary>The calls socketcall makes, for a filter that chooses calls by name or class.</summary>
    internal static IEnumerable<SyscallDefinition> Calls => s_definitions.Value.OfType<SyscallDefinition>();

    /// <summary>accept, send and recv, the calls i386 makes only through socketcall, for the table of its calls.</summary>
    internal static IEnumerable<SyscallDefinition> OwnCalls => Calls.Where(IsSocketcall);

    /// <summary>The call socketcall makes with <paramref name="registers"/>, whose arguments, read from the tracee,
    /// <paramref name="arguments"/> receives; null (and the registers left as they are) for a number it makes no call
    /// of, or arguments that cannot be read.</summary>
    internal static SyscallDefinition? Resolve(ITraceeMemory memory, int threadId, ReadOnlySpan<long> registers, Span<long> arguments)
    {
        SyscallDefinition?[] definitions = s_definitions.Value;
        if ((ulong)registers[0] >= (ulong)definitions.Length || definitions[registers[0]] is not { } made)
            return null;
        Span<byte> words = stackalloc byte[4 * made.Parameters.Count];
        if (memory.Read(threadId, (uint)registers[1], words) != words.Length)
            return null;
        arguments.Clear();
        for (int i = 0; i < made.Parameters.Count; i++)
            arguments[i] = BinaryPrimitives.ReadUInt32LittleEndian(words[(4 * i)..]);
        return made;
    }

    // i386's own calls (since Linux 4.3), but accept, send and recv; looked up among the numbered calls only, as the
    // lookup by name falls back on these.
    private static SyscallDefinition?[] Build()
    {
        var definitions = new SyscallDefinition?[s_calls.Entries.Max(e => e.Value) + 1];
        foreach ((long call, string name) in s_calls.Entries)
        {
            definitions[call] = name switch
            {
                "accept" => Made(name, SyscallTable.FindNumbered(SyscallArch.X86_64, "accept")?.Parameters),
                "send" => Made(name, SyscallTable.FindNumbered(SyscallArch.I386, "sendto")?.Parameters.Take(4).ToArray()),
                "recv" => Made(name, SyscallTable.FindNumbered(SyscallArch.I386, "recvfrom")?.Parameters.Take(4).ToArray()),
                _ => SyscallTable.FindNumbered(SyscallArch.I386, name),
            };
        }
        return definitions;
    }

    private static SyscallDefinition? Made(string name, IReadOnlyList<SyscallParameter>? parameters) =>
        parameters is null ? null : new SyscallDefinition(SyscallArch.I386, Number, name, parameters);
}
