using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Engine.Decoding.Descriptors;

/// <summary>What a tracee's file descriptor refers to, as strace's <c>-y</c> and <c>-yy</c> print it after the
/// number: <c>&lt;/etc/passwd&gt;</c>, <c>&lt;pipe:[6789]&gt;</c>, <c>&lt;TCP:[127.0.0.1:8080]&gt;</c>,
/// <c>&lt;/dev/null&lt;char 1:3&gt;&gt;</c>. Read from /proc while the tracee is stopped, so it is what the
/// descriptor was at that stop; a descriptor that is not open gets nothing.</summary>
internal sealed class DescriptorDescriber(DescriptorDetail detail)
{
    private const string SocketPrefix = "socket:[";
    private const string PidfdTarget = "anon_inode:[pidfd]";
    private static ReadOnlySpan<byte> Deleted => " (deleted)"u8;
    private const int PathMax = 4096;

    // Socket details by link target (socket:[inode]): once the kernel has reported a socket, strace prints what it
    // reported for as long as the socket lives, even after its peer has gone.
    private readonly Dictionary<string, string> _sockets = new(StringComparer.Ordinal);
    // Netlink protocols by socket inode, NotNetlink for a socket of another family: a socket keeps its family and
    // protocol for life. Emptied when it grows large, as a server that sends on each connection it accepts would grow
    // it without end.
    private readonly Dictionary<uint, int> _netlinkProtocols = [];
    private const int NotNetlink = -2;
    private const int MostSocketsKnown = 4096;
    private const int AtFdCwd = -100;
    private const long FcntlDupFd = 0, FcntlDupFdCloexec = 1030;  // F_DUPFD, F_DUPFD_CLOEXEC
    private const ulong LandlockAskedNotCreated = 0x3; // LANDLOCK_CREATE_RULESET_VERSION, _ERRATA: no ruleset made

    // The calls whose result is a new descriptor, which strace prints described (fcntl's only for F_DUPFD*,
    // landlock_create_ruleset's only when it made a ruleset).
    private static readonly FrozenSet<string> s_descriptorResults = FrozenSet.Create(StringComparer.Ordinal,
        "open", "openat", "openat2", "creat", "open_by_handle_at", "dup", "dup2", "dup3", "socket", "accept", "accept4",
        "epoll_create", "epoll_create1", "eventfd", "eventfd2", "signalfd", "signalfd4", "timerfd_create",
        "inotify_init", "inotify_init1", "fanotify_init", "memfd_create", "memfd_secret", "userfaultfd",
        "perf_event_open", "pidfd_open", "pidfd_getfd", "open_tree", "fsopen", "fsmount", "fspick",
        "io_uring_setup", "mq_open");

    // The protocols strace names (the kernel's system.sockprotoname): unix (UNIX, UNIX-STREAM), netlink, and the inet
    // ones whose sockets sock_diag may report. Another socket (PACKET, AF_VSOCK, MPTCP, and UDP-Lite, which strace looks
    // for as UDPLITE) it prints as -y does.
    private static readonly FrozenSet<string> s_namedProtocols = FrozenSet.Create(StringComparer.Ordinal,
        "UNIX", "UNIX-STREAM", "NETLINK", "TCP", "TCPv6", "UDP", "UDPv6", "UDPLITE", "UDPLITEv6", "DCCP", "DCCPv6",
        "SCTP", "SCTPv6", "L2TP/IP", "L2TP/IPv6", "PING", "PINGv6", "RAW", "RAWv6");

    /// <summary>Whether anything is to be resolved at all: every resolution costs a readlink.</summary>
    internal bool Enabled => detail != DescriptorDetail.None;

    /// <summary>At entry: adds the description to every argument decided a descriptor, as its prototype declares or by
    /// its decoder (<see cref="DecodeContext.SetFd"/>), and the path to its <see cref="DescriptorValue"/>.</summary>
    internal void DescribeArguments(DecodeContext context)
    {
        if (!Enabled)
            return;
        int threadId = context.Call.ThreadId;
        for (int i = 0; i < context.Parameters.Count; i++)
        {
            // A decoder may decide as a descriptor a number the prototype does not declare as one (fsconfig's aux), and
            // as a number one it does (close_range's bounds, which strace prints bare).
            if (context.Arguments[i] is not { Kind: ArgumentKind.Fd or ArgumentKind.DirFd } argument)
                continue;
            long fd = context.Signed(i);
            string? path = null;
            string description = argument.Kind == ArgumentKind.DirFd && fd == AtFdCwd
                ? DescribeWorkingDirectory(threadId, out path)
                : fd is >= 0 and <= int.MaxValue ? Describe(threadId, (int)fd, out path) : "";
            if (path is not null)
                context.Arguments[i] = context.Argument(argument.Name, argument.Raw, argument.Kind, new DescriptorValue((int)fd, path),
                    render => argument.Render(render) + render.Resolve(description));
        }
    }

