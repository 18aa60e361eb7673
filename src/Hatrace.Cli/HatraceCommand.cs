using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Hatrace.Engine.Model;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>The <c>hatrace</c> command: parses strace's command line, runs the program under the engine, prints the
/// trace and the summary, and returns the program's exit status.</summary>
internal static class HatraceCommand
{
    private const int FailureExit = 1;
    private const int SIGPIPE = 13;

    /// <summary>Runs hatrace as the command line asks. Its own errors are one <c>hatrace: </c> line on
    /// <paramref name="stderr"/> (with strace's hint at -h for a malformed command line) and exit status 1.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">hatrace's stdout.</param>
    /// <param name="stderr">hatrace's stderr, where the trace goes without -o.</param>
    /// <param name="stderrIsTerminal">Whether <paramref name="stderr"/> is a terminal, for <c>--color=auto</c>.</param>
    /// <returns>The program's exit code, or 128 plus the signal that killed it; 1 when hatrace itself failed.</returns>
    internal static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false)
    {
        try
        {
            return RunChecked(args, stdout, stderr, stderrIsTerminal);
        }
        catch (HatraceUsageException e)
        {
            stderr.WriteLine($"hatrace: {e.Message}");
            if (e.ShowHelpHint)
                stderr.WriteLine("Try 'hatrace -h' for more information.");
            return FailureExit;
        }
        finally
        {
            Flush(stdout);
            Flush(stderr);
        }
    }

    private static int RunChecked(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        StraceOptions options = StraceOptions.Parse(args);
        if (options.ShowHelp || options.ShowVersion)
        {
            stdout.Write(options.ShowHelp ? HelpText.Usage : HelpText.Version);
            return 0;
        }
        // Flushed at once: messages are rare, and one such as "Process N attached" must be seen while the trace runs.
        void Message(string text)
        {
            stderr.WriteLine($"hatrace: {text}");
            Flush(stderr);
        }
        if (options.Detached is { } isolation && !DetachedTracing.StartedAsTracer)
            ExecBesideTracer(options, args, isolation); // the tracer started beside the program says the rest
        foreach (string warning in options.Warnings)
            Message(warning);

        // strace's order: -P paths are resolved, then the -o file is opened, then the program is looked for.
        var filter = new SyscallFilter(options, Message);
        using TraceOutput output = TraceOutput.Open(options, stderr, stderrIsTerminal, Message);
        Flush(stderr); // what was said so far comes before anything the program prints
        using TraceSession session = Start(options, filter);

        SyscallSummary? summary = options.Summary == SummaryMode.None ? null
            : new SyscallSummary(options.SummaryColumns, options.SummarySortBy, options.SummaryOverhead, options.WallClock);
        TracePalette? palette = !options.Json && TracePalette.IsOn(options.Color, output.IsTerminal, System.Environment.GetEnvironmentVariable("NO_COLOR"))
            ? TracePalette.Default
            : null;
        // The trace's text is flushed in batches: what it holds goes out before a message or a report, which come after it.
        var writer = new TraceWriter(options, filter, output, text => { output.Flush(); Message(text); }, summary, palette, session);
        // A line the trace left open on stderr ends before the report's lines.
        var inProgress = new InProgressReport(session, stderr, () =>
        {
            if (!output.IsFile)
                writer.CutOpenLine();
            try
            {
                output.Flush();
            }
            catch (IOException)
            {
                // A closed pipe: the trace's own next write says so; the report goes on.
            }
        });
        using (InterruptHandler interrupts = InterruptHandler.Register(options, session, inProgress))
        {
            try
            {
                session.WriteEventsTo(new TextSink(writer, output, inProgress.Gate));
            }
            catch (BrokenPipeException)
            {
                // The trace goes into a closed pipe (hatrace ... 2>&1 | head): strace dies of SIGPIPE there; stop as it would.
                session.Stop();
                return 128 + SIGPIPE;
            }
            catch (Exception e)
            {
                // Whatever broke (a -ff file that cannot be opened, the tracer), nothing may keep running.
                session.Stop();
                throw e as HatraceUsageException ?? new HatraceUsageException(e.Message);
            }
            session.Dispose();
            writer.Finish(detached: options.ProcessIds.Count > 0);
            summary?.Write(output.Summary);
            if ((options.Quiet & QuietMessages.Attach) == 0)
            {
                foreach (int task in writer.DetachedTasks)
                    Message($"Process {task} detached");
            }
            if (interrupts.Signal != 0)
                return 128 + interrupts.Signal;
        }
        // Attached processes are not ours: their exit status is not hatrace's, as with strace -p; the program's is.
        return options.RunsProgram ? session.RootExit?.ExitStatus ?? FailureExit : 0;
    }

    private static TraceStartInfo StartInfo(StraceOptions options) => new()
    {
        FileName = options.Program,
        Arguments = options.Arguments,
        Environment = options.Environment,
        SeccompProfile = options.SeccompProfile,
        UserName = options.UserName,
    };

    // -D: this process becomes the program, traced by this same command line run again beside it, which finds
    // itself started so (DetachedTracing.StartedAsTracer) and attaches.
    [DoesNotReturn]
    private static void ExecBesideTracer(StraceOptions options, IReadOnlyList<string> args, DetachedTracerIsolation isolation)
    {
        string self = System.Environment.ProcessPath ?? throw new HatraceUsageException("-D: cannot tell where this program is");
        // Under the dotnet host (not the native build), the command is the host running this assembly.
        string[] command = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [self, Path.Combine(AppContext.BaseDirectory, "hatrace.dll"), .. args] : [self, .. args];
        try
        {
            DetachedTracing.ExecBesideTracer(StartInfo(options), command, isolation);
        }
        catch (TraceStartException e)
        {
            throw new HatraceUsageException(StartFailure(e, options));
        }
    }

    private static TraceSession Start(StraceOptions options, SyscallFilter filter)
    {
        TraceStartInfo start = StartInfo(options);
        var sessionOptions = new TraceSessionOptions
        {
            StringLength = options.StringLength,
            StringEscape = options.StringEscape,
            DescriptorDetail = options.DescriptorDetail,
            ProcessNames = options.ProcessNames,
            PidNamespaces = options.PidNamespaceTranslation,
            ConstantStyle = options.ConstantStyle,
            Abbreviated = options.Abbreviated.IsAll ? null : options.Abbreviated.Contains,
            ReadCountedEnvironment = options.Json, // the text counts it; JSON holds its strings
            ReadProcessDetails = options.Json, // the text has no line for a process's start or exec
            Dereferenced = options.Dereferenced.IsAll ? null : options.Dereferenced.Contains,
            Undecoded = options.Undecoded is { } undecoded ? undecoded.Contains : null,
            Syscalls = filter.Syscalls,
            Filter = filter.Calls,
            FollowChildren = options.FollowForks,
            EmitSyscallEntries = TraceWriter.NeedsEntries(options),
            CaptureReads = options.ReadDescriptors is { } reads ? reads.Contains : null,
            CaptureWrites = options.WriteDescriptors is { } writes ? writes.Contains : null,
            Faults = options.Faults,
            UseSeccompFilter = options.SeccompFilter,
            DetachOnExecve = options.DetachOnExecve,
            StackTraces = options.StackTraces,
            Backend = options.Backend,
            EbpfBufferSize = options.EbpfBufferSize,
            CallTimes = options.ShowsTimes,
            SystemTimes = options.Summary != SummaryMode.None && !options.WallClock,
        };
        try
        {
            if (options.Detached is not null)
                return DetachedTracing.AttachToStarter(options.ProcessIds, sessionOptions);
            return options.RunsProgram ? TraceSession.Start(start, options.ProcessIds, sessionOptions) : TraceSession.Attach(options.ProcessIds, sessionOptions);
        }
        catch (TraceStartException e)
        {
            throw new HatraceUsageException(StartFailure(e, options));
        }
    }

    // strace's words: a program it cannot find (also one in PATH that is not executable, since its PATH search
    // skips those) is "Can't stat"; one it found but the kernel would not run is "exec: <strerror>".
    private static string StartFailure(TraceStartException e, StraceOptions options) => e.Error switch
    {
        TraceStartError.UserNotFound => $"Cannot find user '{options.UserName}'",
        TraceStartError.ProcessNotFound or TraceStartError.PermissionDenied when int.TryParse(e.Program, out int pid) =>
            $"attach: ptrace(PTRACE_SEIZE, {pid}): {Errno.GetMessage(e.ErrnoValue)}",
        TraceStartError.ProgramNotFound => $"Can't stat '{e.Program}': No such file or directory",
        TraceStartError.IsDirectory or TraceStartError.NotExecutable when !e.Program.Contains('/') =>
            $"Can't stat '{e.Program}': No such file or directory",
        TraceStartError.IsDirectory or TraceStartError.NotExecutable => $"exec: {Errno.GetMessage(e.ErrnoValue)}",
        _ => e.Message,
    };

    // The text, written on the session's thread as each event comes, and flushed every few milliseconds by the
    // session (one write a batch; strace writes each part of a line as it comes). The gate is taken per event: held
    // over a stream that never runs dry, it would keep a signal's report (and the stop after it) waiting for ever.
    private sealed class TextSink(TraceWriter writer, TraceOutput output, Lock gate) : ITraceEventSink
    {
        public void Write(TraceEvent e)
        {
            lock (gate)
                writer.Write(e);
        }

        public void Flush()
        {
            lock (gate)
                output.Flush();
        }
    }

    private static void Flush(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (IOException)
        {
            // A closed stdout or stderr: nothing more can be said.
        }
    }

    /// <summary>The calls in progress, printed on stderr as strace would start their lines, with for how long each has
    /// been in progress (<c>[pid 42] read(3, &lt;in progress for 2.301 s&gt;</c>): on SIGUSR1, and before the trace ends
    /// on a signal. Called from signal handlers, so the trace's own writes hold <see cref="Gate"/> too.</summary>
    private sealed class InProgressReport(TraceSession session, TextWriter stderr, Action beforeReport)
    {
        /// <summary>Held while anything is written, so that lines of the report and of the trace do not mix.</summary>
        public Lock Gate { get; } = new();

        public void Write(bool evenIfNone) => Write(session.CallsInProgress, evenIfNone);

        public void Write(IReadOnlyList<CallInProgress> calls, bool evenIfNone)
        {
            lock (Gate)
            {
                beforeReport();
                if (calls.Count == 0 && evenIfNone)
                    stderr.WriteLine("hatrace: no system call in progress");
                foreach (CallInProgress call in calls)
                    stderr.WriteLine(call.ToString());
                Flush(stderr);
            }
        }
    }

    /// <summary>-I: what SIGINT, SIGTERM, SIGHUP and SIGQUIT do to hatrace while it traces. strace's levels 1 and 2
    /// end the trace (strace detaches; the engine kills, since a seccomp-filtered tracee cannot be detached) and
    /// exit as if killed by the signal, as strace does; 3 and 4 ignore them, and 4 ignores SIGTSTP too. The default
    /// is 3 when the trace of a program started goes to a file (strace's -o FILE PROG), else 2. SIGUSR1 prints the calls in progress.</summary>
    private sealed class InterruptHandler : IDisposable
    {
        private const int SIGUSR1 = 10;

        private static readonly (PosixSignal Signal, int Number)[] s_fatal =
            [(PosixSignal.SIGHUP, 1), (PosixSignal.SIGINT, 2), (PosixSignal.SIGQUIT, 3), (PosixSignal.SIGTERM, 15)];

        private readonly List<PosixSignalRegistration> _registrations = [];
        private int _signal;

        private InterruptHandler(int level, TraceSession session, InProgressReport inProgress)
        {
            if (level <= 2)
                InterruptSignals.Unignore();
            _registrations.Add(InterruptSignals.Register((PosixSignal)SIGUSR1, context =>
            {
                context.Cancel = true;
                inProgress.Write(evenIfNone: true);
            }));
            foreach ((PosixSignal signal, int number) in s_fatal)
            {
                _registrations.Add(InterruptSignals.Register(signal, context =>
                {
                    context.Cancel = true;
                    // The first ends the trace; another (timeout(1) signals its child and then its whole group) has
                    // nothing more to end or report.
                    if (level > 2 || Interlocked.CompareExchange(ref _signal, number, 0) != 0)
                        return;
                    IReadOnlyList<CallInProgress> calls = session.CallsInProgress;
                    session.Stop(); // first, so that nothing the report waits for can delay it
                    inProgress.Write(calls, evenIfNone: false);
                }));
            }
            if (level == 4)
                _registrations.Add(InterruptSignals.Register(PosixSignal.SIGTSTP, context => context.Cancel = true));
        }

        /// <summary>The signal that ended the trace, or 0.</summary>
        public int Signal => Volatile.Read(ref _signal);

        public static InterruptHandler Register(StraceOptions options, TraceSession session, InProgressReport inProgress) =>
            new(options.Interruptible ?? (options.OutputFile is null || options.ProcessIds.Count > 0 ? 2 : 3), session, inProgress);

        public void Dispose()
        {
            foreach (PosixSignalRegistration registration in _registrations)
                registration.Dispose();
        }
    }
}
