using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Decoding.Files;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>The loop device requests (type 'L', include/uapi/linux/loop.h): struct loop_info64 and the old struct
/// loop_info that the status requests read or fill in, struct loop_config, and the descriptors and numbers the others
/// take.</summary>
internal static class LoopIoctls
{
    private const uint CryptNone = 0; // LO_CRYPT_NONE
    private const int KeySize = 32;   // LO_KEY_SIZE

    private static readonly ConstantTable s_requests = ConstantTable.Load("loop_ioctls");
    private static readonly FlagSet s_flags = new("loop_flags", "LO_FLAGS_???");
    private static readonly NamedValues s_cryptTypes = new("loop_crypt_types", "LO_CRYPT_???");

    internal static IoctlFamily Family { get; } = new(s_requests, Decode);

    private static bool Decode(DecodeContext context, uint request)
    {
        switch (s_requests.NameOf(request))
        {
            case "LOOP_SET_STATUS64":
                IoctlArgument.Input<LoopInfo64>(context, FormatInfo64);
                break;
            case "LOOP_GET_STATUS64":
                IoctlArgument.Output<LoopInfo64>(context, FormatInfo64);
                break;
            case "LOOP_SET_STATUS":
                IoctlArgument.Input<LoopInfo>(context, FormatInfo);
                break;
            case "LOOP_GET_STATUS":
                IoctlArgument.Output<LoopInfo>(context, FormatInfo);
                break;
            case "LOOP_CONFIGURE":
                // The backing file's descriptor described now, as -y asks, while the descriptor table is the call's.
                string fd = context.TryRead((ulong)context.Raw(IoctlArgument.Index), out LoopConfig read) ? context.FormatFd((int)read.fd) : "";
                IoctlArgument.Input<LoopConfig>(context, (config, render, abbreviate) => new StructWriter()
                    .Field("fd", render.Resolve(fd)).Field("block_size", config.block_size)
                    .Field("info", FormatInfo64(config.info, render, abbreviate)).ToString());
                break;
            case "LOOP_SET_FD" or "LOOP_CHANGE_FD":
                IoctlArgument.Fd(context);
                break;
            case "LOOP_CTL_ADD" or "LOOP_CTL_REMOVE":
                IoctlArgument.Int(context);
                break;
            case "LOOP_SET_DIRECT_IO" or "LOOP_SET_BLOCK_SIZE":
                IoctlArgument.Number(context);
                break;
            case "LOOP_CLR_FD" or "LOOP_SET_CAPACITY" or "LOOP_CTL_GET_FREE":
                IoctlArgument.None(context);
                break;
            default:
                return false;
        }
        return true;
    }

    // Without -v strace leaves out the devices, the size limit and lo_init, and prints the encryption's fields only
    // when the device is encrypted.
    private static string FormatInfo64(LoopInfo64 info, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter();
        if (!abbreviate)
        {
            text.Field("lo_device", FileModes.FormatDevice(info.lo_device, render)).Field("lo_inode", info.lo_inode.ToString(CultureInfo.InvariantCulture))
                .Field("lo_rdevice", FileModes.FormatDevice(info.lo_rdevice, render));
        }
        text.Field("lo_offset", DecodeContext.HexOrZero(info.lo_offset));
        if (!abbreviate)
            text.Field("lo_sizelimit", info.lo_sizelimit.ToString(CultureInfo.InvariantCulture));
        text.Field("lo_number", info.lo_number);
        bool encrypted = !abbreviate || info.lo_encrypt_type != CryptNone;
        if (encrypted)
            text.Field("lo_encrypt_type", s_cryptTypes.Format(info.lo_encrypt_type, render)).Field("lo_encrypt_key_size", info.lo_encrypt_key_size);
        text.Field("lo_flags", s_flags.Format(info.lo_flags, render))
            .Field("lo_file_name", render.QuoteFixed(info.lo_file_name));
        if (encrypted)
            text.Field("lo_crypt_name", render.QuoteFixed(info.lo_crypt_name)).Field("lo_encrypt_key", Key(info.lo_encrypt_key, info.lo_encrypt_key_size, render));
        return (abbreviate ? text.More() : text.Field("lo_init", Init(info.lo_init))).ToString();
    }

    // The old structure: lo_number first, one name, and four reserved bytes at its end.
    private static string FormatInfo(LoopInfo info, StraceRenderer render, bool abbreviate)
    {
        var text = new StructWriter().Field("lo_number", info.lo_number);
        if (!abbreviate)
        {
            text.Field("lo_device", FileModes.FormatDevice(info.lo_device, render)).Field("lo_inode", info.lo_inode.ToString(CultureInfo.InvariantCulture))
                .Field("lo_rdevice", FileModes.FormatDevice(info.lo_rdevice, render));
        }
        text.Field("lo_offset", DecodeContext.HexOrZero((uint)info.lo_offset));
        bool encrypted = !abbreviate || info.lo_encrypt_type != CryptNone;
        if (encrypted)
            text.Field("lo_encrypt_type", s_cryptTypes.Format(info.lo_encrypt_type, render)).Field("lo_encrypt_key_size", info.lo_encrypt_key_size);
        text.Field("lo_flags", s_flags.Format(info.lo_flags, render)).Field("lo_name", render.QuoteFixed(info.lo_name));
        if (encrypted)
            text.Field("lo_encrypt_key", Key(info.lo_encrypt_key, (uint)info.lo_encrypt_key_size, render));
        if (abbreviate)
            return text.More().ToString();
        return text.Field("lo_init", Init(info.lo_init))
            .Field("reserved", StructWriter.Array([.. ((ReadOnlySpan<byte>)info.reserved).ToArray().Select(b => DecodeContext.HexOrZero(b))])).ToString();
    }

