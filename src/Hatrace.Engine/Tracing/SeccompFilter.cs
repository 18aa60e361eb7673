using System.Buffers.Binary;
using static Interop.Libc;

namespace Hatrace.Engine.Tracing;

/// <summary>The classic BPF program the spawn helper installs just before execve when the set of calls the tracer stops
/// at is known: SECCOMP_RET_TRACE for those calls, SECCOMP_RET_ALLOW for the rest, which then run without any stop.</summary>
internal static class SeccompFilter
{
    // linux/filter.h and linux/seccomp.h.
    private const ushort LoadWord = 0x20;       // BPF_LD | BPF_W | BPF_ABS
    private const ushort Jump = 0x05;           // BPF_JMP | BPF_JA: the one jump that is not limited to 255 instructions
    private const ushort JumpIfEqual = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
    private const ushort JumpIfAbove = 0x25;    // BPF_JMP | BPF_JGT | BPF_K
    private const ushort JumpIfAtLeast = 0x35;  // BPF_JMP | BPF_JGE | BPF_K
    private const ushort Return = 0x06;         // BPF_RET | BPF_K
    private const uint Allow = 0x7fff0000;      // SECCOMP_RET_ALLOW
    private const uint Trace = 0x7ff00000;      // SECCOMP_RET_TRACE
    private const uint NumberOffset = 0, ArchOffset = 4; // struct seccomp_data
    private const uint X32Bit = 0x40000000;     // __X32_SYSCALL_BIT

    private readonly record struct Instruction(ushort Code, byte IfTrue, byte IfFalse, uint Value);

    /// <summary>The program, 8 bytes per struct sock_filter. The arch word comes first: int 0x80 calls are routed by
    /// the i386 numbers, x32 calls (x86_64 arch, the x32 bit set) and any other arch are all traced, as the tracer
    /// stops at them unfiltered.</summary>
    internal static byte[] Build(bool[] tracedX64, bool[] tracedI386)
    {
        List<Instruction> x64 = [new(LoadWord, 0, 0, NumberOffset), new(JumpIfAtLeast, 0, 1, X32Bit), new(Return, 0, 0, Trace), .. Ranges(tracedX64)];
        List<Instruction> program =
        [
            new(LoadWord, 0, 0, ArchOffset),
            new(JumpIfEqual, 0, 1, AUDIT_ARCH_X86_64),
            default, // the jump over the i386 part, once its length is known
            new(JumpIfEqual, 1, 0, AUDIT_ARCH_I386),
            new(Return, 0, 0, Trace),
            new(LoadWord, 0, 0, NumberOffset),
            .. Ranges(tracedI386),
        ];
        program[2] = new(Jump, 0, 0, (uint)(program.Count - 3));
        program.AddRange(x64);

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

    // With the number loaded: a call below the next run of traced numbers is allowed, one within it traced, and the
    // runs are tried in ascending order. Each run returns on its own, so that no conditional jump goes far.
    private static IEnumerable<Instruction> Ranges(bool[] traced)
    {
        for (int first = 0; first < traced.Length; first++)
        {
            if (!traced[first])
                continue;
            int last = first;
            while (last + 1 < traced.Length && traced[last + 1])
                last++;
            yield return new(JumpIfAtLeast, 1, 0, (uint)first);
            yield return new(Return, 0, 0, Allow);
            yield return new(JumpIfAbove, 1, 0, (uint)last);
            yield return new(Return, 0, 0, Trace);
            first = last;
        }
        yield return new(Return, 0, 0, Allow);
    }
}
