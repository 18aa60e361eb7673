
namespace Hatrace.Engine.Decoding.Network;

/// <summary>Creating, naming and connecting sockets, and their options. The kernel's prototypes leave the socket calls'
/// parameters unnamed, so every argument is decided here.</summary>
internal static class SocketDecoders
{
    private const int IntSize = 4;
    private const int SolSocket = 1;

    internal static IEnumerable<(string Name, Decoder Decode)> All =>
    [
        ("socket", DecodeSocket),
        ("socketpair", DecodeSocketpair),
        ("bind", DecodeAddressIn),
        ("connect", DecodeAddressIn),
        ("listen", DecodeListen),
        ("accept", DecodeAddressOut),
        ("accept4", DecodeAccept4),
        ("getsockname", DecodeAddressOut),
        ("getpeername", DecodeAddressOut),
        ("shutdown", DecodeShutdown),
        ("setsockopt", DecodeSetsockopt),
        ("getsockopt", DecodeGetsockopt),
    ];

    private static void DecodeSocket(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetDomainTypeProtocol(context);
    }

    private static void DecodeSocketpair(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetDomainTypeProtocol(context);
            context.Defer(3);
        }
        else if (!context.Failed && context.TryRead((ulong)context.Raw(3), out long pair))
        {
            int[] sv = [(int)pair, (int)(pair >> 32)];
            context.Set(3, Syscalls.ArgumentKind.Pointer, sv, StructWriter.Array(sv.Select(context.FormatFd)));
        }
    }

    private static void SetDomainTypeProtocol(DecodeContext context)
    {
        long domain = context.Signed(0);
        context.Set(0, Syscalls.ArgumentKind.Int, SocketNames.FamilyValue(domain), SocketNames.Family(domain, context.Render));
        context.Set(1, Syscalls.ArgumentKind.Int, SocketNames.SocketTypeValue((long)context.Unsigned(1)), SocketNames.SocketType((long)context.Unsigned(1), context.Render));
        context.Set(2, Syscalls.ArgumentKind.Int, SocketNames.ProtocolValue(domain, context.Signed(2)), SocketNames.Protocol(domain, context.Signed(2), context.Render));
    }

    // bind and connect: (fd, address, length).
    private static void DecodeAddressIn(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        SocketArguments.SetSockaddr(context, 1, context.Signed(2));
        context.SetInt(2);
    }

    private static void DecodeListen(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        context.SetInt(1);
    }

    // accept, getsockname, getpeername: (fd, address out, length in/out).
    private static void DecodeAddressOut(DecodeContext context)
    {
        if (!context.Exiting)
        {
            context.SetFd(0);
            SocketArguments.SetLengthIn(context, 2);
            context.Defer(1);
        }
        else
        {
            SocketArguments.SetSockaddrOut(context, 1, 2);
        }
    }

    private static void DecodeAccept4(DecodeContext context)
    {
        DecodeAddressOut(context);
        if (!context.Exiting)
            context.SetFlags(3, SocketNames.SocketFlagNames);
    }

    private static void DecodeShutdown(DecodeContext context)
    {
        if (context.Exiting)
            return;
        context.SetFd(0);
        context.SetNamed(1, SocketNames.ShutdownHow);
    }

    private static void SetLevelAndOption(DecodeContext context)
    {
        context.SetFd(0);
        long level = context.Signed(1);
        context.Set(1, Syscalls.ArgumentKind.Int, new Model.ConstantValue(level, SocketNames.LevelNames), SocketNames.Level(level, context.Render));
        context.Set(2, Syscalls.ArgumentKind.Int, SocketNames.OptionValue(level, context.Signed(2)), SocketNames.Option(level, context.Signed(2), context.Render));
    }

    // The SOL_SOCKET options whose value is a structure: SO_LINGER's struct linger, SO_PEERCRED's struct ucred.
    private static readonly Dictionary<long, (int Size, string Type, string[] Fields)> s_socketStructs = new()
    {
        [13] = (8, "linger", ["l_onoff", "l_linger"]),
        [17] = (12, "ucred", ["pid", "uid", "gid"]),
    };

    // An option value: a known structure by its fields, an int as [1], anything else as a buffer of its length.
    private static void SetOptionValue(DecodeContext context, int index, long length)
    {
        if (context.Signed(1) == SolSocket && s_socketStructs.TryGetValue(context.Signed(2), out var layout)
            && length == layout.Size && context.Raw(index) != 0)
        {
            var bytes = new byte[layout.Size];
            if (context.TryReadBytes((ulong)context.Raw(index), bytes))
            {
                var text = new StructWriter(layout.Type);
                for (int i = 0; i < layout.Fields.Length; i++)
                    text.Field(layout.Fields[i], System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * IntSize)));
                context.Set(index, Syscalls.ArgumentKind.Pointer, text.Value, text.ToString());
                return;
            }
        }
        if (length == IntSize)
            SocketArguments.SetIntPointer(context, index);
        else
            context.SetBuffer(index, length);
    }

    private static void DecodeSetsockopt(DecodeContext context)
    {
        if (context.Exiting)
            return;
        SetLevelAndOption(context);
        SetOptionValue(context, 3, context.Signed(4));
        context.SetInt(4);
    }

    private static void DecodeGetsockopt(DecodeContext context)
    {
        if (!context.Exiting)
        {
            SetLevelAndOption(context);
            SocketArguments.SetLengthIn(context, 4);
            context.Defer(3);
        }
        else if (SocketArguments.SetLengthOut(context, 4) is int length)
        {
            SetOptionValue(context, 3, length);
        }
    }
}
