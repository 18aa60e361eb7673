using System.Globalization;
using System.Text;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;
using Hatrace.Engine.Tracing;

namespace Hatrace.Cli;

/// <summary>Turns the engine's events into strace's lines: the pid prefix, timestamps, <c>name(args) = result</c>
/// with <c>=</c> at the -a column, -T's duration, -e read= and -e write= dumps, signal and exit lines, and strace's
/// messages. Where calls of several tasks interleave (<see cref="NeedsEntries"/>), a call's line starts when the
/// call is entered and ends when it returns; a line of another task in between cuts it with
/// <c>&lt;unfinished ...&gt;</c>, and it goes on as <c>&lt;... read resumed&gt;</c>. Otherwise each call's line is
/// printed whole when it returns. With --json, each event shown is one line of JSON instead (docs/json-schema.md);
/// --remap-pids renumbers the ids the text shows, and --color colours it.</summary>
internal sealed class TraceWriter
{
    private readonly StraceOptions _options;
    private readonly SyscallFilter _filter;
    private readonly TraceOutput _output;
    private readonly Action<string> _message;
    private readonly SyscallSummary? _summary;
    private readonly int _rootProcessId;
    private readonly TaskTracker _tasks = new();
    private readonly StringBuilder _line = new(256);
    private readonly StringBuilder _piece = new(256); // a part of a call's text, made with _text
    private readonly PidRemapper? _pids;
    private readonly PidAnnotations? _annotations; // -Y, --pidns-translation
    private readonly TracePalette? _palette;
    private readonly StraceTextOptions? _text; // pids renumbered, strings coloured; null for the engine's text as it is
    private readonly StraceTextOptions _signalText;
    private bool _warnedLost; // said once, on stderr, that the eBPF backend lost records
    private int _escapes; // how many characters of _line are colour sequences, which take no column
    private readonly bool _printsTrace;
    private DateTime? _previousLineTime;
    private readonly HashSet<int> _entered = []; // tasks whose current call's line was started at its entry
    private readonly List<(int Place, int Task)> _detached = []; // tasks the engine let go
    private int? _openTask; // the task whose line was started and not ended
    private int _openLength; // how long that line is so far, for -a's column

    /// <param name="options">The command line.</param>
    /// <param name="filter">Which events to show.</param>
    /// <param name="output">Where lines go.</param>
    /// <param name="message">Prints one of strace's messages on stderr (the text after <c>hatrace: </c>).</param>
    /// <param name="summary">The -c table to count calls in, or null.</param>
    /// <param name="palette">The colours of the text, or null for none.</param>
    /// <param name="session">The session: its program, which strace says nothing about attaching to, and what -Y and
    /// --pidns-translation print after pids.</param>
    public TraceWriter(StraceOptions options, SyscallFilter filter, TraceOutput output, Action<string> message,
        SyscallSummary? summary, TracePalette? palette, TraceSession session)
    {
        int rootProcessId = session.RootProcessId;
        _pids = options.RemapPids ? new PidRemapper(Environment.ProcessId, rootProcessId) : null;
        _annotations = options.ProcessNames || options.PidNamespaceTranslation
            ? new PidAnnotations(options.ProcessNames ? session.ProcessName : null, options.PidNamespaceTranslation ? session.TranslateProcessId : null)
            : null;
        _palette = palette;
        if (_pids is not null || palette is not null || _annotations is not null)
        {
            _text = new StraceTextOptions
            {
                ConstantStyle = options.ConstantStyle,
                StringEscape = options.StringEscape,
                ProcessId = _annotations is null ? (_pids is null ? null : _pids.Shown)
                    : id => _annotations.Annotate(id, _pids?.Shown(id) ?? id.ToString(CultureInfo.InvariantCulture)),
                QuotedString = palette is null ? null : text => palette.String + text + TracePalette.Reset,
            };
        }
        // A signal's line is made here, not by the session: its siginfo's names need -X too.
        _signalText = _text ?? new StraceTextOptions { ConstantStyle = options.ConstantStyle, StringEscape = options.StringEscape };
        _options = options;
        _filter = filter;
        _output = output;
        _message = message;
        _summary = summary;
        _rootProcessId = rootProcessId;
        _printsTrace = options.Summary != SummaryMode.Only;
    }

