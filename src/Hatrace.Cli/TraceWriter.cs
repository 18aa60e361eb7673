using System.Globalization;
using System.Text;
using Hatrace.Engine.Formatting;
using Hatrace.Engine.Model;
using Hatrace.Engine.Syscalls;

namespace Hatrace.Cli;

/// <summary>Turns the engine's events into strace's lines: the pid prefix, timestamps, <c>name(args) = result</c>
/// with <c>=</c> at the -a column, -T's duration, signal and exit lines, and strace's messages. The engine emits
/// each call once, when it returns, so each line is printed whole then: there are no <c>&lt;unfinished ...&gt;</c>
/// and <c>&lt;... resumed&gt;</c> pairs, and lines of different threads come in the order the calls returned.</summary>
internal sealed class TraceWriter
{
    private const string ExitCall = "exit";

    private readonly StraceOptions _options;
    private readonly SyscallFilter _filter;
    private readonly TraceOutput _output;
    private readonly Action<string> _message;
    private readonly SyscallSummary? _summary;
    private readonly int _rootProcessId;
    private readonly TaskTracker _tasks = new();
    private readonly StringBuilder _line = new(256);
    private readonly bool _printsTrace;
    private DateTime? _previousLineTime;

    /// <param name="options">The command line.</param>
    /// <param name="filter">Which events to show.</param>
    /// <param name="output">Where lines go.</param>
    /// <param name="message">Prints one of strace's messages on stderr (the text after <c>hatrace: </c>).</param>
    /// <param name="summary">The -c table to count calls in, or null.</param>
    /// <param name="rootProcessId">The program started: strace says nothing about attaching to it.</param>
    public TraceWriter(StraceOptions options, SyscallFilter filter, TraceOutput output, Action<string> message,
        SyscallSummary? summary, int rootProcessId)
    {
        _options = options;
        _filter = filter;
        _output = output;
        _message = message;
        _summary = summary;
        _rootProcessId = rootProcessId;
        _printsTrace = options.Summary != SummaryMode.Only;
    }

    /// <summary>Prints what strace prints for the event, if anything.</summary>
    public void Write(TraceEvent e)
    {
        switch (e)
        {
            case SyscallEvent call:
                WriteCall(call);
                break;
            case SignalEvent signal:
                int signalTask = See(signal.ThreadId, signal.ProcessId);
                if (_printsTrace && _filter.MatchesSignal(signal.Signal))
                    WriteLine(signalTask, signal.Timestamp, signal.Text);
                break;
            case GroupStopEvent stop:
                int stoppedTask = See(stop.ThreadId, stop.ProcessId);
                if (_printsTrace && _filter.MatchesSignal(stop.Signal))
                    WriteLine(stoppedTask, stop.Timestamp, stop.Text);
                break;
            case ProcessStartEvent start:
                _tasks.Revive(start.ProcessId);
                See(start.ProcessId, start.ProcessId);
                break;
            case ProcessExecEvent exec when exec.FormerThreadId != exec.ProcessId:
                // The old leader's line, as strace prints it; the thread that ran execve carries on as the process.
                if (_printsTrace && !IsQuiet(QuietMessages.ThreadExecve))
                    WriteLine(exec.ProcessId, exec.Timestamp, $"+++ superseded by execve in pid {exec.FormerThreadId} +++");
                _tasks.TakeOver(exec.FormerThreadId, exec.ProcessId);
                break;
            case ProcessExitEvent exit:
                if (_printsTrace && !IsQuiet(QuietMessages.Exit) && (exit.Signal is not int s || _filter.MatchesSignal(s)))
                    WriteLine(exit.ProcessId, exit.Timestamp, exit.Text);
                _tasks.RemoveProcess(exit.ProcessId);
                break;
        }
    }

