namespace Hatrace.Engine.Decoding.Process;

/// <summary>Kernel modules and kexec images: delete_module, finit_module and kexec_file_load, whose flags print by
/// name. init_module's arguments read as their kinds say.</summary>
internal static class ModuleDecoders
{
    private static readonly FlagSet s_deleteFlags = new("delete_module_flags", "O_???");
    private static readonly FlagSet s_initFlags = new("module_init_flags", "MODULE_INIT_???");
    private static readonly FlagSet s_kexecFlags = new("kexec_file_flags", "KEXEC_FILE_???");

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("delete_module", context => SetFlags(context, 1, s_deleteFlags)),
        ("finit_module", context => SetFlags(context, 2, s_initFlags)),
        ("kexec_file_load", DecodeKexecFileLoad),
    ];

    private static void SetFlags(DecodeContext context, int index, FlagSet flags)
    {
        if (!context.Exiting)
            context.SetFlags(index, flags);
    }

    /// <summary>kexec_file_load(kernel_fd, initrd_fd, cmdline_len, cmdline, flags): the command line is the
    /// cmdline_len bytes given, its NUL among them.</summary>
    private static void DecodeKexecFileLoad(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetBuffer(3, (long)context.Unsigned(2));
        context.SetFlags(4, s_kexecFlags);
    }
}
