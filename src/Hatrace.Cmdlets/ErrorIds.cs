namespace Hatrace.Cmdlets;

/// <summary>The stable ids of the ErrorRecords the cmdlets write; scripts may match on them.</summary>
internal static class ErrorIds
{
    internal const string ProgramNotFound = "ProgramNotFound";
    internal const string ProgramNotExecutable = "ProgramNotExecutable";
    internal const string WorkingDirectoryNotFound = "WorkingDirectoryNotFound";
    internal const string TracePermissionDenied = "TracePermissionDenied";
    internal const string TraceStartFailed = "TraceStartFailed";
    internal const string TraceFailed = "TraceFailed";
    internal const string UnknownSyscall = "UnknownSyscall";
}
