using System.Runtime.InteropServices;
using Hatrace.Engine.Constants;
using Hatrace.Engine.Model;

namespace Hatrace.Engine.Decoding.Files;

/// <summary>statfs and fstatfs: struct statfs in full at exit, as strace prints it
/// (<c>{f_type=EXT2_SUPER_MAGIC, f_bsize=4096, ..., f_flags=ST_VALID|ST_RELATIME}</c>).</summary>
internal static class StatfsDecoders
{
    private static readonly ConstantTable s_magics = ConstantTable.Load("fs_magics");
    private static readonly FlagSet s_flags = new("statfs_flags", "ST_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("statfs", DecodeStatfs),
        ("fstatfs", DecodeStatfs),
    ];

    private static void DecodeStatfs(DecodeContext context)
    {
        if (!context.Exiting)
            context.Defer(1);
        else if (context.WordSize != 8)
            context.SetPointer(1);
        else
            context.SetOutputStruct<KernelStatfs>(1, statfs => FormatStatfs(statfs, context.Render));
    }

    internal static string FormatStatfs(KernelStatfs statfs, StraceRenderer render) =>
        new StructWriter()
            .Field("f_type", s_magics.NameOf(statfs.Type) ?? DecodeContext.HexOrZero((ulong)statfs.Type))
            .Field("f_bsize", statfs.BlockSize)
            .Field("f_blocks", statfs.Blocks)
            .Field("f_bfree", statfs.FreeBlocks)
            .Field("f_bavail", statfs.AvailableBlocks)
            .Field("f_files", statfs.Files)
            .Field("f_ffree", statfs.FreeFiles)
            .Field("f_fsid", new StructWriter().Field("val", StructWriter.Array(
                [DecodeContext.HexOrZero(statfs.FsId0), DecodeContext.HexOrZero(statfs.FsId1)])).ToString())
            .Field("f_namelen", statfs.NameLength)
            .Field("f_frsize", statfs.FragmentSize)
            .Field("f_flags", s_flags.Format(statfs.Flags, render))
            .ToString();

    /// <summary>struct statfs of 64-bit ABIs (include/uapi/asm-generic/statfs.h, __statfs_word is long).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 120)]
    internal struct KernelStatfs : IKernelStruct<KernelStatfs>
    {
        public static string TypeName => "statfs";

        public readonly IEnumerable<KeyValuePair<string, object?>> Fields() =>
        [
            new("f_type", new ConstantValue(Type, s_magics)), new("f_bsize", BlockSize), new("f_blocks", Blocks),
            new("f_bfree", FreeBlocks), new("f_bavail", AvailableBlocks), new("f_files", Files), new("f_ffree", FreeFiles),
            new("f_fsid", new StructValue("__kernel_fsid_t", [new("val", new ArrayValue([FsId0, FsId1]))])),
            new("f_namelen", NameLength), new("f_frsize", FragmentSize), new("f_flags", new FlagsValue(Flags, s_flags)),
        ];

        public long Type;
        public long BlockSize;
        public long Blocks;
        public long FreeBlocks;
        public long AvailableBlocks;
        public long Files;
        public long FreeFiles;
        public uint FsId0;
        public uint FsId1;
        public long NameLength;
        public long FragmentSize;
        public long Flags;
    }
}
