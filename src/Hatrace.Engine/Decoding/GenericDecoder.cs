using System.Globalization;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding;

/// <summary>Decodes arguments by their kind, as the kernel's prototype declares them: the decoder of every call
/// that has no family decoder, and of the arguments a family decoder leaves to it.</summary>
internal static class GenericDecoder
{
    private const int AtFdCwd = -100;

    /// <summary>At entry: every undecided argument that is not an output.</summary>
    internal static void DecodeInputs(DecodeContext context)
    {
        for (int i = 0; i < context.Arguments.Length; i++)
        {
            if (!context.IsDecided(i) && !context.IsDeferred(i) && context.Parameters[i].Kind != ArgumentKind.OutputBuffer)
                DecodeInput(context, i);
        }
    }

    /// <summary>At exit: the output buffers still undecided, now that the result says how much was written.</summary>
    internal static void DecodeOutputs(DecodeContext context)
    {
        for (int i = 0; i < context.Arguments.Length; i++)
        {
            if (!context.IsDecided(i) && context.Parameters[i].Kind == ArgumentKind.OutputBuffer)
            {
                if (context.Failed)
                    context.SetPointer(i);
                else
                    context.SetBuffer(i, context.Result);
            }
        }
    }

    /// <summary>At entry, for the calls chosen by strace's <c>-e raw=</c>: every argument as its register, in hex.</summary>
    internal static void DecodeUndecoded(DecodeContext context)
    {
        for (int i = 0; i < context.Arguments.Length; i++)
            context.Set(i, ArgumentKind.UInt, context.Raw(i), DecodeContext.HexOrZero((ulong)context.Raw(i)));
    }

    private static bool IsUnchangedId(SyscallParameter parameter, ulong value) => parameter.Type switch
    {
        "uid_t" or "gid_t" => (uint)value == uint.MaxValue,
        "old_uid_t" or "old_gid_t" => (ushort)value == ushort.MaxValue, // i386's 16-bit calls
        _ => false,
    };

    private static void DecodeInput(DecodeContext context, int i)
    {
        SyscallParameter p = context.Parameters[i];
        switch (p.Kind)
        {
            case ArgumentKind.Int:
                context.SetInt(i);
                break;
            case ArgumentKind.Fd:
                context.SetFd(i);
                break;
            case ArgumentKind.UInt when IsUnchangedId(p, context.Unsigned(i)):
                // A uid_t or gid_t of -1, which leaves the id as it is: strace prints -1.
                context.Set(i, ArgumentKind.Int, -1L, "-1");
                break;
            case ArgumentKind.UInt when p.Type is "old_uid_t" or "old_gid_t":
            {
                ushort id = (ushort)context.Unsigned(i); // i386's 16-bit ids: the kernel reads the register's low half
                context.Set(i, ArgumentKind.UInt, (long)id, id.ToString(CultureInfo.InvariantCulture));
                break;
            }
            case ArgumentKind.UInt:
                context.SetUInt(i);
                break;
            case ArgumentKind.DirFd:
                SetDirFd(context, i);
                break;
            case ArgumentKind.Mode:
                context.Set(i, ArgumentKind.Mode, context.Signed(i), FormatMode(context.Unsigned(i)));
                break;
            case ArgumentKind.Path:
            case ArgumentKind.String:
                context.SetString(i, p.Kind);
                break;
            case ArgumentKind.InputBuffer:
                context.SetBuffer(i, p.LengthIndex >= 0 ? (long)context.Unsigned(p.LengthIndex) : 0);
                break;
            case ArgumentKind.StringArray:
                StringArrays.SetArgv(context, i);
                break;
            case ArgumentKind.EnvironmentArray:
                StringArrays.SetEnvironment(context, i);
                break;
            case ArgumentKind.OpenFlags:
                context.Set(i, ArgumentKind.OpenFlags, Files.OpenFlags.Value(context.Signed(i)), Files.OpenFlags.Format(context.Signed(i), context.Render));
                break;
            default:
                context.SetPointer(i, PointerReason.NotDecoded);
                break;
        }
    }

    /// <summary>A directory descriptor of the *at calls: <c>AT_FDCWD</c>, or the descriptor as -y describes it.</summary>
    internal static void SetDirFd(DecodeContext context, int i)
    {
        if (context.Signed(i) == AtFdCwd)
            context.Set(i, ArgumentKind.DirFd, new DescriptorValue(AtFdCwd, null), context.Render.Decimal(AtFdCwd, "AT_FDCWD"));
        else
            context.SetFd(i, ArgumentKind.DirFd);
    }

    /// <summary>File mode bits as strace prints them: octal with a leading 0 (<c>0644</c>, <c>000</c>).</summary>
    internal static string FormatMode(ulong mode) => "0" + Convert.ToString((long)(mode & 0xffff), 8).PadLeft(2, '0');

    /// <summary>A number the kernel does not name: all six registers in hex, as strace prints them.</summary>
    internal static SyscallArgument[] UnknownCall(SyscallEvent call)
    {
        var arguments = new SyscallArgument[6];
        for (int i = 0; i < arguments.Length; i++)
        {
            long raw = call.GetRawArgument(i);
            arguments[i] = new($"arg{i}", raw, ArgumentKind.UInt, raw, DecodeContext.HexOrZero((ulong)raw));
        }
        return arguments;
    }
}
