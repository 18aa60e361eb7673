namespace Hatrace.Cmdlets;

/// <summary>The stable ids of the ErrorRecords the cmdlets write; scripts may match on them.</summary>
internal static class ErrorIds
{
    internal const string ProgramNotFound = "ProgramNotFound";
    internal const string ProcessNotFound = "ProcessNotFound";
    internal const string UserNotFound = "UserNotFound";
    internal const string ProgramNotExecutable = "ProgramNotExecutable";
    internal const string WorkingDirectoryNotFound = "WorkingDirectoryNotFound";
    internal const string TracePermissionDenied = "TracePermissionDenied";
    internal const string TraceStartFailed = "TraceStartFailed";
    internal const string TraceFailed = "TraceFailed";
    internal const string UnknownSyscall = "UnknownSyscall";
    internal const string UnknownErrno = "UnknownErrno";
    internal const string UnknownSignal = "UnknownSignal";
    internal const string NotInHook = "NotInHook";
    internal const string TamperFailed = "TamperFailed";
    internal const string HookFailed = "HookFailed";
    internal const string InvalidSchedule = "InvalidSchedule";
    internal const string NoFaultAction = "NoFaultAction";
    internal const string InvalidPoke = "InvalidPoke";
    internal const string TraceFileNotFound = "TraceFileNotFound";
    internal const string TraceFileNotReadable = "TraceFileNotReadable";
    internal const string TraceFileNotWritable = "TraceFileNotWritable";
    internal const string TraceFileInvalid = "TraceFileInvalid";
    internal const string NoProcessEvents = "NoProcessEvents";
    internal const string BackendConflict = "BackendConflict";
    internal const string SeccompProfileNotFound = "SeccompProfileNotFound";
    internal const string SeccompProfileInvalid = "SeccompProfileInvalid";
    internal const string SeccompProfileNotReadable = "SeccompProfileNotReadable";
    internal const string NoSyscalls = "NoSyscalls";
    internal const string SystemTimeNotMeasured = "SystemTimeNotMeasured";
}
