namespace Hatrace.TableGen;

/// <summary>The members of Hatrace.Engine.Syscalls.ArgumentKind, by the same names: the generated code refers to
/// them by name. A copy rather than a reference, so the tool builds while the engine's generated code is missing.</summary>
internal enum ArgumentKind
{
    Int,
    UInt,
    Pointer,
    Fd,
    DirFd,
    Path,
    String,
    InputBuffer,
    OutputBuffer,
    OpenFlags,
    Mode,
    StringArray,
    EnvironmentArray,
}
