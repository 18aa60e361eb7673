namespace Hatrace.Engine.Tracing;

/// <summary>Keeps SA_NOCLDSTOP on this process's SIGCHLD handler while any session wants it (TraceSessionOptions.QuietChildStops).
/// Every ptrace stop of a tracee otherwise sends SIGCHLD to the tracer's process and runs .NET's handler.</summary>
internal static class ChildStopNotifications
{
    private static readonly Lock s_lock = new();
    private static int s_holders;
    private static bool s_weSetFlag;

    internal static unsafe void Quiet()
    {
        lock (s_lock)
        {
            if (s_holders++ > 0)
                return;
            Interop.Libc.SigAction action;
            if (Interop.Libc.Sigaction(Interop.Libc.SIGCHLD, null, &action) != 0 || (action.Flags & Interop.Libc.SA_NOCLDSTOP) != 0)
                return;
            action.Flags |= Interop.Libc.SA_NOCLDSTOP;
            s_weSetFlag = Interop.Libc.Sigaction(Interop.Libc.SIGCHLD, &action, null) == 0;
        }
    }

    internal static unsafe void Restore()
    {
        lock (s_lock)
        {
            if (--s_holders > 0 || !s_weSetFlag)
                return;
            s_weSetFlag = false;
            Interop.Libc.SigAction action;
            if (Interop.Libc.Sigaction(Interop.Libc.SIGCHLD, null, &action) != 0)
                return;
            action.Flags &= ~Interop.Libc.SA_NOCLDSTOP;
            Interop.Libc.Sigaction(Interop.Libc.SIGCHLD, &action, null);
        }
    }
}