    /// <summary>Whether the command line needs the engine's <see cref="SyscallEntryEvent"/>s: calls of several tasks may
    /// then interleave in one output. Not with -ff's file per task, nor when -z, -Z or -e status= decide at a call's
    /// return whether it shows at all (strace holds those lines back until then).</summary>
    public static bool NeedsEntries(StraceOptions options) =>
        options.FollowForks && !options.Json && options.Summary != SummaryMode.Only && options.Status == SyscallStatus.All
        && !(options.OutputSeparately && options.OutputFile is not null);

    /// <summary>Prints what strace prints for the event, if anything.</summary>
    public void Write(TraceEvent e)
    {
        switch (e)
        {
            case SyscallEntryEvent entry:
                WriteEntry(entry);
                break;
            case SyscallEvent call:
                WriteCall(call);
                break;
            case SignalEvent signal:
                int signalTask = See(signal.ThreadId, signal.ProcessId);
                if (_printsTrace && _filter.MatchesSignal(signal.Signal))
                    WriteEvent(signalTask, signal, StraceFormatter.Format(signal, _signalText), _palette?.Signal);
                break;
            case GroupStopEvent stop:
                int stoppedTask = See(stop.ThreadId, stop.ProcessId);
                if (_printsTrace && _filter.MatchesSignal(stop.Signal))
                    WriteEvent(stoppedTask, stop, stop.Text, _palette?.Signal);
                break;
            case ProcessStartEvent { AttachedThreadIds.Count: > 0 } attached:
                AnnounceAttached(attached);
                if (_options.Json)
                    WriteEvent(attached.ProcessId, attached, attached.Text, style: null);
                break;
            case ProcessStartEvent start:
                int startedTask = See(start.ProcessId, start.ProcessId);
                _tasks.InheritArch(start.ProcessId, start.ParentProcessId);
                if (_options.Json)
                    WriteEvent(startedTask, start, start.Text, style: null);
                break;
            case ThreadStartEvent thread:
                int threadTask = See(thread.ThreadId, thread.ProcessId);
                _tasks.InheritArch(thread.ThreadId, thread.ProcessId);
                if (_options.Json)
                    WriteEvent(threadTask, thread, thread.Text, style: null);
                break;
            case ProcessExecEvent exec:
                if (_options.Json)
                    WriteEvent(exec.ProcessId, exec, exec.Text, style: null);
                if (exec.FormerThreadId == exec.ProcessId)
                    break;
                // The execve's line, if nothing cut it, ends saying where its thread went, as strace ends it.
                if (_openTask == exec.FormerThreadId)
                    EndOpenLine($" <pid changed to {Shown(exec.ProcessId)} ...>");
                // The old leader's line, as strace prints it; the thread that ran execve carries on as the process.
                if (_printsTrace && !_options.Json && !IsQuiet(QuietMessages.ThreadExecve))
                    WriteLine(exec.ProcessId, exec, $"+++ superseded by execve in pid {Shown(exec.FormerThreadId)} +++");
                _tasks.TakeOver(exec.FormerThreadId, exec.ProcessId);
                if (_entered.Remove(exec.FormerThreadId))
                    _entered.Add(exec.ProcessId); // its execve's line goes on as the process's
                break;
            case DetachEvent detach:
                // A thread the trace never showed is news to strace's reader too: it said "attached" when it saw it.
                int detachedTask = See(detach.ThreadId, detach.ProcessId);
                if (_options.Json)
                    WriteEvent(detachedTask, detach, detach.Text, style: null);
                // Let go at an execve (-b), a task is said so as it goes; the session's end says it of the others.
                if (!detach.AtExecve)
                    _detached.Add((_tasks.Place(detachedTask), detachedTask));
                else if (!IsQuiet(QuietMessages.Attach))
                    _message($"Process {Shown(detachedTask)} detached");
                _tasks.RemoveThread(detachedTask);
                break;
            case RecordsLostEvent lost:
                int lostTask = See(lost.ThreadId, lost.ProcessId);
                if (_printsTrace)
                    WriteEvent(lostTask, lost, lost.Text, _palette?.Exit);
                _summary?.AddLost(lost);
                if (!_warnedLost)
                    _message("records lost: the eBPF ring buffer was full, or the trace stopped before they were read; a larger --buffer-size keeps more");
                _warnedLost = true;
                break;
            case ExitEvent exit:
                int exitedTask = See(exit.ThreadId, exit.ProcessId);
                // -qq quiets the exits with a status, as strace's; a death by a signal is still said.
                if (_printsTrace && (exit.Signal is not int s ? !IsQuiet(QuietMessages.Exit) : _filter.MatchesSignal(s)))
                    WriteEvent(exitedTask, exit, exit.Text, _palette?.Exit);
                if (exit is ProcessExitEvent)
                    _tasks.RemoveProcess(exit.ProcessId);
                else
                    _tasks.RemoveThread(exitedTask);
                break;
        }
    }

