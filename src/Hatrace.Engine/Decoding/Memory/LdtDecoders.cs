using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Memory;

/// <summary>modify_ldt, which reads and writes the process's local descriptor table: its entry as a struct user_desc
/// where the byte count is one's size, and its result as strace shows it.</summary>
internal static class LdtDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All => [("modify_ldt", DecodeModifyLdt)];

    /// <summary>struct user_desc (arch/x86/include/uapi/asm/ldt.h), its bit fields in one word as x86_64 lays them out:
    /// seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1, seg_not_present:1, useable:1, lm:1.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct UserDesc : IKernelStruct<UserDesc>
    {
        public uint entry_number, base_addr, limit, bits;

        public static string TypeName => "user_desc";

        private readonly uint Bits(int first, int count) => (bits >> first) & ((1u << count) - 1);

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("entry_number", (int)entry_number), new("base_addr", base_addr), new("limit", limit), new("seg_32bit", Bits(0, 1)),
            new("contents", Bits(1, 2)), new("read_exec_only", Bits(3, 1)), new("limit_in_pages", Bits(4, 1)),
            new("seg_not_present", Bits(5, 1)), new("useable", Bits(6, 1)), new("lm", Bits(7, 1)),
        ];

        internal readonly string Print() => new StructWriter().Field("entry_number", (int)entry_number)
            .Field("base_addr", Hex8(base_addr)).Field("limit", Hex8(limit)).Field("seg_32bit", Bits(0, 1)).Field("contents", Bits(1, 2))
            .Field("read_exec_only", Bits(3, 1)).Field("limit_in_pages", Bits(4, 1)).Field("seg_not_present", Bits(5, 1))
            .Field("useable", Bits(6, 1)).Field("lm", Bits(7, 1)).ToString();

        // C's %#08x: 0x and at least six digits, but zero as eight zeros (the '#' adds no 0x to zero).
        private static string Hex8(uint value) => value == 0 ? "00000000" : "0x" + value.ToString("x6", CultureInfo.InvariantCulture);
    }

    /// <summary>modify_ldt(func, ptr, bytecount): ptr as an entry where bytecount is an entry's size, read at entry
    /// whatever func does with it (as strace reads it, even to be filled), else its address. The kernel returns the int
    /// result as an unsigned one, so an error reaches the caller as a large number, not an errno: strace prints that
    /// number with the error's name (<c>= 4294967274 EINVAL (Invalid argument)</c>), and so does this.</summary>
    private static void DecodeModifyLdt(DecodeContext context)
    {
        if (context.WordSize != 8)
            return; // x86_64's layout only: the kinds print the address
        if (!context.Exiting)
        {
            if (context.Unsigned(2) == (ulong)Marshal.SizeOf<UserDesc>())
                context.SetStruct<UserDesc>(1, (entry, _, _) => entry.Print());
            else
                context.SetPointer(1, PointerReason.NotDecoded);
        }
        else if (context.Result is > uint.MaxValue - 4095 and <= uint.MaxValue && Errno.GetName((int)-(uint)context.Result) is { } name)
            context.SetResultText($"{context.Result} {name} ({Errno.GetMessage((int)-(uint)context.Result)})");
    }
}