    private void WriteCall(SyscallEvent call)
    {
        int task = See(call.ThreadId, call.ProcessId);
        if (_tasks.SwitchArch(task, call.Arch) && !IsQuiet(QuietMessages.Personality))
            WriteLine(task, call.Timestamp, $"[ Process PID={task} runs in {(call.Arch == SyscallArch.I386 ? 32 : 64)} bit mode. ]");

        if (_filter.MatchesPaths(call))
        {
            if (!call.IsUnfinished)
                _summary?.Add(call);
            if (_printsTrace && _filter.MatchesStatus(call))
                WriteCallLine(task, call);
        }

        // A call that never returned in a thread other than the leader: the thread is gone. strace says how it
        // ended; the engine reports process exits only, so hatrace can say it where the thread called exit(2).
        if (call.IsUnfinished && call.ThreadId != call.ProcessId && task == call.ThreadId)
        {
            if (call.Name == ExitCall && _printsTrace && !IsQuiet(QuietMessages.Exit))
                WriteLine(task, call.Timestamp, $"+++ exited with {call.Arg0 & 0xff} +++");
            _tasks.RemoveThread(task);
        }
    }

    private void WriteCallLine(int task, SyscallEvent call)
    {
        TextWriter writer = StartLine(task, call.Timestamp);
        _line.Append(call.Name).Append('(').Append(call.Arguments.ToString()).Append(')');
        // strace pads to the column before " = ", counting the whole line, prefix and timestamps included.
        if (_line.Length < _options.Column - 1)
            _line.Append(' ', _options.Column - 1 - _line.Length);
        _line.Append(" = ");
        StraceFormatter.AppendResult(_line, call);
        if (_options.SyscallTimes && !call.IsUnfinished)
            _line.Append(" <").Append(Seconds(call.Duration)).Append('>');
        writer.WriteLine(_line);
    }

    private void WriteLine(int task, DateTime time, string text)
    {
        TextWriter writer = StartLine(task, time);
        _line.Append(text);
        writer.WriteLine(_line);
    }

    // Starts _line with the prefix strace puts before every line, and returns where the line goes.
    private TextWriter StartLine(int task, DateTime time)
    {
        _line.Clear();
        if (_output.IsPerTask)
        {
            // One file per task: no pid needed.
        }
        else if (_output.IsFile && _options.FollowForks)
        {
            _line.Append(task.ToString(CultureInfo.InvariantCulture).PadRight(5)).Append(' ');
        }
        else if (!_output.IsFile && !_tasks.IsAlone(task))
        {
            _line.Append("[pid ").Append(task.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append("] ");
        }
        AppendTimestamps(time);
        return _output.For(task);
    }

    private void AppendTimestamps(DateTime time)
    {
        switch (_options.AbsoluteTimestamps)
        {
            case 0:
                break;
            case 1:
                _line.Append(time.ToString("HH:mm:ss ", CultureInfo.InvariantCulture));
                break;
            case 2:
                _line.Append(time.ToString("HH:mm:ss.ffffff ", CultureInfo.InvariantCulture));
                break;
            default:
                long micros = (time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / 10;
                _line.Append(micros / 1_000_000).Append('.').Append((micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)).Append(' ');
                break;
        }
        if (_options.RelativeTimestamps)
        {
            // Lines come in the order calls returned, so a call that began before the previous line's shows a
            // negative time.
            TimeSpan since = _previousLineTime is { } previous ? time - previous : TimeSpan.Zero;
            string value = Seconds(since).PadLeft(13);
            _line.Append(_options.AbsoluteTimestamps > 0 ? $"(+{value}) " : value + " ");
            _previousLineTime = time;
        }
    }

    // A task's first event: note it, and say so as strace does when it attaches to a new task.
    private int See(int threadId, int processId)
    {
        int task = _tasks.Display(threadId);
        if (_tasks.Add(task, processId) && task != _rootProcessId && !IsQuiet(QuietMessages.Attach))
            _message($"Process {task} attached");
        return task;
    }

    private bool IsQuiet(QuietMessages message) => (_options.Quiet & message) != 0;

    // Seconds with microseconds, as strace prints times: 0.000123.
    private static string Seconds(TimeSpan time)
    {
        long micros = time.Ticks / 10;
        string sign = micros < 0 ? "-" : "";
        micros = Math.Abs(micros);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }
}