    private void WriteEntry(SyscallEntryEvent entry)
    {
        int task = See(entry.ThreadId, entry.ProcessId);
        CheckArch(task, entry.Call, entry);
        if (!_printsTrace)
            return;
        TextWriter writer = StartLine(task, entry);
        AppendCallHead(entry.Call, entry);
        writer.Write(_line);
        _openTask = task;
        _openLength = _line.Length - _escapes;
        _entered.Add(task);
    }

    private void WriteCall(SyscallEvent call)
    {
        int task = See(call.ThreadId, call.ProcessId);
        _pids?.Note(call);
        CheckArch(task, call, call);
        bool entered = _entered.Remove(task);
        // A detached call whose line another task's cut has nothing more to say, as with strace.
        if (call.IsDetached && entered && _openTask != task)
            return;
        if (!call.IsUnfinished)
            _summary?.Add(call);
        if (!_printsTrace || !_filter.MatchesStatus(call))
            return;
        if (_options.Json)
        {
            WriteEvent(task, call, call.Text, style: null);
            return;
        }
        TextWriter writer;
        int lineStart = 0;
        if (entered && _openTask == task)
        {
            // Nothing came between the call's entry and its return: its line goes on.
            writer = Output(task);
            _line.Clear();
            _escapes = 0;
            lineStart = _openLength;
            _openTask = null;
        }
        else
        {
            writer = StartLine(task, call, atExit: entered);
            if (entered)
            {
                _line.Append("<... ");
                AppendStyled(call.Name, _palette?.Name);
                _line.Append(" resumed>");
            }
            else
            {
                AppendCallHead(call);
            }
        }
        if (call.IsDetached)
        {
            // The line ends where the call was when the tracer let it go, without a result.
            _line.Append(" <detached ...>");
            writer.WriteLine(_line);
            return;
        }
        // A call that never returned (killed, or cut short by another thread's execve) shows what it was entered with,
        // and <unfinished ...> where it had more to decode at its exit (read's buffer, poll's result), as strace does.
        if (call.IsUnfinished && !NeverReturns(call) && call.IsDecodedAtExit)
        {
            _line.Append(" <unfinished ...>)");
        }
        else if (_text is null)
        {
            StraceFormatter.AppendExitArguments(_line, call);
        }
        else
        {
            _piece.Clear();
            StraceFormatter.AppendExitArguments(_piece, call, _text);
            AppendCallPiece(_piece.ToString());
        }
        EndCallLine(writer, lineStart, call);
    }

    // Pads to -a's column (strace counts the whole line, prefix and timestamps included, from lineStart on when the
    // line was started before), then " = " and the result (? when the call never returns), -T's time and the dump.
    private void EndCallLine(TextWriter writer, int lineStart, SyscallEvent call)
    {
        int length = lineStart + _line.Length - _escapes;
        if (length < _options.Column - 1)
            _line.Append(' ', _options.Column - 1 - length);
        _line.Append(" = ");
        if (_text is null)
        {
            StraceFormatter.AppendResult(_line, call);
        }
        else
        {
            _piece.Clear();
            StraceFormatter.AppendResult(_piece, call, _text);
            AppendStyled(_piece.ToString(), call.ErrnoValue != 0 ? _palette?.Error : null);
        }
        if (_options.SyscallTimes && call is { IsUnfinished: false })
            _line.Append(" <").Append(Seconds(call.Duration, _options.SyscallTimesPrecision)).Append('>');
        writer.WriteLine(_line);
        if (call.Data is { } data)
        {
            foreach (string line in StraceFormatter.FormatDump(data))
                writer.WriteLine(line);
        }
        // -k: the stack under the call, after its dump, as strace prints it.
        foreach (StackFrame frame in call.StackTrace ?? [])
            writer.WriteLine($" > {frame}");
    }

    // Said before the call that shows the change, as strace says it: -n shows the number of the thread's call before.
    private void CheckArch(int task, SyscallEvent call, TraceEvent e)
    {
        if (_tasks.SwitchArch(task, call.Arch) && !IsQuiet(QuietMessages.Personality))
            WriteLine(task, e, $"[ Process PID={Shown(task)} runs in {(call.Arch == SyscallArch.I386 ? 32 : 64)} bit mode. ]",
                number: call.PreviousSyscallNumber);
    }

