namespace Hatrace.Engine.Decoding;

/// <summary>What a file descriptor prints with besides its number: strace's <c>-y</c>, <c>-yy</c> and
/// <c>--decode-fds</c>. Each detail costs a look into /proc per descriptor printed.</summary>
[Flags]
public enum DescriptorDetail
{
    /// <summary>The number alone: <c>3</c>.</summary>
    None = 0,

    /// <summary>strace's <c>-y</c> (<c>--decode-fds=path</c>): what the descriptor refers to, <c>3&lt;/etc/passwd&gt;</c>,
    /// <c>3&lt;pipe:[6789]&gt;</c>, <c>3&lt;socket:[12345]&gt;</c>; the working directory after <c>AT_FDCWD</c>.</summary>
    Path = 1,

    /// <summary><c>--decode-fds=socket</c>: a socket's protocol and addresses,
    /// <c>3&lt;TCP:[127.0.0.1:41234-&gt;127.0.0.1:8080]&gt;</c>.</summary>
    Socket = 2,

    /// <summary><c>--decode-fds=dev</c>: a device's type and numbers after its path, <c>3&lt;/dev/null&lt;char 1:3&gt;&gt;</c>.</summary>
    Device = 4,

    /// <summary><c>--decode-fds=pidfd</c>: the process a pidfd refers to, <c>3&lt;pid:1234&gt;</c>, while it has not been
    /// reaped.</summary>
    Pidfd = 8,

    /// <summary>strace's <c>-yy</c> (<c>--decode-fds=all</c>): every detail.</summary>
    All = Path | Socket | Device | Pidfd,
}
