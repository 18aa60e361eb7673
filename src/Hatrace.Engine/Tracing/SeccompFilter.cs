using System.Buffers.Binary;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The classic BPF programs the spawn helper installs just before execve: the kernel runs the program at each
/// call, and the value it returns decides the call. Two kinds: the tracing filter, SECCOMP_RET_TRACE for the calls the
/// tracer stops at and SECCOMP_RET_ALLOW for the rest, which then run without any stop; and a profile's filter
/// (<see cref="SeccompProfile"/>).</summary>
internal static class SeccompFilter
{
    // linux/filter.h and linux/seccomp.h.
    private const ushort LoadWord = 0x20;       // BPF_LD | BPF_W | BPF_ABS
    private const ushort Jump = 0x05;           // BPF_JMP | BPF_JA: the one jump that is not limited to 255 instructions
    private const ushort JumpIfEqual = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpIfAbove = 0x25;    // BPF_JMP | BPF_JGT | BPF_K
    private const ushort JumpIfAtLeast = 0x35;  // BPF_JMP | BPF_JGE | BPF_K
    private const ushort Return = 0x06;         // BPF_RET | BPF_K
    internal const uint KillProcess = 0x80000000; // SECCOMP_RET_KILL_PROCESS
    internal const uint KillThread = 0;           // SECCOMP_RET_KILL_THREAD
    internal const uint Trap = 0x00030000;        // SECCOMP_RET_TRAP
    internal const uint Errno = 0x00050000;       // SECCOMP_RET_ERRNO, the errno in the low 16 bits
    internal const uint Trace = 0x7ff00000;       // SECCOMP_RET_TRACE
    internal const uint Log = 0x7ffc0000;         // SECCOMP_RET_LOG
    internal const uint Allow = 0x7fff0000;       // SECCOMP_RET_ALLOW
    private const uint NumberOffset = 0, ArchOffset = 4; // struct seccomp_data
    private const uint X32Bit = 0x40000000;     // __X32_SYSCALL_BIT
    private const uint Skipped = 0xffffffff;    // the number a tracer sets to skip a call: the kernel checks it again

    private readonly record struct Instruction(ushort Code, byte IfTrue, byte IfFalse, uint Value);

    /// <summary>What a filter returns for the calls of one ABI: by number, and for a number beyond the table.</summary>
    internal readonly record struct Actions(uint[] ByNumber, uint Otherwise);

    /// <summary>Whether the call may install a seccomp filter: seccomp, and prctl's PR_SET_SECCOMP.</summary>
    internal static bool MayInstall(SyscallDefinition definition) => definition.Name is "seccomp" or "prctl";

    /// <summary>Whether the returned call put its thread in a seccomp mode (strict or filter), which then answers some of
    /// its calls before a tracer's filter could stop at them.</summary>
    internal static bool Installed(SyscallEvent call)
    {
        const long SetModeStrict = 0, SetModeFilter = 1; // seccomp's operations
        const long SetSeccomp = 22;                     // prctl's PR_SET_SECCOMP
        return call.ErrnoValue == 0 && call.Name switch
        {
            "seccomp" => call.GetRawArgument(0) is SetModeStrict or SetModeFilter,
            "prctl" => call.GetRawArgument(0) == SetSeccomp,
            _ => false,
        };
    }

    /// <summary>The tracing filter. x32 calls and any other arch are all traced, as the tracer stops at them unfiltered.</summary>
    internal static byte[] ForTracing(bool[] tracedX64, bool[] tracedI386) =>
        Build(TracedOrAllowed(tracedX64), TracedOrAllowed(tracedI386), Trace);

    private static Actions TracedOrAllowed(bool[] traced) => new(Array.ConvertAll(traced, t => t ? Trace : Allow), Allow);

    /// <summary>The program, 8 bytes per struct sock_filter. The arch word comes first: int 0x80 calls are decided by the
    /// i386 numbers, x86_64 calls by theirs, and x32 calls (x86_64 arch, the x32 bit set) or any other arch by
    /// <paramref name="otherCalls"/>. A call a tracer skipped (number -1) is allowed: it runs nothing, and a profile
    /// that kills by default would otherwise kill a program whose call a fault rule or hook skipped.</summary>
    internal static byte[] Build(Actions x64, Actions i386, uint otherCalls)
    {
        List<Instruction> x64Part =
        [
            new(LoadWord, 0, 0, NumberOffset),
            new(JumpIfEqual, 0, 1, Skipped),
            new(Return, 0, 0, Allow),
            new(JumpIfAtLeast, 0, 1, X32Bit),
            new(Return, 0, 0, otherCalls),
            .. Ranges(x64),
        ];
        List<Instruction> program =
        [
            new(LoadWord, 0, 0, ArchOffset),
            new(JumpIfEqual, 0, 1, AUDIT_ARCH_X86_64),
            default, // the jump over the i386 part, once its length is known
            new(JumpIfEqual, 1, 0, AUDIT_ARCH_I386),
            new(Return, 0, 0, otherCalls),
            new(LoadWord, 0, 0, NumberOffset),
            new(JumpIfEqual, 0, 1, Skipped),
            new(Return, 0, 0, Allow),
            .. Ranges(i386),
        ];
        program[2] = new(Jump, 0, 0, (uint)(program.Count - 3));
        program.AddRange(x64Part);

        var bytes = new byte[program.Count * 8];
        for (int i = 0; i < program.Count; i++)
        {
            Span<byte> slot = bytes.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, program[i].Code);
            slot[2] = program[i].IfTrue;
            slot[3] = program[i].IfFalse;
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], program[i].Value);
        }
        return bytes;
    }

    // With the number loaded: a call below the next run of numbers that share an action other than Otherwise gets
    // Otherwise, one within it that action, and the runs are tried in ascending order. Each run returns on its own, so
    // that no conditional jump goes far.
    private static IEnumerable<Instruction> Ranges(Actions actions)
    {
        uint[] byNumber = actions.ByNumber;
        for (int first = 0; first < byNumber.Length; first++)
        {
            if (byNumber[first] == actions.Otherwise)
                continue;
            int last = first;
            while (last + 1 < byNumber.Length && byNumber[last + 1] == byNumber[first])
                last++;
            yield return new(JumpIfAtLeast, 1, 0, (uint)first);
            yield return new(Return, 0, 0, actions.Otherwise);
            yield return new(JumpIfAbove, 1, 0, (uint)last);
            yield return new(Return, 0, 0, byNumber[first]);
            first = last;
        }
        yield return new(Return, 0, 0, actions.Otherwise);
    }
}
