using System.Globalization;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>File handles: struct file_handle, the handle's bytes in hex (<c>{handle_bytes=8, handle_type=1,
/// f_handle="\x70\xc5..."}</c>). name_to_handle_at prints the size it was given at entry and, at exit, the size the
/// kernel wrote back where it changed (<c>{handle_bytes=0 =&gt; 8}</c>, as EOVERFLOW asks for more), then the handle
/// it made and the mount's id.</summary>
internal static class HandleDecoders
{
    private const int MaxHandleSize = 128; // MAX_HANDLE_SZ, include/linux/exportfs.h
    private const int EOVERFLOW = 75;

    private static readonly FlagSet s_nameFlags = new("name_to_handle_at_flags", "AT_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("name_to_handle_at", DecodeNameToHandleAt),
        ("open_by_handle_at", DecodeOpenByHandleAt),
    ];

    /// <summary>struct file_handle without the f_handle bytes that follow it. Only the C library declares it
    /// (bits/fcntl-linux.h), whose headers the layout probe cannot include beside the kernel's, so it is no
    /// IKernelStruct: two 32-bit fields leave no room for a layout to differ.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileHandle
    {
        public uint handle_bytes;
        public int handle_type;

        public readonly StructValue Value(params KeyValuePair<string, object?>[] more) =>
            new("file_handle", [new("handle_bytes", handle_bytes), new("handle_type", handle_type), .. more]);
    }

    private static void DecodeNameToHandleAt(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetString(1, ArgumentKind.Path); // a path, whole, though the kernel's prototype calls it name
            if (context.Dereference && context.TryRead((ulong)context.Raw(2), out FileHandle given))
            {
                // Left open, as strace leaves it: what the kernel wrote into it follows at exit, inside the braces.
                context.Set(2, ArgumentKind.Pointer, given.Value(), $"{{handle_bytes={Decimal(given.handle_bytes)}");
                context.ContinueAtExit(2);
            }
            else
            {
                context.SetPointer(2);
            }
            context.Defer(3);
            context.SetFlags(4, s_nameFlags);
            return;
        }
        if (context.Failed)
            context.SetPointer(3);
        else
            context.SetPointee<int>(3, id => StructWriter.Array([Decimal(id)]));
        if (context.Arguments[2] is not { Value: StructValue entered })
            return;
        uint givenBytes = (uint)entered["handle_bytes"]!;
        if ((context.Failed && context.Call.ErrnoValue != EOVERFLOW) || !TryReadHandle(context, context.Raw(2), out FileHandle handle, out byte[] bytes))
        {
            context.Set(2, ArgumentKind.Pointer, entered, $"{{handle_bytes={Decimal(givenBytes)}}}");
            return;
        }
        string size = Decimal(givenBytes) + (handle.handle_bytes != givenBytes ? " => " + Decimal(handle.handle_bytes) : "");
        // A failed call (EOVERFLOW) wrote only the size it needs.
        if (context.Failed)
            context.Set(2, ArgumentKind.Pointer, handle.Value(), $"{{handle_bytes={size}}}");
        else
            SetHandle(context, 2, handle, bytes, size);
    }

    private static void DecodeOpenByHandleAt(DecodeContext context)
    {
        if (context.Exiting)
            return;
        if (TryReadHandle(context, context.Raw(1), out FileHandle handle, out byte[] bytes))
            SetHandle(context, 1, handle, bytes, Decimal(handle.handle_bytes));
        else
            context.SetPointer(1);
        long flags = context.Signed(2);
        context.Set(2, ArgumentKind.OpenFlags, OpenFlags.Value(flags), OpenFlags.Format(flags, context.Render));
    }

    // The header and as many of the handle's bytes as it says, MAX_HANDLE_SZ at most, all the kernel reads.
    private static bool TryReadHandle(DecodeContext context, long address, out FileHandle handle, out byte[] bytes)
    {
        bytes = [];
        if (!context.Dereference || !context.TryRead((ulong)address, out handle))
        {
            handle = default;
            return false;
        }
        bytes = new byte[Math.Min(handle.handle_bytes, MaxHandleSize)];
        return context.TryReadBytes((ulong)address + (ulong)Marshal.SizeOf<FileHandle>(), bytes);
    }

    private static void SetHandle(DecodeContext context, int index, FileHandle handle, byte[] bytes, string size)
    {
        bool truncated = handle.handle_bytes > MaxHandleSize;
        StructValue value = handle.Value(new KeyValuePair<string, object?>("f_handle", new StringValue(bytes, truncated, unterminated: false)));
        context.Set(index, ArgumentKind.Pointer, value, $"{{handle_bytes={size}, handle_type={Decimal(handle.handle_type)}, f_handle={context.Render.QuoteHex(bytes, truncated)}}}");
    }

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
