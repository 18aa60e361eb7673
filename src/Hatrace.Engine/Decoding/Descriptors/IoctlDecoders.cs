using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>A device family's ioctl requests, those of one or more types (the code's <c>_IOC_TYPE</c>): each request's
/// name, or null for one the family does not know, and its argument decided (true) in either phase by one of the
/// shapes of <see cref="IoctlArgument"/>; false leaves it to be printed as a number in hex.</summary>
internal sealed class IoctlFamily(Func<uint, bool, string?> nameOf, Func<DecodeContext, uint, bool> decode)
{
    /// <summary>A family whose requests are named by a table.</summary>
    internal IoctlFamily(Constants.ConstantTable requests, Func<DecodeContext, uint, bool> decode)
        : this((request, _) => requests.NameOf(request), decode)
    {
    }

    /// <summary>The request's name; a part of it no name covers (<c>EVIOCGBIT(0x1e /* EV_??? */, 8)</c>) with strace's
    /// hint when <paramref name="hints"/>, bare as -X verbose prints it inside its comment.</summary>
    internal string? NameOf(uint request, bool hints = true) => nameOf(request, hints);

    internal bool Decode(DecodeContext context, uint request) => decode(context, request);
}

/// <summary>ioctl(fd, request, arg): the request dispatched by its type to the family that names it and decodes its
/// argument (terminals, block and loop devices, real-time clocks, input devices, files, namespaces, watchdogs, perf
/// events, userfaultfds, SCSI generic devices, video devices, hard disks, MTD flash and UBI volumes, the random device,
/// KVM, network block devices, inotify, PTP clocks, TEEs, sockets, device-mapper); a request no family names prints as strace spells an unnamed
/// one, <c>_IOC(_IOC_READ, 0xab, 0x3, 0x4)</c>,
/// with its argument in hex. The request's value is a <see cref="ConstantValue"/> whose Name is the request's
/// (<c>TCGETS</c>).</summary>
internal static class IoctlDecoders
{
    private static readonly string[] s_directions = ["_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"];

    // The families by the type byte of the request's code (include/uapi/asm-generic/ioctl.h: _IOC_TYPESHIFT 8).
    private static readonly Dictionary<uint, IoctlFamily> s_families = new()
    {
        ['T'] = TerminalIoctls.Family,
        [0x12] = BlockIoctls.Family,
        ['L'] = LoopIoctls.Family,
        ['p'] = RtcIoctls.Family,
        ['E'] = InputIoctls.Family,
        [0x00] = FileIoctls.Family,
        ['X'] = FileIoctls.Family,
        ['f'] = FileIoctls.Family,
        ['v'] = FileIoctls.Family,
        [0x94] = FileIoctls.Family,
        [0xb7] = NamespaceIoctls.Family,
        ['W'] = WatchdogIoctls.Family,
        ['$'] = PerfIoctls.Family,
        [0xaa] = UffdIoctls.Family,
        [0x22] = SgIoctls.Family,
        [0x03] = HdioIoctls.Family,
        ['M'] = MtdIoctls.Family,
        ['o'] = UbiIoctls.Family,
        ['O'] = UbiIoctls.Family,
        ['R'] = RandomIoctls.Family,
        [0xae] = KvmIoctls.Family,
        [0xab] = NbdIoctls.Family,
        ['I'] = InotifyIoctls.Family,
        ['='] = PtpIoctls.Family,
        [0xa4] = TeeIoctls.Family,
        ['V'] = V4l2Ioctls.Family,
        [0x89] = SocketIoctls.Family,
        [0xfd] = DmIoctls.Family,
    };

    internal static IEnumerable<(string Name, Decoder Decode)> All => [("ioctl", DecodeIoctl)];

    private static void DecodeIoctl(DecodeContext context)
    {
        uint request = (uint)context.Raw(1);
        IoctlFamily? family = s_families.GetValueOrDefault(Type(request));
        if (!context.Exiting)
        {
            string? name = family?.NameOf(request);
            context.Set(1, ArgumentKind.UInt, new ConstantValue(request, name), render => render.Format(DecodeContext.HexOrZero(request),
                (render.Style == ConstantStyle.Verbose ? family?.NameOf(request, hints: false) : name) ?? FormatRequest(request)));
        }
        else if (!context.IsDeferred(IoctlArgument.Index))
            return;
        // The structures and longs of the other families are declared in x86_64's layout; a terminal's are the same on i386.
        bool decoded = family is not null && (context.WordSize == 8 || family == TerminalIoctls.Family) && family.Decode(context, request);
        if (!decoded && !context.Exiting)
            context.Set(IoctlArgument.Index, ArgumentKind.UInt, context.Raw(IoctlArgument.Index), DecodeContext.HexOrZero((ulong)context.Raw(IoctlArgument.Index)));
    }

    /// <summary>Whether -y describes the descriptor the request returns: a namespace's owner or parent, a KVM virtual
    /// machine or vCPU, as strace does (it leaves TIOCGPTPEER's pty and KVM's devices and statistics as numbers).</summary>
    internal static bool ReturnsDescriptor(uint request) =>
        s_families.GetValueOrDefault(Type(request))?.NameOf(request) is "NS_GET_USERNS" or "NS_GET_PARENT" or "KVM_CREATE_VM" or "KVM_CREATE_VCPU";

    /// <summary>The request's type, <c>_IOC_TYPE</c>.</summary>
    internal static uint Type(uint request) => (request >> 8) & 0xff;

    /// <summary>The request's number, <c>_IOC_NR</c>.</summary>
    internal static uint Number(uint request) => request & 0xff;

    /// <summary>The size of the request's argument, <c>_IOC_SIZE</c>.</summary>
    internal static uint Size(uint request) => (request >> 16) & 0x3fff;

    /// <summary>An unnamed request by its parts: <c>_IOC(_IOC_READ, 0xab, 0x3, 0x4)</c> (direction, type, number, size).</summary>
    internal static string FormatRequest(uint request) =>
        $"_IOC({s_directions[request >> 30]}, {DecodeContext.HexOrZero(Type(request))}, "
        + $"{DecodeContext.HexOrZero(Number(request))}, {DecodeContext.HexOrZero(Size(request))})";
}