    // The key's first lo_encrypt_key_size bytes, NULs and all.
    private static string Key(ReadOnlySpan<byte> key, uint size, StraceRenderer render) =>
        render.QuoteWhole(key[..(int)Math.Min(size, KeySize)], truncated: false);

    private static string Init(LoopInit init) =>
        StructWriter.Array([DecodeContext.HexOrZero(init[0]), DecodeContext.HexOrZero(init[1])]);

    private static KeyValuePair<string, object?>[] NameFields(string name, ReadOnlySpan<byte> bytes) =>
        [new(name, StraceQuoting.Display(StraceQuoting.BeforeNul(bytes)))];

    /// <summary>struct loop_info64.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LoopInfo64 : IKernelStruct<LoopInfo64>
    {
        public ulong lo_device;
        public ulong lo_inode;
        public ulong lo_rdevice;
        public ulong lo_offset;
        public ulong lo_sizelimit;
        public uint lo_number;
        public uint lo_encrypt_type;
        public uint lo_encrypt_key_size;
        public uint lo_flags;
        public LoopName lo_file_name;
        public LoopName lo_crypt_name;
        public LoopKey lo_encrypt_key;
        public LoopInit lo_init;

        public static string TypeName => "loop_info64";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("lo_device", lo_device), new("lo_inode", lo_inode), new("lo_rdevice", lo_rdevice), new("lo_offset", lo_offset),
            new("lo_sizelimit", lo_sizelimit), new("lo_number", lo_number),
            new("lo_encrypt_type", new ConstantValue(lo_encrypt_type, s_cryptTypes)), new("lo_encrypt_key_size", lo_encrypt_key_size),
            new("lo_flags", new FlagsValue(lo_flags, s_flags)), .. NameFields("lo_file_name", lo_file_name),
            .. NameFields("lo_crypt_name", lo_crypt_name), new("lo_encrypt_key", ((ReadOnlySpan<byte>)lo_encrypt_key).ToArray()),
            new("lo_init", new[] { lo_init[0], lo_init[1] }),
        ];
    }

    /// <summary>The old struct loop_info, whose device numbers are __kernel_old_dev_t (unsigned long on x86_64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LoopInfo : IKernelStruct<LoopInfo>
    {
        public int lo_number;
        public ulong lo_device;
        public ulong lo_inode;
        public ulong lo_rdevice;
        public int lo_offset;
        public int lo_encrypt_type;
        public int lo_encrypt_key_size;
        public int lo_flags;
        public LoopName lo_name;
        public LoopKey lo_encrypt_key;
        public LoopInit lo_init;
        public LoopReserved reserved;

        public static string TypeName => "loop_info";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("lo_number", lo_number), new("lo_device", lo_device), new("lo_inode", lo_inode), new("lo_rdevice", lo_rdevice),
            new("lo_offset", lo_offset), new("lo_encrypt_type", new ConstantValue(lo_encrypt_type, s_cryptTypes)),
            new("lo_encrypt_key_size", lo_encrypt_key_size), new("lo_flags", new FlagsValue((uint)lo_flags, s_flags)),
            .. NameFields("lo_name", lo_name), new("lo_encrypt_key", ((ReadOnlySpan<byte>)lo_encrypt_key).ToArray()),
            new("lo_init", new[] { lo_init[0], lo_init[1] }), new("reserved", ((ReadOnlySpan<byte>)reserved).ToArray()),
        ];
    }

    /// <summary>struct loop_config (LOOP_CONFIGURE): the backing file's descriptor, the block size and the status.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct LoopConfig : IKernelStruct<LoopConfig>
    {
        public uint fd;
        public uint block_size;
        public LoopInfo64 info;
        public LoopReserved64 __reserved;

        public static string TypeName => "loop_config";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
            [new("fd", (int)fd), new("block_size", block_size), new("info", StructValue.Of(info))];
    }

    /// <summary>LO_NAME_SIZE chars.</summary>
    [InlineArray(64)]
    internal struct LoopName
    {
        private byte _byte;
    }

    /// <summary>LO_KEY_SIZE bytes.</summary>
    [InlineArray(KeySize)]
    internal struct LoopKey
    {
        private byte _byte;
    }

    /// <summary>lo_init[2].</summary>
    [InlineArray(2)]
    internal struct LoopInit
    {
        private ulong _value;
    }

    /// <summary>loop_info's reserved[4].</summary>
    [InlineArray(4)]
    internal struct LoopReserved
    {
        private byte _byte;
    }

    /// <summary>loop_config's __reserved[8].</summary>
    [InlineArray(8)]
    internal struct LoopReserved64
    {
        private ulong _value;
    }
}
