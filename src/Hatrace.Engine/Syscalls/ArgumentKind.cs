namespace Hatrace.Engine.Syscalls;

/// <summary>How a syscall argument is decoded and printed. Derived from the kernel's prototype of the call.</summary>
public enum ArgumentKind
{
    /// <summary>A signed integer, printed in decimal.</summary>
    Int,

    /// <summary>An unsigned integer, printed in decimal.</summary>
    UInt,

    /// <summary>A pointer or address, printed in hex (<c>NULL</c> for zero).</summary>
    Pointer,

    /// <summary>A file descriptor.</summary>
    Fd,

    /// <summary>A directory file descriptor of the *at calls (<c>AT_FDCWD</c>).</summary>
    DirFd,

    /// <summary>A NUL-terminated path name the call reads.</summary>
    Path,

    /// <summary>A NUL-terminated string the call reads that is not a path.</summary>
    String,

    /// <summary>A buffer the call reads; its length is another argument.</summary>
    InputBuffer,

    /// <summary>A buffer the call fills; its length is the return value.</summary>
    OutputBuffer,

    /// <summary>The flags of open and openat (<c>O_RDONLY|O_CLOEXEC</c>).</summary>
    OpenFlags,

    /// <summary>File mode bits, printed in octal.</summary>
    Mode,

    /// <summary>A NULL-terminated array of strings the call reads (execve's argv).</summary>
    StringArray,

    /// <summary>A NULL-terminated array of strings printed by count only (execve's envp, as strace does).</summary>
    EnvironmentArray,
}