    private static bool NeverReturns(SyscallEvent call) => call.Definition is { } definition && (definition.Classes & SyscallClass.NeverReturns) != 0;

    // A call's name and the arguments printed at its entry (read(3, ), the name coloured: from the entry event when
    // there is one, whose arguments are those of the entry, from the call otherwise.
    private void AppendCallHead(SyscallEvent call, SyscallEntryEvent? entry = null)
    {
        if (_text is null)
        {
            if (entry is null)
                StraceFormatter.AppendEntry(_line, call);
            else
                StraceFormatter.AppendEntry(_line, entry);
            return;
        }
        AppendStyled(call.Name, _palette?.Name);
        string head = entry is null ? StraceFormatter.FormatEntry(call, _text) : StraceFormatter.Format(entry, _text);
        AppendCallPiece(head[call.Name.Length..]);
    }

    // Arguments of a call as _text made them: the colour sequences in them take no column.
    private void AppendCallPiece(string text)
    {
        _line.Append(text);
        if (_palette is not null)
            _escapes += text.AsSpan().Count(TracePalette.Reset) * (_palette.String.Length + TracePalette.Reset.Length);
    }

    private void AppendStyled(ReadOnlySpan<char> text, string? style)
    {
        if (style is null)
        {
            _line.Append(text);
            return;
        }
        _line.Append(style).Append(text).Append(TracePalette.Reset);
        _escapes += style.Length + TracePalette.Reset.Length;
    }

    // A line for an event other than a call: its text, or with --json the event itself.
    private void WriteEvent(int task, TraceEvent e, string text, string? style)
    {
        if (_options.Json)
            TraceJson.WriteLine(Output(task), e);
        else
            WriteLine(task, e, text, style);
    }

    private void WriteLine(int task, TraceEvent e, string text, string? style = null, long? number = null)
    {
        TextWriter writer = StartLine(task, e, number: number);
        AppendStyled(text, style);
        writer.WriteLine(_line);
    }

    /// <summary>The trace ended with a call's line still open: strace ends it with <c>&lt;detached ...&gt;</c> when it let
    /// attached processes go, <c>&lt;unfinished ...&gt;</c> otherwise.</summary>
    public void Finish(bool detached) => EndOpenLine(detached ? " <detached ...>" : " <unfinished ...>");

    private void EndOpenLine(string ending)
    {
        if (_openTask is int open)
        {
            Output(open).WriteLine(ending);
            _openTask = null;
        }
    }

    /// <summary>The tasks the engine let go when the trace stopped (its <see cref="DetachEvent"/>s), as shown, in the
    /// order strace says "Process N detached" of them: its table's. Not by id: ids wrap around at pid_max.</summary>
    public IEnumerable<int> DetachedTasks => _detached.OrderBy(d => d.Place).Select(d => Shown(d.Task));

    /// <summary>Ends the line of a call not yet returned, as another task's line would (<c>&lt;unfinished ...&gt;</c>), so
    /// that what is printed next starts a line of its own.</summary>
    public void CutOpenLine() => Finish(detached: false);

    // The id a task shows as: its own, or with --remap-pids its number.
    private int Shown(int task) => _pids?.Task(task) ?? task;

    private TextWriter Output(int task) => _output.For(Shown(task));

