using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Memory;

/// <summary>modify_ldt, which reads and writes the process's local descriptor table: its entry as a struct user_desc
/// where the byte count is one's size, and its result as strace shows it; i386's set_thread_area and get_thread_area,
/// which set and read a thread's TLS entries in the global one.</summary>
internal static class LdtDecoders
{
    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("modify_ldt", DecodeModifyLdt),
        ("set_thread_area", DecodeSetThreadArea),
        ("get_thread_area", DecodeGetThreadArea),
    ];

    /// <summary>struct user_desc (arch/x86/include/uapi/asm/ldt.h), the same on both ABIs: its bit fields in one word,
    /// seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1, seg_not_present:1, useable:1, and lm:1 on x86_64.</summary>
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

        /// <summary>The entry as strace prints it; <paramref name="longMode"/>: with the lm bit, which only x86_64 declares.</summary>
        internal readonly string Print(bool longMode)
        {
            StructWriter text = new StructWriter().Field("entry_number", (int)entry_number)
                .Field("base_addr", Hex8(base_addr)).Field("limit", Hex8(limit)).Field("seg_32bit", Bits(0, 1)).Field("contents", Bits(1, 2))
                .Field("read_exec_only", Bits(3, 1)).Field("limit_in_pages", Bits(4, 1)).Field("seg_not_present", Bits(5, 1))
                .Field("useable", Bits(6, 1));
            return (longMode ? text.Field("lm", Bits(7, 1)) : text).ToString();
        }

        // C's %#08x: 0x and at least six digits, but zero as eight zeros (the '#' adds no 0x to zero).
        private static string Hex8(uint value) => value == 0 ? "00000000" : "0x" + value.ToString("x6", CultureInfo.InvariantCulture);
    }

    /// <summary>modify_ldt(func, ptr, bytecount): ptr as an entry where bytecount is an entry's size, read at entry
    /// whatever func does with it (as strace reads it, even to be filled), else its address. The kernel returns the int
    /// result as an unsigned one, so an error reaches the caller as a large number, not an errno: strace prints that
    /// number with the error's name (<c>= 4294967274 EINVAL (Invalid argument)</c>), and so does this.</summary>
    private static void DecodeModifyLdt(DecodeContext context)
    {
        if (!context.Exiting)
        {
            if (context.Unsigned(2) == (ulong)Marshal.SizeOf<UserDesc>())
                SetEntry(context, 1);
            else
                context.SetPointer(1, PointerReason.NotDecoded);
        }
        else if (context.Result is > uint.MaxValue - 4095 and <= uint.MaxValue && Errno.GetName((int)-(uint)context.Result) is { } name)
            context.SetResultText($"{context.Result} {name} ({Errno.GetMessage((int)-(uint)context.Result)})");
    }

    private static void SetEntry(DecodeContext context, int index)
    {
        bool longMode = context.WordSize == 8;
        context.SetStruct<UserDesc>(index, (entry, _, _) => entry.Print(longMode));
    }

    // x86_64 declares set_thread_area and get_thread_area without parameters (they fail with ENOSYS there).
    private const int Entry = 0;

    /// <summary>set_thread_area(u_info): the entry given, and the number of the one the kernel set, which it writes
    /// back (a free one's for entry_number -1), as strace shows it: <c>= 0 (entry_number=12)</c>.</summary>
    private static void DecodeSetThreadArea(DecodeContext context)
    {
        if (context.Parameters.Count == 0)
            return;
        if (!context.Exiting)
            SetEntry(context, Entry);
        else if (!context.Failed && context.TryRead((ulong)context.Raw(Entry), out uint number))
            context.SetResultText($"{context.Result} (entry_number={number})");
    }

    /// <summary>get_thread_area(u_info): the entry the kernel wrote, at exit; only the number asked for when it failed
    /// (<c>{entry_number=99, ...}</c>).</summary>
    private static void DecodeGetThreadArea(DecodeContext context)
    {
        if (context.Parameters.Count == 0)
            return;
        if (!context.Exiting)
            context.Defer(Entry);
        else if (!context.Failed)
            SetEntry(context, Entry);
        else if (context.TryRead((ulong)context.Raw(Entry), out uint number))
            context.Set(Entry, ArgumentKind.Pointer, (long)(int)number,
                "{entry_number=" + ((int)number).ToString(CultureInfo.InvariantCulture) + ", ...}");
        else
            context.SetPointer(Entry);
    }
}
