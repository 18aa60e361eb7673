namespace Hatrace.Engine.Model;

/// <summary>Why a pointer was not followed (<see cref="PointerValue.Reason"/>).</summary>
public enum PointerReason
{
    /// <summary>The pointer is NULL.</summary>
    Null,

    /// <summary>The memory it points to could not be read (unmapped, or the process is gone).</summary>
    Unreadable,

    /// <summary>The session asked for addresses here (strace's <c>-e verbose=</c>).</summary>
    NotAsked,

    /// <summary>An output the kernel did not write: the call failed, or never returned.</summary>
    NotWritten,

    /// <summary>Nothing decodes what it points to: an address as such (mmap's <c>addr</c>), or a type the trace does not
    /// decode.</summary>
    NotDecoded,
}
