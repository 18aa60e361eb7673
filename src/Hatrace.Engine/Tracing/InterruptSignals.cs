using System.Runtime.InteropServices;

namespace Hatrace.Engine.Tracing;

/// <summary>SIGINT and SIGQUIT for a tracer that must answer them. A shell starts a command it runs in the background
/// (<c>cmd &amp;</c> in a script, a CI job) with both ignored, and .NET then installs no handler for them, so a
/// <see cref="PosixSignalRegistration"/> never fires; strace handles them whatever it inherited.</summary>
public static class InterruptSignals
{
    private const int SIGINT = 2, SIGQUIT = 3;
    private const nint SIG_DFL = 0, SIG_IGN = 1;

    private const int SIGPIPE = 13;
    private static ulong s_unignored;
    private static int s_registered;

    /// <summary>Registers <paramref name="handler"/> as <see cref="PosixSignalRegistration.Create"/> does. The first
    /// registration of a process starts the runtime's signal thread, which the kernel puts on the least loaded CPU:
    /// with a program busy there it did not run, and the process's exit waited up to a scheduler tick for it to run
    /// and end (<c>hatrace /bin/true</c> took 8 ms rather than 4.2 with a core busy). That thread is started on the
    /// caller's CPU instead, and may then run wherever the caller may.</summary>
    /// <param name="signal">The signal to handle.</param>
    /// <param name="handler">Runs when the signal arrives; <see cref="PosixSignalContext.Cancel"/> keeps its default
    /// action from running.</param>
    public static PosixSignalRegistration Register(PosixSignal signal, Action<PosixSignalContext> handler) =>
        Interlocked.Exchange(ref s_registered, 1) == 0
            ? LocalThread.StartHere(() => PosixSignalRegistration.Create(signal, handler))
            : PosixSignalRegistration.Create(signal, handler);

    /// <summary>Gives SIGINT and SIGQUIT their default action again where this process inherited them ignored. Call it
    /// before registering handlers for them; it changes nothing else. Programs this process traces still start with
    /// them ignored, as under strace.</summary>
    public static unsafe void Unignore()
    {
        foreach (int signal in (ReadOnlySpan<int>)[SIGINT, SIGQUIT])
        {
            Interop.Libc.SigAction action;
            if (Interop.Libc.Sigaction(signal, null, &action) != 0 || action.Handler != SIG_IGN)
                continue;
            action.Handler = SIG_DFL;
            if (Interop.Libc.Sigaction(signal, &action, null) == 0)
                Interlocked.Or(ref s_unignored, 1UL << (signal - 1));
        }
    }

    /// <summary>The signals a program started now inherits ignored, as through a shell's or strace's execve (bit sig-1):
    /// those this process ignores, and those it inherited ignored and <see cref="Unignore"/> took back, but not
    /// SIGPIPE, which .NET ignores for itself.</summary>
    internal static unsafe ulong InheritedIgnored()
    {
        ulong ignored = Volatile.Read(ref s_unignored);
        for (int signal = 1; signal <= 64; signal++)
        {
            Interop.Libc.SigAction action;
            if (signal != SIGPIPE && Interop.Libc.Sigaction(signal, null, &action) == 0 && action.Handler == SIG_IGN)
                ignored |= 1UL << (signal - 1);
        }
        return ignored;
    }
}