    /// <summary>At exit: the new descriptor a call such as openat, socket or dup returned, described.</summary>
    internal void DescribeResult(DecodeContext context)
    {
        if (Enabled && !context.Failed && ReturnsDescriptor(context))
            context.SetResultText(context.FormatFd((int)context.Result));
    }

    private static bool ReturnsDescriptor(DecodeContext context) =>
        s_descriptorResults.Contains(context.Call.Name)
        || (context.Call.Name == "fcntl" && context.Signed(1) is FcntlDupFd or FcntlDupFdCloexec)
        || (context.Call.Name == "landlock_create_ruleset" && (context.Unsigned(2) & LandlockAskedNotCreated) == 0)
        || (context.Call.Name == "ioctl" && IoctlDecoders.ReturnsDescriptor((uint)context.Raw(1)))
        || (context.Call.Name == "bpf" && Bpf.BpfDecoders.ReturnsDescriptor(context.Unsigned(0)));

    /// <summary>The text after descriptor <paramref name="fd"/>'s number (empty when there is nothing to add), and
    /// <paramref name="path"/>, what /proc/TID/fd/FD links to (null when it is not open).</summary>
    internal string Describe(int threadId, int fd, out string? path)
    {
        string link = $"/proc/{threadId}/fd/{fd.ToString(CultureInfo.InvariantCulture)}";
        byte[]? target = fd < 0 ? null : ReadLink(link);
        path = target is null ? null : StraceQuoting.Display(target);
        if (path is null)
            return "";
        if (path == PidfdTarget && detail.HasFlag(DescriptorDetail.Pidfd) && PidfdProcess(threadId, fd) is int process)
            return $"<pid:{StraceRenderer.Template.ProcessId(process)}>";
        if (path.StartsWith(SocketPrefix, StringComparison.Ordinal) && detail.HasFlag(DescriptorDetail.Socket))
            return DescribeSocket(link, path);
        if (detail.HasFlag(DescriptorDetail.Device) && DeviceOf(link) is string device)
            return Bracket(target!, device);
        return detail.HasFlag(DescriptorDetail.Path) ? Bracket(target!) : "";
    }

    /// <summary>The text after <c>AT_FDCWD</c>: the thread's working directory, as <c>-y</c> prints it.</summary>
    internal string DescribeWorkingDirectory(int threadId, out string? path)
    {
        byte[]? target = detail.HasFlag(DescriptorDetail.Path) ? ReadLink($"/proc/{threadId}/cwd") : null;
        path = target is null ? null : StraceQuoting.Display(target);
        return target is null ? "" : Bracket(target);
    }

    // <PROTOCOL:[details]>, the protocol from the socket's system.sockprotoname attribute; strace falls back to the
    // inode when the kernel does not report the socket, and to the link's own text (even without -y's paths) when it
    // names no protocol it knows.
    private string DescribeSocket(string link, string target)
    {
        if (_sockets.TryGetValue(target, out string? known))
            return known;
        string inode = target[SocketPrefix.Length..^1];
        if (ProtocolOf(link) is not string protocol || !s_namedProtocols.Contains(protocol))
            return "<" + target + ">";
        string? details = uint.TryParse(inode, NumberStyles.None, CultureInfo.InvariantCulture, out uint number)
            ? SocketDiagnostics.Describe(protocol, number, StraceRenderer.Template)
            : null;
        if (details is null)
            return $"<{protocol}:[{inode}]>";
        return _sockets[target] = $"<{protocol}:[{details}]>";
    }

    // <path>, or <path<char 1:3>> with the device's details. A deleted file's link ends in " (deleted)": strace
    // prints that after the closing bracket.
    private string Bracket(byte[] target, string inside = "")
    {
        var text = new StringBuilder("<");
        ReadOnlySpan<byte> path = target;
        bool deleted = path.EndsWith(Deleted);
        StraceRenderer.Template.AppendDescriptorPath(text, deleted ? path[..^Deleted.Length] : path);
        text.Append(inside).Append('>');
        if (deleted)
            text.Append("(deleted)");
        return text.ToString();
    }

