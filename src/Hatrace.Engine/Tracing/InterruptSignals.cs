namespace Hatrace.Engine.Tracing;

/// <summary>SIGINT and SIGQUIT for a tracer that must answer them. A shell starts a command it runs in the background
/// (<c>cmd &amp;</c> in a script, a CI job) with both ignored, and .NET then installs no handler for them, so a
/// <see cref="System.Runtime.InteropServices.PosixSignalRegistration"/> never fires; strace handles them whatever it
/// inherited.</summary>
public static class InterruptSignals
{
    private const int SIGINT = 2, SIGQUIT = 3;
    private const nint SIG_DFL = 0, SIG_IGN = 1;

    /// <summary>Gives SIGINT and SIGQUIT their default action again where this process inherited them ignored. Call it
    /// before registering handlers for them; it changes nothing else.</summary>
    public static unsafe void Unignore()
    {
        foreach (int signal in (ReadOnlySpan<int>)[SIGINT, SIGQUIT])
        {
            Interop.Libc.SigAction action;
            if (Interop.Libc.Sigaction(signal, null, &action) != 0 || action.Handler != SIG_IGN)
                continue;
            action.Handler = SIG_DFL;
            Interop.Libc.Sigaction(signal, &action, null);
        }
    }
}