    // Starts _line with the prefix strace puts before every line, and returns where the line goes: its time is the
    // event's, or the call's return (atExit). A line left open by a call not yet returned ends first.
    // number: what -n shows, where not the number of the event's thread's last call.
    private TextWriter StartLine(int task, TraceEvent e, bool atExit = false, long? number = null)
    {
        CutOpenLine();
        _line.Clear();
        _escapes = 0;
        if (_output.IsPerTask)
        {
            // One file per task: no pid needed.
        }
        else if (_output.IsFile && _options.FollowForks)
        {
            // strace pads the pid to 5 columns, but not when -Y names it.
            string name = Named(task);
            int start = _line.Length;
            _line.Append(Shown(task));
            if (name.Length == 0 && _line.Length - start < 5)
                _line.Append(' ', 5 - (_line.Length - start));
            _line.Append(name).Append(' ');
        }
        else if (!_output.IsFile && !_tasks.IsAlone(task))
        {
            _line.Append("[pid ").Append(Shown(task).ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append(Named(task)).Append("] ");
        }
        if (_options.AbsoluteTimestamps != TimestampFormat.None || _options.RelativeTimestamps)
            AppendTimestamps(atExit && e is SyscallEvent { ExitTimestamp: { } exit } ? exit : e.Timestamp); // local time: not made per line unless shown
        if (_options.SyscallNumbers || _options.InstructionPointers)
            AppendPlace(task, e is SyscallEntryEvent entry ? entry.Call : e, atExit, number);
        return Output(task);
    }

    // -n's and -i's columns: the number of the thread's last call (0 before its first, as strace's) and where the thread
    // is (question marks once it is gone); a call's line starts where it was entered, its resumed part where it returned.
    private void AppendPlace(int task, TraceEvent e, bool atExit, long? number)
    {
        if (_options.SyscallNumbers)
            _line.Append('[').Append((number ?? e.LastSyscallNumber ?? 0).ToString(CultureInfo.InvariantCulture).PadLeft(4)).Append("] ");
        if (_options.InstructionPointers)
        {
            ulong? address = atExit && e is SyscallEvent call ? call.ExitInstructionPointer ?? call.InstructionPointer : e.InstructionPointer;
            int digits = _tasks.Arch(task) == SyscallArch.I386 ? 8 : 16;
            string shown = address is ulong known ? known.ToString("x" + digits, CultureInfo.InvariantCulture) : new string('?', digits);
            _line.Append('[').Append(shown).Append("] ");
        }
    }

    private void AppendTimestamps(DateTime time)
    {
        int precision = _options.AbsolutePrecision;
        switch (_options.AbsoluteTimestamps)
        {
            case TimestampFormat.Time:
                _line.Append(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(Fraction(time.TimeOfDay, precision)).Append(' ');
                break;
            case TimestampFormat.Unix:
                _line.Append(Seconds(time.ToUniversalTime() - DateTime.UnixEpoch, precision)).Append(' ');
                break;
        }
        if (_options.RelativeTimestamps)
        {
            // Lines come in the order calls returned, so a call that began before the previous line's shows a
            // negative time. strace gives the seconds six columns.
            TimeSpan since = _previousLineTime is { } previous ? time - previous : TimeSpan.Zero;
            int digits = _options.RelativePrecision;
            string value = Seconds(since, digits).PadLeft(6 + (digits > 0 ? digits + 1 : 0));
            _line.Append(_options.AbsoluteTimestamps != TimestampFormat.None ? $"(+{value}) " : value + " ");
            _previousLineTime = time;
        }
    }

    // A process the session attached to: strace says so once, for all the threads it seized.
    private void AnnounceAttached(ProcessStartEvent attached)
    {
        foreach (int thread in attached.AttachedThreadIds)
            _tasks.Add(thread, attached.ProcessId);
        if (IsQuiet(QuietMessages.Attach))
            return;
        int threads = attached.AttachedThreadIds.Count;
        _message(threads == 1 ? $"Process {Shown(attached.ProcessId)} attached" : $"Process {Shown(attached.ProcessId)} attached with {threads} threads");
    }

    // -Y's <name> after a task's id in a line's prefix, or nothing.
    private string Named(int task) => _annotations?.Name(task) is { } name ? $"<{name}>" : "";

    // A task's event: note the task, and say so as strace does when it attaches to a new one. The pids the event
    // shows are in its task's namespace.
    private int See(int threadId, int processId)
    {
        if (_annotations is not null)
            _annotations.Task = threadId;
        int task = _tasks.Display(threadId);
        if (_tasks.Add(task, processId) && task != _rootProcessId && !IsQuiet(QuietMessages.Attach))
            _message($"Process {Shown(task)} attached");
        Shown(task); // with --remap-pids, a task's number is given when it is first seen
        return task;
    }

    private bool IsQuiet(QuietMessages message) => (_options.Quiet & message) != 0;

    // Seconds with as many digits after them as asked (0, 3, 6 or 9), as strace prints times: 0.000123.
    private static string Seconds(TimeSpan time, int digits) =>
        string.Create(CultureInfo.InvariantCulture, $"{(time < TimeSpan.Zero ? "-" : "")}{time.Duration().Ticks / TimeSpan.TicksPerSecond}{Fraction(time.Duration(), digits)}");

    // The part of a second, cut, not rounded: ".123456", or nothing for no digits. A time holds tenths of a
    // microsecond: nanoseconds end in 00.
    private static string Fraction(TimeSpan time, int digits)
    {
        if (digits == 0)
            return "";
        long nanoseconds = time.Ticks % TimeSpan.TicksPerSecond * 100;
        long unit = digits switch { 3 => 1_000_000, 6 => 1_000, _ => 1 };
        return "." + (nanoseconds / unit).ToString("D" + digits, CultureInfo.InvariantCulture);
    }
}
