namespace Hatrace.Engine.Tracing;

/// <summary>The user a program runs as when <see cref="TraceStartInfo.UserName"/> names one (strace -u).</summary>
internal static class ProgramUser
{
    /// <summary>The user's ids and groups from the user database, looked up before the fork (the child may call nothing
    /// that could take a lock); null when no user is named.</summary>
    /// <exception cref="TraceStartException">No such user.</exception>
    internal static Interop.HatraceNative.Credentials? Resolve(TraceStartInfo start)
    {
        if (start.UserName is not { } name)
            return null;
        if (!Interop.Libc.TryGetUser(name, out uint userId, out uint groupId, out uint[] groups))
            throw new TraceStartException(TraceStartError.UserNotFound, start.FileName, $"Cannot find user '{name}'.");
        return new(userId, groupId, groups);
    }
}