    /// <summary>The netlink protocol of a thread's descriptor (NETLINK_ROUTE's 0...), whatever the session's detail: what
    /// strace decodes the messages of the socket calls by. Null when the descriptor is not a netlink socket;
    /// <see cref="Network.Netlink.NetlinkMessages.UnknownProtocol"/> for one the kernel does not list yet (not bound).
    /// Costs a readlink; a socket's protocol is looked up until it is known, then never again.</summary>
    internal int? NetlinkProtocolOf(int threadId, int fd)
    {
        // Allocates nothing for a socket already known: the calls that ask are the socket calls that move data.
        Span<byte> target = stackalloc byte[64];
        int length = ReadLink(threadId, fd, target);
        ReadOnlySpan<byte> prefix = "socket:["u8;
        if (length <= 0 || !target[..length].StartsWith(prefix)
            || !System.Buffers.Text.Utf8Parser.TryParse(target[prefix.Length..length], out uint inode, out _))
            return null;
        if (_netlinkProtocols.TryGetValue(inode, out int known))
            return known < 0 ? null : known;
        if (_netlinkProtocols.Count >= MostSocketsKnown)
            _netlinkProtocols.Clear();
        if (ProtocolOf($"/proc/{threadId}/fd/{fd.ToString(CultureInfo.InvariantCulture)}") != "NETLINK")
        {
            _netlinkProtocols[inode] = NotNetlink;
            return null;
        }
        if (SocketDiagnostics.NetlinkProtocol(threadId, inode) is int protocol)
        {
            _netlinkProtocols[inode] = protocol;
            return protocol;
        }
        return Network.Netlink.NetlinkMessages.UnknownProtocol;
    }

    /// <summary>What a thread's descriptor refers to (a path, <c>socket:[N]</c>, <c>pipe:[N]</c>), or null when it is
    /// not open; whatever the session's detail, for those who need the path itself (fault rules matching on paths).</summary>
    internal static string? PathOf(int threadId, int fd)
    {
        Span<byte> target = stackalloc byte[PathMax];
        int length = ReadLink(threadId, fd, target);
        return length < 0 ? null : StraceQuoting.Display(target[..length]);
    }

    /// <summary>Reads where a thread's descriptor points into <paramref name="target"/>, allocating nothing (the path
    /// filter asks at every call it sees); the length, or -1 when the descriptor is not open.</summary>
    internal static unsafe int ReadLink(int threadId, int fd, Span<byte> target)
    {
        Span<byte> link = stackalloc byte[64];
        if (fd < 0 || !System.Text.Unicode.Utf8.TryWrite(link, CultureInfo.InvariantCulture, $"/proc/{threadId}/fd/{fd}\0", out _))
            return -1;
        fixed (byte* path = link)
        fixed (byte* buffer = target)
            return (int)Interop.Libc.Readlink(path, buffer, (nuint)target.Length);
    }

    /// <summary>Where a link of /proc points, as <see cref="StraceQuoting.Display"/> shows it; null when it cannot be read.</summary>
    internal static string? LinkTarget(string link) => ReadLink(link) is { } target ? StraceQuoting.Display(target) : null;

    private static unsafe byte[]? ReadLink(string link)
    {
        byte* buffer = stackalloc byte[PathMax];
        nint length = Interop.Libc.Readlink(link, buffer, PathMax);
        return length < 0 ? null : new ReadOnlySpan<byte>(buffer, (int)length).ToArray();
    }

    private static unsafe string? ProtocolOf(string link)
    {
        byte* buffer = stackalloc byte[64];
        nint length = Interop.Libc.Getxattr(link, "system.sockprotoname", buffer, 64);
        return length <= 0 ? null : Encoding.ASCII.GetString(buffer, (int)length).TrimEnd('\0');
    }

    /// <summary>The process a thread's pidfd refers to, from fdinfo's "Pid:" line; null for another descriptor, or
    /// once the process is reaped (-1 there: strace prints the path then).</summary>
    internal static int? PidfdProcess(int threadId, int fd)
    {
        string? info = null;
        try
        {
            info = File.ReadAllText($"/proc/{threadId}/fdinfo/{fd.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        int at = info?.IndexOf("\nPid:", StringComparison.Ordinal) ?? -1;
        if (at < 0)
            return null;
        ReadOnlySpan<char> line = info.AsSpan(at + 5);
        int end = line.IndexOf('\n');
        return int.TryParse(end < 0 ? line : line[..end], NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out int process) && process > 0 ? process : null;
    }

    // <char 1:3> or <block 8:0>, from glibc's encoding of dev_t.
    private static string? DeviceOf(string link)
    {
        if (Interop.Libc.Stat(link, out Interop.Libc.StatBuffer stat) != 0)
            return null;
        string? type = (stat.Mode & Interop.Libc.S_IFMT) switch
        {
            Interop.Libc.S_IFCHR => "char",
            Interop.Libc.S_IFBLK => "block",
            _ => null,
        };
        if (type is null)
            return null;
        ulong dev = stat.DeviceNumber;
        ulong major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);
        ulong minor = (dev & 0xff) | ((dev >> 12) & ~0xffUL);
        return $"<{type} {major}:{minor}>";
    }
}
