using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>statfs and fstatfs, and i386's statfs64 and fstatfs64: struct statfs in full at exit, as strace prints it
/// (<c>{f_type=EXT2_SUPER_MAGIC, f_bsize=4096, ..., f_flags=ST_VALID|ST_RELATIME}</c>).</summary>
internal static class StatfsDecoders
{
    private static readonly ConstantTable s_magics = ConstantTable.Load("fs_magics");
    private static readonly FlagSet s_flags = new("statfs_flags", "ST_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("statfs", DecodeStatfs),
        ("fstatfs", DecodeStatfs),
        ("statfs64", DecodeStatfs64), // (path, sz, buf), sz the size of struct statfs64
        ("fstatfs64", DecodeStatfs64),
    ];

    private static void DecodeStatfs(DecodeContext context) =>
        context.SetOutputStructAtExit<KernelStatfs, KernelStatfs32>(1, (statfs, render, _) => FormatStatfs(statfs, render));

    private static void DecodeStatfs64(DecodeContext context) =>
        context.SetOutputStructAtExit<KernelStatfs, KernelStatfs64>(2, (statfs, render, _) => FormatStatfs(statfs, render));

    // ST_VALID: the kernel filled f_flags (since Linux 2.6.36); strace leaves f_flags out when it did not.
    private const long StValid = 0x20;

    internal static string FormatStatfs(KernelStatfs statfs, StraceRenderer render)
    {
        StructWriter text = new StructWriter()
            .Field("f_type", s_magics.NameOf(statfs.f_type) is string magic
                ? render.Format(DecodeContext.HexOrZero((ulong)statfs.f_type), magic) : DecodeContext.HexOrZero((ulong)statfs.f_type))
            .Field("f_bsize", statfs.f_bsize)
            .Field("f_blocks", statfs.f_blocks)
            .Field("f_bfree", statfs.f_bfree)
            .Field("f_bavail", statfs.f_bavail)
            .Field("f_files", statfs.f_files)
            .Field("f_ffree", statfs.f_ffree)
            .Field("f_fsid", new StructWriter().Field("val", StructWriter.Array(
                [DecodeContext.HexOrZero(statfs.f_fsid.val[0]), DecodeContext.HexOrZero(statfs.f_fsid.val[1])])).ToString())
            .Field("f_namelen", statfs.f_namelen)
            .Field("f_frsize", statfs.f_frsize);
        if ((statfs.f_flags & StValid) != 0)
            text.Field("f_flags", s_flags.Format(statfs.f_flags, render));
        return text.ToString();
    }

    /// <summary>__kernel_fsid_t: two ints.</summary>
    internal struct KernelFsid : IKernelStruct<KernelFsid>
    {
        public FsidWords val;

        public static string TypeName => "__kernel_fsid_t";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() => [new("val", new ArrayValue([val[0], val[1]]))];
    }

    [InlineArray(2)]
    internal struct FsidWords
    {
        private uint _word;
    }

    /// <summary>struct statfs of 64-bit ABIs (include/uapi/asm-generic/statfs.h, __statfs_word is long).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 120)]
    internal struct KernelStatfs : IKernelStruct<KernelStatfs>
    {
        public static string TypeName => "statfs";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("f_type", new ConstantValue(f_type, s_magics)), new("f_bsize", f_bsize), new("f_blocks", f_blocks),
            new("f_bfree", f_bfree), new("f_bavail", f_bavail), new("f_files", f_files), new("f_ffree", f_ffree),
            new("f_fsid", StructValue.Of(f_fsid)),
            new("f_namelen", f_namelen), new("f_frsize", f_frsize), new("f_flags", new FlagsValue(f_flags, s_flags)),
        ];

        public long f_type;
        public long f_bsize;
        public long f_blocks;
        public long f_bfree;
        public long f_bavail;
        public long f_files;
        public long f_ffree;
        public KernelFsid f_fsid;
        public long f_namelen;
        public long f_frsize;
        public long f_flags;
    }

    /// <summary>struct statfs of i386: 32-bit words.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    internal struct KernelStatfs32 : ICompatStruct<KernelStatfs32, KernelStatfs>
    {
        public static string TypeName => "statfs";

        public readonly KernelStatfs Widen() => new()
        {
            f_type = f_type, f_bsize = f_bsize, f_blocks = f_blocks, f_bfree = f_bfree, f_bavail = f_bavail, f_files = f_files,
            f_ffree = f_ffree, f_fsid = f_fsid, f_namelen = f_namelen, f_frsize = f_frsize, f_flags = f_flags,
        };

        public uint f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
        public KernelFsid f_fsid;
        public uint f_namelen, f_frsize, f_flags;
    }

    /// <summary>struct statfs64 of i386: 64-bit counts, packed to 4 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4, Size = 84)]
    internal struct KernelStatfs64 : ICompatStruct<KernelStatfs64, KernelStatfs>
    {
        public static string TypeName => "statfs64";

        public readonly KernelStatfs Widen() => new()
        {
            f_type = f_type, f_bsize = f_bsize, f_blocks = (long)f_blocks, f_bfree = (long)f_bfree, f_bavail = (long)f_bavail,
            f_files = (long)f_files, f_ffree = (long)f_ffree, f_fsid = f_fsid, f_namelen = f_namelen, f_frsize = f_frsize, f_flags = f_flags,
        };

        public uint f_type, f_bsize;
        public ulong f_blocks, f_bfree, f_bavail, f_files, f_ffree;
        public KernelFsid f_fsid;
        public uint f_namelen, f_frsize, f_flags;
    }
}
